"""The demo's fixed tables: parameters, demo logins, the kinds of applicant and their habits,
the agencies and the number series; the name tables (places, people, fields, designs,
applicants) are data files in `data/`, read once here.

The name tables are plain data so they can be read and corrected without touching code;
the generator only reads them, in file order, so the same seed still gives the same file.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib.resources import files
from typing import Any

DEFAULT_COUNT = 30000
DEFAULT_SEED = 2008
DEFAULT_FIRST_YEAR = 2005
DEFAULT_GROWTH = 0.20

CSV_FIELDS = (
    "application_number", "filing_date", "patent_type", "title", "applicants", "inventors",
    "address", "postcode", "agency", "agents", "ipc_main", "ipc", "publication_number",
    "publication_date", "grant_number", "grant_date", "legal_status", "abstract",
)  # fmt: skip

DEMO_PASSWORD = "ipbureau-demo"


@dataclass(frozen=True)
class DemoUser:
    username: str
    role: str  # accounts.models.Role value
    region: str | None
    label: str
    superuser: bool = False


DEMO_USERS: tuple[DemoUser, ...] = (
    DemoUser("admin", "admin", None, "系统管理员", superuser=True),
    DemoUser("sheng", "province", "620000", "省局工作人员"),
    DemoUser("lanzhou", "local", "620100", "兰州市局工作人员"),
    DemoUser("tianshui", "local", "620500", "天水市局工作人员"),
    DemoUser("chengguan", "local", "620102", "城关区局工作人员"),
    DemoUser("lingdao", "leader", "620000", "领导（只读）"),
)


def _frozen(value: Any) -> Any:
    """JSON lists as tuples, recursively: the tables are constants."""
    if isinstance(value, list):
        return tuple(_frozen(v) for v in value)
    if isinstance(value, dict):
        return {k: _frozen(v) for k, v in value.items()}
    return value


@cache
def _data(name: str) -> dict[str, Any]:
    text = files("ipbureau.demo").joinpath("data", name).read_text(encoding="utf-8")
    return _frozen(json.loads(text))


# --- geography (data/regions.json) ------------------------------------------------------

# city code → (name as written in addresses, short form used in company names and in the
# 州 abbreviations, share of the province's applications in %, main postcode).
# Shares follow the order the speeches rank the cities in.
CITIES: dict[str, tuple[str, str, float, str]] = _data("regions.json")["cities"]
# How exports abbreviate the autonomous prefectures (临夏州, 甘南州).
CITY_SHORT_FORMS: dict[str, str] = _data("regions.json")["city_short_forms"]
# county code → (name, short form or "", postcode, weight within its city, local streets).
# Weights put most filings in the urban districts. 华亭 was a county (华亭县) in the years the
# demo covers and addresses of the time say so; GB/T 2260 now lists 华亭市.
COUNTIES: dict[str, tuple[str, str, str, float, tuple[str, ...]]] = _data("regions.json")[
    "counties"
]
NEW_AREA_CODE = "620171"  # 兰州新区: founded 2012, no addresses before
NEW_AREA_YEAR = 2012

# --- people and places (data/names.json) --------------------------------------------------

_NAMES = _data("names.json")
# Rural address parts. None of them contains a Gansu city or county name, so they never
# point the resolver anywhere by accident (the deliberate traps are the named streets of
# COUNTIES, like 兰州市城关区天水南路, which real addresses contain).
GENERIC_STREETS: tuple[str, ...] = _NAMES["generic_streets"]
GENERIC_TOWNS: tuple[str, ...] = _NAMES["generic_towns"]
VILLAGE_SUFFIXES: str = _NAMES["village_suffixes"]
SURNAMES: str = _NAMES["surnames"]  # ends with the two-character 令狐
# Surnames that are frequent in the north-west; 马, 穆, 韩 above all among the Hui of 临夏.
NW_SURNAMES: str = _NAMES["nw_surnames"]
HUI_SURNAMES: str = _NAMES["hui_surnames"]
GIVEN_CHARS: str = _NAMES["given_chars"]
TIBETAN_NAMES: tuple[str, ...] = _NAMES["tibetan_names"]
# Generated enterprise names: prefix + brand + trade + legal form; the trade decides fields.
BRANDS: tuple[str, ...] = _NAMES["brands"]
TRADES: tuple[tuple[str, tuple[str, ...]], ...] = _NAMES["trades"]
LEGAL_FORMS: tuple[str, ...] = _NAMES["legal_forms"]
INDIVIDUAL_FIELDS: tuple[str, ...] = _NAMES["individual_fields"]
# Parties of the demo cases and 12330 requests (people.Names).
PARTY_BRANDS: tuple[str, ...] = _NAMES["party_brands"]
PARTY_TRADES: tuple[str, ...] = _NAMES["party_trades"]

# --- technical fields: vocabulary for titles, abstracts and classification ------------------


@dataclass(frozen=True)
class Field:
    subjects: tuple[str, ...]  # what an invention is about
    processes: tuple[str, ...]  # what an invention does to it
    devices: tuple[str, ...]  # what a utility model is
    ipc: tuple[str, ...]
    effect: str  # the abstract's closing sentence


FIELDS: dict[str, Field] = {name: Field(**f) for name, f in _data("fields.json").items()}

# --- designs (data/designs.json) ----------------------------------------------------------
# Designs: product → what it is used for (the 简要说明 says so). Designs carry a Locarno
# class, not an IPC code, and the importer only accepts IPC codes, so the demo leaves the
# classification of designs empty.
_DESIGNS = _data("designs.json")
DESIGN_PRODUCTS: dict[str, str] = _DESIGNS["products"]
# Local motifs that design titles carry in brackets, e.g. 包装盒（花牛苹果）.
MOTIFS: dict[str, tuple[str, ...]] = _DESIGNS["motifs"]
# City-specific products mixed into that city's designs.
LOCAL_DESIGNS: dict[str, tuple[tuple[str, str], ...]] = _DESIGNS["local_designs"]
# Industrial applicants design their own products, not gift boxes.
FIELD_DESIGNS: dict[str, tuple[tuple[str, str], ...]] = _DESIGNS["field_designs"]
GENERIC_MOTIFS: tuple[str, ...] = _DESIGNS["generic_motifs"]

# fmt: off
# --- applicants -------------------------------------------------------------------------

UNIVERSITY, INSTITUTE, ENTERPRISE, INDIVIDUAL, PUBLIC_BODY = (
    "university", "institute", "enterprise", "individual", "public_body",
)  # fmt: skip
FOREIGN, OUT_OF_PROVINCE, UNPLACEABLE = "foreign", "out_of_province", "unplaceable"

ZHENHUA = "兰州振华专利代理有限责任公司"
SERVICE_CENTRE = "甘肃省专利服务中心"
ZHONGKE = "兰州中科华西专利代理有限公司"
JINZHIYUAN = "兰州锦知源专利代理事务所"
LZU_OFFICE = "兰州大学专利事务所"
ZHIHE = "兰州智和专利代理事务所（普通合伙）"
TIANSHUI_OFFICE = "天水市专利事务所"
JYG_OFFICE = "嘉峪关市专利事务所"
JIAJIA = "北京集佳知识产权代理有限公司"
TONGDA = "西安通大专利代理有限责任公司"
SANYOU = "北京三友知识产权代理有限公司"
CCPIT = "中国国际贸易促进委员会专利商标事务所"

# name → (weight among Gansu's own filers, first year it files, home city or "").
AGENCIES: dict[str, tuple[float, int, str]] = {
    SERVICE_CENTRE: (25, 0, ""),
    ZHENHUA: (20, 0, ""),
    ZHONGKE: (16, 0, ""),
    JINZHIYUAN: (10, 0, ""),
    LZU_OFFICE: (2, 0, ""),
    ZHIHE: (6, 2011, ""),
    TIANSHUI_OFFICE: (0, 0, "6205"),
    JYG_OFFICE: (0, 0, "6202"),
    JIAJIA: (1, 0, ""),
    TONGDA: (1, 0, ""),
    SANYOU: (0, 0, ""),
    CCPIT: (0, 0, ""),
}
# Share of filings made through an agency, by applicant kind (overall ≈ 60%).
AGENCY_RATE = {
    UNIVERSITY: 0.85, INSTITUTE: 0.9, ENTERPRISE: 0.65, INDIVIDUAL: 0.38, PUBLIC_BODY: 0.5,
    FOREIGN: 1.0, OUT_OF_PROVINCE: 0.7, UNPLACEABLE: 0.3,
}  # fmt: skip
# (invention, utility, design) shares by applicant kind; overall ≈ 30/50/20.
TYPE_MIX = {
    UNIVERSITY: (0.55, 0.40, 0.05),
    INSTITUTE: (0.70, 0.28, 0.02),
    ENTERPRISE: (0.25, 0.50, 0.25),
    INDIVIDUAL: (0.20, 0.55, 0.25),
    PUBLIC_BODY: (0.30, 0.60, 0.10),
}


@dataclass(frozen=True)
class Applicant:
    name: str
    kind: str
    addresses: tuple[str, ...]  # written variants; the first is the usual one
    postcode: str
    fields: tuple[str, ...]
    city: str  # four-digit city code, "" outside Gansu
    agency: str = ""  # preferred agency
    pct: bool = False  # files PCT applications now and then



# --- applicants (data/applicants.json) ----------------------------------------------------
_APPLICANTS = _data("applicants.json")
# Real Gansu applicants with their weight inside their city. "*enterprise", "*individual"
# and "*public" stand for the generated ones.
NAMED: dict[str, tuple[tuple[Applicant | str, float], ...]] = {
    city: tuple((a if isinstance(a, str) else Applicant(**a), w) for a, w in rows)
    for city, rows in _APPLICANTS["named"].items()
}
# Applicants outside Gansu (≈1% of the demo). Some carry Gansu place names on purpose:
# 上海 has a 定西路, 黑龙江 a 甘南县, 陕西 a 陇县; none of them is a Gansu patent.
OUT_OF_PROVINCE_APPLICANTS: tuple[tuple[Applicant, float], ...] = tuple(
    (Applicant(**a), w) for a, w in _APPLICANTS["out_of_province"]
)
# (address, postcode) homes of individuals from other provinces.
OUT_OF_PROVINCE_HOMES: tuple[tuple[str, str], ...] = _APPLICANTS["out_of_province_homes"]
FOREIGN_APPLICANTS: tuple[Applicant, ...] = tuple(
    Applicant(**a) for a in _APPLICANTS["foreign"]
)
# Addresses no rule can place: they must end up in the review queue.
UNPLACEABLE_ADDRESSES: tuple[str, ...] = _APPLICANTS["unplaceable_addresses"]

# Chinese document numbers grow with the publication date. 9-digit numbers replaced the
# 7-digit ones on 2007-07-01; the kind codes changed on 2010-04-01 (grant C→B, utility Y→U,
# design D→S), and since then an invention's grant keeps its A number.
NINE_DIGITS = date(2007, 7, 1)
NEW_KINDS = date(2010, 4, 1)
# series → ((from date, first number, numbers per day), ...): approximate national rates.
SERIES: dict[str, tuple[tuple[date, int, int], ...]] = {
    "invention": ((date(2004, 1, 1), 1_500_000, 350), (NINE_DIGITS, 101_000_000, 900)),
    "invention_grant": ((NINE_DIGITS, 100_350_000, 600),),
    "utility": ((date(2004, 1, 1), 2_570_000, 300), (NINE_DIGITS, 200_950_000, 450),
                (NEW_KINDS, 201_400_000, 1100)),
    "design": ((date(2004, 1, 1), 3_310_000, 250), (NINE_DIGITS, 300_650_000, 500),
               (NEW_KINDS, 301_160_000, 900)),
}  # fmt: skip

TYPE_DIGITS = {"invention": 1, "utility": 2, "design": 3}
PCT_DIGITS = {"invention": 8, "utility": 9}
STATUS_VALID, STATUS_LAPSED, STATUS_PENDING = "有效", "失效", "审中"
STATUS_REJECTED, STATUS_WITHDRAWN = "驳回", "视为撤回"
# Eventual fate by type: (granted, withdrawn, rejected).
OUTCOMES = {
    "invention": (0.55, 0.30, 0.15),
    "utility": (0.92, 0.05, 0.03),
    "design": (0.95, 0.03, 0.02),
}
# Months have unequal filing volumes: Spring Festival in Jan/Feb, the year-end rush in
# December when the annual targets the speeches talk about fall due.
MONTH_WEIGHTS = (0.7, 0.6, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.1, 1.5)


# fmt: on
