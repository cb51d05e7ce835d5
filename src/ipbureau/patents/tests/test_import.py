import json

import pytest
from django.core.management import call_command

from ipbureau.accounts.models import Role
from ipbureau.accounts.tests.factories import UserFactory
from ipbureau.audit.selectors import audit_history
from ipbureau.orgs.models import Organization, OrgKind
from ipbureau.orgs.services import organization_set_kind
from ipbureau.patents.importer import patents_import
from ipbureau.patents.models import ImportRun, Patent, Placement
from ipbureau.patents.services import patent_assign_region
from ipbureau.patents.tests.factories import app_number, canonical_row, write_canonical
from ipbureau.regions.models import Region
from ipbureau.regions.tests.labelled import realdata_dir

pytestmark = pytest.mark.django_db


def test_a_good_file_is_imported_and_placed(regions, tmp_path):
    path = write_canonical(tmp_path / "a.csv", [
        canonical_row(1, applicants="兰州大学;甘肃农业大学"),
        canonical_row(2, address="甘肃省天水市秦州区解放路1号", postcode="741000",
                      applicants="天水星火机床有限责任公司"),
    ])
    run = patents_import(path=path)
    assert run.status == ImportRun.Status.COMMITTED
    assert (run.inserted, run.updated, run.unchanged, run.rejected) == (2, 0, 0, 0)
    first = Patent.objects.get(application_number=app_number(2008, 1, 1))
    assert first.region_id.startswith("6201")
    assert [link.organization.name for link in first.applicant_links.all()] == [
        "兰州大学", "甘肃农业大学"]
    assert first.first_applicant.kind == OrgKind.UNIVERSITY
    assert first.agency.name == "兰州振华专利代理有限责任公司"
    second = Patent.objects.get(application_number=app_number(2008, 1, 2))
    assert second.region_id.startswith("6205")


def test_a_file_with_a_bad_row_changes_nothing(regions, tmp_path):
    good = canonical_row(1)
    bad = canonical_row(2, application_number="200810000002.9")
    path = write_canonical(tmp_path / "bad.csv", [good, bad])
    run = patents_import(path=path)
    assert run.status == ImportRun.Status.REJECTED
    assert run.rejected == 1
    assert Patent.objects.count() == 0
    assert Organization.objects.count() == 0
    assert run.problems[0]["line"] == 3
    assert run.problems[0]["message"].startswith("第3行：")
    assert "校验位" in run.problems[0]["message"]


def test_skip_bad_imports_good_rows_and_writes_rejects(regions, tmp_path):
    path = write_canonical(tmp_path / "bad.csv", [
        canonical_row(1), canonical_row(2, filing_date="2008-13-40"), canonical_row(3)])
    rejects = tmp_path / "rejects.csv"
    run = patents_import(path=path, skip_bad=True, rejects_path=rejects)
    assert (run.status, run.inserted, run.rejected) == (ImportRun.Status.COMMITTED, 2, 1)
    text = rejects.read_text(encoding="utf-8-sig")
    assert "第3行" in text and "2008-13-40" in text


def test_importing_the_same_file_again_changes_nothing(regions, tmp_path):
    path = write_canonical(tmp_path / "a.csv", [canonical_row(n) for n in range(1, 6)])
    patents_import(path=path)
    before = list(Patent.objects.values_list("id", "updated_at").order_by("id"))
    run = patents_import(path=path)
    assert (run.inserted, run.updated, run.unchanged) == (0, 0, 5)
    assert list(Patent.objects.values_list("id", "updated_at").order_by("id")) == before


def test_a_later_export_updates_grant_but_keeps_what_staff_set(regions, tmp_path):
    clerk = UserFactory(role=Role.PROVINCE)
    patents_import(path=write_canonical(tmp_path / "a.csv", [canonical_row(1)]))
    patent = Patent.objects.get()
    patent_assign_region(patent=patent, region=Region.objects.get(code="620500"), user=clerk)
    organization_set_kind(organization=patent.first_applicant, kind=OrgKind.INSTITUTE,
                          user=clerk)
    later = canonical_row(1, grant_number="CN101200001B", grant_date="2010-05-12",
                          legal_status="有效")
    run = patents_import(path=write_canonical(tmp_path / "b.csv", [later]))
    assert (run.inserted, run.updated) == (0, 1)
    patent.refresh_from_db()
    assert str(patent.grant_date) == "2010-05-12"
    assert patent.legal_status == "有效"
    assert (patent.region_id, patent.placement) == ("620500", Placement.MANUAL)
    assert patent.first_applicant.kind == OrgKind.INSTITUTE
    assert patent.publication_number == "CN101200001A"
    assert sorted(patent.publications.values_list("number", flat=True)) == [
        "CN101200001A", "CN101200001B"]
    (entry,) = audit_history(patent)
    assert entry.actor == clerk


