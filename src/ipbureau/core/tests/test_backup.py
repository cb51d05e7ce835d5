"""`ipbureau backup` then `ipbureau restore` into a fresh data folder and database gives back
every row of every table and every uploaded file, byte for byte."""

import io
import os
import shutil
import sqlite3
import subprocess
import sys
import tarfile
import uuid
from pathlib import Path
from urllib.parse import quote

import pytest
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from django.db import connection

from ipbureau.assistance.attachments import attachment_folder
from ipbureau.assistance.tests.factories import RequestFactory
from ipbureau.audit.models import AuditEntry
from ipbureau.audit.services import audit_record
from ipbureau.cases.models import Document
from ipbureau.cases.tests.factories import CaseFactory
from ipbureau.core.backup import file_folders
from ipbureau.patents.tests.factories import make_patent
from ipbureau.targets.tests.factories import PopulationFactory, TargetFactory

# pg_dump reads the database from outside this process: the rows must be committed.
pytestmark = pytest.mark.django_db(transaction=True)

EVIDENCE = b"%PDF-1.4 evidence \x00\xff\xfe" + bytes(range(256)) * 40


@pytest.fixture
def records(users):
    """Rows in several apps and an uploaded file in each kind of folder."""
    patent = make_patent(1)
    case = CaseFactory(region_id="620100")
    Document.objects.create(
        case=case,
        title="证据材料",
        file=ContentFile(EVIDENCE, name="evidence.pdf"),
        original_name="证据.pdf",
        size=len(EVIDENCE),
        uploaded_by=users["lanzhou"],
    )
    TargetFactory()
    PopulationFactory()
    RequestFactory(attachment_path="backup-test.png", attachment_name="照片.png")
    attachment_folder().mkdir(parents=True, exist_ok=True)
    (attachment_folder() / "backup-test.png").write_bytes(b"\x89PNG\r\n\x1a\n" + EVIDENCE)
    audit_record(actor=users["admin"], action="test", target=patent, summary="一条记录")
    return users


