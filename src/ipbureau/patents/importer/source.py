"""Records from an export file, validated and prepared (prepare.py), in batches; bad rows
go to the result.

Reading, validating and preparing a row costs about as much as writing it, so for a large
file that work runs in child processes while this one writes: READERS children each read the
whole file (the cheap part) and validate and prepare every READERS-th batch of it (the costly
part); this process takes their batches in file order. On a 2-core machine the import then
goes at the pace of the writing instead of the sum of both.

The children are forked (they inherit the loaded code and the built region tables), only
read the file and never touch the parent's database connection. Forking is skipped where it
is unsafe or not worth it: a process with other threads (a threaded web server), one CPU, a
small file, a platform without fork. The batches that come out are the same either way.
"""

import gc
import itertools
import multiprocessing
import os
import threading
import traceback
from collections.abc import Callable, Iterator
from multiprocessing.connection import Connection
from operator import attrgetter
from pathlib import Path

from ipbureau.imports.result import ImportResult, RejectsFile, RowProblem
from ipbureau.patents.readers import open_records
from ipbureau.patents.records import PatentRecord, RowError, build_record

from .duplicates import SeenRows, content, document_key, duplicate_message
from .prepare import Prepared, Preparer

BATCH_SIZE = 5000
# Below this file size child processes are not worth starting (~10k rows, under a second).
FORK_MIN_BYTES = 2 << 20
# Reading processes. Two, so that validation (the larger half of the reading side's work)
# is split while the writer keeps a core: on 2 cores this beats one reader by ~20%.
READERS = 2

# A record crosses the pipe as a plain tuple: pickling the dataclass itself costs 3x more.
_as_tuple = attrgetter(*Prepared.__slots__)


def record_batches(
    path: Path,
    *,
    result: ImportResult,
    rejects: RejectsFile | None,
    progress: Callable[[int], None] | None,
    size: int | None = None,
) -> Iterator[list[Prepared]]:
    size = size or BATCH_SIZE
    preparer = Preparer()
    seen = SeenRows()
    batches = _forked if _fork_ok(path) else _prepared
    for count, records, rows, problems in batches(path, size, preparer):
        records = _without_repeats(records, rows, seen, problems)
        for line, message, fields in sorted(problems, key=lambda problem: problem[0]):
            result.reject(RowProblem(line=line, message=message, fields=fields), rejects)
        if progress:
            progress(count)
        if records:
            yield records


Problem = tuple[int, str, dict[str, str]]
# A good row of a batch: line, document key, content fingerprint, position of the prepared
# record it went into.
Row = tuple[int, str, int, int]
# A batch: rows read so far, its prepared records, its good rows, problems.
Batch = tuple[int, list[Prepared], list[Row], list[Problem]]


def _without_repeats(
    records: list[Prepared], rows: list[Row], seen: SeenRows, problems: list[Problem]
) -> list[Prepared]:
    """The batch without the rows an earlier batch already gave (duplicates.py): copies are
    left out, conflicting repeats go to `problems` (their raw fields stayed with the reader,
    so the rejects file has the reason only). A prepared record all of whose rows are
    repeats is dropped. One that also merged a new row (the B grant of an application next
    to a repeat of its A publication) is kept, the repeat merged in: it can only be undone
    by reading the batch again, and this is rare, a repeat more than a batch (5000 rows)
    away next to a new document of the same application."""
    repeats: dict[int, int] = {}
    for line, key, fingerprint, position in rows:
        earlier = seen.earlier(key, line, fingerprint)
        if earlier is not None:
            first, copy = earlier
            if not copy:
                problems.append((line, duplicate_message(line, key, first), {}))
            repeats[position] = repeats.get(position, 0) + 1
    if not repeats:
        return records
    sizes: dict[int, int] = {}
    for *_, position in rows:
        sizes[position] = sizes.get(position, 0) + 1
    return [r for i, r in enumerate(records) if repeats.get(i, 0) < sizes[i]]


