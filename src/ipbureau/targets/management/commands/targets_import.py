from pathlib import Path

from ipbureau.accounts.models import User
from ipbureau.imports.command import ImportCommand
from ipbureau.imports.result import ImportResult
from ipbureau.targets.imports import targets_import


class Command(ImportCommand):
    help = (
        "Import annual targets from CSV/XLSX with header year,region_code,metric,value "
        "(or 年度,地区代码,指标,目标值)."
    )
    what = "目标任务"

    def run(self, *, path: Path, user: User | None, skip_bad: bool, dry_run: bool) -> ImportResult:
        return targets_import(path=path, user=user, skip_bad=skip_bad, dry_run=dry_run)
