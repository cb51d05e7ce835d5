"""Streaming readers: one export file in, raw records out, never the whole file in memory.

``open_records(path)`` yields ``RawRecord`` objects whose ``fields`` use the canonical field
names below, whatever the source called its columns; ``detect_format(path)`` names the
format. Structural problems of one record (wrong field count, a record split over lines)
become a RawRecord with ``error`` set, and reading goes on; problems of the whole file
(unknown format, no 申请号 column, encoding changing midway) raise ``FileFormatError``.

Formats read (``detect_format`` returns the name in brackets):

* ``table_csv``: CSV/TSV with Chinese headers from CNIPA-style search systems, incoPat and
  PatSnap (申请号, 申请日, 公开(公告)号 ... see ``_SYNONYMS``); unknown columns are ignored;
* ``xlsx``: the same headers in the first sheet of an Excel workbook (header row = first
  row with an application-number column);
* ``google_csv``: a Google Patents CSV export (optional ``search URL:`` first line); it has
  no application number, the ``id`` goes to publication_number;
* ``cnipa_xml``: CNIPA standard XML (``business:PatentDocumentAndRelated`` records);
* ``cnipa_bibs``: headerless 10-column CNIPA bibliographic CSV (CN-BIBS-ABSS-10-A/B);
  column 7 (second applicant or first inventor, ambiguous) goes to ``second_name``;
* ``canonical_csv``: the project's own format:

  The canonical CSV is UTF-8 (a BOM is allowed), comma-separated, quoted the way Excel
  and Python's csv module quote. Its first line is a header of canonical field names,
  in any order: application_number, filing_date, publication_number, publication_date,
  grant_date, grant_number, title, applicants, inventors, address, postcode, agency,
  agents, ipc_main, ipc, abstract, legal_status, patent_type, province, city, county,
  priority_date. Any subset may be given as long as it includes application_number.
  Dates are YYYY-MM-DD; application_number is the original form with dot and check
  character (200810012345.6); patent_type is invention, utility or design. Multi-valued
  fields (applicants, inventors, agents, ipc) separate values with ";" and keep their
  order (the first applicant first).

Any of these may be gzip-compressed (recognised by magic bytes, not by name). Text is
UTF-8 with or without BOM, UTF-16 with BOM (Excel's "Unicode text") or GB18030 (which
covers GBK and GB2312), decided on the first megabyte.

Field values are raw strings (multi-valued ones unsplit); validation is records.py's job.
For grant documents (kind B/C, not corrections) of the bibs, Google and XML formats the
readers also copy the publication number/date into grant_number/grant_date.
``RawRecord.error`` is a complete Chinese sentence starting with "第N行：".
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import gzip
import io
import itertools
import re
import unicodedata
import xml.etree.ElementTree as ET
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from operator import itemgetter
from pathlib import Path
from typing import IO

from .numbers import gettext_noop

__all__ = [
    "CANONICAL_FIELDS",
    "FORMATS",
    "FileFormatError",
    "RawRecord",
    "detect_format",
    "open_records",
]

CANONICAL_FIELDS: tuple[str, ...] = (
    "application_number", "filing_date", "publication_number", "publication_date",
    "grant_date", "grant_number", "title", "applicants", "inventors", "address", "postcode",
    "agency", "agents", "ipc_main", "ipc", "abstract", "legal_status", "patent_type",
    "province", "city", "county", "priority_date",
)  # fmt: skip
TABLE, XLSX, GOOGLE, XML, BIBS, CANONICAL = (
    "table_csv", "xlsx", "google_csv", "cnipa_xml", "cnipa_bibs", "canonical_csv",
)  # fmt: skip
FORMATS: tuple[str, ...] = (TABLE, XLSX, GOOGLE, XML, BIBS, CANONICAL)

SAMPLE_BYTES = 1 << 20  # encoding and format are decided on the first megabyte
HEADER_SEARCH_ROWS = 20  # title rows some exports put above the header
BIBS_COLUMNS = 10

# Header text (after normalise_header) -> canonical field. The order within a field is its
# priority when a file has several columns for it: the original applicant beats the
# current owner (statistics count who applied), the first-applicant address beats others.
_SYNONYMS: dict[str, tuple[str, ...]] = {
    "application_number": ("申请号", "专利申请号", "申请(专利)号", "申请专利号", "专利号"),
    "filing_date": ("申请日", "申请日期", "申请时间"),
    "publication_number": (
        "公开(公告)号", "公开公告号", "公开号", "申请公布号", "公布号", "公告号", "公开号码",
    ),
    "publication_date": (
        "公开(公告)日", "公开公告日", "公开日", "申请公布日", "公布日", "公告日", "公开日期",
        "公告日期",
    ),
    "grant_date": ("授权公告日", "授权日", "授权日期", "授权公告日期"),
    "grant_number": ("授权公告号", "授权号"),
    "title": ("名称", "发明名称", "专利名称", "标题", "发明创造名称", "中文标题", "标题(中文)", "题名"),
    "applicants": (
        "申请(专利权)人", "申请人", "专利权人", "原始申请(专利权)人", "申请人名称",
        "当前申请(专利权)人", "当前专利权人", "权利人",
    ),
    "inventors": ("发明(设计)人", "发明人", "设计人", "发明人姓名"),
    "address": (
        "第一申请人地址", "申请人地址", "地址", "申请(专利权)人地址", "专利权人地址",
        "当前申请(专利权)人地址",
    ),
    "postcode": ("邮编", "邮政编码", "申请人邮编"),
    "agency": ("专利代理机构", "代理机构", "代理机构名称"),
    "agents": ("代理人", "专利代理人", "代理人姓名"),
    "ipc_main": ("主分类号", "ipc主分类", "主ipc", "ipc主分类号", "主分类"),
    "ipc": ("分类号", "ipc分类号", "ipc", "国际专利分类号", "ipc分类"),
    "abstract": ("摘要", "中文摘要", "摘要(中文)"),
    "legal_status": ("当前法律状态", "法律状态", "法律状态/事件", "有效性"),
    "patent_type": ("专利类型", "类型", "专利种类"),
    "province": (
        "中国申请人省市", "申请人省份", "申请人省市", "第一申请人省份",
        "当前申请(专利权)人省份", "省份", "省市",
    ),
    "city": (
        "中国申请人地市", "申请人地市", "申请人城市", "第一申请人地市",
        "当前申请(专利权)人地市", "地市", "城市",
    ),
    "county": (
        "中国申请人区县", "申请人区县", "第一申请人区县", "当前申请(专利权)人区县", "区县",
    ),
    "priority_date": ("优先权日", "最早优先权日", "优先权日期"),
}  # fmt: skip
# Google Patents: both the raw export header and the renamed one of google-patent-spider.
_GOOGLE: dict[str, str] = {
    "id": "publication_number", "title": "title", "assignee": "applicants",
    "inventor/author": "inventors", "author": "inventors", "prioritydate": "priority_date",
    "prioritydate(earliest)": "priority_date", "filing/creationdate": "filing_date",
    "filingdate": "filing_date", "publicationdate": "publication_date",
    "grantdate": "grant_date",
}  # fmt: skip


def normalise_header(text: str) -> str:
    """Header cell -> lookup key: NFKC (full-width brackets and letters to ASCII), no
    BOM, no whitespace, no trailing colon, lower case (for IPC and English names)."""
    text = unicodedata.normalize("NFKC", text).replace("\ufeff", "")
    return "".join(text.split()).rstrip(":").replace("（", "(").replace("）", ")").lower()


_HEADER_RANK: dict[str, tuple[str, int]] = {name: (name, -1) for name in CANONICAL_FIELDS}
for _field, _names in _SYNONYMS.items():
    for _rank, _name in enumerate(_names):
        _HEADER_RANK[normalise_header(_name)] = (_field, _rank)
_APP_KEYS = frozenset(k for k, (f, _) in _HEADER_RANK.items() if f == "application_number")

_BIBS_FIELDS = (
    "application_number", "filing_date", "publication_number", "publication_date", "ipc",
    "applicants", "second_name", "title", "address", "postcode",
)  # fmt: skip
_LOOKS_LIKE_APP = re.compile(r"(?:CN|ZL)?\s*\d{8,15}(?:\.[\dXx])?")
_POSTCODE_IN_ADDRESS = re.compile(r"^\d{6}\s+")
_AGENCY_CODE = re.compile(r"^(.*\S)\s+(\d{5})$")


class FileFormatError(Exception):
    """The file as a whole cannot be read; the message (Chinese) says why and what to do."""


@dataclass(slots=True)
class RawRecord:
    """One record as found in the file: ``line`` is the 1-based physical line (XLSX: sheet
    row) where it starts; ``source`` the format name (records.py splits Google's lists on
    ", ")."""

    line: int
    fields: dict[str, str]
    error: str | None = None
    source: str = field(default="")


@dataclass(slots=True)
class _Sniffed:
    format: str
    encoding: str = "utf-8"
    delimiter: str = ","
    skip_rows: int = 0  # csv rows before the header (title rows, "search URL:")
    header: list[str] | None = None


# --- opening and sniffing ---------------------------------------------------------------


def _open_binary(path: Path) -> IO[bytes]:
    with open(path, "rb") as fh:
        magic = fh.read(2)
    return gzip.open(path, "rb") if magic == b"\x1f\x8b" else open(path, "rb")


def _encoding_of(head: bytes) -> str:
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    for encoding in ("utf-8", "gb18030"):
        try:
            # final=False: the sample may end in the middle of a multi-byte character.
            codecs.getincrementaldecoder(encoding)("strict").decode(head, final=False)
        except UnicodeDecodeError:
            continue
        return encoding
    raise FileFormatError(
        gettext_noop(
            "无法识别文件编码：既不是 UTF-8，也不是 GB18030/GBK。请在 Excel 中另存为“CSV UTF-8”后重试"
        )
    )


# What reading a damaged file raises: gzip.BadGzipFile and disk errors are OSErrors, a
# truncated gzip ends in EOFError, a corrupt deflate stream (gzip or a workbook's zip
# members) in zlib.error, a damaged workbook in BadZipFile or (its XML) a SyntaxError,
# which ElementTree's ParseError and lxml's XMLSyntaxError are.
_READ_ERRORS = (OSError, EOFError, zlib.error, zipfile.BadZipFile, SyntaxError)


def _is_gzip(path: Path) -> bool:
    with open(path, "rb") as fh:
        return fh.read(2) == b"\x1f\x8b"


def _unreadable(path: Path, fmt: str | None, line: int, exc: BaseException) -> FileFormatError:
    """The error for a file that breaks off or is damaged: said in terms of what the file
    is (a gzip, a workbook), with the last line read, for the clerk to fetch it again."""
    where = (
        gettext_noop("读到第{line}行后出错").format(line=line)
        if line
        else gettext_noop("读取文件开头时出错")
    )
    if _is_gzip(path):
        message = gettext_noop(
            "gzip 压缩文件不完整或已损坏（{where}：{error}），可能在下载或复制时被截断。"
            "请重新获取完整的文件后再导入"
        )
    elif fmt == XLSX:
        message = gettext_noop(
            "Excel 工作簿已损坏（{where}：{error}）。请在 Excel 中打开并另存为 .xlsx 后重试"
        )
    else:
        message = gettext_noop(
            "文件无法读取（{where}：{error}），可能已损坏或不完整。请重新获取文件后再导入"
        )
    return FileFormatError(message.format(where=where, error=str(exc) or type(exc).__name__))


def _guarded(path: Path, fmt: str, records: Iterator[RawRecord]) -> Iterator[RawRecord]:
    """The records, a damaged file's error (_READ_ERRORS) raised as FileFormatError."""
    line = 0
    try:
        for record in records:
            line = record.line
            yield record
    except _READ_ERRORS as exc:
        raise _unreadable(path, fmt, line, exc) from exc


