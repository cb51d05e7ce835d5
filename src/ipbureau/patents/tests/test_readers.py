"""Readers: every format, encoding and compression on small files written here, plus the
real exports in the shared data folder (skipped when absent)."""

import gzip
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest
from ipbureau_testing.realdata import require_realdata

from ipbureau.patents.readers import (
    CANONICAL_FIELDS,
    FileFormatError,
    RawRecord,
    detect_format,
    open_records,
)

CNIPA_HEADER = (
    "申请号,申请日,公开(公告)号,公开(公告)日,授权公告日,名称,申请(专利权)人,发明(设计)人,"
    "地址,邮编,专利代理机构,代理人,主分类号,分类号,摘要,法律状态"
)
CNIPA_ROW = (
    "201710601862.3,2017-07-21,CN107301234A,2017-10-27,,一种测试装置,甘肃某某科技有限公司;"
    "兰州大学,张三;李四,甘肃省兰州市城关区天水南路222号,730000,兰州某专利代理事务所,王五,"
    "G01N33/00,G01N33/00;G01N21/01,本发明公开了一种测试装置。,实质审查"
)
BIBS_LINES = [
    "CN102015000305529,20150922,CN106540887A,20170329,B07C5/342;,徐州绿之源环境科技有限公司,"
    "于有贞,建筑垃圾智能机器人分拣系统及方法,江苏省徐州市泉山区软件园路6号,221008",
    "CN201510456240.7,20150729,CN105081481B,20170718,B23G1/44;B23G11/00;,天津某有限公司,"
    "某某,一种螺纹加工装置,天津市东丽区,300301",
]


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def records(path: Path) -> list[RawRecord]:
    return list(open_records(path))


# --- CNIPA-style table CSV --------------------------------------------------------------


def test_cnipa_table_csv_maps_chinese_headers_to_canonical_fields(tmp_path):
    path = write(tmp_path / "export.csv", f"{CNIPA_HEADER}\n{CNIPA_ROW}\n")
    assert detect_format(path) == "table_csv"
    [record] = records(path)
    assert record.line == 2
    assert record.error is None
    assert record.fields["application_number"] == "201710601862.3"
    assert record.fields["applicants"] == "甘肃某某科技有限公司;兰州大学"
    assert record.fields["publication_number"] == "CN107301234A"
    assert record.fields["ipc_main"] == "G01N33/00"
    assert record.fields["legal_status"] == "实质审查"
    assert set(record.fields) <= set(CANONICAL_FIELDS)


def test_header_variants_full_width_brackets_spaces_and_bom_are_recognised(tmp_path):
    header = "\ufeff 申请号 ,申请日期,公开（公告）号,发明名称,当前申请（专利权）人,IPC分类号,邮政编码,神秘列"
    row = "201710601862.3,2017-07-21,CN107301234A,名称,某公司,G01N33/00,730000,忽略我"
    [record] = records(write(tmp_path / "v.csv", f"{header}\n{row}\n"))
    assert record.fields == {
        "application_number": "201710601862.3",
        "filing_date": "2017-07-21",
        "publication_number": "CN107301234A",
        "title": "名称",
        "applicants": "某公司",
        "ipc": "G01N33/00",
        "postcode": "730000",
    }


def test_original_applicant_column_beats_current_owner_whatever_the_order(tmp_path):
    text = "当前申请(专利权)人,申请号,申请(专利权)人\n现权利人,201710601862.3,原申请人\n"
    [record] = records(write(tmp_path / "o.csv", text))
    assert record.fields["applicants"] == "原申请人"


def test_incopat_region_columns_are_read(tmp_path):
    text = (
        "申请号,中国申请人省市,中国申请人地市,中国申请人区县\n201710601862.3,甘肃,平凉市,华亭市\n"
    )
    [record] = records(write(tmp_path / "i.csv", text))
    assert (record.fields["province"], record.fields["city"], record.fields["county"]) == (
        "甘肃",
        "平凉市",
        "华亭市",
    )


