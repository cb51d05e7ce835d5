"""The patent import: a file of records in, patents upserted in one transaction.

Streaming: records are read, validated and written in batches, so memory stays flat in the
file's size (only the applicant, agency and address caches grow, with distinct names).
By default a file with any bad row changes nothing; with `skip_bad` the good rows land and
the bad ones are reported.
"""

import csv
import dataclasses
import hashlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils import timezone

from ipbureau.audit.services import audit_record
from ipbureau.orgs.models import Agency, Organization
from ipbureau.orgs.names import display_name, infer_kind, normalize_name
from ipbureau.patents.models import ImportRun, Patent, PatentApplicant, Placement, Publication
from ipbureau.patents.readers import FileFormatError, RawRecord, detect_format, open_records
from ipbureau.patents.records import PatentRecord, RowError, build_record
from ipbureau.regions.resolver import RegionResolver

BATCH_SIZE = 2000
PROBLEMS_KEPT = 200

# Fields copied from a record onto the patent. An empty value in a later export never
# erases what an earlier one gave (a Google export has no abstract, for instance).
RECORD_FIELDS = (
    "patent_type", "is_pct", "filing_date", "publication_number", "publication_date",
    "grant_number", "grant_date", "title", "abstract", "ipc_main", "ipc", "inventors",
    "address", "postcode", "agents", "legal_status",
)
DERIVED_FIELDS = ("first_applicant_id", "agency_id", "region_id", "placement")
ALL_FIELDS = RECORD_FIELDS + DERIVED_FIELDS


@dataclass
class RowProblem:
    line: int
    message: str
    fields: dict[str, str]


@dataclass
class ImportResult:
    file_format: str = ""
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0
    unplaced: int = 0
    problems: list[RowProblem] = field(default_factory=list)

    def summary(self) -> dict[str, int]:
        return {
            "inserted": self.inserted,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "rejected": self.rejected,
            "unplaced": self.unplaced,
        }


class ImportAborted(Exception):
    """The file had bad rows (or was a dry run): nothing was written."""

    def __init__(self, result: ImportResult):
        super().__init__("import rolled back")
        self.result = result


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def patents_import(
    *,
    path: Path,
    user: Any = None,
    skip_bad: bool = False,
    dry_run: bool = False,
    rejects_path: Path | None = None,
    progress: Callable[[int], None] | None = None,
    file_name: str | None = None,
    run: ImportRun | None = None,
) -> ImportRun:
    """Import one export file. Returns the ImportRun with its counts; its status says
    whether anything was written. Raises FileFormatError when the file as a whole cannot be
    read (unknown format, no 申请号 column)."""
    path = Path(path)
    file_format = detect_format(path)
    if run is None:
        run = ImportRun.objects.create(
            user=user if getattr(user, "pk", None) else None,
            file_name=file_name or path.name,
            file_sha256=file_sha256(path),
            file_format=file_format,
            status=ImportRun.Status.PREVIEWED,
        )
    result = ImportResult(file_format=file_format)
    writer = _Writer(run=run, result=result)
    rejects = _RejectsFile(rejects_path) if rejects_path else None
    try:
        with transaction.atomic():
            for batch in _batches(_validated(open_records(path), result, rejects, progress)):
                writer.write(batch)
            if dry_run or (result.rejected and not skip_bad):
                raise ImportAborted(result)
        committed = True
    except ImportAborted:
        committed = False
    finally:
        if rejects:
            rejects.close()
    _finish(run, result, committed=committed, dry_run=dry_run, user=user)
    return run