def _sniff(path: Path) -> _Sniffed:
    try:
        with _open_binary(path) as fh:
            head = fh.read(SAMPLE_BYTES)
    except _READ_ERRORS as exc:
        raise _unreadable(path, None, 0, exc) from exc
    if head.startswith(b"PK\x03\x04"):
        return _Sniffed(XLSX)
    if head.startswith(b"\xd0\xcf\x11\xe0"):  # OLE2: Excel 97-2003 .xls, common in offices
        raise FileFormatError(
            gettext_noop(
                "这是旧版 Excel（.xls）文件，无法直接读取。请在 Excel 中另存为 .xlsx 或“CSV UTF-8”后重试"
            )
        )
    encoding = _encoding_of(head)
    text = codecs.getincrementaldecoder(encoding)("strict").decode(head, final=False)
    text = text.lstrip("\ufeff")
    if text.lstrip().startswith("<"):
        return _Sniffed(XML, encoding=encoding)
    if len(head) == SAMPLE_BYTES and "\n" in text:
        text = text[: text.rindex("\n") + 1]  # keep whole lines only
    lines = text[:65536].splitlines()  # the header is near the top
    first = next((ln for ln in lines if ln.strip()), "")
    skip = 0
    if first.lower().startswith("search url:"):
        skip, first = 1, next((ln for ln in lines[1:] if ln.strip()), "")
    delimiter = "\t" if first.count("\t") > first.count(",") else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    rows = list(itertools.islice(reader, HEADER_SEARCH_ROWS + skip))
    for index, row in enumerate(rows[skip:], skip):
        keys = [normalise_header(c) for c in row]
        if keys and keys[0] == "id" and "title" in keys and any(k in _GOOGLE for k in keys[2:]):
            return _Sniffed(GOOGLE, encoding, delimiter, index, row)
        if any(k in _APP_KEYS for k in keys):
            named = [k for k in keys if k]
            fmt = CANONICAL if all(k in CANONICAL_FIELDS for k in named) else TABLE
            return _Sniffed(fmt, encoding, delimiter, index, row)
        if index == 0 and len(row) == BIBS_COLUMNS and _LOOKS_LIKE_APP.fullmatch(row[0].strip()):
            return _Sniffed(BIBS, encoding, delimiter)
    seen = rows[skip] if len(rows) > skip else []
    raise FileFormatError(_no_app_column_message(seen))


