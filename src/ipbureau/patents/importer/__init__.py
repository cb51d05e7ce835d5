"""The patent import: a file of records in, patents upserted in one transaction.

Streaming: records are read, validated (source.py) and written (writer.py) in batches, so
memory stays flat in the file's size; the name and address caches grow with distinct values
only and are bounded. By default a file with any bad row changes nothing; with `skip_bad`
the good rows land and the bad ones are reported.

Speed (bench/import_bench.py, bench/RESULTS.md): the writer issues a few set-wise queries
and one executemany per table per batch of thousands of records (sql.py), so the import
runs at the speed of parsing and validation rather than of the ORM.
"""

import hashlib
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from ipbureau.audit.services import audit_record
from ipbureau.imports.result import ImportResult, RejectsFile, RowProblem
from ipbureau.patents.models import ImportRun
from ipbureau.patents.readers import FileFormatError, detect_format

from .source import record_batches
from .sql import import_cache
from .writer import BatchWriter


class ImportAborted(Exception):
    """The file had bad rows (or was a dry run): nothing was written."""

    def __init__(self, result: ImportResult):
        super().__init__("import rolled back")
        self.result = result


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def patents_import(
    *,
    path: Path,
    user: Any = None,
    skip_bad: bool = False,
    dry_run: bool = False,
    rejects_path: Path | None = None,
    progress: Callable[[int], None] | None = None,
    file_name: str | None = None,
    run: ImportRun | None = None,
) -> ImportRun:
    """Import one export file. Returns the ImportRun with its counts; its status says
    whether anything was written. Raises FileFormatError when the file as a whole cannot be
    read (unknown format, no 申请号 column, a damaged or truncated file): nothing is written
    then, and the run, if the file got as far as having one, is marked FAILED."""
    fail_abandoned_runs()
    path = Path(path)
    file_format = detect_format(path)
    if run is None:
        run = ImportRun.objects.create(
            user=user if getattr(user, "pk", None) else None,
            file_name=file_name or path.name,
            file_sha256=file_sha256(path),
            file_format=file_format,
            status=ImportRun.Status.PREVIEWED,
        )
    result = ImportResult(file_format=file_format)
    rejects = RejectsFile(rejects_path) if rejects_path else None
    try:
        with transaction.atomic(), import_cache(connection):
            writer = BatchWriter(run=run, result=result)
            batches = record_batches(path, result=result, rejects=rejects, progress=progress)
            for batch in batches:
                writer.write(batch)
            if dry_run or (result.rejected and not skip_bad):
                raise ImportAborted(result)
            writer.finish()
        committed = True
    except ImportAborted:
        committed = False
    except FileFormatError as exc:
        _fail(run, str(exc))
        raise
    except BaseException:
        _fail(run, "导入失败：程序出错，未导入任何记录。请把文件和出错时间告知系统管理员")
        raise
    finally:
        if rejects:
            rejects.close()
    _finish(run, result, committed=committed, dry_run=dry_run, user=user)
    return run


# A run still in progress (PREVIEWED without finished_at) after this long was left by a
# process that died without a word (kill -9, a lost server): no import takes a day.
ABANDONED_AFTER = timedelta(days=1)


def fail_abandoned_runs() -> int:
    """Mark FAILED (导入中断) the runs a crashed process left in progress; their
    transaction was rolled back with the process, so nothing of them was written. A
    preview waiting for confirmation has its finished_at and is left alone."""
    now = timezone.now()
    return ImportRun.objects.filter(
        status=ImportRun.Status.PREVIEWED,
        finished_at__isnull=True,
        started_at__lt=now - ABANDONED_AFTER,
    ).update(
        status=ImportRun.Status.FAILED,
        finished_at=now,
        problems=[{"line": None, "message": "导入中断：导入进程意外终止，未导入任何记录"}],
    )


def _fail(run: ImportRun, message: str) -> None:
    """The run of a file that could not be read to its end: the transaction was rolled
    back, so it wrote nothing."""
    run.status = ImportRun.Status.FAILED
    for key in ("inserted", "updated", "unchanged", "rejected", "unplaced"):
        setattr(run, key, 0)
    run.problems = [{"line": None, "message": message}]
    run.finished_at = timezone.now()
    run.save()


def _finish(run: ImportRun, result: ImportResult, *, committed: bool, dry_run: bool, user: Any):
    if committed:
        run.status = ImportRun.Status.COMMITTED
    elif dry_run and not result.rejected:
        run.status = ImportRun.Status.PREVIEWED
    else:
        run.status = ImportRun.Status.PREVIEWED if dry_run else ImportRun.Status.REJECTED
    result.committed = committed
    summary = result.counts()
    if run.status == ImportRun.Status.REJECTED:
        # Nothing was written, so nothing was inserted or updated: the counts of the rows
        # that passed would otherwise read as what the file did (新增 100000 for a file
        # that changed nothing). A preview keeps them: it is asked what the file would do.
        summary = dict.fromkeys(summary, 0) | {"rejected": result.rejected}
    for key, value in summary.items():
        setattr(run, key, value)
    run.file_format = result.file_format
    run.problems = [{"line": p.line, "message": p.message} for p in result.problems]
    run.finished_at = timezone.now()
    run.save()
    if committed and getattr(user, "pk", None):
        audit_record(
            actor=user,
            action="patents.import",
            target=run,
            summary=(
                f"导入 {run.file_name}：新增{run.inserted}，更新{run.updated}，"
                f"无变化{run.unchanged}，拒收{run.rejected}"
            ),
        )


__all__ = [
    "FileFormatError",
    "ImportAborted",
    "ImportResult",
    "RowProblem",
    "fail_abandoned_runs",
    "file_sha256",
    "patents_import",
]
