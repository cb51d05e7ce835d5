"""The columns of the case figures in `ipbureau stats cases` (table, CSV, Excel); the
formats themselves are the shared ones (`ipbureau.figures.formats`)."""

from ipbureau.cases.figures import LABELS, METRICS
from ipbureau.figures.formats import Column, Layout

LAYOUT = Layout(columns=tuple(Column(m, LABELS[m]) for m in METRICS), title="执法案件")
