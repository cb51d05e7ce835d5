"""The portal in a real headless Chromium: someone submits a consultation, writes down the
receipt code, and follows it to the answer; script typed into a field stays text."""

import re

from ipbureau_testing.browser import needs_chromium

from ipbureau.assistance.models import AssistanceRequest
from ipbureau.assistance.services import request_answer

pytestmark = needs_chromium

SCRIPT = "<script>window.pwned = 1</script>咨询专利维权"


def test_submit_a_consultation_then_track_it_to_the_answer(
    live_server, regions, lanzhou_user, page, shots
):
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(f"{live_server.url}/portal/")
    page.get_by_role("link", name="在线咨询").first.click()
    page.wait_for_url(re.compile(r"/portal/consult/$"))
    page.get_by_label("姓名").fill("张三")
    page.get_by_label("联系方式").fill("0931-8888888")
    page.get_by_label("主题").fill(SCRIPT)
    page.get_by_label("详细情况").fill("我公司专利产品被仿冒，应该怎么办？")
    page.get_by_label("所在地区").select_option("620102")
    page.get_by_role("button", name="提交").click()

    page.wait_for_url(re.compile(r"/portal/receipt/$"))
    code = page.locator("#receipt-code").inner_text().strip()
    assert re.fullmatch(r"[2-9A-HJKMNP-Z]{12}", code)
    item = AssistanceRequest.objects.get()
    assert item.receipt_code == code and item.subject == SCRIPT
    page.screenshot(path=shots / "portal-1-receipt.png", full_page=True)

    page.get_by_role("link", name="查询办理进度和答复").click()
    page.get_by_label("受理编号").fill("ABCDEFGHJKMN")
    page.get_by_role("button", name="查询").click()
    page.wait_for_selector("#not-found")
    assert page.locator("#result").count() == 0

    page.get_by_label("受理编号").fill(code.lower())
    page.get_by_role("button", name="查询").click()
    page.wait_for_selector("#result")
    assert page.locator("#track-state").inner_text() == "已受理"
    assert page.locator("#track-subject").inner_text() == SCRIPT  # shown as text

    request_answer(request=item, user=lanzhou_user, answer="可向我局请求处理专利侵权纠纷。")
    page.get_by_label("受理编号").fill(code)
    page.get_by_role("button", name="查询").click()
    page.wait_for_function("() => document.getElementById('track-state').textContent === '已答复'")
    assert page.locator("#track-answer").inner_text() == "可向我局请求处理专利侵权纠纷。"
    page.screenshot(path=shots / "portal-2-track.png", full_page=True)
    assert page.evaluate("() => window.pwned") is None
    assert dialogs == []