def _finish(run: ImportRun, result: ImportResult, *, committed: bool, dry_run: bool, user: Any):
    if committed:
        run.status = ImportRun.Status.COMMITTED
    elif dry_run and not result.rejected:
        run.status = ImportRun.Status.PREVIEWED
    else:
        run.status = ImportRun.Status.PREVIEWED if dry_run else ImportRun.Status.REJECTED
    for key, value in result.summary().items():
        setattr(run, key, value)
    run.file_format = result.file_format
    run.problems = [{"line": p.line, "message": p.message} for p in result.problems]
    run.finished_at = timezone.now()
    run.save()
    if committed and getattr(user, "pk", None):
        audit_record(
            actor=user,
            action="patents.import",
            target=run,
            summary=(
                f"导入 {run.file_name}：新增{run.inserted}，更新{run.updated}，"
                f"无变化{run.unchanged}，拒收{run.rejected}"
            ),
        )


def _validated(
    raws: Iterable[RawRecord],
    result: ImportResult,
    rejects: "_RejectsFile | None",
    progress: Callable[[int], None] | None,
) -> Iterator[PatentRecord]:
    for count, raw in enumerate(raws, 1):
        if progress and count % 1000 == 0:
            progress(count)
        try:
            yield build_record(raw)
        except RowError as exc:
            result.rejected += 1
            problem = RowProblem(line=raw.line, message=str(exc), fields=raw.fields)
            if len(result.problems) < PROBLEMS_KEPT:
                result.problems.append(problem)
            if rejects:
                rejects.write(problem)


def _batches(records: Iterable[PatentRecord]) -> Iterator[list[PatentRecord]]:
    batch: list[PatentRecord] = []
    for record in records:
        batch.append(record)
        if len(batch) >= BATCH_SIZE:
            yield batch
            batch = []
    if batch:
        yield batch


class _RejectsFile:
    """Bad rows written back out with their reasons, for the clerk to fix and re-import."""

    def __init__(self, path: Path):
        self.fh = open(path, "w", newline="", encoding="utf-8-sig")
        self.writer: Any = None

    def write(self, problem: RowProblem) -> None:
        if self.writer is None:
            self.writer = csv.writer(self.fh)
            self.writer.writerow(["行号", "原因", "原始内容"])
        raw = "\t".join(f"{k}={v}" for k, v in problem.fields.items() if v)
        self.writer.writerow([problem.line, problem.message, raw])

    def close(self) -> None:
        self.fh.close()


def _key(record: PatentRecord) -> str:
    return record.application_number or f"pub:{record.publication_number or record.grant_number}"


def _merge(first: PatentRecord, later: PatentRecord) -> PatentRecord:
    """Two rows of one application in the same file (an A and a B document): the later
    row's non-empty values win."""
    values = {}
    for f in dataclasses.fields(first):
        value = getattr(later, f.name)
        values[f.name] = getattr(first, f.name) if value in ("", None, ()) else value
    return dataclasses.replace(first, **values)


