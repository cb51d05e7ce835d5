"""What the file-import commands (import_patents, import_cases, targets_import,
population_import) share on the command line: `FILE [--skip-bad] [--dry-run] [--json]
[--user NAME]`, the file that must exist and the user the import acts as."""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management import CommandError

from ipbureau.accounts.models import User


def add_import_arguments(parser, *, user_help: str) -> None:
    parser.add_argument("file", type=Path)
    parser.add_argument(
        "--skip-bad", action="store_true", help="import the good rows even if some rows are bad"
    )
    parser.add_argument("--dry-run", action="store_true", help="check only, write nothing")
    parser.add_argument("--json", action="store_true", help="print one JSON summary line")
    parser.add_argument("--user", help=user_help)


def import_file(opts: dict) -> Path:
    """The FILE argument, which must be a file."""
    path: Path = opts["file"]
    if not path.is_file():
        raise CommandError(f"找不到文件：{path}")
    return path


def acting_user(username: str | None) -> User | None:
    """The user of that name (None without a name); a name nobody has is an error."""
    if not username:
        return None
    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        raise CommandError(f"没有用户名为 {username} 的用户")
    return user
