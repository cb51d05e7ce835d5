"""What the targets and population commands share: --user, running an import, output."""

import json
import sys
from pathlib import Path

from django.core.management import BaseCommand, CommandError

from ipbureau.accounts.models import User
from ipbureau.imports.command import acting_user, add_import_arguments, import_file
from ipbureau.imports.result import ImportResult
from ipbureau.imports.tabular import SheetError

USER_HELP = (
    "username the change is made as (permission checked, audited under that name); "
    "without it the command acts as the system: no permission check, no actor in the audit"
)


class ImportCommand(BaseCommand):
    """`FILE [--skip-bad] [--dry-run] [--json] [--user NAME]`; exits 1 when nothing was
    written because of bad rows."""

    what = ""

    def add_arguments(self, parser) -> None:
        add_import_arguments(parser, user_help=USER_HELP)

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
