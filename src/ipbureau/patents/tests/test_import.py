import json

import pytest
from django.core.management import call_command

from ipbureau.accounts.models import Role
from ipbureau.accounts.tests.factories import UserFactory
from ipbureau.audit.selectors import audit_history
from ipbureau.orgs.models import Organization, OrgKind
from ipbureau.orgs.services import organization_set_kind
from ipbureau.patents import readers
from ipbureau.patents.counts.services import patent_counts_rebuild
from ipbureau.patents.counts.tests.factories import summary_rows
from ipbureau.patents.importer import FileFormatError, patents_import, source, writer
from ipbureau.patents.importer.prepare import PREPARED_COLUMNS, Preparer
from ipbureau.patents.models import ImportRun, Patent, Placement
from ipbureau.patents.readers import open_records
from ipbureau.patents.records import build_record
from ipbureau.patents.services import patent_assign_region
from ipbureau.patents.tests.factories import app_number, canonical_row, write_canonical
from ipbureau.regions.models import Region
from ipbureau.regions.tests.labelled import realdata_dir

pytestmark = pytest.mark.django_db


def test_a_good_file_is_imported_and_placed(regions, tmp_path):
    path = write_canonical(
        tmp_path / "a.csv",
        [
            canonical_row(1, applicants="兰州大学;甘肃农业大学"),
            canonical_row(
                2,
                address="甘肃省天水市秦州区解放路1号",
                postcode="741000",
                applicants="天水星火机床有限责任公司",
            ),
        ],
    )
    run = patents_import(path=path)
    assert run.status == ImportRun.Status.COMMITTED
    assert (run.inserted, run.updated, run.unchanged, run.rejected) == (2, 0, 0, 0)
    first = Patent.objects.get(application_number=app_number(2008, 1, 1))
    assert first.region_id.startswith("6201")
    assert [link.organization.name for link in first.applicant_links.all()] == [
        "兰州大学",
        "甘肃农业大学",
    ]
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
    path = write_canonical(
        tmp_path / "bad.csv",
        [canonical_row(1), canonical_row(2, filing_date="2008-13-40"), canonical_row(3)],
    )
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
    organization_set_kind(organization=patent.first_applicant, kind=OrgKind.INSTITUTE, user=clerk)
    later = canonical_row(
        1, grant_number="CN101200001B", grant_date="2010-05-12", legal_status="有效"
    )
    run = patents_import(path=write_canonical(tmp_path / "b.csv", [later]))
    assert (run.inserted, run.updated) == (0, 1)
    patent.refresh_from_db()
    assert str(patent.grant_date) == "2010-05-12"
    assert patent.legal_status == "有效"
    assert (patent.region_id, patent.placement) == ("620500", Placement.MANUAL)
    assert patent.first_applicant.kind == OrgKind.INSTITUTE
    assert patent.publication_number == "CN101200001A"
    assert sorted(patent.publications.values_list("number", flat=True)) == [
        "CN101200001A",
        "CN101200001B",
    ]
    (entry,) = audit_history(patent)
    assert entry.actor == clerk


def test_both_number_formats_are_one_patent(regions, tmp_path):
    standard = canonical_row(
        58726,
        application_number="CN102016000058726",
        filing_date="2016-02-03",
        publication_number="CN107087341A",
        publication_date="2017-08-22",
    )
    original = canonical_row(
        58726,
        application_number="201610058726.X",
        filing_date="2016-02-03",
        publication_number="CN107087341A",
        publication_date="2017-08-22",
        legal_status="有效",
    )
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
    assert summary == {"inserted": 2, "updated": 0, "unchanged": 0, "rejected": 0, "unplaced": 0}


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
    assert (
        not Patent.objects.filter(region__code__startswith="62")
        .exclude(address__contains="甘肃")
        .exclude(postcode__startswith="7")
        .exists()
    )


# --- the fast path: reading processes, plain SQL, bulk loads --------------------------------


@pytest.fixture
def small_batches(monkeypatch):
    """Batches of 3 records, so that a few rows exercise several batches."""

    monkeypatch.setattr(source, "BATCH_SIZE", 3)


@pytest.fixture
def forked(monkeypatch, small_batches):
    """Read through the child processes whatever the file size (and the test runner's
    threads), and check that they were used."""

    used = []
    real = source._forked

    def spy(*args):
        used.append(True)
        return real(*args)

    monkeypatch.setattr(source, "_fork_ok", lambda path: True)
    monkeypatch.setattr(source, "_forked", spy)
    return used


