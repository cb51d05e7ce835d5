"""Validation of raw records into PatentRecords, and the whole real CNIPA 2017 data set."""

from collections import Counter
from datetime import date, timedelta

import pytest
from ipbureau_testing.realdata import require_realdata

from ipbureau.patents.readers import RawRecord, open_records
from ipbureau.patents.records import PatentRecord, RowError, build_record, split_names


def raw(line: int = 7, source: str = "table_csv", **fields: str) -> RawRecord:
    base = {"application_number": "201710601862.3", "filing_date": "2017-07-21"}
    return RawRecord(line, {**base, **fields}, None, source)


def error_of(record: RawRecord) -> str:
    with pytest.raises(RowError) as caught:
        build_record(record)
    assert caught.value.line == record.line
    return caught.value.message


# --- the happy path ---------------------------------------------------------------------


def test_full_cnipa_row_becomes_a_typed_record():
    record = build_record(
        raw(
            publication_number="CN 107301234 A",
            publication_date="2017.10.27",
            title=" 一种测试装置 ",
            applicants="甘肃某某科技有限公司；兰州大学; 甘肃某某科技有限公司",
            inventors="张三;李四",
            address="甘肃省兰州市城关区天水南路222号",
            postcode="730000",
            agency="兰州某专利代理事务所",
            agents="王五",
            ipc_main="G01N 33/00",
            ipc="G01N33/00;G01N21/01;",
            legal_status="实质审查",
            abstract="本发明公开了一种测试装置。",
        )
    )
    assert record == PatentRecord(
        line=7,
        application_number="201710601862.3",
        patent_type="invention",
        is_pct=False,
        filing_date=date(2017, 7, 21),
        publication_number="CN107301234A",
        publication_kind="A",
        publication_date=date(2017, 10, 27),
        grant_number=None,
        grant_date=None,
        title="一种测试装置",
        abstract="本发明公开了一种测试装置。",
        applicants=("甘肃某某科技有限公司", "兰州大学"),
        inventors=("张三", "李四"),
        address="甘肃省兰州市城关区天水南路222号",
        postcode="730000",
        agency="兰州某专利代理事务所",
        agents=("王五",),
        ipc_main="G01N33/00",
        ipc=("G01N33/00", "G01N21/01"),
        legal_status="实质审查",
        province=None,
        city=None,
        county=None,
        priority_date=None,
    )


def test_standard_form_number_is_stored_in_canonical_form():
    record = build_record(raw(application_number="CN102016000058726", filing_date="20160128"))
    assert record.application_number == "201610058726.X"


def test_pct_national_phase_is_flagged():
    record = build_record(raw(application_number="CN201480021818.X", filing_date="20140102"))
    assert (record.patent_type, record.is_pct) == ("invention", True)


@pytest.mark.parametrize(
    "text",
    [
        "2008-03-15",
        "2008.03.15",
        "2008/3/15",
        "20080315",
        "2008年3月15日",
        "2008-03-15 00:00:00",
        "2008-3-15T00:00",
        " ２００８－０３－１５ ",
    ],
)
def test_every_common_date_spelling_is_accepted(text):
    record = build_record(raw(application_number="200810012345.3", filing_date=text))
    assert record.filing_date == date(2008, 3, 15)


# --- row errors -------------------------------------------------------------------------


def test_wrong_check_digit_is_a_row_error_the_clerk_can_act_on():
    message = error_of(raw(line=19, application_number="200810012345.6"))
    assert message == "第19行：申请号校验位错误，200810012345.6 的校验位应为 3"


def test_invalid_date_is_a_row_error_showing_the_expected_format():
    message = error_of(raw(filing_date="2008-13-40"))
    assert message == "第7行：申请日“2008-13-40”不是有效日期，请写成 2008-03-15 这样的格式"


def test_missing_application_number_is_a_row_error():
    assert error_of(raw(line=3, application_number=" ")) == "第3行：缺少申请号"


def test_missing_filing_date_is_a_row_error():
    assert error_of(raw(filing_date="")) == "第7行：缺少申请日"


def test_dates_before_1985_or_far_in_the_future_are_row_errors():
    assert "早于1985年" in error_of(raw(filing_date="1984-12-31"))
    future = (date.today() + timedelta(days=400)).isoformat()
    assert "将来的日期" in error_of(raw(publication_date=future))


def test_grant_before_filing_is_a_row_error():
    message = error_of(raw(grant_date="2017-01-01"))
    assert message == "第7行：授权公告日 2017-01-01 早于申请日 2017-07-21，请核对"


def test_publication_before_filing_is_a_row_error():
    assert "公开(公告)日 2016-01-01 早于申请日" in error_of(raw(publication_date="2016-01-01"))


