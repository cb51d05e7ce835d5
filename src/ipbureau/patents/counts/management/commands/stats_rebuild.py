import time

from django.core.management import BaseCommand

from ipbureau.patents.counts.services import patent_counts_rebuild


class Command(BaseCommand):
    help = "Recompute the statistics summary table from the patent records (idempotent)."

    def handle(self, *args, **opts) -> None:
        started = time.monotonic()
        rows = patent_counts_rebuild()
        seconds = time.monotonic() - started
        self.stdout.write(f"统计汇总表已按专利记录重算：{rows} 行（用时 {seconds:.1f} 秒）。")
