"""Small export files written by the tests, in the formats offices receive."""

import csv
import datetime
from pathlib import Path

from ipbureau.orgs.models import Agency, Organization, OrgKind
from ipbureau.patents.models import Patent, PatentApplicant, PatentType, Placement
from ipbureau.patents.numbers import check_character

CANONICAL_HEADER = [
    "application_number",
    "filing_date",
    "publication_number",
    "publication_date",
    "grant_number",
    "grant_date",
    "title",
    "applicants",
    "inventors",
    "address",
    "postcode",
    "agency",
    "agents",
    "ipc",
    "legal_status",
]


def app_number(year: int, type_digit: int, serial: int) -> str:
    body = f"{year}{type_digit}{serial:07d}"
    return f"{body}.{check_character(body)}"


def canonical_row(serial: int, **overrides: str) -> dict[str, str]:
    row = {
        "application_number": app_number(2008, 1, serial),
        "filing_date": "2008-03-15",
        "publication_number": f"CN1012{serial:05d}A",
        "publication_date": "2008-09-10",
        "grant_number": "",
        "grant_date": "",
        "title": f"一种测试装置{serial}",
        "applicants": "兰州大学",
        "inventors": "张三;李四",
        "address": "甘肃省兰州市城关区天水南路222号",
        "postcode": "730000",
        "agency": "兰州振华专利代理有限责任公司",
        "agents": "王五",
        "ipc": "G01N33/00",
        "legal_status": "审中",
    }
    row.update(overrides)
    return row


def write_canonical(path: Path, rows: list[dict[str, str]]) -> Path:
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=CANONICAL_HEADER)
        writer.writeheader()
        writer.writerows(rows)
    return path


TYPE_DIGIT = {PatentType.INVENTION: 1, PatentType.UTILITY: 2, PatentType.DESIGN: 3}


def make_patent(
    serial: int,
    region: str | None = "620102",
    *,
    patent_type: str = PatentType.INVENTION,
    year: int = 2008,
    grant_year: int | None = None,
    applicant: str = "兰州大学",
    agency: str = "兰州振华专利代理有限责任公司",
    legal_status: str = "审中",
    placement: str | None = None,
    address: str = "",
) -> Patent:
    """One patent as an import leaves it, written straight to the database."""
    org, _ = Organization.objects.get_or_create(
        normalized_name=applicant, defaults={"name": applicant, "kind": OrgKind.UNKNOWN}
    )
    agency_obj, _ = Agency.objects.get_or_create(normalized_name=agency, defaults={"name": agency})
    patent = Patent.objects.create(
        application_number=app_number(year, TYPE_DIGIT[patent_type], serial),
        patent_type=patent_type,
        filing_date=datetime.date(year, 3, 15),
        grant_date=datetime.date(grant_year, 6, 1) if grant_year else None,
        grant_number=f"CN1{serial:08d}B" if grant_year else "",
        title=f"一种测试装置{serial}",
        first_applicant=org,
        address=address,
        region_id=region,
        placement=placement or (Placement.ADDRESS if region else Placement.UNPLACED),
        agency=agency_obj,
        legal_status=legal_status,
    )
    PatentApplicant.objects.create(patent=patent, organization=org, position=1)
    return patent
