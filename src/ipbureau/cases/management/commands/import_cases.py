import json
import sys
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management import BaseCommand, CommandError

from ipbureau.cases.imports import cases_import
from ipbureau.targets.sheets import SheetError


class Command(BaseCommand):
    help = "Import a case ledger (案件台账, CSV or XLSX); idempotent by 案件编号."

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--skip-bad", action="store_true", help="import the good rows even if some rows are bad"
        )
        parser.add_argument("--dry-run", action="store_true", help="check only, write nothing")
        parser.add_argument("--json", action="store_true", help="print one JSON summary line")
        parser.add_argument("--user", help="username the import is attributed to")

    def handle(self, *args, **opts) -> None:
        path: Path = opts["file"]
        if not path.is_file():
            raise CommandError(f"找不到文件：{path}")
        user = None
        if opts["user"]:
            user = get_user_model().objects.filter(username=opts["user"]).first()
            if user is None:
                raise CommandError(f"没有用户名为 {opts['user']} 的用户")
        try:
            result = cases_import(
                path=path, user=user, skip_bad=opts["skip_bad"], dry_run=opts["dry_run"]
            )
        except SheetError as exc:
            raise CommandError(str(exc)) from exc
        if opts["json"]:
            self.stdout.write(json.dumps(result.summary(), ensure_ascii=False))
        else:
            for problem in result.problems:
                self.stderr.write(problem.message)
            if result.committed:
                verdict = "导入完成"
            elif opts["dry_run"]:
                verdict = "预检完成，未写入数据库"
            else:
                verdict = (
                    "文件中有错误行，未导入任何案件（改正后重新导入，"
                    "或用 --skip-bad 只导入正确的行）"
                )
            rows = result.inserted + result.updated + result.unchanged + result.rejected
            self.stdout.write(
                f"{verdict}：共 {rows} 行，新增 {result.inserted}，更新 {result.updated}，"
                f"无变化 {result.unchanged}，错误 {result.rejected}"
            )
        if result.rejected and not result.committed:
            sys.exit(1)
