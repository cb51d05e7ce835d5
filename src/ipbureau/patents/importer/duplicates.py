"""The same row twice in one file.

One application legitimately has several rows in a file: its A publication and its B grant
(a CNIPA file, a Google export), or a correction (A8) of a document. Those are merged into
one patent (prepare._merged). What is not legitimate is the same document of the same
application twice with different content (a title, an applicant, a date): which row is
right? Such a row is rejected like any bad row, naming both lines; with skip_bad the first
occurrence is imported. "The same document" is the same application number, publication
and grant numbers and kind code as the row carries them.

A row that is an exact copy of an earlier one is no conflict and is left out without a
word: CNIPA's own weekly files have them (the B file of 2017-07-18 holds almost every record
twice), and rejecting such a file would make the office edit an official export by hand. Like
the rows merged into one application, a copy adds nothing to the counts, which count
applications, not rows.

A row is checked in two places: against the earlier rows of its batch where the batch is
read (before its rows are merged, so the first occurrence alone is kept), and against the
earlier batches where the batches meet, in file order (see source.py).
"""

from ipbureau.patents.readers import RawRecord
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


def content(raw: RawRecord) -> int:
    """A fingerprint of a row's whole content, to tell a copy from a conflicting repeat. A
    64-bit hash: two different rows of one document taken for copies is a 1 in 2**64 chance.
    The reading processes are forked, so they hash as this one does."""
    return hash(tuple(raw.fields.items()))


def duplicate_message(line: int, key: str, earlier: int) -> str:
    application, publication, grant, _ = key.split(SEP)
    document = publication or grant
    if application and document:
        what = f"申请号 {application}（{document}）"
    elif application:
        what = f"申请号 {application}"
    else:
        what = f"公开(公告)号 {document}"
    return f"第{line}行：{what}与第{earlier}行重复，内容却不同，无法确定以哪一行为准"


class SeenRows:
    """The first row with each key, over the whole file (or batch): its line and content.

    Its cost grows with the file, unlike the rest of the import: one entry per good row,
    about 170 bytes (a ~30-character key, one int holding line and fingerprint, a dict
    slot), so ~170 MB for a file of a million rows. The key is kept rather than a hash of it
    so that a collision can never reject a good row.
    """

    def __init__(self) -> None:
        self.first: dict[str, int] = {}  # key -> fingerprint << 32 | line

    def earlier(self, key: str, line: int, fingerprint: int) -> tuple[int, bool] | None:
        """None for a row whose key is new (and is noted); else the line of the first row
        with its key and whether this row is an exact copy of that one."""
        fingerprint &= _FINGERPRINT
        first = self.first.setdefault(key, fingerprint << 32 | line)
        first_line = first & _LINE
        if first_line == line:
            return None
        return first_line, first >> 32 == fingerprint


_LINE = (1 << 32) - 1
_FINGERPRINT = (1 << 64) - 1