def _prepared(
    path: Path, size: int, preparer: Preparer, reader: int = 0, readers: int = 1
) -> Iterator[Batch]:
    """A Batch every `size` rows read; with several readers, only for this reader's share of
    the batches (batch i is reader i % readers'). A row repeating an earlier row of its batch
    is a problem here, before the batch's rows are merged."""
    records: list[PatentRecord] = []
    keys: list[tuple[str, int]] = []
    problems: list[Problem] = []
    seen = SeenRows()
    count = 0
    mine = reader == 0
    for count, raw in enumerate(open_records(path), 1):
        if mine:
            try:
                record = build_record(raw)
            except RowError as exc:
                problems.append((raw.line, str(exc), raw.fields))
            else:
                key, fingerprint = document_key(record), content(raw)
                earlier = seen.earlier(key, raw.line, fingerprint)
                if earlier is None:
                    records.append(record)
                    keys.append((key, fingerprint))
                elif not earlier[1]:  # a copy is left out without a word
                    message = duplicate_message(raw.line, key, earlier[0])
                    problems.append((raw.line, message, raw.fields))
        if count % size == 0:
            if mine:
                yield _batch(count, preparer, records, keys, problems)
                records, keys, problems, seen = [], [], [], SeenRows()
            mine = (count // size) % readers == reader
    if count % size and mine:
        yield _batch(count, preparer, records, keys, problems)


def _batch(
    count: int,
    preparer: Preparer,
    records: list[PatentRecord],
    keys: list[tuple[str, int]],
    problems: list[Problem],
) -> Batch:
    prepared, positions = preparer.grouped(records)
    rows = [
        (record.line, key, fingerprint, position)
        for record, (key, fingerprint), position in zip(records, keys, positions, strict=True)
    ]
    return count, prepared, rows, problems


def _fork_ok(path: Path) -> bool:
    return (
        _cpus() > 1
        and "fork" in multiprocessing.get_all_start_methods()
        and threading.active_count() == 1  # forking a threaded process can deadlock
        and path.stat().st_size >= FORK_MIN_BYTES
    )


class _Failed:
    """An exception raised in the child, for the parent to raise again."""

    def __init__(self, exc: BaseException):
        self.exc = exc


def _cpus() -> int:
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def _produce(
    sender: Connection, path: Path, size: int, preparer: Preparer, reader: int, readers: int
) -> None:
    # Objects inherited from the parent (its database connection among them) are never
    # collected, hence never finalised, here: only the parent may close them.
    gc.freeze()
    try:
        for count, records, rows, problems in _prepared(path, size, preparer, reader, readers):
            sender.send((count, [_as_tuple(r) for r in records], rows, problems))
        sender.send(None)
    except BaseException as exc:  # every failure, KeyboardInterrupt too, goes to the parent
        try:
            sender.send(_Failed(exc))
        except Exception:  # the exception does not pickle: send its text
            sender.send(_Failed(RuntimeError(traceback.format_exc())))
    finally:
        sender.close()


def _forked(path: Path, size: int, preparer: Preparer) -> Iterator[Batch]:
    context = multiprocessing.get_context("fork")
    readers = max(1, min(READERS, _cpus()))
    receivers, children = [], []
    try:
        for reader in range(readers):
            receiver, sender = context.Pipe(duplex=False)
            child = context.Process(
                target=_produce, args=(sender, path, size, preparer, reader, readers), daemon=True
            )
            child.start()
            sender.close()
            receivers.append(receiver)
            children.append(child)
        for batch in itertools.count():  # in file order: batch i comes from reader i % readers
            reader = batch % readers
            try:
                message = receivers[reader].recv()
            except EOFError:
                code = children[reader].exitcode
                raise RuntimeError(f"读取进程意外退出（退出码 {code}）") from None
            if message is None:  # that reader has no batch i: the file is done
                return
            if isinstance(message, _Failed):
                raise message.exc
            count, records, rows, problems = message
            yield count, [Prepared(*record) for record in records], rows, problems
    finally:
        # Also when the consumer stops early (an error while writing): the pipes are
        # bounded, so a child may be blocked in send() and must be ended.
        for receiver in receivers:
            receiver.close()
        for child in children:
            if child.is_alive():
                child.kill()
            child.join()
