"""The summary tables, kept by deltas, always equal what a rebuild from the records gives."""

import tempfile
from datetime import date
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ipbureau.accounts.models import Role
from ipbureau.accounts.tests.factories import UserFactory
from ipbureau.orgs.models import Organization, OrgKind
from ipbureau.orgs.services import organization_merge, organization_set_kind
from ipbureau.patents.counts.models import PartyYearCount, PatentMonthCount, PatentMonthTotal
from ipbureau.patents.counts.services import (
    patent_counts_add,
    patent_counts_following,
    patent_counts_rebuild,
    patent_counts_subtract,
)
from ipbureau.patents.counts.tests.factories import add_patents, agency, summary_rows
from ipbureau.patents.importer import patents_import, writer
from ipbureau.patents.models import Patent, PatentType
from ipbureau.patents.services import patent_assign_region
from ipbureau.patents.tests.factories import app_number, canonical_row, write_canonical
from ipbureau.regions.models import Region

pytestmark = pytest.mark.django_db


def rebuilt() -> set[tuple]:
    patent_counts_rebuild()
    return summary_rows()


@pytest.fixture
def deltas(monkeypatch):
    """Imports follow each batch by deltas however small the database (by default a small
    database is simply rebuilt, which would leave the deltas untested)."""
    monkeypatch.setattr(writer, "SMALL_DATABASE", 0)


def mixed_patents() -> list[Patent]:
    return [
        *add_patents(3, region="620102", filed=date(2008, 1, 31), granted=date(2008, 12, 1)),
        *add_patents(2, region="620102", filed=date(2008, 2, 1), patent_type=PatentType.INVENTION,
                     through_agency=True, kind=OrgKind.UNIVERSITY, ipc="h01m10/00", pct=True),
        *add_patents(1, region="620502", filed=date(2008, 2, 29), ipc=""),
        *add_patents(1, region=None, filed=date(2008, 2, 29), ipc="9bad"),
        *add_patents(1, region="310105", filed=date(2007, 12, 31), granted=date(2008, 6, 30)),
    ]  # fmt: skip


def test_adding_new_patents_equals_a_rebuild(regions):
    patents = mixed_patents()
    patent_counts_add(patent_ids=[p.pk for p in patents])
    incremental = summary_rows()
    assert incremental == rebuilt()
    events = len(patents) + 4  # and four grants
    assert sum(row[-1] for row in incremental if row[0] == "PatentMonthCount") == events
    assert sum(row[-1] for row in incremental if row[0] == "PatentMonthTotal") == events


def test_subtracting_every_patent_leaves_no_row_behind(regions):
    patents = mixed_patents()
    patent_counts_rebuild()
    assert summary_rows()
    patent_counts_subtract(patent_ids=[p.pk for p in patents])
    assert summary_rows() == set()


def test_a_subtraction_keeps_the_rows_other_patents_still_count(regions):
    first, second = add_patents(2, region=None, filed=date(2008, 2, 29), granted=date(2009, 1, 1))
    patent_counts_rebuild()
    patent_counts_subtract(patent_ids=[first.pk])
    Patent.objects.filter(pk=first.pk).delete()
    assert summary_rows() == rebuilt()
    assert PatentMonthCount.objects.get(region__isnull=True, event="grant").count == 1


def test_summary_rows_carry_every_breakdown(regions):
    mixed_patents()
    patent_counts_rebuild()
    row = PatentMonthCount.objects.get(region_id="620102", month=date(2008, 2, 1))
    assert (row.event, row.patent_type, row.is_pct, row.agency_filed, row.applicant_kind) == (
        "application",
        "invention",
        True,
        True,
        "university",
    )
    assert (row.ipc_section, row.count) == ("H", 2)  # lower-case IPC folded
    unplaced = PatentMonthCount.objects.get(region__isnull=True)
    assert (unplaced.month, unplaced.ipc_section) == (date(2008, 2, 1), "")


def test_party_years_are_rolled_up_to_city_and_province(regions):
    add_patents(2, region="620102", filed=date(2008, 2, 1), granted=date(2009, 5, 5))
    patent, *_ = add_patents(1, region="620100", filed=date(2008, 7, 1))
    patent_counts_add(patent_ids=list(Patent.objects.values_list("id", flat=True)))
    org = patent.first_applicant_id
    years = PartyYearCount.objects.filter(party="applicant", party_id=org)
    assert sorted(years.values_list("year", "region_code", "applications", "grants")) == [
        (2008, "620000", 3, 0),
        (2008, "620100", 3, 0),
        (2008, "620102", 2, 0),
        (2009, "620000", 0, 2),
        (2009, "620100", 0, 2),
        (2009, "620102", 0, 2),
    ]
    assert summary_rows() == rebuilt()


