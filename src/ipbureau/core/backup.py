"""Backup and restore of one installation (`ipbureau backup FILE`, `ipbureau restore FILE`):
the database (SQLite's online backup, or pg_dump's custom format) and the files that exist
only under IPBUREAU_DATA_DIR, in one .tar or .zip whose manifest.json lists every file with
its SHA-256, the application version and the migrations applied."""

import datetime
import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
import time
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path, PurePosixPath
from typing import IO, Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder

from ipbureau.assistance.attachments import attachment_folder
from ipbureau.audit.services import audit_record_event

FORMAT = 1
MANIFEST = "manifest.json"
DATABASE_MEMBERS = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}
VENDOR_NAMES = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}
CHUNK = 1024 * 1024


class BackupError(Exception):
    """A backup or restore that cannot go on; the message tells the operator what to do."""


@dataclass(frozen=True)
class BackupSummary:
    path: Path
    database: str
    files: int
    size: int

    def describe(self) -> str:
        return (
            f"数据库（{VENDOR_NAMES[self.database]}）与 {self.files} 个文件，"
            f"共 {self.size / 1024 / 1024:.1f} MB"
        )


def file_folders() -> dict[str, Path]:
    """The folders whose files exist nowhere else, by their name inside the archive. Static
    files are left out: `ipbureau serve` collects them again from the code."""
    data = Path(settings.DATA_DIR)
    return {
        "case-documents": data / "case-documents",  # cases.models.documents_storage
        "assistance": attachment_folder(),
        "uploads": data / "uploads",  # web imports waiting for confirmation (patents.views)
        "media": Path(settings.MEDIA_ROOT),
    }


def backup_create(*, path: Path, user: Any = None) -> BackupSummary:
    """Write the backup to `path` (.tar or .zip), which must not exist yet. The archive is
    read back and checked before it takes its name, so a file with that name is whole."""
    kind = _archive_kind(path)
    if path.exists():
        raise BackupError(f"{path} 已存在，备份不覆盖已有文件；请换一个文件名。")
    if not path.parent.is_dir():
        raise BackupError(f"目录 {path.parent} 不存在。")
    vendor = _vendor()
    with tempfile.TemporaryDirectory(prefix=".ipbureau-backup-", dir=path.parent) as tmp:
        dump = Path(tmp) / DATABASE_MEMBERS[vendor]
        _dump_database(dump)
        sources = {dump.name: dump} | _data_files()
        files: dict[str, dict[str, Any]] = {
            name: {"sha256": _sha256_path(source), "size": source.stat().st_size}
            for name, source in sources.items()
        }
        manifest: dict[str, Any] = {
            "format": FORMAT,
            "application": "ipbureau",
            "version": _app_version(),
            "created_at": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
            "database": {"vendor": vendor, "file": dump.name},
            "migrations": _applied_migrations(),
            "files": files,
        }
        partial = Path(tmp) / f"partial.{kind}"
        with _writer(partial, kind) as add:
            for name, source in sources.items():
                with source.open("rb") as fh:
                    add(name, fh, source.stat().st_size)
            data = json.dumps(manifest, ensure_ascii=False, indent=2).encode()
            add(MANIFEST, io.BytesIO(data), len(data))
        with _reader(partial, kind) as archive:
            _verify(archive, manifest)
        os.replace(partial, path)
    summary = BackupSummary(
        path=path,
        database=vendor,
        files=len(sources) - 1,
        size=sum(entry["size"] for entry in files.values()),
    )
    if user is not None:
        audit_record_event(
            actor=user,
            action="backup",
            target_type="backup",
            target_id=path.name,
            summary=f"备份到 {path}：{summary.describe()}",
        )
    return summary


def backup_restore(*, path: Path, username: str | None = None) -> BackupSummary:
    """Restore `path` into the configured database and data folder, which must both be
    empty. Nothing is written before every checksum and the migrations have been checked."""
    kind = _archive_kind(path)
    if not path.is_file():
        raise BackupError(f"找不到备份文件：{path}")
    with _reader(path, kind) as archive:
        manifest = _read_manifest(archive)
        _verify(archive, manifest)
        _check_compatible(manifest)
        # A new installation's data folder (where SQLite's file goes) may not exist yet.
        Path(settings.DATA_DIR).mkdir(parents=True, exist_ok=True)
        _check_empty()
        database_member = manifest["database"]["file"]
        with tempfile.TemporaryDirectory(prefix="ipbureau-restore-") as tmp:
            dump = Path(tmp) / database_member
            with archive.open(database_member) as src, dump.open("wb") as dst:
                shutil.copyfileobj(src, dst, CHUNK)
            _load_database(dump)
        folders = file_folders()
        restored = 0
        for name in manifest["files"]:
            if name == database_member:
                continue
            _, folder, relative = name.split("/", 2)
            target = folders[folder] / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            with archive.open(name) as src, target.open("xb") as dst:
                shutil.copyfileobj(src, dst, CHUNK)
            restored += 1
    summary = BackupSummary(
        path=path,
        database=manifest["database"]["vendor"],
        files=restored,
        size=sum(entry["size"] for entry in manifest["files"].values()),
    )
    if username:
        # The user is looked up in the data just restored: the database was empty before.
        actor = get_user_model().objects.filter(username=username).first()
        missing = "" if actor else f"（恢复的数据中没有用户 {username}）"
        audit_record_event(
            actor=actor,
            action="restore",
            target_type="backup",
            target_id=path.name,
            summary=f"从 {path} 恢复{missing}：{summary.describe()}（备份于 "
            f"{manifest['created_at']}，版本 {manifest['version']}）",
        )
    return summary