def test_gb18030_encoded_csv_is_decoded(tmp_path):
    path = write(tmp_path / "gbk.csv", f"{CNIPA_HEADER}\n{CNIPA_ROW}\n", "gb18030")
    [record] = records(path)
    assert record.fields["title"] == "一种测试装置"


def test_utf8_bom_csv_is_decoded_and_the_bom_is_not_part_of_the_first_header(tmp_path):
    path = write(tmp_path / "bom.csv", f"\ufeff{CNIPA_HEADER}\n{CNIPA_ROW}\n")
    [record] = records(path)
    assert record.fields["application_number"] == "201710601862.3"


def test_utf16_tab_separated_unicode_text_from_excel_is_read(tmp_path):
    text = "申请号\t名称\r\n201710601862.3\t一种测试装置\r\n"
    [record] = records(write(tmp_path / "u.txt", text, "utf-16"))
    assert record.fields == {"application_number": "201710601862.3", "title": "一种测试装置"}


def test_tsv_is_recognised_by_its_tabs(tmp_path):
    text = "申请号\t名称\t申请人\n201710601862.3\t名称, 含逗号\t某公司\n"
    [record] = records(write(tmp_path / "t.tsv", text))
    assert record.fields["title"] == "名称, 含逗号"


def test_gzip_is_detected_by_magic_bytes_not_by_name(tmp_path):
    path = tmp_path / "export.csv"  # no .gz suffix on purpose
    path.write_bytes(gzip.compress(f"{CNIPA_HEADER}\n{CNIPA_ROW}\n".encode("gb18030")))
    assert detect_format(path) == "table_csv"
    [record] = records(path)
    assert record.fields["title"] == "一种测试装置"


def test_row_with_wrong_field_count_is_a_bad_record_and_reading_goes_on(tmp_path):
    text = "申请号,名称,申请人\n201710601862.3,甲,乙\n201710601862.3,丙\n201710601862.3,丁,戊\n"
    first, bad, last = records(write(tmp_path / "b.csv", text))
    assert first.error is None and last.error is None
    assert bad.line == 3
    assert bad.error == "第3行：字段数为2，应为3，该记录可能被拆成了多行"
    assert last.line == 4 and last.fields["title"] == "丁"


def test_trailing_empty_cells_are_harmless_but_extra_content_is_not(tmp_path):
    text = "申请号,名称\n201710601862.3,甲,\n201710601862.3,乙,多余\n"
    ok, bad = records(write(tmp_path / "e.csv", text))
    assert ok.error is None and ok.fields["title"] == "甲"
    assert bad.error.startswith("第3行：字段数为3，应为2")


def test_line_numbers_stay_exact_after_quoted_fields_with_newlines(tmp_path):
    text = '申请号,名称,摘要\n201710601862.3,甲,"第一段\n第二段\n第三段"\n\n201710601862.3,乙,短\n'
    first, second = records(write(tmp_path / "q.csv", text))
    assert first.line == 2
    assert first.fields["abstract"] == "第一段\n第二段\n第三段"
    assert second.line == 6


def test_an_unclosed_quote_swallowing_the_rest_of_the_file_is_reported(tmp_path):
    text = '申请号,名称\n201710601862.3,"没有闭合\n201710601862.3,乙\n201710601862.3,丙\n'
    [bad] = records(write(tmp_path / "s.csv", text))
    assert bad.line == 2
    assert bad.error.startswith("第2行：引号没有闭合")
    assert "第4行" in bad.error


def test_a_stray_quote_spanning_lines_is_reported_with_its_span(tmp_path):
    text = '申请号,名称\n201710601862.3,"甲\n201710601862.3",乙\n201710601862.3,丙\n'
    bad, good = records(write(tmp_path / "s.csv", text))
    assert bad.error == ("第2行：字段数为3，应为2；该记录从第2行延续到第3行，可能有未配对的引号")
    assert (good.line, good.fields["title"]) == (4, "丙")