def test_assigning_a_region_moves_its_counts_in_the_same_transaction(regions):
    patent, *_ = add_patents(1, region=None, filed=date(2008, 5, 5), granted=date(2009, 1, 7))
    add_patents(2, region="620102", filed=date(2008, 5, 20))
    patent_counts_rebuild()
    user = UserFactory(role=Role.PROVINCE)
    patent_assign_region(patent=patent, region=Region.objects.get(code="620102"), user=user)
    assert summary_rows() == rebuilt()
    counts = dict(PatentMonthCount.objects.filter(region_id="620102").values_list("month", "count"))
    assert counts == {date(2008, 5, 1): 3, date(2009, 1, 1): 1}
    assert not PatentMonthCount.objects.filter(region__isnull=True).exists()


def test_following_an_edit_outside_the_services_keeps_the_summaries(regions):
    patent, *_ = add_patents(1, region="620102", filed=date(2008, 3, 3))
    patent_counts_rebuild()
    with patent_counts_following(patent_ids=[patent.pk]):
        Patent.objects.filter(pk=patent.pk).update(region_id="620502", grant_date=date(2008, 9, 9))
    assert summary_rows() == rebuilt()


@pytest.mark.django_db(transaction=True)
def test_following_a_change_outside_a_transaction_is_refused(regions):
    patent, *_ = add_patents(1, region="620102", filed=date(2008, 3, 3))
    with pytest.raises(RuntimeError, match="transaction"):
        with patent_counts_following(patent_ids=[patent.pk]):
            pass


def test_changing_the_first_applicants_kind_moves_its_patents_counts(regions):
    patents = add_patents(2, region="620102", filed=date(2008, 3, 3), kind=OrgKind.UNKNOWN)
    patent_counts_rebuild()
    user = UserFactory(role=Role.PROVINCE)
    organization_set_kind(organization=patents[0].first_applicant, kind="institute", user=user)
    assert summary_rows() == rebuilt()
    assert set(PatentMonthCount.objects.values_list("applicant_kind", flat=True)) == {"institute"}


def test_the_rebuild_command_recomputes_from_the_records(regions, capsys):
    add_patents(5, region="620102", filed=date(2008, 3, 3), through_agency=agency())
    PatentMonthCount.objects.create(
        region_id="620502", month=date(2000, 1, 1), event="application", patent_type="design",
        is_pct=False, agency_filed=False, applicant_kind="unknown", ipc_section="", count=99,
    )  # fmt: skip
    call_command("stats_rebuild")
    assert "1 行" in capsys.readouterr().out
    assert list(PatentMonthCount.objects.values_list("region_id", "count")) == [("620102", 5)]
    assert list(PatentMonthTotal.objects.values_list("region_id", "count")) == [("620102", 5)]


@pytest.mark.parametrize("by_deltas", [True, False], ids=["deltas", "rebuild"])
def test_an_import_and_a_reimport_keep_the_summary_equal_to_a_rebuild(
    regions, tmp_path, monkeypatch, by_deltas
):
    if by_deltas:
        monkeypatch.setattr(writer, "SMALL_DATABASE", 0)
    rows = [
        canonical_row(1, filing_date="2008-01-31"),
        canonical_row(2, filing_date="2008-02-01", grant_date="2008-12-01",
                      grant_number="CN101000002B", legal_status="有效"),
    ]  # fmt: skip
    patents_import(path=write_canonical(tmp_path / "a.csv", rows))
    assert summary_rows() == rebuilt()
    moved = [
        canonical_row(1, filing_date="2008-01-31", grant_date="2009-03-04",
                      grant_number="CN101000001B", address="甘肃省天水市秦州区民主西路1号",
                      postcode="741000"),
    ]  # fmt: skip
    patents_import(path=write_canonical(tmp_path / "b.csv", moved))
    assert summary_rows() == rebuilt()


def test_a_reimport_that_changes_nothing_counted_leaves_the_summaries_alone(
    regions, tmp_path, deltas
):
    rows = [canonical_row(n, legal_status="审中") for n in range(1, 6)]
    patents_import(path=write_canonical(tmp_path / "a.csv", rows))
    before = summary_rows()
    statuses = [canonical_row(n, legal_status="驳回") for n in range(1, 6)]
    with CaptureQueriesContext(connection) as queries:
        run = patents_import(path=write_canonical(tmp_path / "b.csv", statuses))
    assert run.updated == 5
    assert not [q for q in queries.captured_queries if "stats_" in q["sql"]]
    assert summary_rows() == before == rebuilt()