# The database.


def _vendor() -> str:
    if connection.vendor not in DATABASE_MEMBERS:
        raise BackupError(f"不支持备份 {connection.vendor} 数据库，只支持 SQLite 和 PostgreSQL。")
    return connection.vendor


def _dump_database(dest: Path) -> None:
    if _vendor() == "sqlite":
        # The online backup API copies a consistent snapshot while the server keeps writing.
        connection.ensure_connection()
        target = sqlite3.connect(dest)
        try:
            connection.connection.backup(target)
        finally:
            target.close()
    else:
        _postgres("pg_dump", "--format=custom", f"--file={dest}")


def _load_database(dump: Path) -> None:
    if _vendor() == "sqlite":
        connection.close()
        source = sqlite3.connect(dump)
        target = sqlite3.connect(connection.settings_dict["NAME"])
        try:
            source.backup(target)
        finally:
            source.close()
            target.close()
    else:
        # One transaction: a restore that fails leaves the database empty, ready to retry.
        _postgres(
            "pg_restore",
            "--no-owner",
            "--no-privileges",
            "--single-transaction",
            "--exit-on-error",
            str(dump),
        )


def _postgres(program: str, *args: str) -> None:
    executable = shutil.which(program)
    if executable is None:
        raise BackupError(
            f"找不到 {program}：请安装 PostgreSQL 客户端（版本不低于服务器），并确保它在 PATH 中。"
        )
    db = connection.settings_dict
    # The password goes through the environment, never the command line (visible in ps).
    variables = {
        "PGHOST": db.get("HOST"),
        "PGPORT": db.get("PORT"),
        "PGUSER": db.get("USER"),
        "PGPASSWORD": db.get("PASSWORD"),
        "PGSSLMODE": db.get("OPTIONS", {}).get("sslmode"),
    }
    env = os.environ | {key: str(value) for key, value in variables.items() if value}
    result = subprocess.run(
        [executable, f"--dbname={db['NAME']}", *args], env=env, capture_output=True, text=True
    )
    if result.returncode != 0:
        raise BackupError(f"{program} 失败：{result.stderr.strip()}")


def _applied_migrations() -> dict[str, list[str]]:
    applied: dict[str, list[str]] = {}
    for app_label, name in sorted(MigrationRecorder(connection).applied_migrations()):
        applied.setdefault(app_label, []).append(name)
    return applied


def _app_version() -> str:
    try:
        return version("ipbureau")
    except PackageNotFoundError:  # run from a source checkout
        return "unknown"


# The checks before a restore.


def _read_manifest(archive: "Archive") -> dict[str, Any]:
    if MANIFEST not in archive.names():
        raise BackupError("这不是 ipbureau 的备份文件：缺少 manifest.json。")
    try:
        with archive.open(MANIFEST) as fh:
            manifest = json.load(fh)
        files = manifest["files"]
        database = manifest["database"]
    except (ValueError, KeyError, TypeError) as error:
        raise BackupError(f"备份清单 manifest.json 无法读取：{error}") from error
    if manifest.get("format") != FORMAT:
        raise BackupError(f"备份格式 {manifest.get('format')} 不是本版本能恢复的格式 {FORMAT}。")
    if DATABASE_MEMBERS.get(database.get("vendor")) != database.get("file"):
        raise BackupError("备份清单中的数据库条目无法识别。")
    for name in files:
        if name != database["file"] and not _is_data_file(name):
            raise BackupError(f"备份清单中有不允许的路径：{name}")
    return manifest


def _is_data_file(name: str) -> bool:
    parts = PurePosixPath(name).parts
    return (
        len(parts) >= 3
        and parts[0] == "files"
        and parts[1] in file_folders()
        and not PurePosixPath(name).is_absolute()
        and not any(part in {"", ".", ".."} or "\\" in part for part in parts)
    )