def _no_app_column_message(seen: list[str]) -> str:
    shown = "、".join(c.strip() for c in seen if c.strip())[:300] or gettext_noop("（空）")
    return gettext_noop(
        "文件中找不到申请号列，无法导入。看到的列名：{seen}。应包含“申请号”列"
        "（也可写作 专利申请号、专利号、application_number），常见的其他列为 申请日、"
        "公开(公告)号、公开(公告)日、授权公告日、名称、申请(专利权)人、发明(设计)人、地址、"
        "邮编、专利代理机构、代理人、主分类号、分类号、摘要、法律状态"
    ).format(seen=shown)


def detect_format(path: str | Path) -> str:
    """Name of the file's format (one of FORMATS); FileFormatError when unrecognised."""
    return _sniff(Path(path)).format


def open_records(path: str | Path) -> Iterator[RawRecord]:
    """Yield the file's records one by one (see module doc); FileFormatError for the file."""
    path = Path(path)
    sniffed = _sniff(path)
    if sniffed.format == XLSX:
        records = _xlsx_records(path)
    elif sniffed.format == XML:
        records = _xml_records(path, sniffed.encoding)
    else:
        records = _csv_records(path, sniffed)
    return _guarded(path, sniffed.format, records)


# --- CSV family ---------------------------------------------------------------------------


