"""The first start, as a new user meets it: after `ipbureau demo` the dashboard opens on the
current year (or the latest with records) and shows each region's completion of its annual
applications target and the year-end projection, and the targets page has the year's
targets of all 14 cities. A real headless Chromium (see ipbureau_testing.browser)."""

import io
import re

import pytest
from django.core.management import call_command
from django.utils import timezone
from ipbureau_testing.browser import needs_chromium

from ipbureau.demo.patents import records_end
from ipbureau.demo.tables import DEMO_PASSWORD

pytestmark = [needs_chromium, pytest.mark.django_db(transaction=True)]

NUMBER = re.compile(r"^\d[\d,]*$")
PERCENT = re.compile(r"^\d+\.\d%$")


@pytest.fixture
def demo(live_server) -> str:
    # A smaller set than the command's default keeps the test quick; the shape is the same.
    call_command("demo", count=4000, stdout=io.StringIO())
    return live_server.url


def log_in(page, base_url: str, path: str) -> None:
    page.goto(f"{base_url}{path}")
    page.get_by_label("用户名").fill("sheng")
    page.get_by_label("密码").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(re.compile(re.escape(path)))


def test_the_first_start_shows_completion_projection_and_every_citys_target(demo, page, shots):
    year = records_end(timezone.localdate()).year
    log_in(page, demo, "/dashboard/")
    assert page.locator("#region-name").inner_text() == "甘肃省"
    assert page.locator("#id_year").input_value() == str(year)
    assert PERCENT.match(page.locator("#kpi-completion").inner_text())
    assert NUMBER.match(page.locator("#kpi-target").inner_text())
    assert NUMBER.match(page.locator("#kpi-projected").inner_text())
    lanzhou = page.locator('#ranking tr[data-code="620100"] td')
    assert PERCENT.match(lanzhou.nth(9).inner_text())  # 完成率
    assert NUMBER.match(lanzhou.nth(10).inner_text())  # 预计全年
    assert lanzhou.nth(11).inner_text() in ("可完成", "有差距")
    page.screenshot(path=shots / "first-start-1-dashboard.png", full_page=True)

    page.locator('#ranking tr[data-code="620100"] a.drill').click()
    page.wait_for_url(re.compile(r"region=620100"))
    page.wait_for_function("document.getElementById('region-name').innerText === '兰州市'")
    assert PERCENT.match(page.locator("#kpi-completion").inner_text())
    assert NUMBER.match(page.locator("#kpi-projected").inner_text())
    page.screenshot(path=shots / "first-start-2-lanzhou.png", full_page=True)

    page.goto(f"{demo}/targets/")
    assert page.locator("#id_year").input_value() == str(year)
    cities = page.locator("#targets tbody tr").filter(has_not=page.locator("text=（本级）"))
    assert cities.count() == 14
    for i in range(14):
        applications = cities.nth(i).locator("td").first.inner_text()
        assert NUMBER.match(applications), cities.nth(i).inner_text()
    page.screenshot(path=shots / "first-start-3-targets.png", full_page=True)
