import json
import re
from datetime import date
from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse
from django.utils import timezone

from ipbureau.accounts.selectors import scope_for
from ipbureau.accounts.tests.factories import PASSWORD, UserFactory
from ipbureau.dashboard.tests.conftest import YEAR
from ipbureau.figures.periods import period_for
from ipbureau.patents import figures as stats
from ipbureau.patents.counts.models import SummaryState
from ipbureau.patents.counts.services import patent_counts_rebuild
from ipbureau.patents.counts.tests.factories import add_patents, applicant

URL = reverse("dashboard:index")


def get(client, user, **params):
    client.login(username=user.username, password=PASSWORD)
    return client.get(URL, params)


def page_data(response) -> dict:
    """The figures the page embeds for its charts (json_script)."""
    match = re.search(
        r'<script id="dash-data" type="application/json">(.*?)</script>',
        response.content.decode(),
        re.S,
    )
    assert match, "the page embeds no figures"
    return json.loads(match.group(1))


def text_of(response, element_id: str) -> str:
    match = re.search(rf'id="{element_id}"[^>]*>([^<]*)<', response.content.decode())
    assert match, f"#{element_id} is missing"
    return match.group(1).strip()


def plain(figures: dict) -> dict:
    """figures() as the page's JSON carries it."""
    return json.loads(json.dumps(figures))


def without_links(rows: list[dict]) -> list[dict]:
    return [{k: v for k, v in row.items() if k not in ("href", "links")} for row in rows]


# --------------------------------------------------------------------------- access


def test_anonymous_users_are_sent_to_the_login(client, regions):
    response = client.get(URL)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


@pytest.mark.parametrize(
    ("user_fixture", "code", "name", "row_count"),
    [
        ("province_user", "620000", "甘肃省", 14),  # the 14 cities and prefectures
        ("leader", "620000", "甘肃省", 14),
        ("lanzhou_user", "620100", "兰州市", 9),  # its 9 county-level regions with 兰州新区
        ("county_user", "620102", "城关区", 0),
    ],
)
def test_each_role_lands_on_its_own_region(
    request, client, records, user_fixture, code, name, row_count
):
    user = request.getfixturevalue(user_fixture)
    response = get(client, user, year=YEAR)
    assert response.status_code == 200
    data = page_data(response)
    assert data["region"]["code"] == code
    assert text_of(response, "region-name") == name
    assert len(data["rows"]) == row_count
    assert ('id="ranking"' in response.content.decode()) is (row_count > 0)


def test_the_year_defaults_to_the_latest_year_with_filings(client, records, province_user):
    response = get(client, province_user)
    data = page_data(response)
    assert data["year"] == YEAR
    assert data["period"]["label"] == f"{YEAR}年"


def test_the_page_says_when_the_figures_last_changed(client, records, province_user):
    state = SummaryState.objects.get(name=SummaryState.PATENT_MONTH_COUNT)
    response = get(client, province_user)
    shown = text_of(response, "figures-as-of")
    assert shown == timezone.localtime(state.updated_at).strftime("%Y-%m-%d %H:%M")


@pytest.mark.parametrize("code", ["620500", "620502", "620000", "620200"])
def test_a_city_user_cannot_open_another_region(client, records, lanzhou_user, code):
    response = get(client, lanzhou_user, region=code, year=YEAR)
    assert response.status_code == 403
    content = response.content.decode()
    assert "dash-data" not in content
    assert "天水星火" not in content
    assert "不在您的管辖范围内" in content


def test_a_city_user_cannot_reach_another_city_through_htmx(client, records, lanzhou_user):
    client.login(username=lanzhou_user.username, password=PASSWORD)
    response = client.get(URL, {"region": "620500", "year": YEAR}, HTTP_HX_REQUEST="true")
    assert response.status_code == 403
    assert "dash-data" not in response.content.decode()


def test_a_city_user_sees_only_their_counties_in_the_picker(client, records, lanzhou_user):
    content = get(client, lanzhou_user, year=YEAR).content.decode()
    picker = re.search(r'<select name="region".*?</select>', content, re.S).group(0)
    assert 'value="620100"' in picker and 'value="620102"' in picker
    assert 'value="620000"' not in picker and 'value="620500"' not in picker


@pytest.mark.parametrize("code", ["999999", "abc", "6201"])
def test_an_unknown_region_is_not_found(client, records, province_user, code):
    assert get(client, province_user, region=code).status_code == 404