def _column_plan(header: list[str], names: dict[str, tuple[str, int]]) -> list[tuple[int, str]]:
    """(column index, canonical field) pairs; per field the best-ranked column wins."""
    best: dict[str, tuple[int, int]] = {}
    for index, cell in enumerate(header):
        hit = names.get(normalise_header(cell))
        if hit is not None and (hit[0] not in best or hit[1] < best[hit[0]][0]):
            best[hit[0]] = (hit[1], index)
    return sorted((index, name) for name, (_, index) in best.items())


def _fill_grant(fields: dict[str, str]) -> None:
    """A grant document (B/C; not a B8/B9 correction, whose date is the correction's)
    also gives the grant number and date."""
    number = fields.get("publication_number", "").rstrip()
    if number[-1:] in ("B", "C"):  # a correction ends in its digit (B8) and is left out
        if not fields.get("grant_number"):
            fields["grant_number"] = number
        if not fields.get("grant_date"):
            fields["grant_date"] = fields.get("publication_date", "")


def _count_error(start: int, end: int, got: int, expected: int) -> str:
    if end > start:
        return gettext_noop(
            "第{line}行：字段数为{got}，应为{expected}；该记录从第{line}行延续到第{end}行，"
            "可能有未配对的引号"
        ).format(line=start, got=got, expected=expected, end=end)
    if got < expected:
        return gettext_noop(
            "第{line}行：字段数为{got}，应为{expected}，该记录可能被拆成了多行"
        ).format(line=start, got=got, expected=expected)
    return gettext_noop(
        "第{line}行：字段数为{got}，应为{expected}，可能有内容含逗号却未加引号"
    ).format(line=start, got=got, expected=expected)