class _Writer:
    def __init__(self, *, run: ImportRun, result: ImportResult):
        self.run = run
        self.result = result
        self.resolver = RegionResolver.default()
        self.placements: dict[tuple, tuple[str | None, str]] = {}
        self.org_ids: dict[str, int] = {}
        self.agency_ids: dict[str, int] = {}

    # -- lookups ------------------------------------------------------------------------
    def place(self, record: PatentRecord) -> tuple[str | None, str]:
        key = (record.address, record.postcode, record.province, record.city, record.county)
        cached = self.placements.get(key)
        if cached is None:
            placement = self.resolver.resolve(
                record.address, record.postcode,
                province=record.province or None, city=record.city or None,
                county=record.county or None,
            )
            if placement.code:
                cached = (placement.code, placement.method or Placement.ADDRESS)
            elif placement.method == "foreign" or getattr(placement, "reason", "") == "foreign":
                cached = (None, Placement.FOREIGN)
            else:
                cached = (None, Placement.UNPLACED)
            self.placements[key] = cached
        return cached

    def _ids_for(self, model: type, cache: dict[str, int], names: set[str]) -> None:
        """Fill `cache` (normalised name → id) for `names`, creating what is missing."""
        missing = {normalize_name(n): n for n in names}
        missing = {k: v for k, v in missing.items() if k and k not in cache}
        if not missing:
            return
        keys = list(missing)
        for start in range(0, len(keys), 500):
            chunk = keys[start : start + 500]
            cache.update(model.objects.filter(normalized_name__in=chunk).values_list(
                "normalized_name", "id"))
        new = [k for k in keys if k not in cache]
        if not new:
            return
        if model is Organization:
            objs = [
                Organization(name=display_name(missing[k]), normalized_name=k,
                             kind=infer_kind(missing[k]))
                for k in new
            ]
        else:
            objs = [Agency(name=display_name(missing[k]), normalized_name=k) for k in new]
        for obj in model.objects.bulk_create(objs):
            cache[obj.normalized_name] = obj.id

    # -- the batch ----------------------------------------------------------------------
    def write(self, batch: list[PatentRecord]) -> None:
        merged: dict[str, PatentRecord] = {}
        for record in batch:
            key = _key(record)
            merged[key] = _merge(merged[key], record) if key in merged else record
        records = list(merged.values())

        self._ids_for(Organization, self.org_ids, {a for r in records for a in r.applicants})
        self._ids_for(Agency, self.agency_ids, {r.agency for r in records if r.agency})

        pub_numbers = {n for r in records for n in (r.publication_number, r.grant_number) if n}
        pub_owner = dict(
            Publication.objects.filter(number__in=pub_numbers).values_list("number", "patent_id")
        )
        app_numbers = [r.application_number for r in records if r.application_number]
        existing_by_app = {
            row["application_number"]: row
            for row in Patent.objects.filter(application_number__in=app_numbers).values(
                "id", "application_number", *ALL_FIELDS
            )
        }
        orphan_ids = set(pub_owner.values()) - {r["id"] for r in existing_by_app.values()}
        existing_by_id = {r["id"]: r for r in existing_by_app.values()}
        if orphan_ids:
            for row in Patent.objects.filter(id__in=orphan_ids).values(
                "id", "application_number", *ALL_FIELDS
            ):
                existing_by_id[row["id"]] = row
        applicant_lists: dict[int, list[int]] = {}
        for patent_id, org_id in PatentApplicant.objects.filter(
            patent_id__in=list(existing_by_id)
        ).order_by("patent_id", "position").values_list("patent_id", "organization_id"):
            applicant_lists.setdefault(patent_id, []).append(org_id)

        to_create: list[tuple[Patent, list[int], PatentRecord]] = []
        to_update: list[tuple[Patent, list[int] | None, set[str], PatentRecord]] = []
        for record in records:
            existing = existing_by_app.get(record.application_number or "")
            if existing is None:
                owner = next(
                    (pub_owner[n] for n in (record.publication_number, record.grant_number)
                     if n and n in pub_owner), None,
                )
                existing = existing_by_id.get(owner) if owner else None
                # An application number never overwrites a different one.
                if existing and existing["application_number"] and record.application_number:
                    existing = None
            values, applicant_ids = self._values(record, existing)
            if values["placement"] == Placement.UNPLACED:
                self.result.unplaced += 1
            if existing is None:
                patent = Patent(application_number=record.application_number,
                                last_import=self.run, **values)
                to_create.append((patent, applicant_ids, record))
                continue
            changed = {f for f in ALL_FIELDS if values[f] != existing[f]}
            new_applicants = (
                applicant_ids
                if applicant_ids and applicant_ids != applicant_lists.get(existing["id"])
                else None
            )
            if record.application_number and not existing["application_number"]:
                changed.add("application_number")
            if not changed and new_applicants is None and self._pubs_known(record, pub_owner):
                self.result.unchanged += 1
                continue
            patent = Patent(id=existing["id"], application_number=record.application_number
                            or existing["application_number"], last_import=self.run, **values)
            to_update.append((patent, new_applicants, changed, record))

        self._create(to_create, pub_owner)
        self._update(to_update, pub_owner)

    @staticmethod
    def _pubs_known(record: PatentRecord, pub_owner: dict[str, int]) -> bool:
        return all(n in pub_owner for n in (record.publication_number, record.grant_number) if n)

    def _values(
        self, record: PatentRecord, existing: dict[str, Any] | None
    ) -> tuple[dict[str, Any], list[int]]:
        values: dict[str, Any] = {}
        for name in RECORD_FIELDS:
            value = getattr(record, name)
            if isinstance(value, tuple):
                value = ";".join(value)
            if value in ("", None) and existing is not None:
                value = existing[name]
            values[name] = "" if value is None and name not in _NULLABLE else value
        applicant_ids = [self.org_ids[k] for k in dict.fromkeys(
            normalize_name(a) for a in record.applicants) if k]
        values["first_applicant_id"] = applicant_ids[0] if applicant_ids else (
            existing["first_applicant_id"] if existing else None)
        values["agency_id"] = self.agency_ids.get(normalize_name(record.agency)) if (
            record.agency) else (existing["agency_id"] if existing else None)
        if existing is not None and existing["placement"] == Placement.MANUAL:
            values["region_id"], values["placement"] = existing["region_id"], Placement.MANUAL
        else:
            values["region_id"], values["placement"] = self.place(record)
        return values, applicant_ids

    def _create(self, items, pub_owner: dict[str, int]) -> None:
        if not items:
            return
        created = Patent.objects.bulk_create([patent for patent, _, _ in items])
        links, pubs = [], []
        for patent, (_, applicant_ids, record) in zip(created, items, strict=True):
            links += [
                PatentApplicant(patent_id=patent.id, organization_id=org_id, position=pos)
                for pos, org_id in enumerate(applicant_ids)
            ]
            pubs += self._new_publications(patent.id, record, pub_owner)
        PatentApplicant.objects.bulk_create(links)
        Publication.objects.bulk_create(pubs)
        self.result.inserted += len(items)

    def _update(self, items, pub_owner: dict[str, int]) -> None:
        if not items:
            return
        changed = set().union(*(changed for _, _, changed, _ in items))
        now = timezone.now()
        for patent, _, _, _ in items:
            patent.updated_at = now
        Patent.objects.bulk_update(
            [patent for patent, _, _, _ in items],
            sorted(f.removesuffix("_id") for f in changed) + ["last_import", "updated_at"],
        )
        relinked = [(patent.id, ids) for patent, ids, _, _ in items if ids is not None]
        if relinked:
            PatentApplicant.objects.filter(patent_id__in=[pid for pid, _ in relinked]).delete()
            PatentApplicant.objects.bulk_create([
                PatentApplicant(patent_id=pid, organization_id=org_id, position=pos)
                for pid, ids in relinked for pos, org_id in enumerate(ids)
            ])
        pubs = []
        for patent, _, _, record in items:
            pubs += self._new_publications(patent.id, record, pub_owner)
        Publication.objects.bulk_create(pubs)
        self.result.updated += len(items)

    @staticmethod
    def _new_publications(
        patent_id: int, record: PatentRecord, pub_owner: dict[str, int]
    ) -> list[Publication]:
        new = []
        for number, date in (
            (record.publication_number, record.publication_date),
            (record.grant_number, record.grant_date),
        ):
            if number and number not in pub_owner:
                pub_owner[number] = patent_id
                new.append(Publication(patent_id=patent_id, number=number,
                                       kind=_kind_code(number), date=date))
        return new


_NULLABLE = {"filing_date", "publication_date", "grant_date"}


def _kind_code(number: str) -> str:
    tail = number.rstrip()
    i = len(tail)
    while i and not tail[i - 1].isdigit():
        i -= 1
    return tail[i:][:4]


__all__ = ["FileFormatError", "ImportAborted", "ImportResult", "patents_import"]
