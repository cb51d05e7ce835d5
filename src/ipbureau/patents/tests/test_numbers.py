"""Application and publication numbers: published examples, every accepted spelling,
clear refusals, properties, and all numbers of the real CNIPA 2017 data."""

import csv
import gzip
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st
from ipbureau_testing.realdata import require_realdata

from ipbureau.patents.numbers import (
    AppNumber,
    AppNumberError,
    PubNumber,
    PubNumberError,
    check_character,
    parse_application_number,
    parse_publication_number,
    patent_type_from_publication,
)

# --- published examples -------------------------------------------------------------------


def test_published_post_2003_example_validates():
    number = parse_application_number("201710601862.3")
    assert number == AppNumber(year=2017, type_digit=1, serial="0601862", check="3")
    assert number.canonical == "201710601862.3"
    assert number.patent_type == "invention"
    assert not number.is_pct


def test_published_pre_2003_example_validates():
    number = parse_application_number("97101765.4")
    assert (number.year, number.type_digit, number.serial, number.check) == (1997, 1, "01765", "4")
    assert number.canonical == "97101765.4"
    assert number.standard is None


def test_standard_form_maps_to_original_form_with_computed_check_x():
    number = parse_application_number("102016000058726")
    assert number.canonical == "201610058726.X"
    assert number.standard == "102016000058726"
    assert parse_application_number("CN102016000058726") == number
    assert parse_application_number("201610058726.X") == number


def test_check_character_follows_the_weighted_mod_11_rule():
    assert check_character("201710601862") == "3"
    assert check_character("97101765") == "4"
    assert check_character("201610058726") == "X"


# --- accepted spellings -----------------------------------------------------------------


@pytest.mark.parametrize(
    "spelling",
    [
        "200810012345.3",
        "CN200810012345.3",
        "ZL200810012345.3",
        "2008100123453",
        "ZL 2008 1 0012345.3",
        " CN 200810012345 . 3 ",
        "２００８１００１２３４５．３",
        "ＺＬ２００８１００１２３４５。３",
        "cn200810012345.3",
        "102008000012345",
        "CN 102008000012345",
    ],
)
def test_every_real_spelling_gives_the_same_canonical_number(spelling):
    assert parse_application_number(spelling).canonical == "200810012345.3"


def test_lowercase_x_check_is_accepted():
    assert parse_application_number("201610058726.x").check == "X"


@pytest.mark.parametrize(
    ("raw", "patent_type", "is_pct"),
    [
        ("201510456240.7", "invention", False),
        ("201480021818.X", "invention", True),
        ("CN112014000080747", "invention", True),
        ("CN202017000000012", "utility", False),
        ("CN212017000000012", "utility", True),
        ("CN302017000000012", "design", False),
    ],
)
def test_type_and_pct_status_come_from_the_type_digit(raw, patent_type, is_pct):
    number = parse_application_number(raw)
    assert (number.patent_type, number.is_pct) == (patent_type, is_pct)


def test_pct_standard_code_11_becomes_type_digit_8():
    assert parse_application_number("CN112014000080747").canonical.startswith("20148")


# --- refusals ---------------------------------------------------------------------------


def test_wrong_check_digit_is_rejected_not_fixed():
    with pytest.raises(AppNumberError) as caught:
        parse_application_number("200810012345.6")
    assert str(caught.value) == "申请号校验位错误：200810012345.6 的校验位应为 3"
    assert caught.value.problem == "申请号校验位错误"


def test_wrong_check_digit_message_names_x_when_x_is_due():
    with pytest.raises(AppNumberError, match="201610058726.5 的校验位应为 X"):
        parse_application_number("201610058726.5")


def test_twelve_digits_without_check_are_refused_but_the_message_helps():
    with pytest.raises(AppNumberError) as caught:
        parse_application_number("200810012345")
    assert caught.value.problem == "申请号缺少校验位"
    assert "200810012345.3" in caught.value.detail


@pytest.mark.parametrize(
    ("raw", "problem"),
    [
        ("", "缺少申请号"),
        ("abc", "申请号格式无法识别"),
        ("CN-114583807-B", "申请号格式无法识别"),
        ("2008100123", "申请号格式无法识别"),
        ("200850012345.1", "申请号类型位错误"),
        ("CN402016000058726", "申请号类型代码错误"),
        ("CN102016120058726", "申请号流水号错误"),
        ("198010012345.1", "申请号年份不合理"),
        ("209910012345.1", "申请号年份不合理"),
        ("200110012345.1", "申请号年份不合理"),
        ("50101765.1", "申请号年份不合理"),
    ],
)
def test_malformed_numbers_are_refused_with_a_reason(raw, problem):
    with pytest.raises(AppNumberError) as caught:
        parse_application_number(raw)
    assert caught.value.problem == problem
    assert caught.value.detail  # says what is wrong and what a valid number looks like


def test_unknown_format_message_shows_valid_examples():
    with pytest.raises(AppNumberError, match="97101765.4"):
        parse_application_number("12-34")


def test_next_year_is_plausible_but_the_year_after_is_not():
    next_year = date.today().year + 1
    digits = f"{next_year}10000001"
    assert parse_application_number(f"{digits}.{check_character(digits)}").year == next_year
    digits = f"{next_year + 1}10000001"
    with pytest.raises(AppNumberError, match="年份"):
        parse_application_number(f"{digits}.{check_character(digits)}")


# --- properties -------------------------------------------------------------------------

