"""The import survives bad input: fields longer than their columns are bad rows, and a file
that cannot be read (a truncated gzip, a broken workbook) is a clear error that writes
nothing and leaves no run waiting."""

import gzip
import io
import zipfile
from datetime import timedelta
from pathlib import Path

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from ipbureau.orgs.models import Organization
from ipbureau.patents.importer import FileFormatError, patents_import, source
from ipbureau.patents.models import ImportRun, Patent
from ipbureau.patents.tests.factories import canonical_row, write_canonical
from ipbureau.patents.tests.test_views import client_for

pytestmark = pytest.mark.django_db


def test_a_title_longer_than_its_column_is_a_bad_row_with_its_line(regions, tmp_path):
    rows = [canonical_row(1), canonical_row(2, title="专" * 501)]
    run = patents_import(path=write_canonical(tmp_path / "a.csv", rows))
    assert run.status == ImportRun.Status.REJECTED
    assert run.problems == [
        {"line": 3, "message": "第3行：名称超过500个字符（共 501 个），请核对该行是否错列"}
    ]
    assert not Patent.objects.exists()


def test_an_applicant_name_longer_than_its_column_is_a_bad_row(regions, tmp_path):
    rows = [canonical_row(1, applicants="兰州大学;" + "甲" * 300), canonical_row(2)]
    run = patents_import(path=write_canonical(tmp_path / "a.csv", rows))
    assert run.status == ImportRun.Status.REJECTED
    assert [p["line"] for p in run.problems] == [2]
    assert run.problems[0]["message"].startswith("第2行：申请(专利权)人超过255个字符（共 300 个）")
    assert not Patent.objects.exists()
    assert not Organization.objects.exists()


def test_with_skip_bad_the_rows_within_their_columns_are_imported(regions, tmp_path):
    rows = [canonical_row(1), canonical_row(2, agency="乙" * 256)]
    run = patents_import(path=write_canonical(tmp_path / "a.csv", rows), skip_bad=True)
    assert run.status == ImportRun.Status.COMMITTED
    assert (run.inserted, run.rejected) == (1, 1)
    assert "专利代理机构超过255个字符" in run.problems[0]["message"]


def truncated_gzip(path: Path, rows: int = 20000) -> Path:
    """A real gzip of a canonical CSV with its second half cut off: its first megabyte
    (what the format is told by) reads, the rest ends before the end-of-stream marker."""
    plain = write_canonical(path.with_suffix(""), [canonical_row(i) for i in range(1, rows)])
    data = gzip.compress(plain.read_bytes())
    path.write_bytes(data[: len(data) // 2])
    return path


def test_a_truncated_gzip_is_a_command_error_and_writes_nothing(regions, tmp_path):
    path = truncated_gzip(tmp_path / "周报.csv.gz")
    with pytest.raises(CommandError, match="gzip 压缩文件不完整") as caught:
        call_command("import_patents", str(path))
    assert caught.value.returncode == 1
    assert not Patent.objects.exists()
    assert not Organization.objects.exists()
    run = ImportRun.objects.get()
    assert run.status == ImportRun.Status.FAILED
    assert run.finished_at is not None
    assert "gzip 压缩文件不完整" in run.problems[0]["message"]


def test_a_truncated_gzip_read_by_child_processes_fails_the_same_way(
    regions, tmp_path, monkeypatch
):
    monkeypatch.setattr(source, "FORK_MIN_BYTES", 0)
    monkeypatch.setattr(source, "_cpus", lambda: 2)
    monkeypatch.setattr(source, "BATCH_SIZE", 1000)
    path = truncated_gzip(tmp_path / "a.csv.gz")
    assert source._fork_ok(path)
    with pytest.raises(FileFormatError, match="gzip 压缩文件不完整"):
        patents_import(path=path)
    assert not Patent.objects.exists()
    assert ImportRun.objects.get().status == ImportRun.Status.FAILED


def test_a_gzip_cut_within_its_first_megabyte_is_a_command_error(regions, tmp_path):
    path = tmp_path / "a.csv.gz"
    data = gzip.compress(write_canonical(tmp_path / "a.csv", [canonical_row(1)]).read_bytes())
    path.write_bytes(data[:-12])
    with pytest.raises(CommandError, match="gzip 压缩文件不完整"):
        call_command("import_patents", str(path))
    assert not Patent.objects.exists()


def corrupt_xlsx(path: Path) -> Path:
    """A real workbook whose sheet is damaged halfway: it opens (the sheet is read lazily),
    then its rows break off."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["申请号", "申请日", "名称"])
    for serial in range(1, 3000):
        row = canonical_row(serial)
        sheet.append([row["application_number"], row["filing_date"], row["title"]])
    buffer = io.BytesIO()
    book.save(buffer)
    data = bytearray(buffer.getvalue())
    member = zipfile.ZipFile(buffer).getinfo("xl/worksheets/sheet1.xml")
    middle = member.header_offset + 30 + len(member.filename) + member.compress_size // 2
    data[middle : middle + 64] = bytes(64)
    path.write_bytes(bytes(data))
    return path


def test_a_corrupt_xlsx_is_a_command_error_and_writes_nothing(regions, tmp_path):
    with pytest.raises(CommandError, match="Excel 工作簿已损坏") as caught:
        call_command("import_patents", str(corrupt_xlsx(tmp_path / "a.xlsx")))
    assert caught.value.returncode == 1
    assert not Patent.objects.exists()
    assert ImportRun.objects.get().status == ImportRun.Status.FAILED


def test_a_file_that_is_not_what_its_name_says_is_a_command_error(regions, tmp_path):
    path = tmp_path / "a.csv"
    path.write_bytes(b"\x1f\x8bnot really gzip at all" * 10)
    with pytest.raises(CommandError, match="gzip"):
        call_command("import_patents", str(path))


def test_the_web_upload_of_a_truncated_gzip_is_an_error_on_the_page(
    users, regions, tmp_path, settings
):
    settings.DATA_DIR = tmp_path / "data"
    data = truncated_gzip(tmp_path / "a.csv.gz").read_bytes()
    response = client_for(users["province"]).post(
        reverse("patents:imports"), {"file": SimpleUploadedFile("周报.csv.gz", data)}, follow=True
    )
    assert response.status_code == 200
    assert "gzip 压缩文件不完整" in response.content.decode()
    run = ImportRun.objects.get()
    assert run.status == ImportRun.Status.FAILED
    assert run.finished_at is not None
    assert run.stored_path == ""
    assert not list((settings.DATA_DIR / "uploads").glob("*"))
    assert not Patent.objects.exists()


def test_runs_abandoned_by_a_crashed_import_are_marked_interrupted(regions, tmp_path):
    old = ImportRun.objects.create(file_name="old.csv", status=ImportRun.Status.PREVIEWED)
    recent = ImportRun.objects.create(file_name="new.csv", status=ImportRun.Status.PREVIEWED)
    waiting = ImportRun.objects.create(
        file_name="preview.csv", status=ImportRun.Status.PREVIEWED, finished_at=timezone.now()
    )
    long_ago = timezone.now() - timedelta(days=2)
    ImportRun.objects.filter(pk__in=[old.pk, waiting.pk]).update(started_at=long_ago)
    patents_import(path=write_canonical(tmp_path / "a.csv", [canonical_row(1)]))
    old.refresh_from_db()
    assert old.status == ImportRun.Status.FAILED
    assert old.finished_at is not None
    assert old.problems[0]["message"].startswith("导入中断")
    for run in (recent, waiting):  # one may still be running; one waits for confirmation
        run.refresh_from_db()
        assert run.status == ImportRun.Status.PREVIEWED