@pytest.fixture
def restore_env(tmp_path):
    """The environment of a second installation: a fresh data folder and, on PostgreSQL, a
    fresh empty database (dropped afterwards)."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DATABASE_URL", "MEDIA_ROOT", "STATIC_ROOT"}
    }
    env["IPBUREAU_DATA_DIR"] = str(tmp_path / "restored")
    if connection.vendor == "sqlite":
        yield env
        return
    if shutil.which("pg_dump") is None or shutil.which("pg_restore") is None:
        pytest.skip("pg_dump/pg_restore are not installed")
    import psycopg

    db = connection.settings_dict
    name = f"ipbureau_restore_{uuid.uuid4().hex[:8]}"
    params = {"host": db["HOST"], "port": db["PORT"], "user": db["USER"], "dbname": "postgres"}
    if db["PASSWORD"]:
        params["password"] = db["PASSWORD"]
    with psycopg.connect(**params, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    password = f":{quote(db['PASSWORD'], safe='')}" if db["PASSWORD"] else ""
    env["DATABASE_URL"] = f"postgres://{db['USER']}{password}@{db['HOST']}:{db['PORT']}/{name}"
    try:
        yield env | {"RESTORED_DB": name}
    finally:
        with psycopg.connect(**params, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def ipbureau(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "ipbureau", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def table_rows(cursor, vendor: str, table: str) -> list[tuple]:
    """Every row as text the same way on both sides (no driver's type conversion). The
    entries of the backup and the restore are left out: each is written once it succeeded,
    so neither is in the archive."""
    where = " WHERE action NOT IN ('backup', 'restore')" if table == "audit_auditentry" else ""
    if vendor == "sqlite":
        cursor.execute(f'PRAGMA table_info("{table}")')
        columns = ", ".join(f'quote("{row[1]}")' for row in cursor.fetchall())
        cursor.execute(f'SELECT {columns} FROM "{table}"{where}')
    else:
        cursor.execute(f'SELECT t::text FROM "{table}" t{where}')
    return sorted(tuple(row) for row in cursor.fetchall())


def everything(cursor, vendor: str, tables: list[str]) -> dict[str, list[tuple]]:
    return {table: table_rows(cursor, vendor, table) for table in tables}


def folder_bytes(folder: Path) -> dict[str, bytes]:
    if not folder.is_dir():
        return {}
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in folder.rglob("*")
        if path.is_file()
    }


@pytest.mark.parametrize("suffix", [".tar", ".zip"])
def test_a_restore_gives_back_every_row_of_every_table_and_every_file(
    records, restore_env, tmp_path, suffix, capsys
):
    archive = tmp_path / f"ipbureau-backup{suffix}"
    call_command("backup", str(archive), "--user", "admin")
    assert "已备份到" in capsys.readouterr().out
    backup_entry = AuditEntry.objects.get(action="backup")
    assert backup_entry.actor == records["admin"]
    assert archive.name in backup_entry.summary

    restored = ipbureau("restore", str(archive), "--user", "admin", env=restore_env)
    assert restored.returncode == 0, restored.stderr
    assert "校验和全部一致" in restored.stdout

    tables = connection.introspection.table_names()
    assert {"patents_patent", "cases_case", "cases_document", "audit_auditentry"} <= set(tables)
    with connection.cursor() as cursor:
        expected = everything(cursor, connection.vendor, tables)
    assert expected["cases_document"] and expected["targets_target"]
    if connection.vendor == "sqlite":
        target = sqlite3.connect(Path(restore_env["IPBUREAU_DATA_DIR"]) / "ipbureau.sqlite3")
        restored_tables = [
            row[0]
            for row in target.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            if row[0] != "sqlite_sequence"
        ]
        actual = everything(target.cursor(), "sqlite", tables)
        restore_entries = target.execute(
            "SELECT summary FROM audit_auditentry a JOIN accounts_user u ON u.id = a.actor_id"
            " WHERE action = 'restore' AND u.username = 'admin'"
        ).fetchall()
        target.close()
    else:
        import psycopg

        db = connection.settings_dict
        with psycopg.connect(
            host=db["HOST"],
            port=db["PORT"],
            user=db["USER"],
            password=db["PASSWORD"] or None,
            dbname=restore_env["RESTORED_DB"],
        ) as target:
            with target.cursor() as cursor:
                cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
                restored_tables = [row[0] for row in cursor.fetchall()]
                actual = everything(cursor, "postgresql", tables)
                cursor.execute(
                    "SELECT summary FROM audit_auditentry a JOIN accounts_user u"
                    " ON u.id = a.actor_id WHERE action = 'restore' AND u.username = 'admin'"
                )
                restore_entries = cursor.fetchall()
    assert sorted(restored_tables) == sorted(tables)
    assert actual == expected
    assert len(restore_entries) == 1

    restored_dir = Path(restore_env["IPBUREAU_DATA_DIR"])
    for name, folder in file_folders().items():
        # The second installation keeps each folder under its own data folder.
        assert folder_bytes(restored_dir / name) == folder_bytes(folder), name
    assert EVIDENCE in folder_bytes(restored_dir / "case-documents").values()


def test_restore_refuses_a_database_that_is_not_empty(records, tmp_path):
    archive = tmp_path / "backup.tar"
    call_command("backup", str(archive))
    with pytest.raises(CommandError, match="目标数据库不是空的"):
        call_command("restore", str(archive))


def test_restore_refuses_a_data_folder_that_is_not_empty(records, restore_env, tmp_path):
    archive = tmp_path / "backup.zip"
    call_command("backup", str(archive))
    leftover = Path(restore_env["IPBUREAU_DATA_DIR"]) / "case-documents" / "old.pdf"
    leftover.parent.mkdir(parents=True)
    leftover.write_bytes(b"%PDF- an older installation")
    result = ipbureau("restore", str(archive), env=restore_env)
    assert result.returncode == 1
    assert "数据目录不是空的" in result.stderr
    assert "Traceback" not in result.stderr


def test_restore_refuses_a_damaged_archive_before_writing_anything(records, tmp_path):
    archive = tmp_path / "backup.tar"
    call_command("backup", str(archive))
    damaged = tmp_path / "damaged.tar"
    with tarfile.open(archive) as source, tarfile.open(damaged, "w") as copy:
        for member in source.getmembers():
            data = source.extractfile(member).read()
            if member.name.startswith("files/case-documents/"):
                data = data[:-1] + bytes([data[-1] ^ 1])
            copy.addfile(member, io.BytesIO(data))
    with pytest.raises(CommandError, match="校验和不符"):
        call_command("restore", str(damaged))


def test_backup_never_overwrites_an_existing_file(records, tmp_path):
    archive = tmp_path / "backup.tar"
    archive.write_bytes(b"an older backup")
    with pytest.raises(CommandError, match="已存在"):
        call_command("backup", str(archive))
    assert archive.read_bytes() == b"an older backup"
