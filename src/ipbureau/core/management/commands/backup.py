from pathlib import Path

from django.core.management import BaseCommand, CommandError

from ipbureau.core.backup import BackupError, backup_create
from ipbureau.imports.command import acting_user


class Command(BaseCommand):
    help = (
        "Back up the database and the uploaded documents and attachments into FILE (.tar or "
        ".zip) with a manifest of SHA-256 checksums. Safe while the server runs."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", type=Path, help="the archive to write (.tar or .zip)")
        parser.add_argument("--user", help="username the backup is recorded under in the audit")

    def handle(self, *args, file: Path, user: str | None, **options) -> None:
        actor = acting_user(user)
        try:
            summary = backup_create(path=file, user=actor)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"已备份到 {summary.path}：{summary.describe()}，清单含 SHA-256 校验和。")
