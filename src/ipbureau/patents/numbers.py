"""Chinese patent application and publication numbers.

Application numbers come in three written forms, all accepted here:

* original, since October 2003: ``200810012345.6`` -- year (4), type digit (1), serial (7),
  ``.``, check character (digit or ``X``);
* original, before October 2003: ``97101765.4`` -- year (2), type digit, serial (5), check;
* CNIPA's 15-digit standard form: ``CN102016000058726`` -- type code (2), year (4),
  serial (9, of which the last 7 are the original serial), no check character.

Prefixes ``CN``/``ZL``, spaces, a missing dot, full-width characters and a lowercase ``x``
are tolerated; a wrong check character is always an error, never corrected, because a
wrong check means the number was mistyped and we cannot know which digit is wrong.

Module is Django-free on purpose (the parsing layer runs in benchmarks and scripts without
settings); messages are marked with a local ``gettext_noop`` so that ``makemessages``
(which matches the function name) still extracts them.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from operator import mul
from time import monotonic


def gettext_noop(message: str) -> str:
    """Mark a msgid for extraction without needing Django settings.

    django.utils.translation.gettext_noop goes through the translation machinery and
    raises ImproperlyConfigured when settings are not configured; xgettext only looks
    at the name, so this local function is extracted all the same.
    """
    return message


__all__ = [
    "AppNumber",
    "AppNumberError",
    "PubNumber",
    "PubNumberError",
    "check_character",
    "gettext_noop",
    "is_correction_kind",
    "parse_application_number",
    "parse_publication_number",
    "patent_type_from_publication",
]

INVENTION = "invention"
UTILITY = "utility"
DESIGN = "design"

# Type digit of the original form -> patent type. 8/9 are PCT national-phase entries.
_TYPE_OF_DIGIT: dict[int, str] = {1: INVENTION, 2: UTILITY, 3: DESIGN, 8: INVENTION, 9: UTILITY}
# Two-digit type code of the 15-digit standard form <-> type digit of the original form.
_DIGIT_OF_CODE: dict[str, int] = {"10": 1, "11": 8, "20": 2, "21": 9, "30": 3}
_CODE_OF_DIGIT: dict[int, str] = {v: k for k, v in _DIGIT_OF_CODE.items()}

_WEIGHTS_12 = (2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5)
_WEIGHTS_8 = (2, 3, 4, 5, 6, 7, 8, 9)
_OFFSET_12, _OFFSET_8 = 48 * sum(_WEIGHTS_12), 48 * sum(_WEIGHTS_8)

# Fast path for the overwhelmingly common clean spellings; anything else is normalised
# first (NFKC, whitespace removal) and matched again.
_FAST = re.compile(r"(?:CN|ZL)?(?:(\d{12})\.?([\dX])|(\d{15}))")
_FORM_15 = re.compile(r"(\d{15})")
_FORM_12 = re.compile(r"(\d{12})\.?([\dX])?")
_FORM_8 = re.compile(r"(\d{8})\.?([\dX])?")
_SPACES = re.compile(r"\s+")
_PREFIX = re.compile(r"^(?:CN|ZL)")

_EXAMPLES = gettext_noop(
    "有效的写法如 200810012345.6（2003年10月起）、97101765.4（2003年10月前）"
    "或 CN102016000058726（15位标准格式）"
)


class AppNumberError(ValueError):
    """An application number that cannot be accepted.

    ``problem`` is a short Chinese label (申请号校验位错误), ``detail`` says what exactly is
    wrong and how a correct number looks; callers that prefix a line number join them with
    "，", ``str()`` joins them with "：".
    """

    def __init__(self, problem: str, detail: str) -> None:
        super().__init__(f"{problem}：{detail}")
        self.problem = problem
        self.detail = detail


class PubNumberError(ValueError):
    """A publication number that cannot be parsed (message in Chinese)."""


def check_character(digits: str) -> str:
    """Check character for 12 (post-2003) or 8 (pre-2003) ASCII digits: weighted sum
    mod 11, 10 written X."""
    weights, offset = (_WEIGHTS_12, _OFFSET_12) if len(digits) == 12 else (_WEIGHTS_8, _OFFSET_8)
    # Byte values are ord(digit) = digit + 48: subtract 48 x the weight sum once.
    total = (sum(map(mul, digits.encode("ascii"), weights)) - offset) % 11
    return "X" if total == 10 else str(total)


@dataclass(frozen=True, slots=True)
class AppNumber:
    """A validated application number. ``serial`` keeps its width: 7 digits (2003 on) or 5."""

    year: int
    type_digit: int
    serial: str
    check: str

    @property
    def is_old_form(self) -> bool:
        return len(self.serial) == 5

    @property
    def canonical(self) -> str:
        """Original form with dot and check: 200810012345.6 or 97101765.4."""
        if self.is_old_form:
            return f"{self.year % 100:02d}{self.type_digit}{self.serial}.{self.check}"
        return f"{self.year}{self.type_digit}{self.serial}.{self.check}"

    @property
    def standard(self) -> str | None:
        """15-digit standard form (CN prefix omitted); None for pre-2003 numbers, whose
        standard form we have no verified example of."""
        if self.is_old_form:
            return None
        return f"{_CODE_OF_DIGIT[self.type_digit]}{self.year}00{self.serial}"

    @property
    def patent_type(self) -> str:
        return _TYPE_OF_DIGIT[self.type_digit]

    @property
    def is_pct(self) -> bool:
        return self.type_digit in (8, 9)

    def __str__(self) -> str:
        return self.canonical


def _normalise(raw: str) -> str:
    # NFKC turns full-width digits, letters and "．" into ASCII; "。" is what a Chinese
    # input method types for "." and NFKC leaves it alone.
    text = unicodedata.normalize("NFKC", raw).replace("。", ".").upper()
    return _PREFIX.sub("", _SPACES.sub("", text))


def parse_application_number(raw: str) -> AppNumber:
    """Parse any accepted spelling of a Chinese application number (see module doc).

    Raises AppNumberError with a Chinese message for an unknown form, a bad type digit or
    code, an implausible year, a missing check character or a wrong one.
    """
    text = raw.strip()
    if not text:
        raise AppNumberError(gettext_noop("缺少申请号"), _EXAMPLES)
    m = _FAST.fullmatch(text)
    if m is not None:
        digits, check, standard = m.groups()
        return _from_digits(raw, digits, check) if digits else _from_standard(raw, standard)
    text = _normalise(text)
    m = _FORM_12.fullmatch(text)
    if m is not None:
        return _from_digits(raw, m.group(1), m.group(2))
    m = _FORM_15.fullmatch(text)
    if m is not None:
        return _from_standard(raw, m.group(1))
    m = _FORM_8.fullmatch(text)
    if m is not None:
        return _from_digits(raw, m.group(1), m.group(2))
    raise AppNumberError(
        gettext_noop("申请号格式无法识别"),
        gettext_noop("“{raw}”不是申请号。{examples}").format(raw=raw.strip(), examples=_EXAMPLES),
    )


_year_cache: list[float] = [0.0, 0.0]  # [valid until (monotonic), max year]


def _max_year() -> int:
    """This year + 1 (numbers dated next year occur around New Year). date.today() costs
    a microsecond, so it is looked at once a minute: this runs for every imported row."""
    now = monotonic()
    if now > _year_cache[0]:
        _year_cache[:] = [now + 60.0, date.today().year + 1]
    return int(_year_cache[1])


def _from_digits(raw: str, digits: str, check: str | None) -> AppNumber:
    if len(digits) == 12:
        year, type_digit, serial = int(digits[:4]), int(digits[4]), digits[5:]
        if year < 2003:
            raise AppNumberError(
                gettext_noop("申请号年份不合理"),
                gettext_noop(
                    "“{raw}”是12位的新式申请号，但年份 {year} 早于2003年；"
                    "2003年10月以前的申请号为8位，如 97101765.4"
                ).format(raw=raw.strip(), year=year),
            )
    else:
        yy, type_digit, serial = int(digits[:2]), int(digits[2]), digits[3:]
        # 8-digit numbers were issued from 1985 until September 2003.
        if 85 <= yy <= 99:
            year = 1900 + yy
        elif yy <= 3:
            year = 2000 + yy
        else:
            raise AppNumberError(
                gettext_noop("申请号年份不合理"),
                gettext_noop(
                    "“{raw}”是8位的旧式申请号，开头两位是年份，应在 85–99 或 00–03 之间，"
                    "而这里是“{yy:02d}”"
                ).format(raw=raw.strip(), yy=yy),
            )
    _check_year(raw, year)
    if type_digit not in _TYPE_OF_DIGIT:
        raise AppNumberError(
            gettext_noop("申请号类型位错误"),
            gettext_noop(
                "“{raw}”中表示专利类型的一位是“{digit}”，应为 1（发明）、2（实用新型）、"
                "3（外观设计）、8（PCT发明）或 9（PCT实用新型）"
            ).format(raw=raw.strip(), digit=type_digit),
        )
    expected = check_character(digits)
    if check is None:
        raise AppNumberError(
            gettext_noop("申请号缺少校验位"),
            gettext_noop(
                "“{raw}”末尾没有“.”和校验位；按校验规则应为 {number}，请对照原始文件核实"
            ).format(raw=raw.strip(), number=f"{digits}.{expected}"),
        )
    if check != expected:
        raise AppNumberError(
            gettext_noop("申请号校验位错误"),
            gettext_noop("{number} 的校验位应为 {expected}").format(
                number=f"{digits}.{check}", expected=expected
            ),
        )
    return AppNumber(year, type_digit, serial, check)


def _from_standard(raw: str, digits: str) -> AppNumber:
    code, year, serial9 = digits[:2], int(digits[2:6]), digits[6:]
    type_digit = _DIGIT_OF_CODE.get(code)
    if type_digit is None:
        raise AppNumberError(
            gettext_noop("申请号类型代码错误"),
            gettext_noop(
                "15位标准申请号“{raw}”开头两位“{code}”应为 10（发明）、11（PCT发明）、"
                "20（实用新型）、21（PCT实用新型）或 30（外观设计）"
            ).format(raw=raw.strip(), code=code),
        )
    _check_year(raw, year)
    if year < 2003:
        raise AppNumberError(
            gettext_noop("申请号年份不合理"),
            gettext_noop(
                "15位标准申请号“{raw}”的年份 {year} 早于2003年，无法换算为原始申请号；"
                "请改用原始申请号，如 97101765.4"
            ).format(raw=raw.strip(), year=year),
        )
    if serial9[:2] != "00":
        raise AppNumberError(
            gettext_noop("申请号流水号错误"),
            gettext_noop(
                "15位标准申请号“{raw}”的9位流水号“{serial}”超过7位，无法换算为原始申请号"
            ).format(raw=raw.strip(), serial=serial9),
        )
    serial = serial9[2:]
    # The standard form has no check character: it is computed, which is the published
    # correspondence (102016000058726 <-> 201610058726.X).
    check = check_character(f"{year}{type_digit}{serial}")
    return AppNumber(year, type_digit, serial, check)


def _check_year(raw: str, year: int) -> None:
    if 1985 <= year <= _year_cache[1] and monotonic() < _year_cache[0]:
        return  # the common case, cheaply
    if year < 1985 or year > _max_year():
        raise AppNumberError(
            gettext_noop("申请号年份不合理"),
            gettext_noop(
                "“{raw}”中的年份 {year} 应在 1985 到 {max_year} 之间（中国专利法1985年施行）"
            ).format(raw=raw.strip(), year=year, max_year=_max_year()),
        )


# --- publication numbers ----------------------------------------------------------------

_PUB = re.compile(r"([A-Z]{2})?-?(\d{5,12})-?([A-Z]\d?)?")
_PUB_SEPARATORS = re.compile(r"[\s\-_]+")

# Kind-code letters of Chinese documents (first letter; a trailing 8/9 marks a correction
# or a reissue of that document). Since 2010: A publication, B invention grant,
# U utility model, S design. 1993-2010: C invention grant, Y utility model, D design.
_KIND_TYPES: dict[str, str] = {
    "A": INVENTION, "B": INVENTION, "C": INVENTION,
    "U": UTILITY, "Y": UTILITY,
    "S": DESIGN, "D": DESIGN,
}  # fmt: skip
_FIRST_DIGIT_TYPES: dict[str, str] = {"1": INVENTION, "2": UTILITY, "3": DESIGN}
INVENTION_GRANT_LETTERS = frozenset("BC")
ANNOUNCEMENT_LETTERS = frozenset("UYSD")  # utility/design: published only when granted


@dataclass(frozen=True, slots=True)
class PubNumber:
    """A publication (document) number: country, digits, kind code ("" when not given)."""

    country: str
    number: str
    kind: str

    @property
    def canonical(self) -> str:
        """Compact form used for storage and look-ups: CN106540887A."""
        return f"{self.country}{self.number}{self.kind}"

    @property
    def is_correction(self) -> bool:
        return is_correction_kind(self.kind)

    @property
    def base(self) -> PubNumber:
        """The corrected document for a correction (B8 -> B), else self."""
        if self.is_correction:
            return PubNumber(self.country, self.number, self.kind[0])
        return self

    def __str__(self) -> str:
        return self.canonical


def is_correction_kind(kind: str) -> bool:
    """x8 = corrected front page, x9 = corrected whole document (WIPO ST.16)."""
    return len(kind) == 2 and kind[1] in "89"


def parse_publication_number(raw: str) -> PubNumber:
    """Parse CN106540887A, CN-114583807-B (Google), CN 104341611 B, CN104341611B8...

    A number without a country code is taken as Chinese (this is a Chinese office's tool).
    """
    text = raw.strip().upper()
    m = _PUB.fullmatch(text)
    if m is None:
        text = _PUB_SEPARATORS.sub("", unicodedata.normalize("NFKC", text))
        m = _PUB.fullmatch(text)
    if m is None:
        raise PubNumberError(
            gettext_noop(
                "“{raw}”不是有效的公开(公告)号，应为 CN106540887A、CN104341611B "
                "这样的国别代码＋号码＋文献类型代码"
            ).format(raw=raw.strip())
        )
    return PubNumber(country=m.group(1) or "CN", number=m.group(2), kind=m.group(3) or "")


def patent_type_from_publication(pub: PubNumber | str) -> str | None:
    """Patent type told by a Chinese publication number, or None when it cannot be told.

    The kind letter decides (U/Y utility, S/D design, A/B/C invention); without a kind, a
    9-digit number (issued since 2010) tells by its first digit. Non-CN numbers: None.
    """
    if isinstance(pub, str):
        try:
            pub = parse_publication_number(pub)
        except PubNumberError:
            return None
    if pub.country != "CN":
        return None
    by_kind = _KIND_TYPES.get(pub.kind[:1]) if pub.kind else None
    by_digit = _FIRST_DIGIT_TYPES.get(pub.number[0]) if len(pub.number) == 9 else None
    if by_kind and by_digit and by_kind != by_digit:
        return None  # contradictory: better unknown than wrong
    return by_kind or by_digit
