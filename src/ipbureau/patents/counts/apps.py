from django.apps import AppConfig


class CountsConfig(AppConfig):
    """The patents' summary tables: an index of the records, kept by their writers.

    The label stays "stats", the app's name before it moved here, so the tables
    (stats_patentmonthcount, …) and the migration history stay as they are."""

    name = "ipbureau.patents.counts"
    label = "stats"
    verbose_name = "专利统计汇总"
