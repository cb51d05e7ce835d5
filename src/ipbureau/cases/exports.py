"""A case_figures() envelope as a terminal table or CSV (numbers stay numbers; undefined
values are empty cells, or "-" in the table)."""

import csv
import unicodedata
from typing import Any, TextIO

from ipbureau.cases.figures import LABELS, METRICS


def _lines(figures: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    lines = [(row["code"], row["name"], row) for row in figures["rows"]]
    lines.append((figures["region"]["code"], f"{figures['region']['name']}合计", figures["total"]))
    return lines


def figures_csv(figures: dict[str, Any], stream: TextIO) -> None:
    writer = csv.writer(stream)
    writer.writerow(["代码", "名称", *(LABELS[m] for m in METRICS)])
    for code, name, metrics in _lines(figures):
        writer.writerow([code, name, *("" if metrics[m] is None else metrics[m] for m in METRICS)])


def figures_table(figures: dict[str, Any]) -> str:
    header = ["名称", *(LABELS[m] for m in METRICS)]
    body = [
        [name, *("-" if metrics[m] is None else str(metrics[m]) for m in METRICS)]
        for _, name, metrics in _lines(figures)
    ]
    widths = [max(_width(line[i]) for line in [header, *body]) for i in range(len(header))]
    out = [f"{figures['region']['name']} {figures['period']['label']} 执法案件"]
    for line in [header, *body]:
        cells = [line[0] + " " * (widths[0] - _width(line[0]))]
        cells += [" " * (w - _width(t)) + t for t, w in zip(line[1:], widths[1:], strict=True)]
        out.append("  ".join(cells).rstrip())
    return "\n".join(out)


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
