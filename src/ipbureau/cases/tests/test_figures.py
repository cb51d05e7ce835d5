import json
from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command

from ipbureau.accounts.selectors import Scope, scope_for
from ipbureau.cases.figures import case_figures
from ipbureau.cases.models import CaseState, Closure
from ipbureau.cases.tests.factories import CaseFactory
from ipbureau.figures.errors import RegionOutOfScope
from ipbureau.figures.periods import period_for

pytestmark = pytest.mark.django_db
TODAY = date(2026, 1, 15)
EVERYTHING = Scope(prefix=None)


def closed(region="620100", closure=Closure.DECISION, **kwargs):
    state = {
        Closure.TRANSFER: CaseState.TRANSFERRED,
        Closure.NOT_ACCEPTED: CaseState.NOT_ACCEPTED,
    }.get(closure, CaseState.CLOSED)
    values = dict(
        region_id=region,
        state=state,
        closure=closure,
        received_on=date(2024, 3, 1),
        accepted_on=date(2024, 3, 5),
        acceptance_due=date(2024, 3, 8),
        close_due=date(2024, 6, 5),
        closed_on=date(2024, 4, 10),
    )
    values.update(kwargs)
    return CaseFactory(**values)


def pending(region="620100", **kwargs):
    values = dict(
        region_id=region,
        state=CaseState.ACCEPTED,
        received_on=date(2024, 3, 1),
        accepted_on=date(2024, 3, 5),
        acceptance_due=date(2024, 3, 8),
        close_due=date(2027, 6, 5),
    )
    values.update(kwargs)
    return CaseFactory(**values)


def figures(region="620000", scope=EVERYTHING, **kwargs):
    return case_figures(
        scope=scope, region_code=region, period=period_for(2024), today=TODAY, **kwargs
    )


def test_first_speech_five_received_two_closed_one_transferred_is_sixty_percent(regions):
    closed(), closed(closure=Closure.MEDIATION)
    closed(closure=Closure.TRANSFER, transferred_to="黑龙江省知识产权局")
    pending(), pending()
    total = figures()["total"]
    assert (total["received"], total["closed"], total["transferred"]) == (5, 2, 1)
    assert total["closure_rate_pct"] == 60.0
    assert total["closed_share_pct"] == 40.0
    assert total["pending"] == 2


def test_second_speech_forty_one_received_thirty_five_closed_is_85_4_percent(regions):
    for _ in range(35):
        closed(region="620500")
    for _ in range(6):
        pending(region="620500")
    total = figures()["total"]
    assert (total["received"], total["closed"]) == (41, 35)
    assert total["closed_share_pct"] == 85.4


def test_every_metric_of_a_mixed_set(regions):
    closed(received_on=date(2024, 3, 1), closed_on=date(2024, 3, 21))  # 20 days
    closed(closure=Closure.WITHDRAWAL, received_on=date(2024, 3, 1), closed_on=date(2024, 3, 11))
    closed(
        closure=Closure.NOT_ACCEPTED, accepted_on=None, close_due=None, closed_on=date(2024, 3, 7)
    )  # 6 days
    closed(closure=Closure.DECISION, closed_on=date(2024, 7, 1))  # after its limit: overdue
    pending(close_due=date(2025, 1, 1))  # limit passed: overdue
    pending(state=CaseState.RECEIVED, accepted_on=None, close_due=None)  # acceptance overdue
    closed(received_on=date(2023, 12, 30))  # received last year: not counted
    total = figures()["total"]
    assert total == {
        "received": 6, "accepted": 4, "not_accepted": 1, "closed": 4, "transferred": 0,
        "withdrawn": 1, "pending": 2, "overdue": 3,
        "avg_days_to_close": round((20 + 10 + 6 + 122) / 4, 1),
        "closure_rate_pct": 66.7, "closed_share_pct": 66.7,
    }  # fmt: skip


def test_rows_list_every_city_with_zeros_and_counties_sum_into_their_city(regions):
    closed(region="620102")  # 城关区 counts for 兰州市
    pending(region="620100")
    result = figures(by="city")
    rows = {row["code"]: row for row in result["rows"]}
    assert len(rows) == 14
    assert rows["620100"]["received"] == 2
    assert rows["620500"]["received"] == 0
    assert rows["620500"]["closure_rate_pct"] is None
    assert result["region"] == {"code": "620000", "name": "甘肃省"}
    assert result["period"]["start"] == "2024-01-01"


def test_quarter_periods_count_cases_by_receipt_date(regions):
    closed(received_on=date(2024, 3, 31))
    closed(received_on=date(2024, 4, 1))
    result = case_figures(
        scope=Scope(prefix=None), region_code="620000", period=period_for(2024, "Q1"), today=TODAY
    )
    assert result["total"]["received"] == 1


def test_city_officer_cannot_see_another_citys_figures(users):
    with pytest.raises(RegionOutOfScope):
        figures(region="620500", scope=scope_for(users["lanzhou"]))
    closed(region="620500")
    own = figures(region=None, scope=scope_for(users["lanzhou"]))
    assert own["region"]["code"] == "620100"
    assert own["total"]["received"] == 0


def test_stats_cases_command_prints_the_envelope_as_json(regions):
    closed(), closed(closure=Closure.TRANSFER, transferred_to="某局"), pending()
    out = StringIO()
    call_command("stats_cases", "--year", "2024", "--format", "json", stdout=out)
    data = json.loads(out.getvalue())
    assert set(data) == {"region", "period", "total", "rows"}
    assert data["total"]["received"] == 3
    assert data["total"]["closure_rate_pct"] == 66.7
    assert len(data["rows"]) == 14


def test_stats_cases_command_table_and_csv(regions):
    closed()
    table, csv_out = StringIO(), StringIO()
    call_command("stats_cases", "--year", "2024", "--region", "620100", stdout=table)
    call_command("stats_cases", "--year", "2024", "--format", "csv", "--by", "none", stdout=csv_out)
    assert "兰州市合计" in table.getvalue()
    assert "城关区" in table.getvalue()
    lines = csv_out.getvalue().splitlines()
    assert lines[0].startswith("代码,名称,受理,立案")
    assert lines[1].startswith("620000,甘肃省合计,1,1,0,1,")