def _csv_error(start: int, end: int, exc: csv.Error) -> str:
    reason = str(exc)
    if "unexpected end of data" in reason:
        message = gettext_noop(
            "第{line}行：引号没有闭合，从第{line}行到文件末尾（第{end}行）都被当作了同一条记录，"
            "请检查第{line}行的引号"
        )
    elif "field larger than field limit" in reason:
        message = gettext_noop(
            "第{line}行：字段超过128KB，多半是引号没有闭合（从第{line}行读到了第{end}行），"
            "请检查第{line}行的引号"
        )
    elif "expected after" in reason:
        message = gettext_noop(
            "第{line}行：引号位置不对，右引号后面应紧跟分隔符或换行；"
            '字段内的引号要写成两个引号（""）'
        )
    else:
        message = gettext_noop("第{line}行：无法按 CSV 格式读取（{reason}）")
    return message.format(line=start, end=end, reason=reason)


def _csv_records(path: Path, sniffed: _Sniffed) -> Iterator[RawRecord]:
    fmt = sniffed.format
    if fmt == BIBS:
        plan = list(enumerate(_BIBS_FIELDS))
        expected = BIBS_COLUMNS
    else:
        assert sniffed.header is not None
        names = {k: (v, 0) for k, v in _GOOGLE.items()} if fmt == GOOGLE else _HEADER_RANK
        plan = _column_plan(sniffed.header, names)
        expected = len(sniffed.header)
    # dict(zip(...)) over an itemgetter is the cheapest per-row mapping (this loop runs
    # once per row of every import).
    keys = tuple(name for _, name in plan)
    indexes = [index for index, _ in plan]
    pick = itemgetter(*indexes) if len(indexes) > 1 else lambda row: (row[indexes[0]],)
    whole = indexes == list(range(expected))
    grant_kinds = fmt in (BIBS, GOOGLE)
    with _open_binary(path) as binary:
        text = io.TextIOWrapper(binary, encoding=sniffed.encoding, errors="strict", newline="")
        # strict: an unclosed quote at the end of the file, or text right after a closing
        # quote, is an error (a bad record) instead of being silently glued together.
        reader = csv.reader(text, delimiter=sniffed.delimiter, strict=True)
        delimiter = sniffed.delimiter
        try:
            for _ in range(sniffed.skip_rows + (fmt != BIBS)):
                next(reader, None)
            end = reader.line_num
            while True:
                try:
                    for row in reader:
                        start, end = end + 1, reader.line_num
                        if len(row) != expected:
                            if not row or (len(row) == 1 and not row[0].strip()):
                                continue  # blank line
                            # Trailing empty cells (a trailing comma) are harmless.
                            if len(row) < expected or any(c.strip() for c in row[expected:]):
                                err = _count_error(start, end, len(row), expected)
                                yield RawRecord(start, {"raw": delimiter.join(row)}, err, fmt)
                                continue
                        # strict=False: a row may carry extra empty cells (checked above).
                        fields = dict(zip(keys, row if whole else pick(row), strict=False))
                        if grant_kinds:
                            _fill_grant(fields)
                        yield RawRecord(start, fields, None, fmt)
                    return
                except csv.Error as exc:  # malformed quoting (strict mode), see _csv_error
                    if reader.line_num <= end:  # nothing consumed: cannot make progress
                        raise FileFormatError(_csv_error(end + 1, end + 1, exc)) from exc
                    start, end = end + 1, reader.line_num
                    yield RawRecord(start, {}, _csv_error(start, end, exc), fmt)
        except UnicodeDecodeError as exc:
            raise FileFormatError(
                gettext_noop(
                    "第{line}行附近的内容不是 {encoding} 编码（文件前面部分是），"
                    "文件可能由不同编码的内容拼接而成。请统一另存为 UTF-8 后重试"
                ).format(line=reader.line_num + 1, encoding=sniffed.encoding.upper())
            ) from exc


