"""Dates, numbers and legal status of the demo records: what became of each application,
and document numbers that grow with the date as CNIPA's do."""

from __future__ import annotations

import random
from bisect import bisect_right
from dataclasses import dataclass
from datetime import date, timedelta

from ipbureau.demo.tables import (
    INDIVIDUAL,
    NEW_KINDS,
    NINE_DIGITS,
    OUTCOMES,
    PCT_DIGITS,
    SERIES,
    STATUS_LAPSED,
    STATUS_PENDING,
    STATUS_REJECTED,
    STATUS_VALID,
    STATUS_WITHDRAWN,
    TYPE_DIGITS,
    Applicant,
)
from ipbureau.patents.numbers import check_character


def _wednesday_on_or_after(d: date) -> date:
    # The gazette appears on Wednesdays: every publication date is one.
    return d + timedelta(days=(2 - d.weekday()) % 7)


@dataclass
class _Record:
    applicant: Applicant
    address: str
    postcode: str
    co_applicants: list[str]
    inventors: list[str]
    patent_type: str
    pct: bool
    filing: date
    title: str
    abstract: str
    ipc: list[str]
    agency: str
    agents: list[str]
    publication: tuple[str, date] | None = None
    grant: tuple[str, date] | None = None
    status: str = STATUS_PENDING
    application_number: str = ""


class _Numbering:
    """Fate and numbers of the generator's records (patents._Generator)."""

    rng: random.Random
    cutoff: date
    used_numbers: set[str]

    def fate(self, record: _Record) -> None:
        rng = self.rng
        t = record.patent_type
        outcome = rng.choices(("grant", "withdrawn", "rejected"), weights=OUTCOMES[t])[0]
        filing = record.filing
        if t == "invention":
            months = (
                rng.randint(30, 34)
                if record.pct
                else (18 if rng.random() < 0.85 else rng.randint(8, 15))
            )
            published = _wednesday_on_or_after(filing + timedelta(days=round(months * 30.44)))
            lag = rng.randint(730, 1460) + (365 if record.pct else 0)
            decided = _wednesday_on_or_after(
                max(filing + timedelta(days=lag), published + timedelta(days=90))
            )
        else:
            published = None
            lag = rng.randint(180, 365) if outcome == "grant" else rng.randint(120, 400)
            decided = _wednesday_on_or_after(filing + timedelta(days=lag))
        if published and published <= self.cutoff and (outcome == "grant" or published < decided):
            record.publication = (self.document_number("invention", published, "A"), published)
        if decided > self.cutoff:
            record.status = STATUS_PENDING
            return
        if outcome == "withdrawn":
            record.status = STATUS_WITHDRAWN
            return
        if outcome == "rejected":
            record.status = STATUS_REJECTED
            return
        record.grant = (self.grant_number(record, decided), decided)
        if t != "invention":  # utility models and designs are published once, on grant
            record.publication = record.grant
        # Annual fees stop being paid: individuals' patents lapse fastest, inventions slowest.
        yearly = (
            0.06 if t == "invention" else (0.22 if record.applicant.kind == INDIVIDUAL else 0.12)
        )
        years_in_force = (self.cutoff - decided).days / 365.25
        lapsed = rng.random() < 1 - (1 - yearly) ** years_in_force
        record.status = STATUS_LAPSED if lapsed else STATUS_VALID

    def grant_number(self, record: _Record, granted: date) -> str:
        t = record.patent_type
        if t == "invention":
            pub = record.publication[0] if record.publication else ""
            seven_digit = len(pub) == len("CN1234567A")
            if granted < NINE_DIGITS and pub and seven_digit:
                return pub[:-1] + "C"  # 7-digit era: the grant keeps the A number
            if granted >= NEW_KINDS and pub:
                return pub[:-1] + "B"
            return self.document_number(
                "invention_grant", granted, "C" if granted < NEW_KINDS else "B"
            )
        if t == "utility":
            return self.document_number(t, granted, "Y" if granted < NEW_KINDS else "U")
        return self.document_number(t, granted, "D" if granted < NEW_KINDS else "S")

    def document_number(self, series: str, day: date, kind: str) -> str:
        rows = SERIES[series]
        start, first, per_day = rows[max(bisect_right([r[0] for r in rows], day) - 1, 0)]
        # A week's gazette is one block of consecutive numbers; the record lands inside it.
        number = first + (day - start).days * per_day + self.rng.randrange(per_day * 7)
        text = f"CN{number}{kind}"
        while text in self.used_numbers:
            number += 1
            text = f"CN{number}{kind}"
        self.used_numbers.add(text)
        return text

    def assign_application_numbers(self, records: list[_Record]) -> None:
        """Serials grow with the filing date within (year, type digit), with gaps for the
        rest of the country's filings in between."""
        groups: dict[tuple[int, int], list[_Record]] = {}
        for r in records:
            digit = PCT_DIGITS[r.patent_type] if r.pct else TYPE_DIGITS[r.patent_type]
            groups.setdefault((r.filing.year, digit), []).append(r)
        for (year, digit), group in sorted(groups.items()):
            group.sort(key=lambda r: r.filing)
            widest_gap = max(2, min(500, 9_000_000 // len(group)))
            serial = self.rng.randint(1, 2000)
            for r in group:
                serial += self.rng.randint(1, widest_gap)
                digits = f"{year}{digit}{serial:07d}"
                r.application_number = f"{digits}.{check_character(digits)}"

    # -- the whole set -----------------------------------------------------------------------
