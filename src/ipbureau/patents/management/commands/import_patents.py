import json
import sys
import time
from pathlib import Path

from django.core.management import BaseCommand, CommandError

from ipbureau.imports.command import acting_user, add_import_arguments, import_file
from ipbureau.patents.importer import FileFormatError, patents_import
from ipbureau.patents.models import ImportRun

PROGRESS_FROM = 5000


class Command(BaseCommand):
    help = "Import patent records from an export file (CSV, XLSX, Google Patents CSV, CNIPA XML)."

    def add_arguments(self, parser) -> None:
        add_import_arguments(parser, user_help="username the import is attributed to")
        parser.add_argument("--rejects", type=Path, help="write the bad rows and reasons here")

    def handle(self, *args, **opts) -> None:
        path = import_file(opts)
        user = acting_user(opts["user"])
        started = time.monotonic()
        try:
            run = patents_import(
                path=path,
                user=user,
                skip_bad=opts["skip_bad"],
                dry_run=opts["dry_run"],
                rejects_path=opts["rejects"],
                progress=None if opts["json"] else _Progress(started),
            )
        except FileFormatError as exc:  # exit status 1, the message without a traceback
            raise CommandError(f"{exc}。未导入任何记录") from exc
        if not opts["json"] and run.inserted + run.updated + run.unchanged >= PROGRESS_FROM:
            sys.stderr.write("\n")
        summary = {
            k: getattr(run, k) for k in ("inserted", "updated", "unchanged", "rejected", "unplaced")
        }
        if opts["json"]:
            self.stdout.write(json.dumps(summary))
        else:
            self._report(run, time.monotonic() - started)
        if run.status == ImportRun.Status.REJECTED:
            sys.exit(1)

    def _report(self, run: ImportRun, seconds: float) -> None:
        for problem in run.problems:
            self.stderr.write(problem["message"])
        if run.rejected > len(run.problems):
            self.stderr.write(
                f"……另有 {run.rejected - len(run.problems)} 行有错误，"
                "用 --rejects 文件名 可导出全部错误行。"
            )
        rows = run.inserted + run.updated + run.unchanged + run.rejected
        verdict = {
            ImportRun.Status.COMMITTED: "导入完成",
            ImportRun.Status.REJECTED: "文件中有错误行，未导入任何记录（改正后重新导入，"
            "或用 --skip-bad 只导入正确的行）",
            ImportRun.Status.PREVIEWED: "预检完成，未写入数据库",
        }[run.status]
        if run.status == ImportRun.Status.REJECTED:  # nothing written: no counts to claim
            self.stdout.write(f"{verdict}：错误 {run.rejected} 行（用时 {seconds:.1f} 秒）")
            return
        self.stdout.write(
            f"{verdict}：共 {rows} 行，新增 {run.inserted}，更新 {run.updated}，"
            f"无变化 {run.unchanged}，错误 {run.rejected}，待定地区 {run.unplaced}"
            f"（用时 {seconds:.1f} 秒）"
        )


class _Progress:
    def __init__(self, started: float):
        self.started = started

    def __call__(self, count: int) -> None:
        if count < PROGRESS_FROM:
            return
        rate = count / max(time.monotonic() - self.started, 1e-6)
        sys.stderr.write(f"\r已读取 {count:,} 行，{rate:,.0f} 行/秒")
        sys.stderr.flush()