def test_a_user_without_region_sees_nothing(client, records):
    orphan = UserFactory(username="orphan")  # local staff, no region set
    response = get(client, orphan)
    assert response.status_code == 403
    assert "dash-data" not in response.content.decode()


# --------------------------------------------------------------------------- numbers


@pytest.mark.parametrize(
    ("user_fixture", "code", "period", "until"),
    [
        ("province_user", "620000", "year", None),
        ("province_user", "620100", "H1", None),
        ("lanzhou_user", "620100", "YTD", f"{YEAR}-07-31"),
        ("county_user", "620102", "Q3", None),
        ("province_user", "620500", "year", None),
    ],
)
def test_the_numbers_on_the_page_are_the_figures(
    request, client, records, user_fixture, code, period, until
):
    user = request.getfixturevalue(user_fixture)
    params = {"region": code, "year": YEAR, "period": period}
    if until:
        params["until"] = until
    response = get(client, user, **params)
    assert response.status_code == 200

    scope = scope_for(user)
    the_period = period_for(YEAR, period, date.fromisoformat(until) if until else None)
    by = None if code == "620102" else "city"
    expected = plain(stats.figures(scope=scope, region_code=code, period=the_period, by=by))
    data = page_data(response)
    assert data["total"] == expected["total"]
    assert data["period"] == expected["period"]
    assert without_links(data["rows"]) == sorted(
        expected["rows"], key=lambda r: (r["rank"] is None, r["rank"] or 0, r["code"])
    )
    trend = stats.monthly_trend(scope=scope, region_code=code, year=YEAR)
    assert data["trend"] == plain(trend)

    total = expected["total"]
    assert text_of(response, "kpi-applications") == str(total["applications"])
    assert text_of(response, "kpi-grants") == str(total["grants"])
    assert text_of(response, "kpi-invention") == str(total["invention_applications"])
    assert text_of(response, "kpi-agency-filed") == str(total["agency_filed"])
    share = total["agency_share_pct"]
    assert text_of(response, "kpi-agency-share") == ("—" if share is None else f"{share:.1f}%")
    completion = total["completion_pct"]
    assert text_of(response, "kpi-completion") == (
        "—" if completion is None else f"{completion:.1f}%"
    )
    content = response.content.decode()
    for top in stats.top_applicants(scope=scope, region_code=code, period=the_period)["rows"]:
        assert top["name"] in content


def test_known_figures_of_the_test_records(client, records, province_user):
    """The records of conftest, counted by hand: 兰州 18 applications in 2015 on 14 in 2014
    (+28.6%), target 20 (90.0%); 天水 9 on 3 (+200.0%), target 30 (30.0%)."""
    data = page_data(get(client, province_user, year=YEAR))
    rows = {row["code"]: row for row in data["rows"]}
    lanzhou, tianshui = rows["620100"], rows["620500"]
    assert (lanzhou["applications"], lanzhou["applications_base"]) == (18, 14)
    assert lanzhou["applications_growth_pct"] == 28.6
    assert (lanzhou["target_applications"], lanzhou["completion_pct"]) == (20, 90.0)
    assert (lanzhou["grants"], lanzhou["invention_applications"]) == (6, 5)
    assert (tianshui["applications"], tianshui["applications_growth_pct"]) == (9, 200.0)
    assert (tianshui["rank"], lanzhou["rank"]) == (2, 1)
    assert rows["620300"]["applications"] == 0  # every city is listed, also without patents
    assert data["total"]["applications"] == 27
    assert data["total"]["completion_pct"] == 27.0


def test_a_period_cut_off_outside_its_year_is_reported(client, records, province_user):
    response = get(client, province_user, year=YEAR, period="H1", until=f"{YEAR + 1}-03-01")
    assert response.status_code == 200
    assert "不在 2015 年内" in response.content.decode()
    assert page_data(response)["period"]["label"] == f"{YEAR}年上半年"


def test_an_invalid_period_is_reported_and_the_year_kept(client, records, province_user):
    response = get(client, province_user, year=YEAR, period="Q9")
    assert response.status_code == 200
    assert "统计期间" in response.content.decode()
    assert page_data(response)["period"]["label"] == f"{YEAR}年"


# --------------------------------------------------------------------------- drill-down


