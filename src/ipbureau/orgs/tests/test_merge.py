"""Merging one applicant into another (the same body under two names)."""

from datetime import date

import pytest
from django.urls import reverse

from ipbureau.accounts.models import Role
from ipbureau.accounts.tests.factories import PASSWORD, UserFactory, local_user
from ipbureau.assistance.models import Expert
from ipbureau.audit.models import AuditEntry
from ipbureau.orgs.models import Organization, OrgKind
from ipbureau.orgs.selectors import organizations_visible_to
from ipbureau.orgs.services import (
    OrganizationError,
    OrganizationPermissionError,
    organization_merge,
)
from ipbureau.patents.counts.models import PartyYearCount, PatentMonthCount
from ipbureau.patents.counts.services import patent_counts_rebuild
from ipbureau.patents.counts.tests.factories import add_patents, applicant, summary_rows
from ipbureau.patents.importer import patents_import, writer
from ipbureau.patents.models import Patent, PatentApplicant
from ipbureau.patents.tests.factories import app_number, canonical_row, write_canonical

pytestmark = pytest.mark.django_db

SOURCE, TARGET, OTHER = "兰州大学（本部）", "兰州大学", "甘肃某某机械有限公司"


@pytest.fixture
def province():
    return UserFactory(role=Role.PROVINCE)


@pytest.fixture
def imported(regions, tmp_path):
    """Patents 1–2 name only the source, 3 the source and the target, 4 the source after
    another applicant and before the target, 5 only the target."""
    rows = [
        canonical_row(1, applicants=SOURCE),
        canonical_row(2, applicants=SOURCE, grant_date="2009-06-01", grant_number="CN101200002B"),
        canonical_row(3, applicants=f"{SOURCE};{TARGET}"),
        canonical_row(4, applicants=f"{OTHER};{SOURCE};{TARGET}"),
        canonical_row(5, applicants=TARGET),
    ]  # fmt: skip
    patents_import(path=write_canonical(tmp_path / "a.csv", rows))
    return {o.name: o for o in Organization.objects.all()}


def applicants_of(serial: int) -> list[str]:
    patent = Patent.objects.get(application_number=app_number(2008, 1, serial))
    return [
        link.organization.name for link in patent.applicant_links.select_related("organization")
    ]


def first_applicant_of(serial: int) -> str:
    return Patent.objects.get(application_number=app_number(2008, 1, serial)).first_applicant.name


def rebuilt() -> set[tuple]:
    patent_counts_rebuild()
    return summary_rows()


def test_merging_moves_the_first_applicants_patents_and_the_links(imported, province):
    source, target = imported[SOURCE], imported[TARGET]
    moved = organization_merge(source=source, target=target, user=province)
    assert moved == 3
    assert [first_applicant_of(n) for n in range(1, 6)] == [TARGET, TARGET, TARGET, OTHER, TARGET]
    assert not PatentApplicant.objects.filter(organization=source).exists()
    assert applicants_of(1) == [TARGET]
    # Both named: one link, where the earlier of the two names stood.
    assert applicants_of(3) == [TARGET]
    assert applicants_of(4) == [OTHER, TARGET]
    source.refresh_from_db()
    assert source.merged_into == target


def test_the_summaries_equal_a_rebuild_after_a_merge(imported, province):
    before = summary_rows()
    organization_merge(source=imported[SOURCE], target=imported[TARGET], user=province)
    after = summary_rows()
    assert after != before
    assert after == rebuilt()
    parties = PartyYearCount.objects.filter(party="applicant", region_code="620000")
    assert sorted(parties.values_list("party_id", "year", "applications", "grants")) == sorted(
        [
            (imported[TARGET].pk, 2008, 4, 0),
            (imported[TARGET].pk, 2009, 0, 1),
            (imported[OTHER].pk, 2008, 1, 0),
        ]
    )