def test_reading_processes_give_the_same_import(regions, tmp_path, forked):
    rows = [canonical_row(n) for n in range(1, 11)]
    rows[4] = canonical_row(5, filing_date="2008-13-40")
    rows.append(canonical_row(3, grant_number="CN101200003B", grant_date="2010-05-12"))
    rejects = tmp_path / "rejects.csv"
    run = patents_import(
        path=write_canonical(tmp_path / "a.csv", rows), skip_bad=True, rejects_path=rejects
    )
    assert forked
    assert (run.status, run.inserted, run.updated, run.rejected) == (
        ImportRun.Status.COMMITTED,
        9,
        1,
        1,
    )
    assert [p["line"] for p in run.problems] == [6]
    assert "第6行" in rejects.read_text(encoding="utf-8-sig")
    assert Patent.objects.count() == 9
    third = Patent.objects.get(application_number=app_number(2008, 1, 3))
    assert str(third.grant_date) == "2010-05-12"
    assert sorted(third.publications.values_list("number", flat=True)) == [
        "CN101200003A",
        "CN101200003B",
    ]
    again = patents_import(path=tmp_path / "a.csv", skip_bad=True)
    # Ten rows, each unchanged (the two of application 3 are in different batches).
    assert (again.inserted, again.updated, again.unchanged) == (0, 0, 10)


def test_a_file_unreadable_midway_changes_nothing_with_reading_processes(
    regions, tmp_path, forked, monkeypatch
):

    monkeypatch.setattr(readers, "SAMPLE_BYTES", 300)  # the encoding is decided on this much
    path = write_canonical(tmp_path / "a.csv", [canonical_row(n) for n in range(1, 8)])
    path.write_bytes(path.read_bytes() + "200810000099.9,申请人\n".encode("gb18030"))
    with pytest.raises(FileFormatError, match="编码"):
        patents_import(path=path)
    assert forked
    assert Patent.objects.count() == 0


def test_importing_again_after_staff_changes_and_a_new_export(regions, tmp_path, small_batches):
    """Re-import with a mix in one batch: unchanged, a new grant, new applicants, new."""
    patents_import(path=write_canonical(tmp_path / "a.csv", [canonical_row(n) for n in (1, 2, 3)]))
    before = dict(Patent.objects.values_list("application_number", "updated_at"))
    rows = [
        canonical_row(1),
        canonical_row(2, legal_status="有效", title=""),
        canonical_row(3, applicants="兰州理工大学;兰州大学"),
        canonical_row(4),
    ]
    run = patents_import(path=write_canonical(tmp_path / "b.csv", rows))
    assert (run.inserted, run.updated, run.unchanged) == (1, 2, 1)
    after = {p.application_number: p for p in Patent.objects.all()}
    assert after[app_number(2008, 1, 1)].updated_at == before[app_number(2008, 1, 1)]
    second = after[app_number(2008, 1, 2)]
    assert (second.legal_status, second.title) == ("有效", "一种测试装置2")
    assert second.last_import == run
    third = after[app_number(2008, 1, 3)]
    assert [link.organization.name for link in third.applicant_links.all()] == [
        "兰州理工大学",
        "兰州大学",
    ]
    assert third.first_applicant.name == "兰州理工大学"


GOOGLE_EXPORT = (
    "id,title,assignee,inventor/author,priority date,filing/creation date,publication date,"
    "grant date,result link\n"
    'CN-101200001-A,一种测试装置1 ,兰州大学,"张三, 李四",'
    "2008-03-15,2008-03-15,2008-09-10,,https://patents.google.com/patent/CN101200001A/zh\n"
    'CN-101200002-A,一种测试装置2 ,兰州大学,"张三",'
    "2008-03-15,2008-03-15,2008-09-10,,https://patents.google.com/patent/CN101200002A/zh\n"
)


def test_google_rows_without_application_number_are_kept_and_adopted(regions, tmp_path):
    google = tmp_path / "google.csv"
    google.write_text(GOOGLE_EXPORT, encoding="utf-8")
    run = patents_import(path=google)
    assert (run.status, run.inserted) == (ImportRun.Status.COMMITTED, 2)
    assert Patent.objects.filter(application_number=None).count() == 2
    assert patents_import(path=google).unchanged == 2
    # The CNIPA export of the first one brings its application number: same patent.
    run = patents_import(path=write_canonical(tmp_path / "a.csv", [canonical_row(1)]))
    assert (run.inserted, run.updated) == (0, 1)
    assert Patent.objects.count() == 2
    adopted = Patent.objects.get(publication_number="CN101200001A")
    assert adopted.application_number == app_number(2008, 1, 1)
    assert adopted.agency.name == "兰州振华专利代理有限责任公司"


