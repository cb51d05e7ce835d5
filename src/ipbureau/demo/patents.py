"""The demo's patent records: a deterministic, realistic Gansu record set written as the
project's canonical CSV (see `ipbureau.patents.readers`), so the
demo goes through exactly the import path real exports take: validation, applicant
deduplication and region placement by the resolver from the first applicant's address and
postcode. That is why the CSV carries no province/city/county columns: placement from the
address is the part worth demonstrating.

Shape of the data (figures from the Gansu IP bureau's work-conference reports, 2008 era):
Lanzhou files well over half of the province's applications, followed by Tianshui, then the
industrial cities whose filings come from one big state enterprise (Jinchuan in Jinchang,
JISCO in Jiayuguan, Baiyin Nonferrous); applications grow ~20% a year; about 60% are filed
through agencies (the 2008 report: 62%); utility models dominate, inventions come mostly
from universities and CAS institutes, designs from enterprises and individuals.

The records run from `first_year` to the end of the last full month before `until` (the
demo command passes today): a CNIPA export taken at that date, with the current year's
filings so far. Everything depends on `seed` and `until` alone: one `random.Random`, no
clock, no set or hash ordering. Same seed and parameters → byte-identical file.
"""

from __future__ import annotations

import csv
import random
from collections.abc import Sequence
from datetime import date, timedelta
from pathlib import Path

from ipbureau.demo.applicants import _Applicants
from ipbureau.demo.numbering import _Numbering, _Record
from ipbureau.demo.tables import (
    AGENCIES,
    AGENCY_RATE,
    CITIES,
    CSV_FIELDS,
    DEFAULT_COUNT,
    DEFAULT_FIRST_YEAR,
    DEFAULT_GROWTH,
    DEFAULT_SEED,
    DESIGN_PRODUCTS,
    ENTERPRISE,
    FIELD_DESIGNS,
    FIELDS,
    FOREIGN,
    FOREIGN_APPLICANTS,
    GENERIC_MOTIFS,
    INDIVIDUAL,
    LOCAL_DESIGNS,
    MONTH_WEIGHTS,
    MOTIFS,
    OUT_OF_PROVINCE,
    OUT_OF_PROVINCE_APPLICANTS,
    OUT_OF_PROVINCE_HOMES,
    PCT_DIGITS,
    TYPE_MIX,
    UNPLACEABLE,
    UNPLACEABLE_ADDRESSES,
    Applicant,
)

# --- the generator ----------------------------------------------------------------------


def _quotas(weights: Sequence[float], total: int, minimum: int = 0) -> list[int]:
    """Split `total` in proportion to `weights` (largest remainder), each at least
    `minimum` when the total allows it: exact counts, so small demos keep the shape."""
    n = len(weights)
    floor = minimum if total >= minimum * n else 0
    rest = total - floor * n
    scale = sum(weights)
    raw = [rest * w / scale for w in weights]
    counts = [int(r) for r in raw]
    by_remainder = sorted(range(n), key=lambda i: (-(raw[i] - counts[i]), i))
    for i in by_remainder[: rest - sum(counts)]:
        counts[i] += 1
    return [c + floor for c in counts]


def records_end(until: date) -> date:
    """The last day the demo records cover: the end of the last full month before `until`."""
    return until.replace(day=1) - timedelta(days=1)


