import json
import sys

from django.core.management import BaseCommand, CommandError

from ipbureau.cases.imports import cases_import
from ipbureau.imports.command import acting_user, add_import_arguments, import_file
from ipbureau.imports.tabular import SheetError


class Command(BaseCommand):
    help = "Import a case ledger (案件台账, CSV or XLSX); idempotent by 案件编号."

    def add_arguments(self, parser) -> None:
        add_import_arguments(parser, user_help="username the import is attributed to")

    def handle(self, *args, **opts) -> None:
        path = import_file(opts)
        user = acting_user(opts["user"])
        try:
            result = cases_import(
                path=path, user=user, skip_bad=opts["skip_bad"], dry_run=opts["dry_run"]
            )
        except SheetError as exc:
            raise CommandError(str(exc)) from exc
        if opts["json"]:
            self.stdout.write(json.dumps(result.as_json(), ensure_ascii=False))
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
