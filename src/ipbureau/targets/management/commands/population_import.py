from pathlib import Path

from ipbureau.accounts.models import User
from ipbureau.imports.command import ImportCommand
from ipbureau.imports.result import ImportResult
from ipbureau.targets.imports import population_import


class Command(ImportCommand):
    help = (
        "Import population from CSV/XLSX with header year,region_code,population (persons) "
        "or 年度,地区代码,人口（万人）."
    )
    what = "人口数据"

    def run(self, *, path: Path, user: User | None, skip_bad: bool, dry_run: bool) -> ImportResult:
        return population_import(path=path, user=user, skip_bad=skip_bad, dry_run=dry_run)
