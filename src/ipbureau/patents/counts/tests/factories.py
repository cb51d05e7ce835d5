"""Patents in bulk for statistics tests: thousands of rows in one bulk_create, no import
path, then the summary table rebuilt (or refreshed) from them."""

from datetime import date

from ipbureau.orgs.models import Agency, Organization, OrgKind
from ipbureau.patents.counts.models import (
    KEY_FIELDS,
    TOTAL_KEY_FIELDS,
    PartyMonthCount,
    PartyYearCount,
    PatentDayCount,
    PatentMonthCount,
    PatentMonthTotal,
    PatentYearTotal,
)
from ipbureau.patents.models import Patent, PatentType, Placement

AGENCY_NAME = "甘肃省专利服务中心"


def applicant(kind: str = OrgKind.ENTERPRISE, name: str | None = None) -> Organization:
    name = name or f"测试{kind}申请人"
    org, _ = Organization.objects.get_or_create(
        normalized_name=name, defaults={"name": name, "kind": kind}
    )
    return org


def agency(name: str = AGENCY_NAME) -> Agency:
    obj, _ = Agency.objects.get_or_create(normalized_name=name, defaults={"name": name})
    return obj


def add_patents(
    n: int,
    *,
    region: str | None = "620102",
    filed: date | None = date(2008, 3, 15),
    granted: date | None = None,
    patent_type: str = PatentType.UTILITY,
    through_agency: Agency | bool = False,
    first_applicant: Organization | None = None,
    kind: str = OrgKind.ENTERPRISE,
    ipc: str = "G01N33/00",
    pct: bool = False,
    legal_status: str = "",
) -> list[Patent]:
    """`n` patents alike, straight into the table (no application numbers: none needed)."""
    org = first_applicant or applicant(kind)
    agent = agency() if through_agency is True else (through_agency or None)
    return Patent.objects.bulk_create(
        Patent(
            patent_type=patent_type, is_pct=pct, filing_date=filed, grant_date=granted,
            title="统计测试专利", first_applicant=org, region_id=region,
            placement=Placement.ADDRESS if region else Placement.UNPLACED, agency=agent,
            ipc_main=ipc, legal_status=legal_status,
        )
        for _ in range(n)
    )  # fmt: skip


def summary_rows() -> set[tuple]:
    """Both summary tables' content, comparable between two states."""
    rows: set[tuple] = set()
    for model, keys in ((PatentMonthCount, KEY_FIELDS), (PatentMonthTotal, TOTAL_KEY_FIELDS)):
        fields = [f"{name}_id" if name == "region" else name for name in keys]
        rows |= {(model.__name__, *row) for row in model.objects.values_list(*fields, "count")}
    year_fields = ("year", "region_id", *TOTAL_KEY_FIELDS[2:], "count")
    rows |= {("PatentYearTotal", *row) for row in PatentYearTotal.objects.values_list(*year_fields)}
    day_fields = [f.attname for f in PatentDayCount._meta.concrete_fields if f.name != "id"]
    rows |= {("PatentDayCount", *row) for row in PatentDayCount.objects.values_list(*day_fields)}
    values = ("applications", "invention_applications", "grants")
    party_keys = {
        PartyMonthCount: ("month", "region_id", "party", "party_id"),
        PartyYearCount: ("year", "region_code", "party", "party_id"),
    }
    for model, keys in party_keys.items():
        rows |= {(model.__name__, *row) for row in model.objects.values_list(*keys, *values)}
    return rows