def test_a_bulk_load_rebuilds_the_indexes_it_set_aside(
    regions, tmp_path, small_batches, monkeypatch
):
    from django.db import connection

    if connection.vendor != "sqlite":
        pytest.skip("bulk loads set indexes aside on SQLite only")
    monkeypatch.setattr(writer, "BULK_LOAD_MIN_ROWS", 3)

    def indexes():
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name IN "
                "('patents_patent', 'patents_patentapplicant', 'patents_publication')"
            )
            return sorted(row[0] for row in cursor.fetchall())

    before = indexes()
    dropped = []
    real = writer.DeferredIndexes

    def spy(*args):
        deferred = real(*args)
        dropped.append(list(deferred.saved))
        return deferred

    monkeypatch.setattr(writer, "DeferredIndexes", spy)
    path = write_canonical(tmp_path / "a.csv", [canonical_row(n) for n in range(1, 10)])
    run = patents_import(path=path)
    assert dropped and dropped[0]  # the indexes were set aside after the first batch
    assert (run.status, run.inserted) == (ImportRun.Status.COMMITTED, 9)
    assert indexes() == before
    assert Patent.objects.filter(region__code__startswith="6201").count() == 9
    # The statistics summary was rebuilt whole, in the import's transaction.

    imported = summary_rows()
    assert sum(row[-1] for row in imported) >= 9
    patent_counts_rebuild()
    assert summary_rows() == imported
    # Rolled back (a bad row): the indexes come back with the rollback.
    rows = [canonical_row(n) for n in range(20, 30)] + [canonical_row(30, filing_date="x")]
    run = patents_import(path=write_canonical(tmp_path / "b.csv", rows))
    assert run.status == ImportRun.Status.REJECTED
    assert len(dropped) == 2
    assert indexes() == before
    assert Patent.objects.count() == 9


def test_prepared_values_follow_the_column_order(tmp_path):

    row = canonical_row(
        7,
        grant_number="CN101200007B",
        grant_date="2010-05-12",
        ipc="G01N33/00;G01N21/00",
        legal_status="有效",
    )
    (raw,) = open_records(write_canonical(tmp_path / "a.csv", [row]))
    (prepared,) = Preparer().batch([build_record(raw)])
    values = dict(zip(PREPARED_COLUMNS, prepared.values, strict=True))
    assert values == {
        "application_number": app_number(2008, 1, 7),
        "patent_type": "invention",
        "is_pct": False,
        "filing_date": "2008-03-15",
        "publication_number": "CN101200007A",
        "publication_date": "2008-09-10",
        "grant_number": "CN101200007B",
        "grant_date": "2010-05-12",
        "title": "一种测试装置7",
        "abstract": "",
        "ipc_main": "G01N33/00",
        "ipc": "G01N33/00;G01N21/00",
        "inventors": "张三;李四",
        "address": "甘肃省兰州市城关区天水南路222号",
        "postcode": "730000",
        "agents": "王五",
        "legal_status": "有效",
        "region_id": values["region_id"],
        "placement": "address",
    }
    assert values["region_id"].startswith("6201")
    assert prepared.documents == (
        ("CN101200007A", "A", "2008-09-10"),
        ("CN101200007B", "B", "2010-05-12"),
    )
    assert (prepared.applicant_keys, prepared.agency_key) == (
        ("兰州大学",),
        "兰州振华专利代理有限责任公司",
    )


# --- honest summaries: a rejected file inserted nothing; the same row twice --------------


def test_cli_json_of_a_rejected_file_says_nothing_was_inserted(regions, tmp_path, capsys):
    rows = [canonical_row(1), canonical_row(2), canonical_row(3, application_number="x")]
    with pytest.raises(SystemExit) as exit_info:
        call_command("import_patents", str(write_canonical(tmp_path / "a.csv", rows)), "--json")
    assert exit_info.value.code == 1
    summary = json.loads(capsys.readouterr().out.strip())
    assert summary == {"inserted": 0, "updated": 0, "unchanged": 0, "rejected": 1, "unplaced": 0}
    run = ImportRun.objects.get()
    assert (run.status, run.inserted, run.updated, run.unchanged) == (
        ImportRun.Status.REJECTED,
        0,
        0,
        0,
    )
    assert not Patent.objects.exists()


def test_a_preview_still_says_what_the_file_would_do(regions, tmp_path):
    rows = [canonical_row(1), canonical_row(2, application_number="x")]
    run = patents_import(path=write_canonical(tmp_path / "a.csv", rows), dry_run=True)
    assert (run.status, run.inserted, run.rejected) == (ImportRun.Status.PREVIEWED, 1, 1)