def _verify(archive: "Archive", manifest: dict[str, Any]) -> None:
    listed = set(manifest["files"])
    present = set(archive.names()) - {MANIFEST}
    if listed - present:
        raise BackupError(
            f"备份文件不完整，缺少 {len(listed - present)} 个文件"
            f"（如 {min(listed - present)}）；未恢复任何内容。"
        )
    if present - listed:
        raise BackupError(
            f"备份文件中有清单未列出的文件（如 {min(present - listed)}）；未恢复任何内容。"
        )
    for name, entry in manifest["files"].items():
        with archive.open(name) as fh:
            if _sha256(fh) != entry["sha256"]:
                raise BackupError(f"备份文件已损坏：{name} 的校验和不符；未恢复任何内容。")


def _check_compatible(manifest: dict[str, Any]) -> None:
    vendor = manifest["database"]["vendor"]
    if vendor != _vendor():
        raise BackupError(
            f"这是 {VENDOR_NAMES[vendor]} 数据库的备份，当前配置的是 "
            f"{VENDOR_NAMES[_vendor()]}（DATABASE_URL）；请配置同类数据库后再恢复。"
        )
    known = set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)
    unknown = [
        f"{app_label}.{name}"
        for app_label, names in manifest["migrations"].items()
        for name in names
        if (app_label, name) not in known
    ]
    if unknown:
        raise BackupError(
            f"备份来自更新的版本（{manifest['version']}），含本版本没有的数据库迁移 "
            f"{unknown[0]} 等 {len(unknown)} 项；请先升级 ipbureau 再恢复。"
        )


def _check_empty() -> None:
    tables = connection.introspection.table_names()
    if tables:
        raise BackupError(
            f"目标数据库不是空的（已有 {len(tables)} 张表）。恢复只写入空数据库：请新建一个空"
            "数据库（SQLite 则换一个空的数据目录）后再恢复。"
        )
    for folder in file_folders().values():
        if folder.is_dir() and any(path.is_file() for path in folder.rglob("*")):
            raise BackupError(
                f"数据目录不是空的：{folder} 中已有文件。恢复只写入空的数据目录：请把 "
                "IPBUREAU_DATA_DIR 指向一个新的空目录后再恢复。"
            )


# Files and archives.


def _data_files() -> dict[str, Path]:
    found = {}
    for folder_name, folder in file_folders().items():
        if folder.is_dir():
            for path in sorted(folder.rglob("*")):
                if path.is_file():
                    found[f"files/{folder_name}/{path.relative_to(folder).as_posix()}"] = path
    return found


def _sha256(fh: IO[bytes]) -> str:
    digest = hashlib.sha256()
    while chunk := fh.read(CHUNK):
        digest.update(chunk)
    return digest.hexdigest()


def _sha256_path(path: Path) -> str:
    with path.open("rb") as fh:
        return _sha256(fh)


def _archive_kind(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix not in {".tar", ".zip"}:
        raise BackupError(f"备份文件名须以 .tar 或 .zip 结尾：{path.name}")
    return suffix[1:]


class Archive:
    """The regular files of a .tar or .zip, read by name."""

    def __init__(self, tar: tarfile.TarFile | None, zip_: zipfile.ZipFile | None) -> None:
        self._tar, self._zip = tar, zip_

    def names(self) -> list[str]:
        if self._tar is not None:
            return [member.name for member in self._tar.getmembers() if member.isfile()]
        assert self._zip is not None
        return [info.filename for info in self._zip.infolist() if not info.is_dir()]

    def open(self, name: str) -> IO[bytes]:
        if self._tar is not None:
            fh = self._tar.extractfile(name)
            assert fh is not None
            return fh
        assert self._zip is not None
        return self._zip.open(name)


@contextmanager
def _reader(path: Path, kind: str) -> Iterator[Archive]:
    try:
        if kind == "tar":
            with tarfile.open(path, "r:") as tar:
                yield Archive(tar, None)
        else:
            with zipfile.ZipFile(path) as zip_:
                yield Archive(None, zip_)
    except (tarfile.TarError, zipfile.BadZipFile, EOFError) as error:
        raise BackupError(f"备份文件 {path.name} 已损坏或不完整：{error}") from error


@contextmanager
def _writer(path: Path, kind: str) -> Iterator[Any]:
    if kind == "tar":
        with tarfile.open(path, "w", format=tarfile.PAX_FORMAT) as tar:

            def add_tar(name: str, fh: IO[bytes], size: int) -> None:
                info = tarfile.TarInfo(name)
                info.size, info.mtime, info.mode = size, int(time.time()), 0o600
                tar.addfile(info, fh)

            yield add_tar
    else:
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as zip_:

            def add_zip(name: str, fh: IO[bytes], size: int) -> None:
                info = zipfile.ZipInfo(name, date_time=time.localtime()[:6])
                info.compress_type = zipfile.ZIP_DEFLATED
                with zip_.open(info, "w", force_zip64=size > 2**31) as dst:
                    shutil.copyfileobj(fh, dst, CHUNK)

            yield add_zip