def test_bad_postcode_is_a_row_error_but_zero_means_none():
    assert build_record(raw(postcode="0")).postcode is None
    assert build_record(raw(postcode="")).postcode is None
    assert error_of(raw(postcode="7300")) == "第7行：邮编“7300”应为6位数字"


def test_bad_ipc_code_is_a_row_error():
    assert "分类号“XYZ”不是有效的IPC分类号" in error_of(raw(ipc="G01N33/00;XYZ"))


def test_bad_publication_number_is_a_row_error():
    assert error_of(raw(publication_number="公开号")).startswith("第7行：“公开号”不是有效的")


def test_structural_error_from_the_reader_becomes_the_row_error():
    bad = RawRecord(
        886, {"raw": ",北京市朝阳区,100015"}, "第886行：字段数为3，应为10", "cnipa_bibs"
    )
    assert error_of(bad) == "第886行：字段数为3，应为10"


def test_type_text_contradicting_the_application_number_is_a_row_error():
    message = error_of(raw(patent_type="实用新型"))
    assert message == "第7行：专利类型“实用新型”与申请号 201710601862.3（发明）不一致，请核对"


def test_disagreeing_number_forms_in_one_record_are_a_row_error():
    message = error_of(raw(application_number_standard="102016000058726"))
    assert "与标准格式申请号 102016000058726 不一致" in message


# --- documents: publication, grant, corrections ----------------------------------------


def test_invention_grant_document_goes_to_grant_fields_only():
    record = build_record(
        raw(
            application_number="CN201510456240.7",
            filing_date="20150729",
            publication_number="CN105081481B",
            publication_date="20170718",
        )
    )
    assert (record.grant_number, record.grant_date) == ("CN105081481B", date(2017, 7, 18))
    assert (record.publication_number, record.publication_date) == (None, None)
    assert record.publication_kind == "B"


def test_utility_announcement_is_both_publication_and_grant():
    record = build_record(
        raw(
            application_number="201720012345.8",
            filing_date="2017-01-05",
            publication_number="CN206123456U",
            publication_date="2017-08-01",
        )
    )
    assert record.patent_type == "utility"
    assert record.publication_number == record.grant_number == "CN206123456U"
    assert record.publication_date == record.grant_date == date(2017, 8, 1)


def test_correction_points_to_the_corrected_document_and_drops_its_date():
    record = build_record(raw(publication_number="CN107301234B8", publication_date="2019-05-01"))
    assert record.grant_number == "CN107301234B"
    assert record.grant_date is None
    assert record.publication_kind == "B8"


def test_explicit_grant_columns_win_over_the_derived_ones():
    record = build_record(
        raw(
            publication_number="CN107301234A",
            publication_date="2017-10-27",
            grant_number="CN107301234B",
            grant_date="2019-03-01",
        )
    )
    assert record.publication_number == "CN107301234A"
    assert (record.grant_number, record.grant_date) == ("CN107301234B", date(2019, 3, 1))


# --- type, lists and IPC --------------------------------------------------------------


def test_type_comes_from_type_text_when_there_is_no_application_number():
    record = build_record(
        RawRecord(2, {"publication_number": "CN-1234567-C", "filing_date": "2005-01-01",
                      "patent_type": "外观设计"}, None, "google_csv")
    )  # fmt: skip
    assert record.patent_type == "design"


def test_google_rows_have_no_application_number_and_split_names_on_comma_space():
    record = build_record(
        RawRecord(
            3,
            {
                "publication_number": "CN-114583807-B",
                "grant_number": "CN-114583807-B",
                "filing_date": "2022-05-09",
                "publication_date": "2022-10-14",
                "applicants": "深圳海润新能源科技有限公司, 厦门海辰储能科技股份有限公司",
                "inventors": "陈新伟, 李向涛",
            },
            None,
            "google_csv",
        )
    )
    assert record.application_number is None
    assert record.patent_type == "invention"
    assert record.grant_number == "CN114583807B"
    assert record.applicants == ("深圳海润新能源科技有限公司", "厦门海辰储能科技股份有限公司")
    assert record.inventors == ("陈新伟", "李向涛")


def test_google_comma_splitting_keeps_latin_company_suffixes():
    names = split_names("Samsung Electronics Co., Ltd., LG Chem, Ltd., 宁德时代", google=True)
    assert names == ("Samsung Electronics Co., Ltd.", "LG Chem, Ltd.", "宁德时代")


def test_record_without_any_number_is_a_row_error():
    bad = RawRecord(5, {"filing_date": "2022-05-09", "title": "x"}, None, "google_csv")
    assert error_of(bad) == "第5行：缺少申请号和公开(公告)号，无法确定是哪件专利"


