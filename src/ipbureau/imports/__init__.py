"""What every file import shares (patents, cases, targets, population); no models.

- result.py: ImportResult, the counts and line-numbered problems an import reports, and the
  rejects file;
- tabular.py: small CSV/XLSX tables read whole with line numbers and Chinese headers, and
  the loop that checks every row (the patent import streams its own formats: patents.readers);
- command.py: the `FILE [--skip-bad] [--dry-run] [--json] [--user NAME]` command line.
"""