class _Generator(_Applicants, _Numbering):
    def __init__(
        self, *, count: int, seed: int, first_year: int, until: date, growth: float
    ) -> None:
        end = records_end(until)
        if count < 1:
            raise ValueError("count must be positive")
        if not 2003 < first_year <= end.year:
            # 12-digit application numbers exist from October 2003.
            raise ValueError("years must satisfy 2004 <= first_year <= the end's year")
        self.rng = random.Random(seed)
        self.count = count
        self.years = list(range(first_year, end.year + 1))
        self.last_month = end.month  # of the last year; the earlier years are whole
        self.growth = growth
        self.cutoff = end  # the export is taken at the end of the span
        self.used_numbers: set[str] = set()
        self.agents = {name: self._agent_names() for name in AGENCIES}
        self.enterprises: dict[str, list[Applicant]] = {}
        self.individuals: dict[str, list[Applicant]] = {}
        self.publics: dict[str, list[Applicant]] = {}

    def filing_date(self, year: int) -> date:
        rng = self.rng
        months = self.last_month if year == self.years[-1] else 12
        month = rng.choices(range(1, months + 1), weights=MONTH_WEIGHTS[:months])[0]
        days = (date(year + (month == 12), month % 12 + 1, 1) - date(year, month, 1)).days
        d = date(year, month, rng.randint(1, days))
        if d.weekday() >= 5 and rng.random() < 0.85:
            friday = d - timedelta(days=d.weekday() - 4)
            if friday.year == year:
                d = friday
        return d

    def patent_type(self, kind: str) -> str:
        mix = TYPE_MIX.get(kind, TYPE_MIX[ENTERPRISE])
        return self.rng.choices(("invention", "utility", "design"), weights=mix)[0]

    def title_and_text(self, field_name: str, patent_type: str) -> tuple[str, str]:
        rng = self.rng
        f = FIELDS[field_name]
        if patent_type == "invention":
            subject, process = rng.choice(f.subjects), rng.choice(f.processes)
            title = rng.choice((
                f"一种{subject}的{process}方法", f"一种{subject}及其{process}方法",
                f"{subject}的{process}工艺", f"一种用于{subject}{process}的装置及方法",
                f"一种{subject}{process}系统",
            ))  # fmt: skip
            abstract = (
                f"本发明公开了{title.removeprefix('一种')}，属于{subject}{process}技术领域。"
                f"{f.effect}。"
            )
        else:
            device = rng.choice(f.devices)
            title = rng.choice(
                (f"一种{device}", f"{device}", f"一种新型{device}", f"一种可调式{device}")
            )
            abstract = (
                f"本实用新型公开了{title.removeprefix('一种')}，包括主体、连接件和固定装置。"
                f"{f.effect}。"
            )
        return title, abstract

    def design(self, city: str, field_name: str) -> tuple[str, str]:
        rng = self.rng
        if field_name in FIELD_DESIGNS and rng.random() < 0.8:
            products = list(FIELD_DESIGNS[field_name])
        else:
            products = list(DESIGN_PRODUCTS.items()) + list(LOCAL_DESIGNS.get(city, ())) * 4
        product, use = rng.choice(products)
        motifs = MOTIFS.get(city, ()) + GENERIC_MOTIFS
        title = f"{product}（{rng.choice(motifs)}）"
        abstract = (
            f"1．本外观设计产品的名称：{title}。2．本外观设计产品的用途：用于{use}。"
            "3．本外观设计产品的设计要点：在于形状与图案的结合。"
            "4．最能表明设计要点的图片或照片：立体图。"
        )
        return title, abstract

    def ipc_codes(self, field_name: str) -> list[str]:
        codes = FIELDS[field_name].ipc
        picked = self.rng.sample(codes, min(len(codes), self.rng.choice((1, 1, 2, 2, 3))))
        return picked

    def agency_for(self, applicant: Applicant, origin: str, year: int) -> tuple[str, list[str]]:
        rng = self.rng
        rate = AGENCY_RATE[origin if origin in (FOREIGN, OUT_OF_PROVINCE) else applicant.kind]
        if rng.random() >= rate:
            return "", []
        if applicant.agency and rng.random() < 0.75:
            agency = applicant.agency
        else:
            local = [a for a, (_, _, home) in AGENCIES.items() if home and home == applicant.city]
            if local and rng.random() < 0.4:
                agency = local[0]
            else:
                names = [a for a, (w, start, _) in AGENCIES.items() if w and start <= year]
                agency = rng.choices(names, weights=[AGENCIES[a][0] for a in names])[0]
        pool = self.agents[agency]
        return agency, rng.sample(pool, rng.choice((1, 2, 2)))

    def record(self, origin: str, city: str, year: int) -> _Record:
        rng = self.rng
        co_applicants: list[str] = []
        if origin == FOREIGN:
            applicant = rng.choice(FOREIGN_APPLICANTS)
            address, postcode = applicant.addresses[0], ""
        elif origin == OUT_OF_PROVINCE:
            if rng.random() < 0.3:
                home, postcode = rng.choice(OUT_OF_PROVINCE_HOMES)
                address = home.format(n=rng.randint(1, 300), m=rng.randint(1, 40))
                applicant = Applicant(
                    self.person(), INDIVIDUAL, (address,), postcode, ("daily", "machinery"), ""
                )
            else:
                entries = OUT_OF_PROVINCE_APPLICANTS
                applicant = rng.choices([e[0] for e in entries], weights=[e[1] for e in entries])[0]
                address, postcode = applicant.addresses[0], applicant.postcode
        elif origin == UNPLACEABLE:
            address, postcode = rng.choice(UNPLACEABLE_ADDRESSES), ""
            applicant = Applicant(self.person(), INDIVIDUAL, (address,), "", ("daily",), "")
        else:
            applicant = self.applicant(city, year)
            variants = applicant.addresses
            address = (
                variants[0]
                if len(variants) == 1 or rng.random() < 0.7
                else rng.choice(variants[1:])
            )
            postcode = applicant.postcode
            co_applicants = self.co_applicants(applicant, city, year)

        patent_type = self.patent_type(applicant.kind)
        if origin == FOREIGN:
            patent_type = "invention"
        pct = False
        if patent_type in PCT_DIGITS and (applicant.pct or origin == FOREIGN):
            chance = 0.7 if origin == FOREIGN else (0.02 if patent_type == "invention" else 0.005)
            pct = rng.random() < chance
        field_name = rng.choice(applicant.fields)
        if patent_type == "design":
            title, abstract = self.design(city, field_name)
            ipc = []
        else:
            title, abstract = self.title_and_text(field_name, patent_type)
            ipc = self.ipc_codes(field_name)
        if applicant.kind == INDIVIDUAL:
            inventors = [applicant.name] + [self.person(city) for _ in range(rng.choice((0, 0, 1)))]
        else:
            inventors = [self.person(city) for _ in range(rng.choice((1, 2, 2, 3, 3, 4, 5, 6)))]
        agency, agents = self.agency_for(applicant, origin, year)
        record = _Record(
            applicant=applicant, address=address, postcode=postcode, co_applicants=co_applicants,
            inventors=inventors, patent_type=patent_type, pct=pct,
            filing=self.filing_date(year), title=title, abstract=abstract, ipc=ipc,
            agency=agency, agents=agents,
        )  # fmt: skip
        self.fate(record)
        return record

    def records(self) -> list[_Record]:
        rng = self.rng
        count = self.count
        foreign = max(1, round(count * 0.0003))
        unplaceable = max(2, round(count * 0.0003))
        outside = max(1, round(count * 0.01))
        gansu = max(count - foreign - unplaceable - outside, 0)
        if gansu == 0:  # a tiny demo is all Gansu
            foreign = unplaceable = outside = 0
            gansu = count
        cities = list(CITIES)
        city_list = [
            c for c, n in zip(cities, _quotas([CITIES[c][2] for c in cities], gansu, 1),
                              strict=True) for _ in range(n)
        ]  # fmt: skip
        origins = [("gansu", c) for c in city_list] + [(FOREIGN, "")] * foreign
        origins += [(OUT_OF_PROVINCE, "")] * outside + [(UNPLACEABLE, "")] * unplaceable
        # The last year counts for the part of it the records cover.
        covered = sum(MONTH_WEIGHTS[: self.last_month]) / sum(MONTH_WEIGHTS)
        year_weights = [(1 + self.growth) ** i for i in range(len(self.years))]
        year_weights[-1] *= covered
        year_list = [
            y
            for y, n in zip(self.years, _quotas(year_weights, count), strict=True)
            for _ in range(n)
        ]
        rng.shuffle(origins)
        rng.shuffle(year_list)
        records = [
            self.record(origin, city, year)
            for (origin, city), year in zip(origins, year_list, strict=True)
        ]
        self.assign_application_numbers(records)
        records.sort(key=lambda r: (r.filing, r.application_number))
        return records


