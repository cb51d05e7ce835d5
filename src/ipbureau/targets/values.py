"""Reading the values staff type or import: year, region code, metric, target value and
population. Forms, the import and the services all call these, so a value is judged the same
way wherever it comes from. A bad value raises ValueError whose text is a Chinese sentence a
clerk can act on (the import puts "第N行：" in front).

Population is stored in persons. Yearbooks and staff speak in 万人 (e.g. 兰州市 438.43 万人),
so the staff form and the import's 万人 column take 万人 with up to four decimals, which is
exact to the person, and convert.
"""

import unicodedata
from decimal import Decimal, InvalidOperation

from django.utils import translation

from ipbureau.targets.models import RATIO_METRICS, Metric

YEAR_MIN, YEAR_MAX = 1985, 2100  # the Patent Law took effect in 1985
VALUE_MAX = Decimal("9999999999.99")  # Target.value: max_digits=12, decimal_places=2
POPULATION_MAX = 2_000_000_000  # Population.population is a 32-bit integer
WAN = 10_000

# Names seen in work reports and spreadsheets for the same metrics. "申请总量" alone stays
# unrecognised on purpose: it does not say whether patents or only inventions are meant.
_ALIASES: dict[str, str] = {
    "专利申请总量": Metric.APPLICATIONS,
    "专利授权总量": Metric.GRANTS,
    "pct专利申请量": Metric.PCT_APPLICATIONS,
    "pct申请量": Metric.PCT_APPLICATIONS,
    "pct国际申请量": Metric.PCT_APPLICATIONS,
    "有效发明专利量": Metric.VALID_INVENTION_PATENTS,
    "有效发明专利数": Metric.VALID_INVENTION_PATENTS,
    "每万人口发明专利拥有量": Metric.VALID_INVENTION_PER_10K,
    "万人发明专利拥有量": Metric.VALID_INVENTION_PER_10K,
}


def _clean(text: object) -> str:
    """NFKC (full-width digits and letters to ASCII), no whitespace anywhere."""
    return "".join(unicodedata.normalize("NFKC", str(text)).split())


def parse_year(value: object) -> int:
    text = _clean(value).removesuffix("年")
    if not text.isdigit() or not YEAR_MIN <= int(text) <= YEAR_MAX:
        raise ValueError(f"年度“{value}”无效，应为 {YEAR_MIN}—{YEAR_MAX} 之间的四位年份")
    return int(text)


def parse_region_code(value: object) -> str:
    text = _clean(value)
    if len(text) != 6 or not text.isdigit():
        raise ValueError(f"地区代码“{value}”无效，应为六位行政区划代码（如 620100）")
    return text


def metric_names() -> dict[str, str]:
    """Every accepted spelling (lower case, no spaces) -> metric code."""
    names = {m.value: m.value for m in Metric}
    names.update(_ALIASES)
    # The Chinese labels always, and the labels of the active language when it differs.
    for language in ("zh-hans", None):
        with translation.override(language):
            names.update({_clean(m.label).lower(): m.value for m in Metric})
    return names


def metric_choices_text() -> str:
    return "、".join(str(m.label) for m in Metric)


def parse_metric(value: object) -> str:
    code = metric_names().get(_clean(value).lower())
    if code is None:
        raise ValueError(
            f"指标“{value}”无法识别，可用：{metric_choices_text()}（或英文代码 applications 等）"
        )
    return code


def metric_label(metric: str) -> str:
    return str(Metric(metric).label)


def _decimal(value: object, what: str) -> Decimal:
    if isinstance(value, Decimal):
        number = value
    else:
        # Thousands separators as Excel and WPS print them.
        text = _clean(value).replace(",", "")
        try:
            number = Decimal(text)
        except InvalidOperation:
            raise ValueError(f"{what}“{value}”不是数字") from None
    if not number.is_finite():
        raise ValueError(f"{what}“{value}”不是数字")
    return number


def parse_target_value(metric: str, value: object) -> Decimal:
    number = _decimal(value, "目标值")
    label = metric_label(metric)
    if number < 0:
        raise ValueError(f"{label}的目标值不能为负数")
    if number > VALUE_MAX:
        raise ValueError(f"{label}的目标值 {value} 过大")
    if metric in RATIO_METRICS:
        if number != number.quantize(Decimal("0.01")):
            raise ValueError(f"{label}的目标值最多保留两位小数")
    elif number != number.to_integral_value():
        raise ValueError(f"{label}的目标值应为整数（件）")
    return number.quantize(Decimal("0.01"))


def parse_population(value: object) -> int:
    """Persons."""
    number = _decimal(value, "人口")
    if number != number.to_integral_value() or not 0 < number <= POPULATION_MAX:
        raise ValueError(f"人口“{value}”无效，应为正整数（单位：人）")
    return int(number)


def parse_population_wan(value: object) -> int:
    """万人 -> persons."""
    number = _decimal(value, "人口")
    persons = number * WAN
    if persons != persons.to_integral_value():
        raise ValueError(f"人口“{value}”万人最多保留四位小数")
    if not 0 < persons <= POPULATION_MAX:
        raise ValueError(f"人口“{value}”万人无效，应大于 0")
    return int(persons)


def population_wan(persons: int) -> Decimal:
    """Persons -> 万人 for display and forms, exact (four decimals at most)."""
    text = f"{(Decimal(persons) / WAN).quantize(Decimal('0.0001')):f}"
    # Not Decimal.normalize(): it writes 100 as 1E+2.
    return Decimal(text.rstrip("0").rstrip("."))
