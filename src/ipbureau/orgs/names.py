"""Applicant names: the key that deduplicates them and the kind a name tells."""

import re
import unicodedata

from ipbureau.orgs.models import OrgKind

_SPACE = re.compile(r"\s+")


def normalize_name(name: str) -> str:
    """The deduplication key: NFKC folds full-width letters, digits and brackets
    (（） → ()) into their half-width forms; spaces vanish; Latin letters lower-case."""
    return _SPACE.sub("", unicodedata.normalize("NFKC", name)).lower()


def display_name(name: str) -> str:
    """The name as shown: trimmed, inner runs of spaces kept single, Chinese brackets for
    Chinese names so that 兰州某某(集团)公司 and 兰州某某（集团）公司 read the same."""
    text = _SPACE.sub(" ", unicodedata.normalize("NFKC", name)).strip()
    if any("\u4e00" <= ch <= "\u9fff" for ch in text):
        text = text.replace("(", "（").replace(")", "）").replace(" ", "")
    return text


# Checked in this order: the first rule that matches decides. Hospitals and schools inside a
# university name (某大学第一医院) are public bodies in CNIPA's applicant categories, and
# 中国科学院 must be an institute before 学院 makes it a university.
_RULES: tuple[tuple[OrgKind, tuple[str, ...]], ...] = (
    (
        OrgKind.ENTERPRISE,
        (
            "公司",
            "株式会社",
            "有限责任",
            "合作社",
            "工厂",
            "集团",
            "商行",
            "企业",
            "事务所",
            "经营部",
            "门市部",
            "个体工商户",
        ),
    ),
    (OrgKind.PUBLIC_BODY, ("医院", "卫生院", "疾病预防控制", "保健院")),
    (
        OrgKind.INSTITUTE,
        (
            "研究所",
            "研究院",
            "科学院",
            "研究中心",
            "设计院",
            "试验站",
            "实验站",
            "研究室",
            "勘察院",
            "监测院",
            "工程院",
        ),
    ),
    (OrgKind.UNIVERSITY, ("大学", "学院", "职业技术", "高等专科", "学校")),
    (
        OrgKind.PUBLIC_BODY,
        (
            "局",
            "委员会",
            "政府",
            "办公室",
            "站",
            "协会",
            "学会",
            "部队",
            "中心",
            "管理处",
            "办事处",
            "基金会",
            "联合会",
            "总队",
            "支队",
            "大队",
            "馆",
            "所",
            "处",
            "厅",
            "部",
        ),
    ),
    (OrgKind.ENTERPRISE, ("厂", "店", "场", "矿", "社")),
)
_LATIN_RULES: tuple[tuple[OrgKind, tuple[str, ...]], ...] = (
    (OrgKind.UNIVERSITY, ("university", "college", "universit", "hochschule")),
    (OrgKind.INSTITUTE, ("institute", "institut", "research", "fraunhofer", "centre national")),
)
# Legal-form words, matched as whole tokens so that "ab" does not match "laboratory".
_LATIN_COMPANY_TOKENS = frozenset(
    "inc inc. ltd ltd. llc gmbh corp corp. corporation co. co company s.a. sa ag se n.v. nv "
    "b.v. bv k.k. kk plc limited s.p.a. spa ab oy kg s.r.l. srl a/s as aktiengesellschaft "
    "gesellschaft holding holdings industries technologies technology systems group".split()
)
_LATIN_TOKEN = re.compile(r"[a-z./]+")
# Han names have 2–4 characters; minority names join their parts with a middle dot.
_CJK_PERSON = re.compile(r"^(?:[\u4e00-\u9fff]{2,4}|[\u4e00-\u9fff]+(?:·[\u4e00-\u9fff]+)+)$")


def infer_kind(name: str) -> OrgKind:
    """The applicant kind a name tells, or UNKNOWN; staff can correct it."""
    text = unicodedata.normalize("NFKC", name).strip()
    for kind, words in _RULES:
        if any(word in text for word in words):
            return kind
    if _CJK_PERSON.match(text):
        return OrgKind.INDIVIDUAL
    lowered = text.lower()
    for kind, words in _LATIN_RULES:
        if any(word in lowered for word in words):
            return kind
    tokens = set(_LATIN_TOKEN.findall(lowered))
    if tokens & _LATIN_COMPANY_TOKENS or {t.rstrip(".") for t in tokens} & _LATIN_COMPANY_TOKENS:
        return OrgKind.ENTERPRISE
    if text.isascii() and 1 <= len(text.split()) <= 4 and "," not in text:
        return OrgKind.INDIVIDUAL
    return OrgKind.UNKNOWN