new_numbers = st.builds(
    lambda year, type_digit, serial: f"{year}{type_digit}{serial:07d}",
    st.integers(2003, date.today().year + 1),
    st.sampled_from([1, 2, 3, 8, 9]),
    st.integers(0, 9_999_999),
)
old_numbers = st.builds(
    lambda year, type_digit, serial: f"{year % 100:02d}{type_digit}{serial:05d}",
    st.sampled_from([*range(1985, 2000), 2000, 2001, 2002, 2003]),
    st.sampled_from([1, 2, 3, 8, 9]),
    st.integers(0, 99_999),
)
_FULL_WIDTH = str.maketrans("0123456789.X", "０１２３４５６７８９．Ｘ")


def _spellings(digits: str, check: str, spaces_at: int) -> list[str]:
    canonical = f"{digits}.{check}"
    spaced = canonical[:spaces_at] + "  " + canonical[spaces_at:]
    return [
        canonical,
        f"CN{canonical}",
        f"ZL{canonical}",
        f"ZL {spaced}",
        digits + check,
        canonical.lower(),
        canonical.translate(_FULL_WIDTH),
    ]


@given(new_numbers, st.integers(0, 13))
def test_any_spelling_of_a_new_number_round_trips(digits, spaces_at):
    check = check_character(digits)
    expected = parse_application_number(f"{digits}.{check}")
    assert expected.canonical == f"{digits}.{check}"
    for spelling in _spellings(digits, check, spaces_at):
        assert parse_application_number(spelling) == expected
    assert parse_application_number(f"CN{expected.standard}") == expected


@given(old_numbers, st.integers(0, 9))
def test_any_spelling_of_an_old_number_round_trips(digits, spaces_at):
    check = check_character(digits)
    expected = parse_application_number(f"{digits}.{check}")
    assert expected.canonical == f"{digits}.{check}"
    for spelling in _spellings(digits, check, spaces_at):
        assert parse_application_number(spelling) == expected


@given(st.one_of(new_numbers, old_numbers), st.sampled_from("0123456789X"))
def test_any_single_changed_check_character_is_rejected(digits, other):
    check = check_character(digits)
    if other == check:
        return
    with pytest.raises(AppNumberError) as caught:
        parse_application_number(f"{digits}.{other}")
    assert caught.value.problem == "申请号校验位错误"
    assert caught.value.detail.endswith(f"校验位应为 {check}")


# --- publication numbers ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("CN106540887A", PubNumber("CN", "106540887", "A")),
        ("CN-114583807-B", PubNumber("CN", "114583807", "B")),
        ("CN 104341611 B", PubNumber("CN", "104341611", "B")),
        ("CN104341611B8", PubNumber("CN", "104341611", "B8")),
        ("cn204123456u", PubNumber("CN", "204123456", "U")),
        ("CN1234567C9", PubNumber("CN", "1234567", "C9")),
        ("US-2020123456-A1", PubNumber("US", "2020123456", "A1")),
        ("ＣＮ１０６５４０８８７Ａ", PubNumber("CN", "106540887", "A")),
    ],
)
def test_publication_numbers_in_every_style_are_parsed(raw, expected):
    assert parse_publication_number(raw) == expected


def test_publication_canonical_form_is_compact_and_corrections_point_to_their_document():
    pub = parse_publication_number("CN 104341611 B8")
    assert pub.canonical == "CN104341611B8"
    assert pub.is_correction
    assert pub.base.canonical == "CN104341611B"


def test_garbage_publication_number_is_refused_in_chinese():
    with pytest.raises(PubNumberError, match="公开\\(公告\\)号"):
        parse_publication_number("not a number")


@pytest.mark.parametrize(
    ("raw", "patent_type"),
    [
        ("CN106540887A", "invention"),
        ("CN104341611B", "invention"),
        ("CN204123456U", "utility"),
        ("CN1234567Y", "utility"),
        ("CN304123456S", "design"),
        ("CN3123456D", "design"),
        ("CN204123456", "utility"),
        ("CN304123456", "design"),
        ("CN1234567", None),
        ("US-2020123456-A1", None),
        ("CN204123456A", None),
        ("garbage", None),
    ],
)
def test_patent_type_is_told_from_a_publication_number_only_when_it_can_be(raw, patent_type):
    assert patent_type_from_publication(raw) == patent_type


# --- real data --------------------------------------------------------------------------


def test_every_application_number_of_the_real_cnipa_data_validates():
    files = sorted((require_realdata() / "cnipa-2017").glob("*/*.csv.gz"))
    assert files
    original = standard = 0
    canonical_by_raw: dict[str, str] = {}
    for path in files:
        with gzip.open(path, "rt", encoding="utf-8", newline="") as fh:
            for row in csv.reader(fh):
                if len(row) != 10:
                    continue  # the broken lines; test_records reports them
                number = parse_application_number(row[0])
                canonical_by_raw[row[0]] = number.canonical
                if "." in row[0]:
                    original += 1
                    assert number.canonical == row[0].removeprefix("CN")
                else:
                    standard += 1
                    assert number.standard == row[0].removeprefix("CN")
    assert original == 73_652  # the count SOURCES.md gives
    assert standard > 100_000
    # The same application in both forms (A series standard, B series original).
    forms: dict[str, set[str]] = {}
    for raw, canonical in canonical_by_raw.items():
        forms.setdefault(canonical, set()).add(raw)
    assert any(len(raws) == 2 for raws in forms.values())


def test_both_number_forms_of_the_real_xml_record_agree():
    import xml.etree.ElementTree as ET

    tree = ET.parse(require_realdata() / "cnipa-2017" / "CN107087341A.xml")
    numbers = {
        ref.get("dataFormat"): ref.findtext("{*}DocumentID/{*}DocNumber")
        for ref in tree.getroot().iterfind(".//{*}ApplicationReference")
    }
    assert numbers == {"standard": "102016000058726", "original": "201610058726.X"}
    assert parse_application_number(numbers["standard"]) == parse_application_number(
        numbers["original"]
    )