def test_the_same_row_twice_is_rejected_with_both_line_numbers(regions, tmp_path, capsys):
    rows = [canonical_row(1), canonical_row(2), canonical_row(1, title="改过的题目")]
    with pytest.raises(SystemExit):
        call_command("import_patents", str(write_canonical(tmp_path / "a.csv", rows)))
    err = capsys.readouterr().err
    assert f"第4行：申请号 {app_number(2008, 1, 1)}（CN101200001A）与第2行重复" in err
    assert not Patent.objects.exists()


def test_skip_bad_imports_the_first_of_two_same_rows(regions, tmp_path):
    rows = [canonical_row(1), canonical_row(2), canonical_row(1, title="改过的题目")]
    rejects = tmp_path / "rejects.csv"
    run = patents_import(
        path=write_canonical(tmp_path / "a.csv", rows), skip_bad=True, rejects_path=rejects
    )
    assert (run.status, run.inserted, run.updated, run.rejected) == (
        ImportRun.Status.COMMITTED,
        2,
        0,
        1,
    )
    assert Patent.objects.get(application_number=app_number(2008, 1, 1)).title == "一种测试装置1"
    text = rejects.read_text(encoding="utf-8-sig")
    assert "第4行" in text and "与第2行重复" in text and "改过的题目" in text


def test_publication_and_grant_of_one_application_are_not_duplicates(regions, tmp_path):
    grant = canonical_row(
        1,
        publication_number="CN101200001B",
        publication_date="2010-05-12",
        legal_status="有效",
    )
    rows = [canonical_row(1), canonical_row(2), grant]
    run = patents_import(path=write_canonical(tmp_path / "a.csv", rows))
    assert (run.status, run.inserted, run.rejected) == (ImportRun.Status.COMMITTED, 2, 0)
    patent = Patent.objects.get(application_number=app_number(2008, 1, 1))
    assert str(patent.grant_date) == "2010-05-12"
    assert sorted(patent.publications.values_list("number", flat=True)) == [
        "CN101200001A",
        "CN101200001B",
    ]


@pytest.mark.parametrize("reading", ["in_process", "forked"])
def test_the_same_row_in_another_batch_is_a_duplicate_too(
    regions, tmp_path, small_batches, monkeypatch, reading
):

    if reading == "forked":
        monkeypatch.setattr(source, "_fork_ok", lambda path: True)
    # Batches of three: lines 2-4, 5-7, 8-10. Line 10 repeats line 5 from another batch
    # (and reader); line 9 repeats line 2, next to the grant of the same application.
    rows = [canonical_row(n) for n in range(1, 7)]
    rows.append(canonical_row(1, grant_number="CN101200001B", grant_date="2010-05-12"))
    rows.append(canonical_row(1, legal_status="有效"))
    rows.append(canonical_row(4, title="改过的题目"))
    path = write_canonical(tmp_path / "a.csv", rows)
    run = patents_import(path=path)
    assert (run.status, run.inserted) == (ImportRun.Status.REJECTED, 0)
    assert [p["message"] for p in run.problems] == [
        f"第9行：申请号 {app_number(2008, 1, 1)}（CN101200001A）与第2行重复，"
        "内容却不同，无法确定以哪一行为准",
        f"第10行：申请号 {app_number(2008, 1, 4)}（CN101200004A）与第5行重复，"
        "内容却不同，无法确定以哪一行为准",
    ]
    run = patents_import(path=path, skip_bad=True)
    assert (run.status, run.inserted, run.updated, run.rejected) == (
        ImportRun.Status.COMMITTED,
        6,
        1,
        2,
    )
    assert Patent.objects.get(application_number=app_number(2008, 1, 4)).title == "一种测试装置4"
    first = Patent.objects.get(application_number=app_number(2008, 1, 1))
    assert str(first.grant_date) == "2010-05-12"


@pytest.mark.parametrize("reading", ["in_process", "forked"])
def test_exact_copies_of_rows_are_imported_once_without_complaint(
    regions, tmp_path, small_batches, monkeypatch, reading
):
    """CNIPA's B file of 2017-07-18 holds almost every record twice, word for word."""

    if reading == "forked":
        monkeypatch.setattr(source, "_fork_ok", lambda path: True)
    # Line 3 copies line 2 in its batch; lines 5-7 copy lines 2-4 from another batch.
    rows = [canonical_row(1), canonical_row(1), canonical_row(2)]
    rows += [canonical_row(1), canonical_row(1), canonical_row(2)]
    run = patents_import(path=write_canonical(tmp_path / "a.csv", rows))
    assert (run.status, run.inserted, run.updated, run.unchanged, run.rejected) == (
        ImportRun.Status.COMMITTED,
        2,
        0,
        0,
        0,
    )
    assert Patent.objects.count() == 2
