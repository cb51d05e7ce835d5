"""End-to-end in a real headless Chromium (Debian's /usr/bin/chromium) driven by Playwright.

Each scenario logs in through the login form of a live server, as staff would. One
screenshot per scenario goes to $IPBUREAU_SCREENSHOT_DIR when set, else to pytest's tmp dir.
"""

import re

from ipbureau_testing.browser import needs_chromium

from ipbureau.accounts.models import Role
from ipbureau.accounts.tests.factories import PASSWORD, UserFactory, local_user
from ipbureau.patents.models import ImportRun, Patent, PatentType, Placement
from ipbureau.patents.tests.factories import app_number, canonical_row, make_patent, write_canonical

pytestmark = needs_chromium


def login(page, base_url: str, username: str) -> None:
    page.goto(f"{base_url}/patents/")
    assert "/accounts/login/" in page.url
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(re.compile(r"/patents/$"))
    assert "退出" in page.locator("header .who").inner_text()


def assert_css_loaded(page) -> None:
    colour = page.locator("header.top").evaluate("el => getComputedStyle(el).backgroundColor")
    assert colour == "rgb(178, 34, 34)", "site.css did not load"


def test_clerk_filters_the_list_pages_and_opens_a_detail(live_server, regions, page, shots):
    clerk = local_user("620100", username="lanzhou_clerk", first_name="小王")
    for serial in range(1, 56):
        make_patent(serial, "620102", patent_type=PatentType.UTILITY, year=2015)
    make_patent(80, "620102", patent_type=PatentType.INVENTION, year=2015)
    make_patent(81, "620103", patent_type=PatentType.UTILITY, year=2016)
    tianshui = make_patent(
        90,
        "620502",
        patent_type=PatentType.UTILITY,
        year=2015,
        applicant="天水星火机床有限责任公司",
    )

    login(page, live_server.url, clerk.username)
    assert_css_loaded(page)
    assert page.locator("#total").inner_text() == "57"
    page.locator("select[name=patent_type]").select_option(label="实用新型")
    page.locator("input[name=filing_year]").fill("2015")
    page.get_by_role("button", name="查询").click()
    page.wait_for_url(re.compile(r"patent_type=utility"))
    assert page.locator("#total").inner_text() == "55"
    assert "第 1 / 2 页" in page.locator("nav.pager").inner_text()

    page.get_by_role("link", name="下一页").click()
    page.wait_for_url(re.compile(r"page=2"))
    assert "第 2 / 2 页" in page.locator("nav.pager").inner_text()
    rows = page.locator("table.grid tbody tr")
    assert rows.count() == 5
    assert page.locator("select[name=patent_type]").input_value() == "utility"
    assert tianshui.application_number not in page.content()

    first = rows.first.locator("a")
    number = first.inner_text()
    first.click()
    page.wait_for_url(re.compile(r"/patents/\d+/$"))
    assert page.locator("#appno").inner_text() == number
    assert "城关区" in page.locator("#region").inner_text()
    assert page.locator("h2", has_text="修改记录").is_visible()
    page.screenshot(path=shots / "1-detail.png", full_page=True)


def test_province_staff_import_a_file_with_a_bad_row(live_server, regions, page, shots, tmp_path):
    UserFactory(username="province_clerk", role=Role.PROVINCE)
    path = write_canonical(
        tmp_path / "甘肃周报.csv",
        [canonical_row(1), canonical_row(2, filing_date="2008-13-40"), canonical_row(3)],
    )

    login(page, live_server.url, "province_clerk")
    page.get_by_role("link", name="导入").click()
    page.locator("input[type=file]").set_input_files(str(path))
    page.get_by_role("button", name="上传并预检").click()
    page.wait_for_url(re.compile(r"/patents/imports/\d+/$"))
    assert page.locator("#status").inner_text() == "已预检"
    problems = page.locator("ul.problems").inner_text()
    assert "第3行" in problems and "2008-13-40" in problems
    assert page.locator("#rejected").inner_text() == "1"
    assert not Patent.objects.exists()
    page.screenshot(path=shots / "2-preview.png", full_page=True)

    page.get_by_label("跳过错误行").check()
    page.locator("#confirm").click()
    page.wait_for_selector("text=导入完成")
    assert page.locator("#status").inner_text() == "已导入"
    assert page.locator("#inserted").inner_text() == "2"
    run = ImportRun.objects.get()
    assert (run.status, run.inserted, run.rejected) == (ImportRun.Status.COMMITTED, 2, 1)

    page.get_by_role("link", name="专利", exact=True).click()
    page.locator("input[name=text]").fill(app_number(2008, 1, 3))
    page.get_by_role("button", name="查询").click()
    page.wait_for_url(re.compile(r"text="))
    assert page.locator("#total").inner_text() == "1"
    assert page.get_by_role("link", name=app_number(2008, 1, 3)).is_visible()
    assert "一种测试装置3" in page.locator("table.grid").inner_text()


def test_province_staff_assign_a_region_and_see_it_in_the_history(
    live_server, regions, page, shots
):
    UserFactory(username="province_clerk", role=Role.PROVINCE)
    patent = make_patent(7, None, applicant="某某科技有限公司", address="北山路7号")

    login(page, live_server.url, "province_clerk")
    page.get_by_role("link", name="待定地区").click()
    row = page.locator("table.grid tbody tr", has_text=patent.application_number)
    row.locator("select[name=region]").select_option(label="620102 城关区")
    row.get_by_role("button", name="指定").click()
    page.wait_for_selector("text=没有待定地区的专利")
    assert "划归 城关区" in page.locator(".msg").inner_text()
    patent.refresh_from_db()
    assert (patent.region_id, patent.placement) == ("620102", Placement.MANUAL)

    page.goto(f"{live_server.url}/patents/{patent.pk}/")
    history = page.locator("table.history").inner_text()
    assert "province_clerk" in history
    assert "所属地区改为城关区" in history
    assert "所属地区：未确定 → 城关区（620102）" in history
    assert "人工指定" in page.locator("#region").inner_text()
    page.screenshot(path=shots / "3-history.png", full_page=True)


def test_city_staff_cannot_open_another_citys_patent_by_url(live_server, regions, page, shots):
    local_user("620100", username="lanzhou_clerk")
    tianshui = make_patent(3, "620502", applicant="天水星火机床有限责任公司")

    login(page, live_server.url, "lanzhou_clerk")
    response = page.goto(f"{live_server.url}/patents/{tianshui.pk}/")
    assert response.status == 404
    assert "页面不存在" in page.locator("h1").inner_text()
    assert tianshui.title not in page.content()
    assert "天水星火" not in page.content()
    assert_css_loaded(page)
    page.screenshot(path=shots / "4-not-found.png", full_page=True)

    api = page.goto(f"{live_server.url}/api/v1/patents/{tianshui.pk}/?format=json")
    assert api.status == 404
    assert "天水星火" not in page.content()
