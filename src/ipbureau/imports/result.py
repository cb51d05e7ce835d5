"""What an import reports: counts, the first problems, the rejects file."""

import csv
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

PROBLEMS_KEPT = 200


@dataclass
class RowProblem:
    line: int
    message: str
    fields: dict[str, str]


@dataclass
class ImportResult:
    file_format: str = ""
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0
    unplaced: int = 0
    problems: list[RowProblem] = field(default_factory=list)

    def summary(self) -> dict[str, int]:
        return {
            "inserted": self.inserted,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "rejected": self.rejected,
            "unplaced": self.unplaced,
        }

    def reject(self, problem: RowProblem, rejects: "RejectsFile | None") -> None:
        self.rejected += 1
        if len(self.problems) < PROBLEMS_KEPT:
            self.problems.append(problem)
        if rejects:
            rejects.write(problem)


class ImportAborted(Exception):
    """The file had bad rows (or was a dry run): nothing was written."""

    def __init__(self, result: ImportResult):
        super().__init__("import rolled back")
        self.result = result


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
        self.writer.writerow([problem.line, problem.message, raw])

    def close(self) -> None:
        self.fh.close()
