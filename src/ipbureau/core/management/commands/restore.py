from pathlib import Path

from django.core.management import BaseCommand, CommandError

from ipbureau.core.backup import BackupError, backup_restore


class Command(BaseCommand):
    help = (
        "Restore a backup made by `ipbureau backup` into an empty database and an empty data "
        "folder (IPBUREAU_DATA_DIR); every checksum is verified before anything is written."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", type=Path, help="the archive written by `ipbureau backup`")
        parser.add_argument(
            "--user", help="username, in the restored data, the restore is recorded under"
        )

    def handle(self, *args, file: Path, user: str | None, **options) -> None:
        try:
            summary = backup_restore(path=file, username=user)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"已从 {summary.path} 恢复：{summary.describe()}；校验和全部一致。")