def test_an_unknown_target_takes_the_sources_kind_and_the_summaries_follow(regions, province):
    source = applicant(OrgKind.UNIVERSITY, name="某大学")
    target = applicant(OrgKind.UNKNOWN, name="某某")
    add_patents(2, first_applicant=source, filed=date(2008, 3, 3))
    add_patents(3, first_applicant=target, filed=date(2008, 4, 4), granted=date(2009, 1, 1))
    patent_counts_rebuild()
    organization_merge(source=source, target=target, user=province)
    target.refresh_from_db()
    assert (target.kind, target.kind_manual) == (OrgKind.UNIVERSITY, False)
    assert summary_rows() == rebuilt()
    assert set(PatentMonthCount.objects.values_list("applicant_kind", flat=True)) == {"university"}


def test_a_known_target_keeps_its_kind(regions, province):
    source = applicant(OrgKind.UNIVERSITY, name="某大学")
    target = applicant(OrgKind.INSTITUTE, name="某研究所")
    add_patents(1, first_applicant=source)
    patent_counts_rebuild()
    organization_merge(source=source, target=target, user=province)
    target.refresh_from_db()
    assert target.kind == OrgKind.INSTITUTE
    assert summary_rows() == rebuilt()


def test_the_merge_is_recorded_once_with_both_names_and_the_patents_moved(imported, province):
    organization_merge(source=imported[SOURCE], target=imported[TARGET], user=province)
    (entry,) = AuditEntry.objects.filter(action="organization.merge")
    assert entry.actor == province
    assert (entry.target_type, entry.target_id) == ("orgs.organization", str(imported[TARGET].pk))
    assert SOURCE in entry.summary and TARGET in entry.summary and "3件专利" in entry.summary
    assert entry.changes == {"merged_into": [SOURCE, TARGET]}


def test_other_records_and_earlier_aliases_follow_the_merge(imported, province):
    source, target = imported[SOURCE], imported[TARGET]
    expert = Expert.objects.create(name="王五", organization=source, organization_name=SOURCE)
    alias = Organization.objects.create(
        name="兰州大学本部", normalized_name="兰州大学本部", kind=OrgKind.UNIVERSITY
    )
    organization_merge(source=alias, target=source, user=province)
    organization_merge(source=source, target=target, user=province)
    expert.refresh_from_db()
    alias.refresh_from_db()
    assert expert.organization == target
    assert alias.merged_into == target  # never a chain


def test_it_refuses_a_merge_into_itself_or_an_already_merged_applicant(imported, province):
    source, target, other = imported[SOURCE], imported[TARGET], imported[OTHER]
    with pytest.raises(OrganizationError, match="不能把申请人并入它自己"):
        organization_merge(source=source, target=source, user=province)
    organization_merge(source=source, target=target, user=province)
    with pytest.raises(OrganizationError, match=f"“{SOURCE}”已并入“{TARGET}”，请直接并入"):
        organization_merge(source=other, target=source, user=province)
    with pytest.raises(OrganizationError, match=f"“{SOURCE}”已并入“{TARGET}”，不能再次合并"):
        organization_merge(source=source, target=other, user=province)
    assert AuditEntry.objects.filter(action="organization.merge").count() == 1


@pytest.mark.parametrize("role", [Role.LOCAL, Role.LEADER])
def test_city_staff_and_leaders_may_not_merge(imported, role):
    user = UserFactory(role=role, region_id="620100")
    with pytest.raises(OrganizationPermissionError, match="省局工作人员和系统管理员"):
        organization_merge(source=imported[SOURCE], target=imported[TARGET], user=user)


# ------------------------------------------------------------------------------ imports
def test_a_later_import_of_the_sources_name_lands_on_the_target(
    imported, province, tmp_path, monkeypatch
):
    organization_merge(source=imported[SOURCE], target=imported[TARGET], user=province)
    monkeypatch.setattr(writer, "SMALL_DATABASE", 0)  # the summaries follow by deltas
    rows = [
        canonical_row(6, applicants="兰州大学(本部)"),  # half-width brackets: the same name
        canonical_row(7, applicants=f"{SOURCE};{OTHER};{TARGET}"),
    ]
    run = patents_import(path=write_canonical(tmp_path / "b.csv", rows))
    assert run.inserted == 2
    assert first_applicant_of(6) == TARGET
    assert applicants_of(6) == [TARGET]
    assert applicants_of(7) == [TARGET, OTHER]  # one link, no duplicate
    assert Organization.objects.count() == 3
    assert summary_rows() == rebuilt()