# --- XLSX ---------------------------------------------------------------------------------


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        # Excel stores every number as a float: 2008.0 -> "2008", 200810012345.6 stays.
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value).strip()


def _xlsx_records(path: Path) -> Iterator[RawRecord]:
    import openpyxl  # only needed here; keeps the CSV path import-light

    with _open_binary(path) as binary:
        try:
            book = openpyxl.load_workbook(binary, read_only=True, data_only=True)
        except Exception as exc:  # zip/XML errors of many kinds: the file is not a workbook
            raise FileFormatError(
                gettext_noop(
                    "无法以 Excel 工作簿打开此文件（{error}）。请确认是 .xlsx 文件"
                ).format(error=exc)
            ) from exc
        try:
            rows = book.worksheets[0].iter_rows(min_row=1, values_only=True)
            plan: list[tuple[int, str]] = []
            first_seen: list[str] | None = None
            for number, values in enumerate(rows, 1):
                cells = [_cell_text(v) for v in values]
                if not plan:
                    if first_seen is None and any(cells):
                        first_seen = cells
                    if any(normalise_header(c) in _APP_KEYS for c in cells):
                        plan = _column_plan(cells, _HEADER_RANK)
                    elif number >= HEADER_SEARCH_ROWS:
                        break
                    continue
                if not any(cells):
                    continue
                width = len(cells)
                fields = {name: cells[i] if i < width else "" for i, name in plan}
                _fix_numbers(fields, values, plan)
                yield RawRecord(number, fields, None, XLSX)
            if not plan:
                raise FileFormatError(_no_app_column_message(first_seen or []))
        finally:
            book.close()


def _fix_numbers(fields: dict[str, str], values: tuple, plan: list[tuple[int, str]]) -> None:
    """Numbers typed as Excel numbers lose leading zeros: postcode 010010 -> 10010, a
    2000-2003 application number 02123456.7 -> 2123456.7. Put the zero back."""
    for index, name in plan:
        if name not in ("postcode", "application_number") or index >= len(values):
            continue
        value = values[index]
        if isinstance(value, int | float) and not isinstance(value, bool) and value > 0:
            text = fields[name]
            if name == "postcode" and len(text) < 6:
                fields[name] = text.zfill(6)
            elif name == "application_number" and len(text.partition(".")[0]) == 7:
                fields[name] = "0" + text


# --- CNIPA XML ----------------------------------------------------------------------------

_RECORD_TAG = "PatentDocumentAndRelated"


def _xml_records(path: Path, encoding: str) -> Iterator[RawRecord]:
    # XMLPullParser is what iterparse runs on; feeding it line by line tells us the line
    # where each record starts, which iterparse does not expose.
    parser = ET.XMLPullParser(events=("start", "end"))
    decode = None
    start = found = 0
    with _open_binary(path) as binary:
        line = 0
        try:
            for line, chunk in enumerate(binary, 1):
                if line == 1 and re.search(rb"encoding=['\"](gb\w*)['\"]", chunk, re.I):
                    # expat cannot decode GBK itself; fed text is taken as UTF-8.
                    decode = codecs.getincrementaldecoder("gb18030")("strict").decode
                parser.feed(decode(chunk) if decode else chunk)
                for event, elem in parser.read_events():
                    if elem.tag.rpartition("}")[2] != _RECORD_TAG:
                        continue
                    if event == "start":
                        start = line
                    else:
                        found += 1
                        yield RawRecord(start, _xml_fields(elem), None, XML)
                        elem.clear()
            parser.close()
        except (ET.ParseError, UnicodeDecodeError) as exc:
            raise FileFormatError(
                gettext_noop("XML 文件第{line}行附近有错误，无法继续读取：{error}").format(
                    line=line, error=exc
                )
            ) from exc
    if not found:
        raise FileFormatError(
            gettext_noop("XML 文件中没有 CNIPA 标准格式的著录项目（PatentDocumentAndRelated 元素）")
        )


