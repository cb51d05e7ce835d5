from pathlib import Path

from ipbureau.accounts.models import User
from ipbureau.cases.imports import cases_import
from ipbureau.imports.command import ImportCommand
from ipbureau.imports.result import ImportResult


class Command(ImportCommand):
    help = "Import a case ledger (案件台账, CSV or XLSX); idempotent by 案件编号."
    what = "案件台账"

    def run(self, *, path: Path, user: User | None, skip_bad: bool, dry_run: bool) -> ImportResult:
        return cases_import(path=path, user=user, skip_bad=skip_bad, dry_run=dry_run)
