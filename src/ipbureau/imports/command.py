"""What the file-import commands (import_patents, import_cases, targets_import,
population_import) share on the command line: `FILE [--skip-bad] [--dry-run] [--json]
[--user NAME]`, the file that must exist and the user the import acts as; and, for the table
imports, the whole command (ImportCommand). The patent import reports from its stored
ImportRun and so has its own handle()."""

import json
import sys
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management import BaseCommand, CommandError

from ipbureau.accounts.models import User

from .result import ImportResult
from .tabular import SheetError

SYSTEM_USER_HELP = (
    "username the change is made as (permission checked, audited under that name); "
    "without it the command acts as the system: no permission check, no actor in the audit"
)


def add_import_arguments(parser, *, user_help: str) -> None:
    parser.add_argument("file", type=Path)
    parser.add_argument(
        "--skip-bad", action="store_true", help="import the good rows even if some rows are bad"
    )
    parser.add_argument("--dry-run", action="store_true", help="check only, write nothing")
    parser.add_argument("--json", action="store_true", help="print one JSON summary line")
    parser.add_argument("--user", help=user_help)


def import_file(opts: dict) -> Path:
    """The FILE argument, which must be a file."""
    path: Path = opts["file"]
    if not path.is_file():
        raise CommandError(f"找不到文件：{path}")
    return path


def acting_user(username: str | None) -> User | None:
    """The user of that name (None without a name); a name nobody has is an error."""
    if not username:
        return None
    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        raise CommandError(f"没有用户名为 {username} 的用户")
    return user


class ImportCommand(BaseCommand):
    """A table import (cases, targets, population): `FILE [--skip-bad] [--dry-run] [--json]
    [--user NAME]`; exits 1 when nothing was written because of bad rows."""

    what = ""  # what the file holds, starting the summary line (案件台账, 目标任务)

    def add_arguments(self, parser) -> None:
        add_import_arguments(parser, user_help=SYSTEM_USER_HELP)

    def run(self, *, path: Path, user: User | None, skip_bad: bool, dry_run: bool) -> ImportResult:
        raise NotImplementedError

    def handle(self, *args, **opts) -> None:
        try:
            result = self.run(
                path=import_file(opts),
                user=acting_user(opts["user"]),
                skip_bad=opts["skip_bad"],
                dry_run=opts["dry_run"],
            )
        except SheetError as exc:
            raise CommandError(str(exc)) from exc
        if opts["json"]:
            self.stdout.write(json.dumps(result.as_json(), ensure_ascii=False))
        else:
            self._report(result, dry_run=opts["dry_run"])
        if result.rejected and not result.committed and not opts["dry_run"]:
            sys.exit(1)

    def _report(self, result: ImportResult, *, dry_run: bool) -> None:
        for problem in result.problems:
            self.stderr.write(problem.message)
        if result.committed:
            verdict = "导入完成"
        elif dry_run:
            verdict = "检查完成，未写入数据库"
        else:
            verdict = (
                "文件中有错误行，未导入任何数据（改正后重新导入，或用 --skip-bad 只导入正确的行）"
            )
        self.stdout.write(
            f"{self.what}{verdict}：新增 {result.inserted}，更新 {result.updated}，"
            f"无变化 {result.unchanged}，错误 {result.rejected}"
        )