def test_type_that_cannot_be_told_is_a_row_error():
    bad = RawRecord(5, {"publication_number": "US-2020123456-A1", "filing_date": "2020-01-01"},
                    None, "google_csv")  # fmt: skip
    assert error_of(bad).startswith("第5行：无法判断专利类型")


def test_ipc_codes_are_normalised_and_the_main_code_is_included():
    record = build_record(
        raw(ipc_main="H05K    1/02    (2006.01)", ipc="h05k 3/06；Ｈ０５Ｋ３／０６, G06F 17/30")
    )
    assert record.ipc_main == "H05K1/02"
    assert record.ipc == ("H05K1/02", "H05K3/06", "G06F17/30")


def test_ipc_codes_separated_only_by_spaces_are_split():
    assert build_record(raw(ipc="H05K1/02 H05K3/06")).ipc == ("H05K1/02", "H05K3/06")


def test_first_ipc_code_is_the_main_one_when_none_is_given():
    assert build_record(raw(ipc="B07C5/342;G06Q40/02;")).ipc_main == "B07C5/342"


def test_region_fields_are_kept_as_given():
    record = build_record(raw(province="甘肃省", city="平凉市", county="华亭市"))
    assert (record.province, record.city, record.county) == ("甘肃省", "平凉市", "华亭市")


# --- real data ----------------------------------------------------------------------------


def test_every_real_cnipa_line_is_a_valid_record_or_a_reported_bad_line(capsys):
    files = sorted((require_realdata() / "cnipa-2017").glob("*/*.csv.gz"))
    assert len(files) == 42
    bad_lines: Counter[str] = Counter()
    good = 0
    problems: list[tuple[str, int, str]] = []
    canonical_forms: dict[str, set[str]] = {}
    for path in files:
        bad_lines[path.name] += 0  # every file is listed, with 0 when clean
        expected_line = 1
        for raw_record in open_records(path):
            # One record per physical line in this data: no line is skipped or doubled.
            assert raw_record.line == expected_line
            expected_line += 1
            try:
                record = build_record(raw_record)
            except RowError as exc:
                assert exc.message.startswith(f"第{raw_record.line}行：")
                bad_lines[path.name] += 1
                problems.append((path.name, raw_record.line, exc.message))
                continue
            good += 1
            forms = canonical_forms.setdefault(record.application_number, set())
            forms.add(raw_record.fields["application_number"])
    with capsys.disabled():
        print(f"\ncnipa-2017: {good} valid records, {sum(bad_lines.values())} bad lines")
        for name in bad_lines:
            print(f"  {name}: {bad_lines[name]} bad lines")
        for name, _, message in problems:
            print(f"  {name} {message}")
    assert good + sum(bad_lines.values()) == 201_946
    assert [(name, line) for name, line, _ in problems] == [
        ("CN-BIBS-ABSS-10-B_20170718.csv.gz", 886),
        ("CN-BIBS-ABSS-10-B_20170718.csv.gz", 1978),
    ]
    # Applications met in both number formats (A series standard, B series original).
    assert sum(1 for forms in canonical_forms.values() if len(forms) == 2) == 7


def test_same_application_in_both_number_formats_has_the_same_filing_date_and_title():
    root = require_realdata() / "cnipa-2017"
    seen: dict[str, tuple[str, date, str]] = {}
    pairs: set[str] = set()
    for path in sorted(root.glob("*/*.csv.gz")):
        for raw_record in open_records(path):
            if raw_record.error:
                continue
            record = build_record(raw_record)
            form = raw_record.fields["application_number"]
            previous = seen.setdefault(
                record.application_number, (form, record.filing_date, record.title)
            )
            if previous[0] != form:
                pairs.add(record.application_number)
                assert previous[1:] == (record.filing_date, record.title)
    assert len(pairs) == 7


def test_real_xml_record_validates_with_both_forms_agreeing():
    [raw_record] = open_records(require_realdata() / "cnipa-2017" / "CN107087341A.xml")
    record = build_record(raw_record)
    assert record.application_number == "201610058726.X"
    assert record.publication_number == "CN107087341A"
    assert record.applicants[0] == "鹏鼎控股(深圳)股份有限公司"
    assert record.postcode == "518105"


def test_real_google_export_validates():
    rows = list(open_records(require_realdata() / "google-patents" / "patent-info.csv"))
    records = [build_record(r) for r in rows]
    assert len(records) == 19
    assert all(r.application_number is None and r.patent_type == "invention" for r in records)
    assert sum(1 for r in records if r.grant_number) == 18
