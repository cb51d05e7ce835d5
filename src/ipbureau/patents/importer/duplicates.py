"""The same row twice in one file.

One application legitimately has several rows in a file: its A publication and its B grant
(a CNIPA file, a Google export), or a correction (A8) of a document. Those are merged into
one patent (prepare._merged). What is not legitimate is the same document of the same
application twice: the application number, the document numbers and the kind code the row
carries all equal to an earlier row's. Such a row is rejected like any bad row, naming both
lines; with skip_bad the first occurrence is imported.

A row is checked in two places: against the earlier rows of its batch where the batch is
read (before its rows are merged, so the first occurrence alone is kept), and against the
earlier batches here, in file order, where the batches meet (see source.py).
"""

from ipbureau.patents.records import PatentRecord

SEP = "|"


def document_key(record: PatentRecord) -> str:
    """What two rows must share to be the same row: application (or, in a Google export
    without one, nothing), publication and grant numbers, and the kind code."""
    return SEP.join(
        (
            record.application_number or "",
            record.publication_number or "",
            record.grant_number or "",
            record.publication_kind or "",
        )
    )


def duplicate_message(line: int, key: str, earlier: int) -> str:
    application, publication, grant, _ = key.split(SEP)
    document = publication or grant
    if application and document:
        what = f"申请号 {application}（{document}）"
    elif application:
        what = f"申请号 {application}"
    else:
        what = f"公开(公告)号 {document}"
    return f"第{line}行：{what}与第{earlier}行重复，同一文献在一个文件中只能出现一次"


class SeenRows:
    """The line of the first row with each key, over the whole file.

    Its cost grows with the file, unlike the rest of the import: one entry per good row,
    about 150 bytes (a 50-character key, an int, a dict slot), so ~150 MB for a file of a
    million rows. The key is kept rather than a hash of it so that a collision can never
    reject a good row.
    """

    def __init__(self) -> None:
        self.lines: dict[str, int] = {}

    def earlier(self, key: str, line: int) -> int | None:
        """The line of an earlier row with this key, else None (and this row is noted)."""
        first = self.lines.setdefault(key, line)
        return None if first == line else first