def _text(elem: ET.Element | None) -> str:
    if elem is None:
        return ""
    value = "".join(elem.itertext()).strip()
    return "" if value == "0" else value  # CNIPA writes 0 for "not given"


def _by_sequence(elems: list[ET.Element]) -> list[ET.Element]:
    return sorted(elems, key=lambda e: int(e.get("sequence") or 0))


def _xml_fields(record: ET.Element) -> dict[str, str]:
    for elem in record.iter():  # namespaces vary between schema versions: drop them
        elem.tag = elem.tag.rpartition("}")[2]
    fields: dict[str, str] = {}
    bib = record.find("BibliographicData")
    bib = bib if bib is not None else record
    for ref in bib.findall("ApplicationReference"):
        key = (
            "application_number"
            if ref.get("dataFormat") != "standard"
            else "application_number_standard"
        )
        fields[key] = _text(ref.find("DocumentID/DocNumber"))
        if not fields.get("filing_date") or key == "application_number":
            fields["filing_date"] = _text(ref.find("DocumentID/Date"))
    if not fields.get("application_number") and fields.get("application_number_standard"):
        fields["application_number"] = fields.pop("application_number_standard")
    pubs = bib.findall("PublicationReference")
    pubs.sort(key=lambda e: e.get("dataFormat") != "original")
    doc = pubs[0].find("DocumentID") if pubs else None
    if doc is not None:
        parts = ("WIPOST3Code", "DocNumber", "Kind")
        fields["publication_number"] = "".join(_text(doc.find(p)) for p in parts)
        fields["publication_date"] = _text(doc.find("Date"))
        _fill_grant(fields)
    fields["title"] = _text(bib.find("InventionTitle"))
    applicants = _by_sequence(bib.findall("Parties/ApplicantDetails/Applicant"))
    fields["applicants"] = ";".join(_text(a.find("AddressBook/Name")) for a in applicants)
    if applicants:
        address = applicants[0].find("AddressBook/Address")
        if address is not None:
            for tag, key in (("Province", "province"), ("City", "city"), ("County", "county")):
                fields[key] = _text(address.find(tag))
            fields["postcode"] = _text(address.find("PostCode"))
            fields["address"] = _POSTCODE_IN_ADDRESS.sub("", _text(address.find("Text")))
    inventors = _by_sequence(bib.findall("Parties/InventorDetails/Inventor"))
    fields["inventors"] = ";".join(_text(i.find("AddressBook/Name")) for i in inventors)
    agents = _by_sequence(bib.findall("Parties/AgentDetails/Agent"))
    fields["agents"] = ";".join(_text(a.find("AddressBook/Name")) for a in agents)
    agency = next((_text(a.find("Agency/AddressBook/OrganizationName")) for a in agents), "")
    m = _AGENCY_CODE.match(agency)  # "某某知识产权代理有限公司 44334": name, then code
    fields["agency"], fields["agency_code"] = (m.group(1), m.group(2)) if m else (agency, "")
    ipcs = [_ipcr(c) for c in _by_sequence(bib.findall(".//ClassificationIPCR"))]
    ipcs += [
        _text(c) for c in bib.findall(".//ClassificationIPC/*") if c.tag.endswith("Classification")
    ]
    if ipcs:
        fields["ipc"], fields["ipc_main"] = ";".join(i for i in ipcs if i), ipcs[0]
    paragraphs = record.findall("Abstract/Paragraphs") or record.findall(".//Abstract//Paragraphs")
    fields["abstract"] = "\n".join(_text(p) for p in paragraphs)
    priorities = [_text(d) for d in bib.findall(".//PriorityClaim//Date")]
    if any(priorities):
        fields["priority_date"] = min(p for p in priorities if p)
    return fields


def _ipcr(elem: ET.Element) -> str:
    parts = [_text(elem.find(t)) for t in ("Section", "MainClass", "Subclass", "MainGroup")]
    subgroup = _text(elem.find("Subgroup"))
    if all(parts) and subgroup:
        return "".join(parts) + "/" + subgroup
    return _text(elem.find("Text"))
