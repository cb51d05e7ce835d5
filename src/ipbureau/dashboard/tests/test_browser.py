"""The dashboard in a real headless Chromium (Debian's /usr/bin/chromium) driven by Playwright:
the charts and the map draw without a script error, the map drills down province → city →
county → the patent list, and htmx swaps the figures for another period.

Screenshots go to $IPBUREAU_SCREENSHOT_DIR when set, else to pytest's tmp dir.
"""

import re

import pytest
from ipbureau_testing.browser import needs_chromium

from ipbureau.accounts.tests.factories import PASSWORD
from ipbureau.dashboard.tests.conftest import YEAR

CHARTS = ("chart-map", "chart-completion", "chart-trend", "chart-types")

pytestmark = needs_chromium


@pytest.fixture
def browser_viewport() -> dict[str, int]:
    return {"width": 1400, "height": 900}


@pytest.fixture
def js_errors(page) -> list[str]:
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(f"pageerror: {exc}"))
    page.on(
        "console",
        lambda msg: errors.append(f"console: {msg.text}") if msg.type == "error" else None,
    )
    return errors


def open_dashboard(page, base_url: str, username: str, query: str = "") -> None:
    """Log in through the form, coming from the dashboard: the login sends the user back."""
    page.goto(f"{base_url}/dashboard/{query}")
    assert "/accounts/login/" in page.url
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(re.compile(r"/dashboard/"))
    wait_for_charts(page)


def wait_for_charts(page) -> None:
    for chart in CHARTS:
        page.wait_for_selector(f"#{chart}[data-ready]")


def map_point(page, code: str) -> tuple[float, float]:
    point = page.evaluate("code => window.ipbDashboard.pixel(code)", code)
    assert point, f"{code} is not on the map"
    return point[0], point[1]


def strongly_red_near(page, x: float, y: float) -> bool:
    """Whether the map canvas is painted in the darkest classes around (x, y)."""
    return page.evaluate(
        """([x, y]) => {
          const canvas = document.querySelector('#chart-map canvas');
          const box = canvas.getBoundingClientRect();
          const ctx = canvas.getContext('2d');
          for (const dx of [-14, -7, 7, 14]) for (const dy of [-14, -7, 7, 14]) {
            const px = (x + dx - box.left) * canvas.width / box.width;
            const py = (y + dy - box.top) * canvas.height / box.height;
            const [r, g, b] = ctx.getImageData(px, py, 1, 1).data;
            if (r > 120 && g < 90 && b < 90) return true;
          }
          return false;
        }""",
        [x, y],
    )


def test_province_staff_drill_down_from_the_map_to_the_patents(
    live_server, records, province_user, page, js_errors, shots
):
    open_dashboard(page, live_server.url, province_user.username, f"?year={YEAR}")
    assert page.locator("#region-name").inner_text() == "甘肃省"
    assert page.locator("#kpi-applications").inner_text() == "27"
    for chart in CHARTS:
        assert page.locator(f"#{chart} canvas").count() >= 1, chart
    # The map: the province's 14 cities, 兰州 (most applications) in the darkest class.
    assert page.locator("#chart-map").get_attribute("data-map") == "620000"
    drawn = page.evaluate(
        "() => echarts.getInstanceByDom(document.getElementById('chart-map'))"
        ".getOption().series[0].data.length"
    )
    assert drawn == 14
    x, y = map_point(page, "620100")
    assert strongly_red_near(page, x, y)
    page.screenshot(path=shots / "dashboard-1-province.png", full_page=True)

    page.mouse.click(x, y)
    page.wait_for_url(re.compile(r"region=620100"))
    wait_for_charts(page)
    assert page.locator("#region-name").inner_text() == "兰州市"
    assert page.locator("#chart-map").get_attribute("data-map") == "620100"
    assert page.locator("#ranking tbody tr").count() == 9
    page.screenshot(path=shots / "dashboard-2-city.png", full_page=True)

    page.mouse.click(*map_point(page, "620102"))
    page.wait_for_url(re.compile(r"region=620102"))
    wait_for_charts(page)
    assert page.locator("#region-name").inner_text() == "城关区"
    assert page.locator("#kpi-applications").inner_text() == "12"
    page.screenshot(path=shots / "dashboard-3-county.png", full_page=True)

    # The leaf: the county's own shape opens the patents behind its number.
    page.mouse.click(*map_point(page, "620102"))
    page.wait_for_url(re.compile(r"/patents/\?"))
    assert "region=620102" in page.url and f"filing_year={YEAR}" in page.url
    assert page.locator("#total").inner_text() == "12"
    assert js_errors == []


def test_the_period_picker_swaps_the_figures_in_place(
    live_server, records, lanzhou_user, page, js_errors, shots
):
    open_dashboard(page, live_server.url, lanzhou_user.username, f"?year={YEAR}")
    assert page.locator("#region-name").inner_text() == "兰州市"
    assert page.locator("#kpi-applications").inner_text() == "18"
    page.evaluate("() => { window.notReloaded = true; }")

    page.locator("#id_period").select_option("H1")  # htmx: change → GET → swap the panel
    page.wait_for_function(
        "() => document.getElementById('period-label').textContent.indexOf('上半年') > 0"
    )
    wait_for_charts(page)
    assert page.evaluate("() => window.notReloaded") is True
    assert "period=H1" in page.url
    assert page.locator("#kpi-applications").inner_text() == "7"  # 城关区's March filings
    # Another figure on the map, drawn again in place.
    page.locator("#map-metric").select_option("completion_pct")
    page.wait_for_function(
        "() => echarts.getInstanceByDom(document.getElementById('chart-map'))"
        ".getOption().visualMap[0].pieces.some(p => /%/.test(p.label))"
    )
    page.screenshot(path=shots / "dashboard-4-half-year.png", full_page=True)

    page.go_back()  # htmx restores the whole year from its history; the charts draw again
    page.wait_for_function(
        "() => document.getElementById('period-label').textContent.trim() === '2015年'"
    )
    page.wait_for_function(
        "() => { const chart = echarts.getInstanceByDom(document.getElementById('chart-map'));"
        " return chart && chart.getOption().series[0].data.length === 8; }"  # 兰州新区: no shape
    )
    assert page.locator("#kpi-applications").inner_text() == "18"
    assert js_errors == []


def test_a_city_user_cannot_open_another_city(live_server, records, lanzhou_user, page):
    open_dashboard(page, live_server.url, lanzhou_user.username, f"?year={YEAR}")
    response = page.goto(f"{live_server.url}/dashboard/?region=620500&year={YEAR}")
    assert response.status == 403
    assert "不在您的管辖范围内" in page.content()
    assert "dash-data" not in page.content()