# ------------------------------------------------------------------ property: any sequence
PLACES = [  # (address, postcode): two Gansu cities, Shanghai, and one no rule can place
    ("甘肃省兰州市城关区天水南路222号", "730000"),
    ("甘肃省天水市秦州区民主西路1号", "741000"),
    ("上海市徐汇区漕溪北路1号", "200030"),
    ("某地某街1号", ""),
]
APPLICANTS = ["兰州大学", "甘肃某某机械有限公司", "张三", "兰州大学;甘肃某某机械有限公司"]
AGENCIES = ["", "兰州振华专利代理有限责任公司", "甘肃省专利服务中心"]
FILED = ["2008-01-31", "2008-02-01", "2008-12-31"]  # month and year edges
GRANTED = ["", *FILED, "2009-01-01", "2009-06-15"]

records = st.fixed_dictionaries(
    {
        # Few numbers, so that later imports often change a patent an earlier one wrote.
        "serial": st.integers(1, 3),
        "type_digit": st.sampled_from([1, 2, 8]),  # 8: PCT national phase of an invention
        "filed": st.sampled_from(FILED),
        "granted": st.sampled_from(GRANTED),
        "place": st.sampled_from(PLACES),
        "applicants": st.sampled_from(APPLICANTS),
        "agency": st.sampled_from(AGENCIES),
        "ipc": st.sampled_from(["G01N33/00", "h01m10/00", "", "A61K"]),
        "status": st.sampled_from(["审中", "有效", "驳回"]),
    }
)
operations = st.one_of(
    st.tuples(st.just("import"), st.lists(records, min_size=1, max_size=5)),
    st.tuples(st.just("assign"), st.integers(0, 20), st.sampled_from(["620102", "620502"])),
    st.tuples(st.just("kind"), st.integers(0, 5), st.sampled_from(list(OrgKind.values))),
    st.tuples(st.just("merge"), st.integers(0, 5), st.integers(0, 5)),
)


def _row(record: dict) -> dict[str, str]:
    year = 2008
    number = app_number(year, record["type_digit"], record["serial"])
    address, postcode = record["place"]
    granted = record["granted"] if record["granted"] >= record["filed"] else ""
    return canonical_row(
        record["serial"],
        application_number=number,
        filing_date=record["filed"],
        publication_number="",
        publication_date="",
        grant_date=granted,
        grant_number=f"CN{record['type_digit']}0{year}{record['serial']:05d}B" if granted else "",
        address=address,
        postcode=postcode,
        applicants=record["applicants"],
        agency=record["agency"],
        ipc=record["ipc"],
        legal_status=record["status"],
    )


def _apply(operation: tuple, folder: Path, user) -> None:
    kind, *args = operation
    if kind == "import":
        path = write_canonical(folder / "weekly.csv", [_row(r) for r in args[0]])
        patents_import(path=path, skip_bad=True)
    elif kind == "assign":
        patents = list(Patent.objects.order_by("pk"))
        if patents:
            patent = patents[args[0] % len(patents)]
            region = Region.objects.get(code=args[1])
            patent_assign_region(patent=patent, region=region, user=user)
    elif kind == "kind":
        orgs = list(Organization.objects.order_by("pk"))
        if orgs:
            organization = orgs[args[0] % len(orgs)]
            organization_set_kind(organization=organization, kind=args[1], user=user)
    else:
        orgs = list(Organization.objects.order_by("pk"))
        if orgs:
            source, target = (orgs[i % len(orgs)] for i in args)
            if source != target and source.merged_into_id is None and target.merged_into_id is None:
                organization_merge(source=source, target=target, user=user)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    # A first import, so that edits and merges find patents and applicants to act on.
    first=st.lists(records, min_size=2, max_size=5),
    steps=st.lists(operations, min_size=1, max_size=6),
)
def test_after_any_sequence_of_writes_the_summaries_equal_a_rebuild(regions, deltas, first, steps):
    with tempfile.TemporaryDirectory() as folder, transaction.atomic():
        user = UserFactory(role=Role.PROVINCE)
        for step in [("import", first), *steps]:
            _apply(step, Path(folder), user)
            kept = summary_rows()
            assert kept == rebuilt(), step
        transaction.set_rollback(True)  # the next example starts from an empty database