def test_text_after_a_closing_quote_is_a_bad_record_and_reading_goes_on(tmp_path):
    text = '申请号,名称\n201710601862.3,"甲"乙\n201710601862.3,丙\n'
    bad, good = records(write(tmp_path / "s.csv", text))
    assert bad.line == 2 and bad.error.startswith("第2行：引号位置不对")
    assert (good.line, good.fields["title"]) == (3, "丙")


def test_file_without_application_number_column_is_refused_listing_what_was_seen(tmp_path):
    path = write(tmp_path / "n.csv", "名称,申请人\n甲,乙\n")
    with pytest.raises(FileFormatError) as caught:
        detect_format(path)
    assert "名称、申请人" in str(caught.value)
    assert "申请号" in str(caught.value)
    with pytest.raises(FileFormatError):
        open_records(path)


def test_encoding_that_changes_after_the_first_megabyte_is_a_clear_error(tmp_path):
    filler = "".join(f"201710601862.3,名称{i}\n" for i in range(60_000)).encode()
    assert len(filler) > 1 << 20
    path = tmp_path / "mixed.csv"
    path.write_bytes("申请号,名称\n".encode() + filler + "201710601862.3,甘肃\n".encode("gbk"))
    with pytest.raises(FileFormatError, match="不是 UTF-8 编码"):
        records(path)


def test_title_rows_above_the_header_are_skipped(tmp_path):
    text = "检索结果导出,,\n共1条,,\n申请号,名称,申请人\n201710601862.3,甲,乙\n"
    [record] = records(write(tmp_path / "title.csv", text))
    assert record.line == 4


# --- canonical CSV --------------------------------------------------------------------


def test_canonical_csv_is_recognised_and_read(tmp_path):
    text = (
        "application_number,filing_date,title,applicants,ipc,patent_type\n"
        "201710601862.3,2017-07-21,一种测试装置,甲公司;乙大学,G01N33/00;G01N21/01,invention\n"
    )
    path = write(tmp_path / "c.csv", text)
    assert detect_format(path) == "canonical_csv"
    [record] = records(path)
    assert record.fields["applicants"] == "甲公司;乙大学"
    assert record.source == "canonical_csv"


# --- XLSX ---------------------------------------------------------------------------


def test_xlsx_cells_become_sensible_strings(tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["专利检索结果"])  # a title row above the header
    sheet.append(["申请号", "申请日", "公开日", "名称", "邮编", "申请人", "专利类型"])
    sheet.append(
        [201710601862.3, datetime(2017, 7, 21), date(2017, 10, 27), "甲", 10010, "乙", "发明"]
    )
    sheet.append([None, None, None, None, None, None, None])  # empty row: skipped
    sheet.append(["97101765.4", "1997-01-02", None, 12345, 730000.0, None, None])
    sheet.append([2123456.7, None, None, None, None, None, None])  # 02123456.7 typed as number
    path = tmp_path / "export.xlsx"
    book.save(path)
    assert detect_format(path) == "xlsx"
    first, second, third = records(path)
    assert first.line == 3
    assert first.fields["application_number"] == "201710601862.3"
    assert first.fields["filing_date"] == "2017-07-21"
    assert first.fields["publication_date"] == "2017-10-27"
    assert first.fields["postcode"] == "010010"  # leading zero restored
    assert first.fields["patent_type"] == "发明"
    assert second.line == 5
    assert second.fields["title"] == "12345"
    assert second.fields["postcode"] == "730000"
    assert third.fields["application_number"] == "02123456.7"


def test_xlsx_without_application_number_column_is_refused(tmp_path):
    book = openpyxl.Workbook()
    book.active.append(["名称", "申请人"])
    book.active.append(["甲", "乙"])
    path = tmp_path / "n.xlsx"
    book.save(path)
    with pytest.raises(FileFormatError, match="名称、申请人"):
        records(path)


