"""The columns of the assistance figures in `ipbureau stats assistance` (table, CSV,
Excel); the formats themselves are the shared ones (`ipbureau.figures.formats`)."""

from ipbureau.assistance.figures import METRICS, metric_labels
from ipbureau.figures.formats import Column, Layout


def layout() -> Layout:
    """Built when asked: the channel and kind labels are translated then. The table lists
    one line per metric and one column per region: the metrics are many, the cities few."""
    labels = metric_labels()
    return Layout(
        columns=tuple(Column(m, labels[m]) for m in METRICS), title="维权援助", transpose=True
    )
