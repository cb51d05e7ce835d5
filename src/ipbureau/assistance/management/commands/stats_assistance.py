import json
import unicodedata

from django.core.management import BaseCommand

from ipbureau.assistance.figures import METRICS, assistance_figures, metric_labels
from ipbureau.stats.command_args import add_figures_arguments, command_figures


class Command(BaseCommand):
    help = (
        "12330 assistance figures of a region and period: requests by channel and kind, "
        "answered, referred to cases, hours to first response and closure, satisfaction."
    )

    def add_arguments(self, parser) -> None:
        add_figures_arguments(parser, breakdowns=["city"])
        parser.add_argument("--format", default="table", choices=("table", "json"))

    def handle(self, *args, **opts) -> None:
        result = command_figures(assistance_figures, opts)
        if opts["format"] == "json":
            self.stdout.write(json.dumps(result, ensure_ascii=False))
        else:
            self.stdout.write(table(result))


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _cell(value) -> str:
    return "—" if value is None else str(value)


def table(result: dict) -> str:
    """One line per metric, one column per region row and the total: the metrics are many,
    the cities few."""
    columns = [(row["name"], row) for row in result["rows"]] + [("合计", result["total"])]
    labels = metric_labels()
    lines = [[labels[m], *(_cell(r[m]) for _, r in columns)] for m in METRICS]
    header = ["指标", *(name for name, _ in columns)]
    grid = [header, *lines]
    widths = [max(_width(line[i]) for line in grid) for i in range(len(header))]
    out = [f"{result['region']['name']} {result['period']['label']} 维权援助"]
    for line in grid:
        cells = [
            cell + " " * (w - _width(cell)) if i == 0 else " " * (w - _width(cell)) + cell
            for i, (cell, w) in enumerate(zip(line, widths, strict=True))
        ]
        out.append("  ".join(cells))
    return "\n".join(out)