def test_reimporting_the_merged_records_changes_nothing(imported, province, tmp_path):
    organization_merge(source=imported[SOURCE], target=imported[TARGET], user=province)
    rows = [
        canonical_row(1, applicants=SOURCE),
        canonical_row(3, applicants=f"{SOURCE};{TARGET}"),
        canonical_row(4, applicants=f"{OTHER};{SOURCE};{TARGET}"),
    ]
    run = patents_import(path=write_canonical(tmp_path / "b.csv", rows))
    assert (run.unchanged, run.updated) == (3, 0)
    assert applicants_of(4) == [OTHER, TARGET]


# -------------------------------------------------------------------------------- pages
def login(client, user):
    assert client.login(username=user.username, password=PASSWORD)


def merge(client, organization: Organization, **data):
    data = {"target": TARGET, "confirm": "on", **data}
    return client.post(reverse("orgs:merge", args=[organization.pk]), data)


def test_province_staff_merge_from_the_applicants_page(client, imported, province):
    source, target = imported[SOURCE], imported[TARGET]
    login(client, province)
    assert "并入其他申请人" in client.get(reverse("orgs:detail", args=[source.pk])).content.decode()
    # The exact name, as an import would find it: brackets and spaces do not matter.
    response = merge(client, source, target=" 兰州 大学 ")
    assert response.status_code == 302
    assert response.url == reverse("orgs:detail", args=[target.pk])
    page = client.get(response.url).content.decode()
    assert f"已将“{SOURCE}”并入“{TARGET}”，3件专利" in page
    merged = client.get(reverse("orgs:detail", args=[source.pk])).content.decode()
    assert "已并入" in merged and reverse("orgs:detail", args=[target.pk]) in merged
    assert "并入其他申请人" not in merged


@pytest.mark.parametrize(
    "data, error",
    [
        ({"target": "兰州理工大学"}, "没有名为“兰州理工大学”的申请人"),
        ({"confirm": ""}, "请勾选确认后再合并"),
        ({"target": SOURCE}, "不能把申请人并入它自己"),
    ],
)
def test_a_refused_merge_shows_why_on_the_form(client, imported, province, data, error):
    login(client, province)
    response = merge(client, imported[SOURCE], **data)
    assert response.status_code == 200
    assert error in response.content.decode()
    assert not Organization.objects.filter(merged_into__isnull=False).exists()


@pytest.mark.parametrize("role", [Role.LOCAL, Role.LEADER])
def test_city_staff_and_leaders_get_403_and_no_form(client, imported, role):
    login(client, UserFactory(role=role, region_id="620100"))
    source = imported[SOURCE]
    page = client.get(reverse("orgs:detail", args=[source.pk])).content.decode()
    assert "并入其他申请人" not in page
    response = merge(client, source)
    assert response.status_code == 403
    assert "省局工作人员和系统管理员" in response.content.decode()
    assert not Organization.objects.filter(merged_into__isnull=False).exists()


def test_merged_applicants_are_left_out_of_the_lists_but_keep_their_page(
    client, imported, province
):
    source, target = imported[SOURCE], imported[TARGET]
    organization_merge(source=source, target=target, user=province)
    city = local_user("620100")
    for user in (province, city):
        assert source not in organizations_visible_to(user)
        assert target in organizations_visible_to(user)
        assert source in organizations_visible_to(user, include_merged=True)
    # The merged page is for whoever sees the applicant it points to.
    login(client, city)
    assert "已并入" in client.get(reverse("orgs:detail", args=[source.pk])).content.decode()
    login(client, local_user("620500"))
    assert client.get(reverse("orgs:detail", args=[source.pk])).status_code == 404
