"""Report sentences from a figures envelope (no database: the text is a pure function)."""

from ipbureau.patents.figures.narrative import narrative

METRICS = {
    "applications": 0, "grants": 0, "agency_filed": 0, "agency_share_pct": None,
    "agency_filed_growth_pct": None, "applications_growth_pct": None, "grants_growth_pct": None,
    "target_applications": None, "completion_pct": None, "projected_applications": None,
    "on_track": None,
}  # fmt: skip


def envelope(start: str, end: str, label: str = "", region=("620000", "甘肃省"), rows=(), **total):
    return {
        "region": {"code": region[0], "name": region[1]},
        "period": {"label": label, "start": start, "end": end},
        "total": {**METRICS, **total},
        "rows": [{**METRICS, **row} for row in rows],
    }


def test_a_decline_and_a_flat_figure_are_said_as_such():
    text = narrative(
        envelope("2008-01-01", "2008-12-31", applications=90, applications_growth_pct=-10.0,
                 grants=50, grants_growth_pct=0.0)
    )  # fmt: skip
    assert text == ["2008年，全省专利申请量90件，比上年下降10.0%；专利授权量50件，与上年持平。"]


def test_a_cut_off_day_and_a_quarter_name_the_period():
    assert narrative(envelope("2008-01-01", "2008-05-20", applications=3))[0].startswith(
        "截至5月20日，全省专利申请量3件"
    )
    quarter = narrative(envelope("2008-04-01", "2008-06-30", "2008年第二季度", applications=3))
    assert quarter[0].startswith("2008年第二季度，全省专利申请量3件")


def test_a_city_speaks_of_itself_and_cumulative_figures_say_so():
    text = narrative(envelope("1985-04-01", "2008-06-30", region=("622900", "临夏回族自治州"),
                              applications=7))  # fmt: skip
    assert text[0].startswith("截至2008年6月30日，全州累计专利申请量7件")


def test_projection_says_whether_the_target_will_be_met():
    common = {"applications": 40, "target_applications": 100, "completion_pct": 40.0}
    behind = narrative(
        envelope("2008-01-01", "2008-06-30", projected_applications=90, on_track=False, **common)
    )
    assert (
        behind[-1]
        == "按前几年同期进度推算，全年专利申请量预计达到90件，低于全年目标任务100件，需加倍努力。"
    )
    ahead = narrative(
        envelope("2008-01-01", "2008-06-30", projected_applications=120, on_track=True, **common)
    )
    assert ahead[-1].endswith("预计达到120件，可以完成全年目标任务。")


def test_rows_with_targets_are_listed_most_complete_first_with_their_kind():
    rows = [
        {"code": "620100", "name": "兰州市", "applications": 5, "target_applications": 10,
         "completion_pct": 50.0},
        {"code": "622900", "name": "临夏回族自治州", "applications": 9, "target_applications": 10,
         "completion_pct": 90.0},
        {"code": "620500", "name": "天水市", "applications": 9},
    ]  # fmt: skip
    text = narrative(envelope("2008-01-01", "2008-06-30", rows=rows, applications=14))
    assert text[-1] == (
        "临夏、兰州已分别申请专利9件、5件（两市（州）全年任务分别为10件、10件），"
        "已完成当年工作任务的90.0%、50.0%。"
    )
