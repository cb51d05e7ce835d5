"""Who files: the demo's applicants, their addresses and the people named on a record."""

from __future__ import annotations

import random

from ipbureau.demo.tables import (
    BRANDS,
    CITIES,
    CITY_SHORT_FORMS,
    COUNTIES,
    ENTERPRISE,
    GENERIC_STREETS,
    GENERIC_TOWNS,
    GIVEN_CHARS,
    HUI_SURNAMES,
    INDIVIDUAL,
    INDIVIDUAL_FIELDS,
    INSTITUTE,
    LEGAL_FORMS,
    NAMED,
    NEW_AREA_CODE,
    NEW_AREA_YEAR,
    NW_SURNAMES,
    PUBLIC_BODY,
    SURNAMES,
    TIBETAN_NAMES,
    TRADES,
    UNIVERSITY,
    VILLAGE_SUFFIXES,
    Applicant,
)


class _Applicants:
    """Names, places and applicants of the generator (patents._Generator), drawn from its
    one random source so the whole set depends on the seed alone."""

    rng: random.Random
    enterprises: dict[str, list[Applicant]]
    individuals: dict[str, list[Applicant]]
    publics: dict[str, list[Applicant]]

    # -- names and places -----------------------------------------------------------------
    def person(self, city: str = "") -> str:
        rng = self.rng
        if city == "6230" and rng.random() < 0.5:
            return "".join(rng.sample(TIBETAN_NAMES, rng.choice((1, 2))))[:4].ljust(2, "吉")
        if city == "6229" and rng.random() < 0.5:
            surname = rng.choice(HUI_SURNAMES)
        elif rng.random() < 0.3:
            surname = rng.choice(NW_SURNAMES)
        else:
            surname = rng.choice(SURNAMES[:-2])  # 令狐 is a two-character surname
            if rng.random() < 0.003:
                surname = "令狐"
        given = "".join(rng.choice(GIVEN_CHARS) for _ in range(rng.choice((1, 2, 2, 2))))
        return surname + given

    def _agent_names(self) -> list[str]:
        return [self.person() for _ in range(self.rng.randint(3, 8))]

    def _county(self, city: str) -> str:
        # Applicants are created once and file for years, so none lives in 兰州新区, which
        # exists only from 2012 on; those come from `_new_area_pool`.
        codes = [c for c in COUNTIES if c[:4] == city and c != NEW_AREA_CODE]
        return self.rng.choices(codes, weights=[COUNTIES[c][3] for c in codes])[0]

    def _street(self, county: str, *, home: bool) -> str:
        rng = self.rng
        streets = COUNTIES[county][4]
        if streets and rng.random() < 0.85:
            street = rng.choice(streets)
            if street.endswith(("镇", "街道")):
                street += rng.choice(GENERIC_STREETS)
        else:
            town = rng.choice(GENERIC_TOWNS)
            if rng.random() < 0.6:
                street = town + rng.choice(GENERIC_STREETS)
            else:
                village = rng.choice(SURNAMES[:40]) + "家" + rng.choice(VILLAGE_SUFFIXES) + "村"
                return f"{town}{village}{rng.randint(1, 180)}号"
        number = f"{street}{rng.randint(1, 999)}号"
        if home and rng.random() < 0.4:
            number += f"{rng.randint(1, 30)}号楼{rng.randint(1, 6)}单元{rng.randint(101, 1802)}室"
        return number

    def gansu_address(self, city: str, *, home: bool, county: str | None = None) -> tuple[str, str]:
        """An address in `city` (in `county` if given) as exports write them, and its
        postcode (sometimes missing)."""
        rng = self.rng
        county = county or self._county(city)
        county_name, county_short, postcode, _, _ = COUNTIES[county]
        city_name = CITIES[city][0]
        street = self._street(county, home=home)
        if city in CITY_SHORT_FORMS and rng.random() < 0.6:
            city_name = CITY_SHORT_FORMS[city]
        if county_short and rng.random() < 0.5:
            county_name = county_short
        style = rng.random()
        if not county_name:  # 嘉峪关: a city without counties
            address = f"甘肃省{city_name}{street}" if style < 0.8 else f"{city_name}{street}"
        elif style < 0.58:
            address = f"甘肃省{city_name}{county_name}{street}"
        elif style < 0.73:
            address = f"{city_name}{county_name}{street}"
        elif style < 0.85 and county_name.endswith(("县", "市")):
            address = f"甘肃省{county_name}{street}"
        elif style < 0.95:
            address = f"甘肃省{city_name}{street}"
            postcode = CITIES[city][3]
        else:
            address = f"甘肃省{city_name}{county_name}{street}"
        if rng.random() < 0.08:
            postcode = ""
        return address, postcode

    # -- applicant pools ---------------------------------------------------------------
    def _enterprise_pool(self, city: str, county: str | None = None) -> list[Applicant]:
        key = county or city
        pool = self.enterprises.get(key)
        if pool is None:
            rng = self.rng
            size = 15 if county else max(8, round(CITIES[city][2] * 6))
            taken = {a.name for p in self.enterprises.values() for a in p}
            names: dict[str, Applicant] = {}
            while len(names) < size:
                home = county or self._county(city)
                r = rng.random()
                county_name = COUNTIES[home][1] or COUNTIES[home][0]
                if r < 0.3:
                    prefix = "甘肃"
                elif r < 0.45 and county_name.endswith("县"):
                    prefix = county_name
                else:
                    prefix = CITIES[city][1]
                trade, fields = rng.choice(TRADES)
                name = f"{prefix}{rng.choice(BRANDS)}{trade}{rng.choice(LEGAL_FORMS)}"
                if name in names or name in taken:
                    continue
                address, postcode = self.gansu_address(city, home=False, county=home)
                names[name] = Applicant(name, ENTERPRISE, (address,), postcode, fields, city)
            pool = self.enterprises[key] = list(names.values())
        return pool

    def _individual_pool(self, city: str) -> list[Applicant]:
        pool = self.individuals.get(city)
        if pool is None:
            # Sized so that most inventors file once or twice and a few file a lot.
            size = max(10, round(self.count * CITIES[city][2] / 100 * 0.35))
            pool = []
            for _ in range(size):
                address, postcode = self.gansu_address(city, home=True)
                fields = tuple(self.rng.sample(INDIVIDUAL_FIELDS, 2))
                pool.append(
                    Applicant(self.person(city), INDIVIDUAL, (address,), postcode, fields, city)
                )
            self.individuals[city] = pool
        return pool

    def _public_pool(self, city: str) -> list[Applicant]:
        pool = self.publics.get(city)
        if pool is None:
            short = CITY_SHORT_FORMS.get(city, CITIES[city][0])
            centre, first_county = CITIES[city][3], next(c for c in COUNTIES if c[:4] == city)
            district = COUNTIES[first_county][0]
            pool = [
                Applicant(f"{short}第一人民医院", PUBLIC_BODY,
                          (f"甘肃省{short}{district}人民路1号",), centre, ("medicine",), city),
                Applicant(f"{short}农业技术推广中心", PUBLIC_BODY,
                          (f"甘肃省{short}{district}建设路8号",), centre, ("agriculture",), city),
            ]  # fmt: skip
            self.publics[city] = pool
        return pool

    def applicant(self, city: str, year: int) -> Applicant:
        rng = self.rng
        entries = NAMED[city]
        choice = rng.choices([e[0] for e in entries], weights=[e[1] for e in entries])[0]
        if isinstance(choice, Applicant):
            return choice
        if choice == "*enterprise":
            # From 2012 some of Lanzhou's new filers are firms settling in 兰州新区.
            new_area = NEW_AREA_CODE[:4] == city and year >= NEW_AREA_YEAR and rng.random() < 0.1
            pool = self._enterprise_pool(city, NEW_AREA_CODE if new_area else None)
        elif choice == "*individual":
            pool = self._individual_pool(city)
        else:
            pool = self._public_pool(city)
        # Zipf-like: a few generated applicants file often, most rarely.
        return pool[min(int(len(pool) * rng.random() ** 1.6), len(pool) - 1)]

    # -- one record ------------------------------------------------------------------------

    def co_applicants(self, applicant: Applicant, city: str, year: int) -> list[str]:
        """Joint filings: universities with enterprises (产学研), neighbours together."""
        rng = self.rng
        if applicant.kind in (UNIVERSITY, INSTITUTE) and rng.random() < 0.08:
            partner = self.applicant(city if rng.random() < 0.5 else "6201", year)
            if partner.kind == ENTERPRISE and partner.name != applicant.name:
                return [partner.name]
        elif applicant.kind == ENTERPRISE and rng.random() < 0.05:
            partner = rng.choice(
                [a for a, _ in NAMED["6201"] if isinstance(a, Applicant) and a.kind == UNIVERSITY]
            )
            return [partner.name]
        elif applicant.kind == INDIVIDUAL and rng.random() < 0.1:
            return [self.person(city)]
        return []

    # -- dates, numbers, legal status --------------------------------------------------------
