"""The summary table stays equal to what a rebuild from the records gives."""

from datetime import date

import pytest
from django.core.management import call_command

from ipbureau.accounts.models import Role
from ipbureau.accounts.tests.factories import UserFactory
from ipbureau.orgs.models import OrgKind
from ipbureau.patents.importer import patents_import
from ipbureau.patents.models import Patent, PatentType
from ipbureau.patents.services import patent_assign_region
from ipbureau.patents.tests.factories import canonical_row, write_canonical
from ipbureau.regions.models import Region
from ipbureau.stats.models import PatentMonthCount, PatentMonthTotal
from ipbureau.stats.services import (
    patent_buckets,
    patent_buckets_of,
    patent_counts_rebuild,
    patent_counts_refresh,
)
from ipbureau.stats.tests.factories import add_patents, agency, summary_rows

pytestmark = pytest.mark.django_db


def rebuilt() -> set[tuple]:
    patent_counts_rebuild()
    return summary_rows()


def mixed_patents() -> list[Patent]:
    return [
        *add_patents(3, region="620102", filed=date(2008, 1, 31), granted=date(2008, 12, 1)),
        *add_patents(2, region="620102", filed=date(2008, 2, 1), patent_type=PatentType.INVENTION,
                     through_agency=True, kind=OrgKind.UNIVERSITY, ipc="h01m10/00", pct=True),
        *add_patents(1, region="620502", filed=date(2008, 2, 29), ipc=""),
        *add_patents(1, region=None, filed=date(2008, 2, 29), ipc="9bad"),
        *add_patents(1, region="310105", filed=date(2007, 12, 31), granted=date(2008, 6, 30)),
    ]  # fmt: skip


def test_refreshing_the_buckets_of_new_patents_equals_a_rebuild(regions):
    patents = mixed_patents()
    buckets = set().union(
        *(patent_buckets(region_id=p.region_id, filing_date=p.filing_date, grant_date=p.grant_date)
          for p in patents)
    )  # fmt: skip
    patent_counts_refresh(buckets=buckets)
    incremental = summary_rows()
    assert incremental == rebuilt()
    events = len(patents) + 4  # and four grants
    assert sum(row[-1] for row in incremental if row[0] == "PatentMonthCount") == events
    assert sum(row[-1] for row in incremental if row[0] == "PatentMonthTotal") == events


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


def test_refreshing_an_unchanged_bucket_changes_nothing(regions):
    add_patents(4, region="620102", filed=date(2008, 3, 3))
    before = rebuilt()
    patent_counts_refresh(buckets=[("620102", date(2008, 3, 1)), ("620502", date(2001, 1, 1))])
    assert summary_rows() == before
    patent_counts_refresh(buckets=[("620102", date(2008, 3, 3))])  # a day names its month
    assert summary_rows() == before


def test_a_refresh_after_an_edit_outside_the_services_needs_both_old_and_new_buckets(regions):
    """What the importer does for an updated record: old and new buckets together."""
    patent, *_ = add_patents(1, region="620102", filed=date(2008, 3, 3))
    patent_counts_rebuild()
    old = patent_buckets_of(Patent.objects.filter(pk=patent.pk))
    Patent.objects.filter(pk=patent.pk).update(region_id="620502", grant_date=date(2008, 9, 9))
    patent_counts_refresh(buckets=old | patent_buckets_of(Patent.objects.filter(pk=patent.pk)))
    assert summary_rows() == rebuilt()


def test_changing_the_first_applicants_kind_is_caught_by_refreshing_its_patents(regions):
    patents = add_patents(2, region="620102", filed=date(2008, 3, 3), kind=OrgKind.UNKNOWN)
    patent_counts_rebuild()
    org = patents[0].first_applicant
    org.kind = OrgKind.INSTITUTE
    org.save()
    patent_counts_refresh(buckets=patent_buckets_of(Patent.objects.filter(first_applicant=org)))
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


def test_an_import_and_a_reimport_keep_the_summary_equal_to_a_rebuild(regions, tmp_path):
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
