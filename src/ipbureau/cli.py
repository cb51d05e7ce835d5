"""The `ipbureau` command: Django's management commands with the project's settings, plus
two-word forms such as `ipbureau import patents FILE` (→ the `import_patents` command)."""

import os
import sys

TWO_WORD = {"import", "export", "stats", "targets", "population", "accounts"}


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ipbureau.settings")
    if len(argv) > 2 and argv[1] in TWO_WORD and not argv[2].startswith("-"):
        argv[1:3] = [f"{argv[1]}_{argv[2]}"]
    from django.core.management import execute_from_command_line

    execute_from_command_line(argv)


if __name__ == "__main__":
    main()
