"""The patent list as an Excel workbook: the same selector as the page, so the same scope."""

from collections.abc import Iterable
from io import BytesIO

from openpyxl import Workbook

from ipbureau.core.cells import sheet_cell
from ipbureau.patents.models import Patent

MAX_EXPORT_ROWS = 200_000

COLUMNS: tuple[tuple[str, str], ...] = (
    ("申请号", "application_number"),
    ("名称", "title"),
    ("专利类型", "patent_type_label"),
    ("PCT", "pct_label"),
    ("申请日", "filing_date"),
    ("公开(公告)号", "publication_number"),
    ("公开(公告)日", "publication_date"),
    ("授权公告号", "grant_number"),
    ("授权公告日", "grant_date"),
    ("第一申请人", "first_applicant_name"),
    ("地址", "address"),
    ("邮编", "postcode"),
    ("地区代码", "region_id"),
    ("地区", "region_name"),
    ("专利代理机构", "agency_name"),
    ("代理人", "agents"),
    ("主分类号", "ipc_main"),
    ("法律状态", "legal_status"),
)


def _row(patent: Patent) -> dict:
    return {
        "application_number": patent.application_number or "",
        "title": patent.title,
        "patent_type_label": patent.get_patent_type_display(),
        "pct_label": "是" if patent.is_pct else "",
        "filing_date": patent.filing_date,
        "publication_number": patent.publication_number,
        "publication_date": patent.publication_date,
        "grant_number": patent.grant_number,
        "grant_date": patent.grant_date,
        "first_applicant_name": patent.first_applicant.name if patent.first_applicant else "",
        "address": patent.address,
        "postcode": patent.postcode,
        "region_id": patent.region_id or "",
        "region_name": patent.region.name if patent.region else patent.get_placement_display(),
        "agency_name": patent.agency.name if patent.agency else "",
        "agents": patent.agents,
        "ipc_main": patent.ipc_main,
        "legal_status": patent.legal_status,
    }


def patents_workbook(patents: Iterable[Patent]) -> bytes:
    """An .xlsx of the given patents (at most MAX_EXPORT_ROWS); dates stay Excel dates, and
    a title or name beginning with = stays text (core.cells)."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("专利")
    sheet.append([label for label, _ in COLUMNS])
    for count, patent in enumerate(patents):
        if count >= MAX_EXPORT_ROWS:
            break
        values = _row(patent)
        cells = []
        for _, key in COLUMNS:
            cell = sheet_cell(sheet, values[key])
            if key.endswith("_date") and values[key]:
                cell.number_format = "yyyy-mm-dd"
            cells.append(cell)
        sheet.append(cells)
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
