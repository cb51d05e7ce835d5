"""Validated records made ready for the database: all the per-record work that needs no
database (merging an application's rows, name keys, region placement, column values) is done
here, on the reading side, which for a large file is a separate process (see source.py)."""

import re
from dataclasses import dataclass
from datetime import date

from ipbureau.orgs.names import normalize_name
from ipbureau.patents.models import Placement
from ipbureau.patents.records import PatentRecord
from ipbureau.regions.resolver import RegionResolver

# Fields copied from a record onto the patent. An empty value in a later export never
# erases what an earlier one gave (a Google export has no abstract, for instance).
RECORD_FIELDS = (
    "patent_type", "is_pct", "filing_date", "publication_number", "publication_date",
    "grant_number", "grant_date", "title", "abstract", "ipc_main", "ipc", "inventors",
    "address", "postcode", "agents", "legal_status",
)  # fmt: skip
# Prepared.values holds these; the writer appends the applicant and agency ids.
PREPARED_COLUMNS = ("application_number", *RECORD_FIELDS, "region_id", "placement")

# Plain strings, not the TextChoices members: they go into SQL parameters as they are.
ADDRESS, FOREIGN, UNPLACED = (
    Placement.ADDRESS.value, Placement.FOREIGN.value, Placement.UNPLACED.value
)  # fmt: skip

# Caches grow with the distinct names and addresses of a file, not with its rows; past
# these sizes they are emptied (and refilled from the most frequent values), so that memory
# stays flat however large the file: ~30 MB per cache per process at most.
NAME_CACHE_MAX = 100_000
PLACEMENT_CACHE_MAX = 50_000


@dataclass(slots=True)
class Prepared:
    """One application of the file, ready for the writer. `values` are column values in
    PREPARED_COLUMNS order, as the database takes them: text, the PCT flag as bool, dates
    as ISO text ("2008-03-15"), None only in nullable columns."""

    line: int
    values: tuple
    applicant_keys: tuple[str, ...]  # normalised names, in order, without repeats
    applicant_names: tuple[str, ...]  # the same applicants as written in the file
    agency_key: str | None
    agency_name: str | None
    documents: tuple[tuple[str, str, str | None], ...]  # its (number, kind, date)s


class Preparer:
    def __init__(self) -> None:
        self.resolver = RegionResolver.default()
        self.placements: dict[tuple, tuple[str | None, str]] = {}
        self.keys: dict[str, str] = {}  # name as written -> normalised name

    def batch(self, records: list[PatentRecord]) -> list[Prepared]:
        return self.grouped(records)[0]

    def grouped(self, records: list[PatentRecord]) -> tuple[list[Prepared], list[int]]:
        """The batch prepared, and for each record the index of the Prepared it went into."""
        merged, groups = _merged(records)
        return [self.prepare(record) for record in merged], groups

    def prepare(self, record: PatentRecord) -> Prepared:
        keys: list[str] = []
        names: list[str] = []
        for name in record.applicants:
            key = self._key(name)
            if key and key not in keys:  # 兰州大学 and 兰州 大学 are one applicant
                keys.append(key)
                names.append(name)
        agency_key = self._key(record.agency) if record.agency else None
        published, granted = _iso(record.publication_date), _iso(record.grant_date)
        documents: tuple[tuple[str, str, str | None], ...] = ()
        if record.publication_number:
            documents = ((record.publication_number, _kind(record.publication_number), published),)
        if record.grant_number:
            documents += ((record.grant_number, _kind(record.grant_number), granted),)
        values = (  # PREPARED_COLUMNS
            record.application_number,
            record.patent_type,
            record.is_pct,
            record.filing_date.isoformat(),
            record.publication_number or "",
            published,
            record.grant_number or "",
            granted,
            record.title or "",
            record.abstract or "",
            record.ipc_main or "",
            ";".join(record.ipc),
            ";".join(record.inventors),
            record.address or "",
            record.postcode or "",
            ";".join(record.agents),
            record.legal_status or "",
            *self._place(record),
        )
        return Prepared(
            record.line, values, tuple(keys), tuple(names), agency_key or None,
            record.agency, documents,
        )  # fmt: skip

    def _key(self, name: str) -> str:
        key = self.keys.get(name)
        if key is None:
            if len(self.keys) >= NAME_CACHE_MAX:
                self.keys.clear()
            key = self.keys[name] = normalize_name(name)
        return key

    def _place(self, record: PatentRecord) -> tuple[str | None, str]:
        key = (record.address, record.postcode, record.province, record.city, record.county)
        cached = self.placements.get(key)
        if cached is None:
            placement = self.resolver.resolve(
                record.address, record.postcode,
                province=record.province, city=record.city, county=record.county,
            )  # fmt: skip
            if placement.code:
                cached = (placement.code, placement.method or ADDRESS)
            elif placement.method == "foreign" or placement.reason == "foreign":
                cached = (None, FOREIGN)
            else:
                cached = (None, UNPLACED)
            if len(self.placements) >= PLACEMENT_CACHE_MAX:
                self.placements.clear()
            self.placements[key] = cached
        return cached


def _iso(day: date | None) -> str | None:
    # Text, not date objects: the SQLite adapter Django registers for dates is a Python
    # call per value, and text crosses the pipe from the reading process as cheaply.
    return None if day is None else day.isoformat()


_KIND = re.compile(r"\D*\Z")


def _kind(number: str) -> str:
    """The kind code ending a document number: CN101200001A -> A."""
    return _KIND.search(number.rstrip()).group()[:4]  # type: ignore[union-attr]


def _merged(records: list[PatentRecord]) -> tuple[list[PatentRecord], list[int]]:
    """One record per application: two rows of one application in the same batch (an A and
    a B document, or both number formats) are merged, the later row's non-empty values
    winning. Across batches the writer does the same against the database. Also returns,
    for each record, the position of the merged record it went into."""
    merged: dict[str, PatentRecord] = {}
    positions: dict[str, int] = {}
    groups: list[int] = []
    for record in records:
        key = record.application_number or (
            f"pub:{record.publication_number or record.grant_number}"
        )
        first = merged.get(key)
        merged[key] = record if first is None else _merge(first, record)
        groups.append(positions.setdefault(key, len(positions)))
    return list(merged.values()), groups


def _merge(first: PatentRecord, later: PatentRecord) -> PatentRecord:
    values = {}
    for name in PatentRecord.__slots__:
        value = getattr(later, name)
        values[name] = getattr(first, name) if value in ("", None, ()) else value
    return PatentRecord(**values)