def _row(r: _Record) -> dict[str, str]:
    pub_number, pub_date = r.publication or ("", None)
    grant_number, grant_date = r.grant or ("", None)
    return {
        "application_number": r.application_number,
        "filing_date": r.filing.isoformat(),
        "patent_type": r.patent_type,
        "title": r.title,
        "applicants": ";".join([r.applicant.name, *r.co_applicants]),
        "inventors": ";".join(dict.fromkeys(r.inventors)),
        "address": r.address,
        "postcode": r.postcode,
        "agency": r.agency,
        "agents": ";".join(r.agents),
        "ipc_main": r.ipc[0] if r.ipc else "",
        "ipc": ";".join(r.ipc),
        "publication_number": pub_number,
        "publication_date": pub_date.isoformat() if pub_date else "",
        "grant_number": grant_number,
        "grant_date": grant_date.isoformat() if grant_date else "",
        "legal_status": r.status,
        "abstract": r.abstract,
    }


def demo_rows(
    *,
    count: int = DEFAULT_COUNT,
    seed: int = DEFAULT_SEED,
    first_year: int = DEFAULT_FIRST_YEAR,
    until: date,
    growth: float = DEFAULT_GROWTH,
) -> list[dict[str, str]]:
    """The demo records as canonical-CSV rows (field → text), in file order: filed from
    `first_year` to the end of the last full month before `until`."""
    generator = _Generator(
        count=count, seed=seed, first_year=first_year, until=until, growth=growth
    )
    return [_row(r) for r in generator.records()]


def write_demo_csv(
    path: Path,
    *,
    count: int = DEFAULT_COUNT,
    seed: int = DEFAULT_SEED,
    first_year: int = DEFAULT_FIRST_YEAR,
    until: date,
    growth: float = DEFAULT_GROWTH,
) -> int:
    """Write the demo set as a canonical CSV at `path`; returns the number of records."""
    rows = demo_rows(count=count, seed=seed, first_year=first_year, until=until, growth=growth)
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=CSV_FIELDS)
        writer.writeheader()
        writer.writerows(rows)
    return len(rows)
