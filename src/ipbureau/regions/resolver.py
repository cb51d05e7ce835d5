"""Address (and postcode, and structured export fields) -> GB/T 2260 region code.

How an address is read:

1. Normalise (drop spaces, a leading postcode, a leading 中国/中华人民共和国). An address that
   starts with a foreign country's name is foreign.
2. Scan left to right for region names (one dict lookup on two characters per position, then a
   few `startswith`). Each mention narrows a set of candidate regions: a mention is accepted only
   if one of its regions lies *inside* the current candidates (甘肃省 -> 兰州 -> 城关区). So, once
   上海市 is read, the 定西 of 定西路 cannot move the address to Gansu; and in 黑龙江省齐齐哈尔市
   甘南县 only Heilongjiang's 甘南县 fits.
3. Bare names (兰州, 天祝) are believed only where the structure expects a region: at the start or
   right after another region. A name without an administrative suffix directly followed by
   路/街/道/巷/镇/乡/村 is a street or town named after the region, not the region (天水路,
   华亭镇), unless another region name starts there (宁波镇海区).
4. If several regions remain (城关区 is in 兰州 and 拉萨), the postcode chooses; failing that the
   answer is their common ancestor, or nothing.
5. No region named at all: the postcode alone places the address (method 'postcode').

Names are the primary signal: the postcode overrides a region the names gave only when that
region rests on a lone bare name (白银大厦 with a Beijing postcode), because real exports carry
wrong postcodes (a 平凉 address with a 金昌 postcode) and because 额济纳旗 (Inner Mongolia) uses
Gansu-looking postcodes. Everything is built once in __init__; a call does dict lookups and
`startswith` only (about 75,000 distinct addresses/s, far more through the LRU cache).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Literal

from ipbureau.regions import names as N
from ipbureau.regions.tree import COUNTY, PROVINCE, RegionRow, load_regions

Method = Literal["structured", "address", "postcode"]

# Characters that, right after a region name, show the name is part of a street or town name.
_STREET_CHARS = frozenset("路街道巷弄镇乡村")
_STREET_WORDS = ("大道", "大街", "胡同", "社区", "小区", "公路")
# A name ending like this is an administrative name, never a street's (镇江市镇江大港新区).
_ADMIN_SUFFIXES = frozenset("省市区县州旗盟")
_STRIP_CHARS = " \t\r\n\u3000\xa0"
_PREFIXES = ("中华人民共和国", "中国")
_FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
_SINGLE_CITY_MUNICIPALITIES = {"110000": "110100", "120000": "120100", "310000": "310100"}


@dataclass(frozen=True, slots=True)
class Placement:
    code: str | None  # most precise region found: county, else city, else province
    method: Method | None = None
    reason: str | None = None  # why code is None: foreign / empty / ambiguous / no_match


def _prefix(code: str) -> str:
    """Descendants of a region are exactly the codes starting with this (62, 6201, 620102)."""
    if code[2:] == "0000":
        return code[:2]
    if code[4:] == "00":
        return code[:4]
    return code


def _best(choices: tuple[tuple[str, int], ...]) -> tuple[str, ...]:
    """The regions of the best trust class among (code, trust) pairs sorted by trust."""
    if not choices:
        return ()
    top = choices[0][1]
    return tuple(code for code, trust in choices if trust == top)


def _inside(code: str, cands: tuple[str, ...]) -> bool:
    return any(code != c and code.startswith(_prefix(c)) for c in cands)


class RegionResolver:
    """Built once from the region tree; `resolve` is pure and memoised."""

    def __init__(self, rows: list[RegionRow], cache_size: int = 1 << 16):
        self.rows = {r.code: r for r in rows}
        # name -> ((code, trust), ...): every region a spelling may mean, best trust first.
        table: dict[str, dict[str, int]] = {}
        for row in sorted(rows, key=lambda r: r.code):  # parents before their children
            for name, trust in N.variants(row):
                seen = table.setdefault(name, {})
                if trust == N.BARE and row.parent_code in seen:
                    # 兰州新区's stem is 兰州, which already means its parent city: keep only
                    # the city, or 甘肃省兰州市兰州大学 would land in 兰州新区.
                    continue
                seen[row.code] = min(trust, seen.get(row.code, trust))
        for name, code in N.OLD_NAMES.items():
            table.setdefault(name, {})[code] = N.STRICT
        self.names = {
            name: tuple(sorted(codes.items(), key=lambda ct: ct[1]))
            for name, codes in table.items()
        }
        # First two characters -> [(name, entries)], longest name first.
        index: dict[str, list[tuple[str, tuple[tuple[str, int], ...]]]] = {}
        for name, entries in self.names.items():
            index.setdefault(name[:2], []).append((name, entries))
        for found in index.values():
            found.sort(key=lambda e: -len(e[0]))
        self.index = index
        self.foreign: dict[str, tuple[str, ...]] = {}
        for p in N.FOREIGN_PREFIXES:
            self.foreign[p[:2]] = (*self.foreign.get(p[:2], ()), p)
        self._cached = lru_cache(maxsize=cache_size)(self._resolve)

    @classmethod
    @cache
    def default(cls) -> RegionResolver:
        return cls(load_regions())

    # -- public API -----------------------------------------------------------------------
    def resolve(
        self,
        address: str | None,
        postcode: str | None = None,
        *,
        province: str | None = None,
        city: str | None = None,
        county: str | None = None,
    ) -> Placement:
        return self._cached(address, postcode, province, city, county)

    def _resolve(
        self,
        address: str | None,
        postcode: str | None,
        province: str | None,
        city: str | None,
        county: str | None,
    ) -> Placement:
        text, postcode = self._normalise(address, postcode)
        start = self._structured(province, city, county)
        if start is not None and len(start) == 1 and self.rows[start[0]].level == COUNTY:
            return Placement(start[0], "structured")
        if start is None and text and self._is_foreign(text):
            return Placement(None, None, "foreign")

        cands, strong = self._scan(text, start or ()) if text else (start or (), False)
        pc = N.postcode_region(postcode)
        if not cands:
            if pc is not None:
                return Placement(self._deepen(pc), "postcode")
            return Placement(None, None, "no_match" if text else "empty")
        if start is None and not strong and pc and all(c[:2] != pc[:2] for c in cands):
            # Only a bare name at the start (白银大厦, 清水湾...) against a postcode of another
            # province: the bare name is more likely a word than a place.
            return Placement(self._deepen(pc), "postcode")
        code = self._choose(cands, pc)
        if code is None:
            return Placement(None, None, "ambiguous")
        if self.rows[code].level == PROVINCE and pc is not None and _inside(pc, (code,)):
            # Only the province named (甘肃省科学院): a postcode inside it may name the city.
            return Placement(pc, "postcode")
        method: Method = "address" if start is None or code not in start else "structured"
        return Placement(self._deepen(code), method)

    # -- steps ------------------------------------------------------------------------------
    @staticmethod
    def _normalise(address: str | None, postcode: str | None) -> tuple[str, str | None]:
        text = (address or "").strip(_STRIP_CHARS)
        if " " in text or "\u3000" in text:
            text = text.replace(" ", "").replace("\u3000", "")
        # A postcode written in front of the address ("730000甘肃省...").
        if text[:6].isdigit():
            if not postcode or postcode == "0":
                postcode = text[:6]
            text = text[6:].lstrip(_STRIP_CHARS + ",，:：")
        for p in _PREFIXES:
            if text.startswith(p):
                text = text[len(p) :].lstrip("(（）)")
                break
        postcode = postcode.strip(_STRIP_CHARS).translate(_FULLWIDTH_DIGITS) if postcode else None
        return text, postcode

    def _is_foreign(self, text: str) -> bool:
        prefixes = self.foreign.get(text[:2])
        if not prefixes:
            return False
        country = max((len(p) for p in prefixes if text.startswith(p)), default=0)
        if not country:
            return False
        # A Chinese name that merely starts like a country (巴林左旗 and 巴林 Bahrain) wins.
        region = max(
            (len(nm) for nm, _ in self.index.get(text[:2], ()) if text.startswith(nm)), default=0
        )
        return region <= country

    def _structured(
        self, province: str | None, city: str | None, county: str | None
    ) -> tuple[str, ...] | None:
        """Candidates from export fields, each field read inside the ones above it."""
        cands: tuple[str, ...] = ()
        for value in (province, city, county):
            if not value:
                continue
            value = value.strip(_STRIP_CHARS)
            found = self._field(value)
            if cands:
                found = tuple(c for c in found if _inside(c, cands))
            if found:
                cands = found
        return cands or None

    def _field(self, value: str) -> tuple[str, ...]:
        if value.isdigit() and len(value) in (2, 4, 6):
            code = value.ljust(6, "0")
            return (code,) if code in self.rows else ()
        return _best(self.names.get(value, ()))

    def _scan(self, text: str, start: tuple[str, ...]) -> tuple[tuple[str, ...], bool]:
        """Candidates after reading the region names in `text`, inside `start` if given, and
        whether any accepted name was more than a bare name."""
        cands = start
        inside = tuple(_prefix(c) for c in cands)  # a code is inside cands if it starts so
        strong = False
        index = self.index
        last_end = 0  # where the previous accepted mention ended: bare names must start here
        n = len(text)
        i = 0
        while i < n - 1:
            entries = index.get(text[i : i + 2])
            if entries is None:
                i += 1
                continue
            matched = 0
            for name, choices in entries:
                if not text.startswith(name, i):
                    continue
                end = i + len(name)
                if (
                    end < n
                    and name[-1] not in _ADMIN_SUFFIXES
                    and (text[end] in _STREET_CHARS or text.startswith(_STREET_WORDS, end))
                    and not self._name_at(text, end)  # 宁波镇海区 is not a 宁波镇
                ):
                    continue
                if cands:
                    choices = tuple(
                        ct for ct in choices if ct[0] not in cands and ct[0].startswith(inside)
                    )
                if not choices or (choices[0][1] == N.BARE and i != last_end):
                    continue
                cands, last_end, matched = _best(choices), end, len(name)
                inside = tuple(_prefix(c) for c in cands)
                strong = strong or choices[0][1] != N.BARE
                break
            if matched:
                i += matched
                if len(cands) == 1 and cands[0][4:] != "00":
                    break  # a single county: nothing lies below it
            else:
                i += 1
        return cands, strong

    def _name_at(self, text: str, i: int) -> bool:
        return any(text.startswith(nm, i) for nm, _ in self.index.get(text[i : i + 2], ()))

    def _choose(self, cands: tuple[str, ...], pc: str | None) -> str | None:
        """One region out of several same-named ones: by postcode, else their common ancestor."""
        if len(cands) == 1:
            return cands[0]
        if pc is not None:
            for prefix in (_prefix(pc), pc[:2]):
                hits = tuple(c for c in cands if c.startswith(prefix))
                if len(hits) == 1:
                    return hits[0]
                if hits:
                    cands = hits
                    break
        # Same-named places in one city or province: their common ancestor is still right.
        for width in (4, 2):
            heads = {c[:width] for c in cands}
            if len(heads) == 1:
                code = next(iter(heads)).ljust(6, "0")
                if code in self.rows:
                    return code
        return None

    def _deepen(self, code: str) -> str:
        """北京市 alone is also the city 北京市辖区; a municipality province becomes its city."""
        if self.rows.get(code) is not None and self.rows[code].level == PROVINCE:
            return _SINGLE_CITY_MUNICIPALITIES.get(code, code)
        return code


def resolve(address: str | None, postcode: str | None = None, **fields: str | None) -> Placement:
    """Shortcut for `RegionResolver.default().resolve(...)`."""
    return RegionResolver.default().resolve(address, postcode, **fields)