def test_both_number_formats_are_one_patent(regions, tmp_path):
    standard = canonical_row(58726, application_number="CN102016000058726",
                             filing_date="2016-02-03", publication_number="CN107087341A",
                             publication_date="2017-08-22")
    original = canonical_row(58726, application_number="201610058726.X",
                             filing_date="2016-02-03", publication_number="CN107087341A",
                             publication_date="2017-08-22", legal_status="有效")
    patents_import(path=write_canonical(tmp_path / "a.csv", [standard]))
    patents_import(path=write_canonical(tmp_path / "b.csv", [original]))
    assert list(Patent.objects.values_list("application_number", flat=True)) == ["201610058726.X"]


def test_out_of_province_street_names_do_not_land_in_gansu(regions, tmp_path):
    rows = [
        canonical_row(1, address="上海市长宁区定西路1号", postcode="200050"),
        canonical_row(2, address="美国马里兰州", postcode=""),
        canonical_row(3, address="", postcode=""),
    ]
    run = patents_import(path=write_canonical(tmp_path / "a.csv", rows))
    placed = dict(Patent.objects.values_list("application_number", "placement"))
    regions_of = dict(Patent.objects.values_list("application_number", "region_id"))
    assert regions_of[app_number(2008, 1, 1)].startswith("31")
    assert placed[app_number(2008, 1, 2)] == Placement.FOREIGN
    assert placed[app_number(2008, 1, 3)] == Placement.UNPLACED
    assert run.unplaced == 1


def test_web_import_by_a_person_is_audited(regions, tmp_path):
    clerk = UserFactory(role=Role.PROVINCE)
    run = patents_import(path=write_canonical(tmp_path / "a.csv", [canonical_row(1)]), user=clerk)
    (entry,) = audit_history(run)
    assert entry.actor == clerk and "新增1" in entry.summary


def test_cli_prints_one_json_line(regions, tmp_path, capsys):
    path = write_canonical(tmp_path / "a.csv", [canonical_row(1), canonical_row(2)])
    call_command("import_patents", str(path), "--json")
    summary = json.loads(capsys.readouterr().out.strip())
    assert summary == {"inserted": 2, "updated": 0, "unchanged": 0, "rejected": 0,
                       "unplaced": 0}


def test_cli_exits_non_zero_on_a_bad_file(regions, tmp_path, capsys):
    path = write_canonical(tmp_path / "a.csv", [canonical_row(1, application_number="x")])
    with pytest.raises(SystemExit) as exit_info:
        call_command("import_patents", str(path))
    assert exit_info.value.code == 1
    assert "第2行" in capsys.readouterr().err
    assert Patent.objects.count() == 0


def test_unknown_format_is_a_clear_error(regions, tmp_path):
    from django.core.management import CommandError

    path = tmp_path / "x.csv"
    path.write_text("名字,年龄\n张三,3\n", encoding="utf-8")
    with pytest.raises(CommandError, match="申请号"):
        call_command("import_patents", str(path))


REALDATA = realdata_dir() / "cnipa-2017"


@pytest.mark.skipif(not REALDATA.is_dir(), reason="../shared/realdata is absent")
def test_real_cnipa_week_imports_with_only_broken_lines_rejected(regions):
    path = REALDATA / "A" / "CN-BIBS-ABSS-10-A_20170329.csv.gz"
    run = patents_import(path=path, skip_bad=True)
    assert run.status == ImportRun.Status.COMMITTED
    assert run.inserted > 10000
    assert all("字段数" in p["message"] for p in run.problems)
    gansu = Patent.objects.filter(address__contains="甘肃省")
    assert gansu.exists()
    assert not gansu.exclude(region__code__startswith="62").exists()
    assert not Patent.objects.filter(region__code__startswith="62").exclude(
        address__contains="甘肃").exclude(postcode__startswith="7").exists()
