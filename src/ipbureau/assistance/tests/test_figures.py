"""Assistance figures: the selector, the `ipbureau stats assistance` command and the API
give one envelope, with the caller's scope."""

import json
from io import StringIO

import pytest
from django.core.management import call_command
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from ipbureau.accounts.selectors import Scope, scope_for
from ipbureau.assistance.figures import assistance_figures
from ipbureau.assistance.models import Channel, Kind, State
from ipbureau.assistance.tests.factories import ExpertFactory, RequestFactory, at
from ipbureau.cli import main
from ipbureau.figures.errors import RegionOutOfScope
from ipbureau.figures.periods import period_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def requests_2015(regions):
    expert = ExpertFactory()
    # 兰州 (城关区): a hotline consultation answered after 2 h and closed after 24 h (5 points),
    # one answered after 4 h and closed after 48 h (3 points), an online complaint still open.
    RequestFactory(channel=Channel.HOTLINE, kind=Kind.CONSULTATION, received_at=at(2015, 3, 2, 9),
                   first_response_at=at(2015, 3, 2, 11), closed_at=at(2015, 3, 3, 9),
                   state=State.CLOSED, satisfaction=5)  # fmt: skip
    RequestFactory(channel=Channel.WALK_IN, kind=Kind.CONSULTATION, received_at=at(2015, 4, 1, 8),
                   first_response_at=at(2015, 4, 1, 12), closed_at=at(2015, 4, 3, 8),
                   state=State.CLOSED, satisfaction=3)  # fmt: skip
    RequestFactory(channel=Channel.ONLINE, kind=Kind.COMPLAINT, received_at=at(2015, 8, 1),
                   assigned_expert=expert, state=State.ASSIGNED)  # fmt: skip
    # 天水: an unanswered consultation; and one received in 2014, outside the year.
    RequestFactory(region_id="620502", received_at=at(2015, 12, 31, 23, 30))
    RequestFactory(region_id="620502", received_at=at(2014, 12, 31, 23, 59))


def test_the_province_figures_count_requests_of_the_period(requests_2015):
    result = assistance_figures(scope=Scope(prefix=None), region_code=None,
                                period=period_for(2015))  # fmt: skip
    total = result["total"]
    assert result["region"] == {"code": "620000", "name": "甘肃省"}
    assert total["received"] == 4
    assert (total["channel_hotline"], total["channel_walk_in"], total["channel_online"]) == (
        2,
        1,
        1,
    )
    assert (total["kind_consultation"], total["kind_complaint"]) == (3, 1)
    assert (total["kind_consultation"], total["consultations_answered"]) == (3, 2)
    assert (total["closed"], total["open"], total["closed_share_pct"]) == (2, 2, 50.0)
    assert total["assigned_to_experts"] == 1
    assert total["avg_hours_to_first_response"] == 3.0
    assert total["median_hours_to_first_response"] == 3.0
    assert total["avg_hours_to_close"] == 36.0
    assert (total["satisfaction_avg"], total["satisfaction_count"]) == (4.0, 2)
    rows = {row["code"]: row for row in result["rows"]}
    assert len(rows) == 14
    assert rows["620100"]["received"] == 3 and rows["620500"]["received"] == 1
    assert rows["620200"]["received"] == 0 and rows["620200"]["avg_hours_to_close"] is None


def test_a_quarter_counts_only_its_requests(requests_2015):
    result = assistance_figures(scope=Scope(prefix=None), region_code="620100",
                                period=period_for(2015, "Q1"), by=None)  # fmt: skip
    assert result["total"]["received"] == 1 and result["rows"] == []
    assert result["period"]["label"] == "2015年第一季度"


def test_a_city_user_cannot_read_another_citys_figures(requests_2015, lanzhou_user):
    scope = scope_for(lanzhou_user)
    own = assistance_figures(scope=scope, region_code=None, period=period_for(2015))
    assert own["region"]["code"] == "620100" and own["total"]["received"] == 3
    with pytest.raises(RegionOutOfScope):
        assistance_figures(scope=scope, region_code="620500", period=period_for(2015))


def test_the_command_prints_the_same_envelope_as_json(requests_2015):
    out = StringIO()
    call_command("stats_assistance", "--year", "2015", "--format", "json", stdout=out)
    printed = json.loads(out.getvalue())
    assert printed == assistance_figures(scope=Scope(prefix=None), region_code=None,
                                         period=period_for(2015))  # fmt: skip


def test_the_command_prints_a_table(requests_2015):
    out = StringIO()
    call_command("stats_assistance", "--year", "2015", "--region", "620100", "--period", "year",
                 stdout=out)  # fmt: skip
    text = out.getvalue()
    assert "兰州市 2015年 维权援助" in text and "城关区" in text
    line = next(line for line in text.splitlines() if line.startswith("受理"))
    assert line.split()[-1] == "3"


def test_the_cli_two_word_form_reaches_the_command(requests_2015, capsys):

    main(["ipbureau", "stats", "assistance", "--year", "2015", "--by", "none", "--format", "json"])
    assert json.loads(capsys.readouterr().out)["total"]["received"] == 4


def token_client(user) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    return client


def test_the_api_gives_the_envelope_in_the_callers_scope(requests_2015, lanzhou_user):
    client = token_client(lanzhou_user)
    response = client.get("/api/v1/stats/assistance/", {"year": 2015})
    assert response.status_code == 200, response.content
    assert response.json()["region"]["code"] == "620100"
    assert response.json()["total"]["received"] == 3
    denied = client.get("/api/v1/stats/assistance/", {"year": 2015, "region": "620500"})
    assert denied.status_code == 403 and "不在您的管辖范围内" in denied.json()["detail"]
    assert APIClient().get("/api/v1/stats/assistance/", {"year": 2015}).status_code in (401, 403)


def test_the_schema_describes_the_assistance_endpoint(province_user):
    response = token_client(province_user).get("/api/v1/schema/", {"format": "json"})
    document = response.json()
    assert "/api/v1/stats/assistance/" in document["paths"]
    metrics = document["components"]["schemas"]["AssistanceMetrics"]["properties"]
    assert {"received", "channel_hotline", "median_hours_to_close"} <= set(metrics)