def test_old_binary_xls_is_refused_with_advice(tmp_path):
    path = tmp_path / "old.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512))
    with pytest.raises(FileFormatError, match="另存为 .xlsx"):
        detect_format(path)


# --- Google Patents -----------------------------------------------------------------


GOOGLE_EXPORT = (
    'search URL:,"https://patents.google.com/?q=储能&country=CN"\n'
    "id,title,assignee,inventor/author,priority date,filing/creation date,publication date,"
    "grant date,result link,representative figure link\n"
    'CN-114583807-B,储能系统的控制方法 ,宁德时代新能源科技股份有限公司,"陈新伟, 李向涛",'
    "2022-05-09,2022-05-09,2022-10-14,2022-10-14,https://patents.google.com/patent/CN114583807B/zh,\n"
    'CN-114547849-A,储能电站电池工况健康状态预测方法及系统 ,国网浙江省电力有限公司,"张雪松",'
    "2022-01-07,2022-01-07,2022-05-27,,https://patents.google.com/patent/CN114547849A/zh,\n"
)


def test_google_export_with_search_url_line_is_read(tmp_path):
    path = write(tmp_path / "gp.csv", GOOGLE_EXPORT)
    assert detect_format(path) == "google_csv"
    grant, application = records(path)
    assert grant.line == 3
    assert grant.fields["publication_number"] == "CN-114583807-B"
    assert grant.fields["grant_number"] == "CN-114583807-B"
    assert grant.fields["grant_date"] == "2022-10-14"
    assert grant.fields["inventors"] == "陈新伟, 李向涛"
    assert grant.source == "google_csv"
    assert "application_number" not in grant.fields
    assert application.fields["publication_number"] == "CN-114547849-A"
    assert "grant_number" not in application.fields


def test_real_google_patents_file_with_renamed_header_is_read():
    path = require_realdata() / "google-patents" / "patent-info.csv"
    assert detect_format(path) == "google_csv"
    rows = records(path)
    assert len(rows) == 19
    assert all(r.error is None for r in rows)
    assert rows[0].fields["publication_number"] == "CN-114583807-B"
    assert rows[0].fields["filing_date"] == "2022-05-09"


# --- CNIPA XML ------------------------------------------------------------------------


def test_real_cnipa_xml_record_is_read_with_both_number_forms():
    path = require_realdata() / "cnipa-2017" / "CN107087341A.xml"
    assert detect_format(path) == "cnipa_xml"
    [record] = records(path)
    fields = record.fields
    assert record.line == 3
    assert fields["application_number"] == "201610058726.X"
    assert fields["application_number_standard"] == "102016000058726"
    assert fields["filing_date"] == "20160128"
    assert fields["publication_number"] == "CN107087341A"
    assert fields["publication_date"] == "20170822"
    assert fields["title"] == "电路板及其制作方法"
    assert (
        fields["applicants"]
        == "鹏鼎控股(深圳)股份有限公司;宏启胜精密电子（秦皇岛）有限公司;鹏鼎科技股份有限公司"
    )
    assert fields["inventors"] == "李卫祥"
    assert (fields["province"], fields["city"], fields["county"]) == ("广东省", "深圳市", "宝安区")
    assert fields["postcode"] == "518105"
    assert fields["address"] == "广东省深圳市宝安区松岗街道燕川燕罗路"
    assert fields["agency"] == "深圳市赛恩倍吉知识产权代理有限公司"
    assert fields["agency_code"] == "44334"
    assert fields["agents"] == "薛晓伟"
    assert (fields["ipc_main"], fields["ipc"]) == ("H05K1/02", "H05K1/02;H05K3/06")
    assert fields["abstract"].startswith("本发明涉及一种电路板")


