from django.core.management import BaseCommand, call_command

from ipbureau.regions.services import regions_load


class Command(BaseCommand):
    help = "Create or upgrade the database and load reference data (idempotent)."

    def handle(self, *args, **options) -> None:
        from django.conf import settings

        settings.DATA_DIR.mkdir(parents=True, exist_ok=True)
        call_command("migrate", interactive=False, verbosity=0)
        changed = regions_load()
        self.stdout.write(f"数据库已就绪；行政区划更新 {changed} 条。")
