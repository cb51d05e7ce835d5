"""The shared formatters: one envelope, four formats, one spelling of a missing value."""

import csv
import io
import json
from datetime import date

from openpyxl import load_workbook

from ipbureau.figures.formats import MISSING, Column, Layout, render, width

LAYOUT = Layout(
    columns=(
        Column("received", "受理"),
        Column("closed_share_pct", "办结率(%)", short="办结率"),
        Column("on_track", "可完成目标", in_table=False),
    ),
    title="测试",
)


def envelope() -> dict:
    def metrics(received: int, share: float | None, on_track: bool | None) -> dict:
        return {"received": received, "closed_share_pct": share, "on_track": on_track}

    return {
        "region": {"code": "620000", "name": "甘肃省"},
        "period": {"label": "2015年", "start": date(2015, 1, 1), "end": date(2015, 12, 31)},
        "total": metrics(12, 50.0, True),
        "rows": [
            {"code": "620100", "name": "兰州市", **metrics(12, 50.0, False)},
            {"code": "623000", "name": "甘南藏族自治州", **metrics(0, None, None)},
        ],
    }


def test_chinese_characters_and_the_missing_dash_count_two_columns():
    assert width("兰州市") == 6
    assert width(MISSING) == 2
    assert width("50.0") == 4


def test_table_aligns_rows_and_prints_a_dash_for_missing_values():
    lines = render(envelope(), LAYOUT, "table").splitlines()
    assert lines[0] == "甘肃省 2015年 测试"
    assert lines[1].split() == ["名称", "受理", "办结率"]
    gannan = next(line for line in lines if line.startswith("甘南"))
    assert gannan.split()[1:] == ["0", MISSING]
    assert len({width(line) for line in lines[1:]}) == 1  # every line as wide
    assert lines[-1].split() == ["甘肃省合计", "12", "50.0"]


def test_transposed_table_has_a_line_per_metric():
    layout = Layout(columns=LAYOUT.columns[:2], transpose=True)
    lines = render(envelope(), layout, "table").splitlines()
    assert lines[1].split() == ["指标", "兰州市", "甘南藏族自治州", "合计"]
    assert lines[3].split() == ["办结率", "50.0", MISSING, "50.0"]


def test_json_is_the_envelope_itself():
    text = render({**envelope(), "period": {"label": "2015年"}}, LAYOUT, "json")
    assert json.loads(text)["rows"][1]["closed_share_pct"] is None


def test_csv_keeps_numbers_plain_and_missing_values_empty():
    rows = list(csv.reader(io.StringIO(render(envelope(), LAYOUT, "csv"))))
    assert rows[0] == ["代码", "名称", "受理", "办结率(%)", "可完成目标"]
    assert rows[1] == ["620100", "兰州市", "12", "50.0", "否"]
    assert rows[2] == ["623000", "甘南藏族自治州", "0", "", ""]
    assert rows[3] == ["620000", "甘肃省合计", "12", "50.0", "是"]


def test_workbook_cells_are_numbers():
    sheet = load_workbook(io.BytesIO(render(envelope(), LAYOUT, "xlsx"))).active
    assert sheet["A1"].value == "甘肃省 2015年 测试"
    rows = list(sheet.iter_rows(min_row=3, values_only=True))
    assert rows[0] == ("620100", "兰州市", 12, 50.0, "否")
    assert rows[1] == ("623000", "甘南藏族自治州", 0, None, None)


def formula_named() -> dict:
    """An envelope whose row is named like a formula and whose figures are negative."""
    figures = envelope()
    figures["rows"] = [
        {"code": "620100", "name": '=HYPERLINK("http://x","y")', **figures["total"]},
        {"code": "620200", "name": "@SUM(A1)", **figures["total"]},
    ]
    figures["rows"][0].update(received=-3, closed_share_pct=-12.5)
    return figures


def test_csv_quotes_a_formula_like_name_and_keeps_negative_numbers():
    rows = list(csv.reader(io.StringIO(render(formula_named(), LAYOUT, "csv"))))
    assert rows[1] == ["620100", '\'=HYPERLINK("http://x","y")', "-3", "-12.5", "是"]
    assert rows[2][1] == "'@SUM(A1)"


def test_workbook_keeps_a_formula_like_name_as_text_and_negative_numbers_as_numbers():
    sheet = load_workbook(io.BytesIO(render(formula_named(), LAYOUT, "xlsx"))).active
    name, received, share = sheet["B3"], sheet["C3"], sheet["D3"]
    assert (name.value, name.data_type, name.quotePrefix) == (
        '=HYPERLINK("http://x","y")',
        "s",
        True,
    )
    assert (received.value, received.data_type) == (-3, "n")
    assert (share.value, share.data_type) == (-12.5, "n")
    assert sheet["B4"].value == "@SUM(A1)" and sheet["B4"].quotePrefix
    assert not [cell for row in sheet.iter_rows() for cell in row if cell.data_type == "f"]
