"""What the transactional CSV/XLSX imports (targets, population, cases) share: the result
with its counts and the first problems, and the loop that checks every row of a sheet.

Each import checks every row first; a file with any bad row writes nothing unless
`skip_bad`. Counts always say what the file holds (inserted/updated/unchanged/rejected);
`committed` says whether it was written.
"""

from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from typing import TypeVar

from ipbureau.imports.tabular import Sheet

PROBLEMS_KEPT = 500

RowT = TypeVar("RowT")


@dataclass
class RowProblem:
    line: int
    message: str  # a whole sentence beginning with 第N行


@dataclass
class ImportResult:
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0
    committed: bool = False
    problems: list[RowProblem] = field(default_factory=list)

    def reject(self, line: int, message: str) -> None:
        self.rejected += 1
        if len(self.problems) < PROBLEMS_KEPT:
            self.problems.append(RowProblem(line, f"第{line}行：{message}"))

    def tally(self, *, new: bool, changed: bool) -> None:
        """Count one good row: new, changed or as it was."""
        if new:
            self.inserted += 1
        elif changed:
            self.updated += 1
        else:
            self.unchanged += 1

    def writes(self, *, dry_run: bool, skip_bad: bool) -> bool:
        """Whether the good rows are to be written: not on a dry run, and with bad rows only
        when they are to be skipped."""
        return not (dry_run or (self.rejected and not skip_bad))

    def summary(self) -> dict[str, object]:
        return {
            "inserted": self.inserted,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "rejected": self.rejected,
            "committed": self.committed,
            "problems": [{"line": p.line, "message": p.message} for p in self.problems],
        }


def rows_checked(
    sheet: Sheet,
    result: ImportResult,
    *,
    parse: Callable[[int, list[str]], RowT],
    errors: type[Exception] | tuple[type[Exception], ...],
    key: Callable[[RowT], Hashable],
    problem: Callable[[RowT, int | None], str | None],
) -> list[RowT]:
    """The rows of `sheet` that pass every check; the others go to `result` with their
    reasons. `parse(line, cells)` raises one of `errors` with the row's mistakes;
    `problem(row, earlier)` says what else is wrong with a parsed row (`earlier`: the line of
    an accepted row with the same key, if any), or nothing."""
    seen: dict[Hashable, int] = {}
    good: list[RowT] = []
    for line, cells in sheet.rows:
        try:
            row = parse(line, cells)
        except errors as exc:
            result.reject(line, str(exc))
            continue
        row_key = key(row)
        message = problem(row, seen.get(row_key))
        if message:
            result.reject(line, message)
        else:
            seen[row_key] = line
            good.append(row)
    return good