def test_xml_file_with_several_records_gives_each_with_its_start_line(tmp_path):
    record = """<business:PatentDocumentAndRelated xmlns:business="http://www.sipo.gov.cn/XMLSchema/business" xmlns:base="http://www.sipo.gov.cn/XMLSchema/base">
  <business:BibliographicData>
    <business:PublicationReference dataFormat="original"><base:DocumentID>
      <base:WIPOST3Code>CN</base:WIPOST3Code><base:DocNumber>{pub}</base:DocNumber>
      <base:Kind>{kind}</base:Kind><base:Date>20170822</base:Date></base:DocumentID>
    </business:PublicationReference>
    <business:ApplicationReference dataFormat="original"><base:DocumentID>
      <base:DocNumber>{app}</base:DocNumber><base:Date>20160128</base:Date></base:DocumentID>
    </business:ApplicationReference>
    <business:InventionTitle>标题</business:InventionTitle>
  </business:BibliographicData>
</business:PatentDocumentAndRelated>
"""
    text = (
        '<?xml version="1.0" encoding="GBK"?>\n<root>\n'
        + record.format(pub="107087341", kind="A", app="201610058726.X")
        + record.format(pub="105081481", kind="B", app="201510456240.7")
        + "</root>\n"
    )
    first, second = records(write(tmp_path / "two.xml", text, "gbk"))
    assert (first.line, second.line) == (3, 15)
    assert first.fields["title"] == "标题"
    assert "grant_number" not in first.fields
    assert second.fields["grant_number"] == "CN105081481B"
    assert second.fields["grant_date"] == "20170822"


def test_broken_xml_is_a_file_error_with_a_line(tmp_path):
    path = write(tmp_path / "bad.xml", "<?xml version='1.0'?>\n<root>\n<a>\n</root>\n")
    with pytest.raises(FileFormatError, match="第\\d+行"):
        records(path)


def test_xml_without_cnipa_records_is_refused(tmp_path):
    with pytest.raises(FileFormatError, match="PatentDocumentAndRelated"):
        records(write(tmp_path / "other.xml", "<root><x/></root>\n"))


# --- headerless CNIPA bibliographic CSV ---------------------------------------------------


def test_headerless_cnipa_bibs_csv_is_recognised_and_grants_are_told_by_kind(tmp_path):
    path = write(tmp_path / "bibs.csv", "\n".join(BIBS_LINES) + "\n")
    assert detect_format(path) == "cnipa_bibs"
    application, grant = records(path)
    assert application.line == 1
    assert application.fields["second_name"] == "于有贞"
    assert "grant_number" not in application.fields
    assert grant.fields["grant_number"] == "CN105081481B"
    assert grant.fields["grant_date"] == "20170718"


def test_record_split_over_two_lines_is_reported_and_the_next_record_is_read(tmp_path):
    broken = BIBS_LINES[1].rsplit(",", 2)
    lines = [BIBS_LINES[0], broken[0], "," + ",".join(broken[1:]), BIBS_LINES[0]]
    first, bad_head, bad_tail, last = records(write(tmp_path / "split.csv", "\n".join(lines)))
    assert first.error is None and last.error is None
    assert bad_head.error == "第2行：字段数为8，应为10，该记录可能被拆成了多行"
    assert bad_tail.error == "第3行：字段数为3，应为10，该记录可能被拆成了多行"
    assert last.line == 4


def test_real_cnipa_broken_lines_become_bad_records_and_the_next_lines_read_fine():
    path = require_realdata() / "cnipa-2017" / "B" / "CN-BIBS-ABSS-10-B_20170718.csv.gz"
    by_line = {r.line: r for r in records(path)}
    assert by_line[886].error == "第886行：字段数为3，应为10，该记录可能被拆成了多行"
    assert by_line[1978].error.startswith("第1978行：字段数为1")
    assert by_line[887].fields["application_number"] == "CN201510458158.8"
    assert by_line[1979].error is None
    assert max(by_line) == len(by_line)  # one record per physical line in this data
