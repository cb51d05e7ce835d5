"""The sentences of a work report, written from a `figures()` envelope and nothing else, so
every number in the text is the number in the table.

    截至6月底，全省专利申请量960件，占全年目标任务2000件的48.0%，同比增长26.3%。
    平凉、白银、兰州已分别申请专利39件、28件、647件（三市全年任务分别为45件、35件、
    1100件），已完成当年工作任务的86.7%、80.0%、58.8%。
"""

from datetime import date
from typing import Any

from ipbureau.figures.periods import month_end
from ipbureau.regions.names import strip_ethnic

DIGITS = "零一二三四五六七八九"


def narrative(figures: dict[str, Any]) -> list[str]:
    """Report sentences, one paragraph each: the region's applications and grants against
    target and base, agency filings, the year-end projection, then the regions with a
    target (most complete first)."""
    period, total = figures["period"], figures["total"]
    start, end = date.fromisoformat(period["start"]), date.fromisoformat(period["end"])
    whole_year = start == date(end.year, 1, 1) and end == date(end.year, 12, 31)
    since = "比上年" if whole_year else "同比"
    who = _collective(figures["region"])
    cumulative = "累计" if start.year < end.year else ""

    text = f"{_when(period, start, end)}，{who}{cumulative}专利申请量{total['applications']}件"
    if total["target_applications"] is not None and total["completion_pct"] is not None:
        text += (
            f"，占全年目标任务{_n(total['target_applications'])}件的{_pct(total['completion_pct'])}"
        )
    text += _growth(since, total["applications_growth_pct"])
    text += f"；专利授权量{total['grants']}件{_growth(since, total['grants_growth_pct'])}。"
    paragraphs = [text]

    if total["agency_filed"]:
        paragraphs.append(
            f"专利代理量{total['agency_filed']}件，占专利申请量的{_pct(total['agency_share_pct'])}"
            f"{_growth(since, total['agency_filed_growth_pct'])}。"
        )
    projection = total["projected_applications"]
    if projection is not None and not whole_year and not cumulative:
        text = f"按前几年同期进度推算，全年专利申请量预计达到{projection}件"
        if total["on_track"] is True:
            text += "，可以完成全年目标任务"
        elif total["on_track"] is False:
            text += f"，低于全年目标任务{_n(total['target_applications'])}件，需加倍努力"
        paragraphs.append(text + "。")
    if rows := _rows_with_targets(figures["rows"]):
        paragraphs.append(_rows_sentence(rows))
    return paragraphs


def _when(period: dict[str, str], start: date, end: date) -> str:
    if start.year < end.year:  # cumulative
        return f"截至{end.year}年{end.month}月{end.day}日"
    if start == date(end.year, 1, 1):
        if end == date(end.year, 12, 31):
            return f"{end.year}年"
        if end == month_end(end):
            return f"截至{end.month}月底"
        return f"截至{end.month}月{end.day}日"
    return period["label"]


def _collective(region: dict[str, str]) -> str:
    """全省, 全市, 全州, 全县, 全区 by the region's level and name."""
    code, name = region["code"], region["name"]
    if code.endswith("0000"):
        return "全省" if name.endswith("省") else f"全{name[-1]}"
    return f"全{name[-1]}"


def _growth(since: str, pct: float | None) -> str:
    if pct is None:
        return ""
    if pct > 0:
        return f"，{since}增长{_pct(pct)}"
    if pct < 0:
        return f"，{since}下降{_pct(-pct)}"
    return f"，与{'上年' if since == '比上年' else '上年同期'}持平"


def _rows_with_targets(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    rows = [r for r in rows if r.get("completion_pct") is not None]
    return sorted(rows, key=lambda r: -r["completion_pct"])


def _rows_sentence(rows: list[dict[str, Any]]) -> str:
    names = "、".join(_short(r["name"]) for r in rows)
    done = "、".join(f"{r['applications']}件" for r in rows)
    targets = "、".join(f"{_n(r['target_applications'])}件" for r in rows)
    completion = "、".join(_pct(r["completion_pct"]) for r in rows)
    if len(rows) == 1:
        return f"{names}已申请专利{done}（全年任务为{targets}），已完成当年工作任务的{completion}。"
    group = f"{_count(len(rows))}{_kind(rows)}"
    return (
        f"{names}已分别申请专利{done}（{group}全年任务分别为{targets}），"
        f"已完成当年工作任务的{completion}。"
    )


def _short(name: str) -> str:
    """兰州市 → 兰州, 临夏回族自治州 → 临夏; counties keep their full name (城关区)."""
    if name.endswith("自治州"):
        return strip_ethnic(name[:-3])
    for suffix in ("地区", "盟", "市"):
        if name.endswith(suffix) and len(name) > len(suffix) + 1:
            return name[: -len(suffix)]
    return name


def _kind(rows: list[dict[str, Any]]) -> str:
    """What the rows are: 市, 市（州）, 县（区）..."""
    codes = [r["code"] for r in rows]
    if all(code.endswith("00") for code in codes):
        ends = {r["name"][-1] for r in rows}
        return "市" if ends <= {"市"} else "市（州）"
    ends = {r["name"][-1] for r in rows}
    return next(iter(ends)) if len(ends) == 1 else "县（区）"


def _count(n: int) -> str:
    """Chinese numeral for a small count: 两, 三, 十四, 二十一."""
    if n == 2:
        return "两"
    if n >= 100:
        return str(n)
    if n < 10:
        return DIGITS[n]
    tens, ones = divmod(n, 10)
    return f"{'' if tens == 1 else DIGITS[tens]}十{DIGITS[ones] if ones else ''}"


def _pct(value: float) -> str:
    return f"{value:.1f}%"


def _n(value: int | float) -> str:
    return str(value)
