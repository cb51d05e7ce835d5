"""What an import reports: counts, the first problems with their line numbers, the rejects
file. One result for every import (patents, cases, targets, population)."""

import csv
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ipbureau.core.cells import csv_cell

# Problems kept for the summary, the preview page and the stored ImportRun; a clerk fixes
# the first ones and imports again, and --rejects writes all of them.
PROBLEMS_KEPT = 200


@dataclass
class RowProblem:
    line: int
    message: str  # a whole sentence beginning with 第N行
    fields: dict[str, str] = field(default_factory=dict)  # the row as read, for the rejects file

    @classmethod
    def at(cls, line: int, reason: str, fields: dict[str, str] | None = None) -> "RowProblem":
        """The problem of line `line`, its message the reason after "第N行："."""
        return cls(line, f"第{line}行：{reason}", fields or {})


@dataclass
class ImportResult:
    """Counts of the good rows (new, changed, as they were), the bad rows and their first
    problems; `committed` says whether the good rows were written."""

    file_format: str = ""
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0
    unplaced: int = 0  # patents only: records no region could be found for
    committed: bool = False
    problems: list[RowProblem] = field(default_factory=list)

    def reject(self, problem: RowProblem, rejects: "RejectsFile | None" = None) -> None:
        self.rejected += 1
        if len(self.problems) < PROBLEMS_KEPT:
            self.problems.append(problem)
        if rejects:
            rejects.write(problem)

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

    def counts(self) -> dict[str, int]:
        return {
            "inserted": self.inserted,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "rejected": self.rejected,
            "unplaced": self.unplaced,
        }

    def as_json(self) -> dict[str, object]:
        """The `--json` summary of the table imports (cases, targets, population)."""
        return {
            "inserted": self.inserted,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "rejected": self.rejected,
            "committed": self.committed,
            "problems": [{"line": p.line, "message": p.message} for p in self.problems],
        }


class RejectsFile:
    """Bad rows written back out with their reasons, for the clerk to fix and re-import."""

    def __init__(self, path: Path):
        self.fh = open(path, "w", newline="", encoding="utf-8-sig")
        self.writer: Any = None

    def write(self, problem: RowProblem) -> None:
        if self.writer is None:
            self.writer = csv.writer(self.fh)
            self.writer.writerow(["行号", "原因", "原始内容"])
        raw = "\t".join(f"{k}={v}" for k, v in problem.fields.items() if v)
        self.writer.writerow([csv_cell(v) for v in (problem.line, problem.message, raw)])

    def close(self) -> None:
        self.fh.close()