def test_rows_drill_down_to_the_next_level_with_the_same_period(client, records, province_user):
    data = page_data(get(client, province_user, year=YEAR, period="H1", metric="grants"))
    lanzhou = next(row for row in data["rows"] if row["code"] == "620100")
    query = parse_qs(urlsplit(lanzhou["href"]).query)
    assert urlsplit(lanzhou["href"]).path == URL
    assert query == {
        "region": ["620100"],
        "year": [str(YEAR)],
        "period": ["H1"],
        "metric": ["grants"],
    }

    city = page_data(client.get(lanzhou["href"]))
    assert city["region"]["code"] == "620100"
    chengguan = next(row for row in city["rows"] if row["code"] == "620102")
    county = page_data(client.get(chengguan["href"]))
    assert county["region"]["code"] == "620102"
    assert county["rows"] == []
    # The leaf: its shape on the city map opens its patents.
    assert county["map"]["code"] == "620100"
    assert county["map"]["leaf_href"] == county["links"]["applications"]


def test_a_number_opens_the_patents_behind_it(client, records, province_user):
    data = page_data(get(client, province_user, region="620100", year=YEAR))
    chengguan = next(row for row in data["rows"] if row["code"] == "620102")
    for metric in ("applications", "grants", "invention_applications", "design_grants"):
        link = chengguan["links"][metric]
        assert urlsplit(link).path == reverse("patents:list")
        listed = client.get(link)
        assert listed.status_code == 200
        assert text_of(listed, "total") == str(chengguan[metric]), metric


def test_the_map_follows_the_level(client, records, province_user):
    province = page_data(get(client, province_user, year=YEAR))["map"]
    city = page_data(get(client, province_user, region="620800", year=YEAR))["map"]
    county = page_data(get(client, province_user, region="620881", year=YEAR))["map"]
    no_counties = page_data(get(client, province_user, region="620200", year=YEAR))
    assert province["url"].endswith("maps/620000.json") and province["code"] == "620000"
    assert city["url"].endswith("maps/620800.json")
    assert (county["code"], county["focus"]) == ("620800", "620881")
    assert no_counties["rows"] == [] and no_counties["map"]["code"] == "620200"
    assert "leaf_href" in no_counties["map"]


def test_htmx_gets_only_the_panel(client, records, province_user):
    client.login(username=province_user.username, password=PASSWORD)
    response = client.get(URL, {"year": YEAR, "period": "Q1"}, HTTP_HX_REQUEST="true")
    content = response.content.decode()
    assert response.status_code == 200
    assert content.lstrip().startswith('<div id="dash-panel"')
    assert "<html" not in content
    assert page_data(response)["period"]["label"] == f"{YEAR}年第一季度"


def test_names_are_escaped_in_the_page(client, records, province_user):
    evil = applicant(name="</script><script>alert(1)</script>")
    add_patents(40, region="620102", filed=date(YEAR, 2, 2), first_applicant=evil)
    patent_counts_rebuild()
    content = get(client, province_user, year=YEAR).content.decode()
    assert "<script>alert(1)" not in content
    assert "&lt;/script&gt;&lt;script&gt;alert(1)" in content


def listed_count(client, link: str) -> int:
    assert urlsplit(link).path == reverse("patents:list")
    listed = client.get(link)
    assert listed.status_code == 200
    return int(text_of(listed, "total").replace(",", ""))


@pytest.mark.parametrize(
    "params",
    [
        {"period": "year"},
        {"period": "H1"},
        {"period": "Q3"},
        {"period": "YTD", "until": f"{YEAR}-08-01"},
        {"period": "YTD", "until": f"{YEAR}-03-15"},
    ],
)
def test_every_number_opens_a_list_of_exactly_that_many_patents(
    client, records, province_user, params
):
    """Region, the period's dates, type, PCT, agency filing, first applicant, agency: the
    list's count is the figure it was opened from, also for parts of a year."""
    response = get(client, province_user, year=YEAR, **params)
    data = page_data(response)
    checked = 0
    for row in [{**data["total"], "links": data["links"]}, *data["rows"]]:
        for metric, link in row["links"].items():
            if row[metric] or metric in ("applications", "grants"):
                assert listed_count(client, link) == row[metric], (params, metric)
                checked += 1
    for entry in response.context["applicants"]:
        assert listed_count(client, entry["href"]) == entry["applications"]
        checked += 1
    for entry in response.context["agencies"]:
        assert listed_count(client, entry["href"]) == entry["applications"]
        checked += 1
    assert checked > 10
