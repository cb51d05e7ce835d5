"""The public portal and its abuse: oversized input, script in fields, too many
submissions, someone else's or a made-up receipt code, missing CSRF token, bad uploads."""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from ipbureau.assistance import throttle
from ipbureau.assistance.models import AssistanceRequest, Channel, Kind, State
from ipbureau.assistance.tests.factories import RequestFactory

pytestmark = pytest.mark.django_db

SCRIPT = '<script>alert("x")</script>'
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def consultation(**overrides) -> dict:
    data = {
        "requester_name": "张三",
        "requester_contact": "138 0000 0000",
        "requester_organization": "",
        "subject": "专利被仿冒怎么办",
        "description": "我公司的实用新型专利产品在市场上被仿冒。",
        "region": "620102",
        "patent_number": "",
    }
    data.update(overrides)
    return data


def submit(client: Client, data: dict, path: str = "/portal/consult/"):
    return client.post(path, data)


def test_anyone_submits_a_consultation_and_sees_the_receipt_code_once(regions):
    client = Client()
    response = submit(client, consultation())
    assert response.status_code == 302 and response["Location"] == "/portal/receipt/"
    item = AssistanceRequest.objects.get()
    assert (item.channel, item.kind, item.state) == (Channel.ONLINE, Kind.CONSULTATION,
                                                     State.RECEIVED)  # fmt: skip
    assert item.requester_contact == "13800000000" and item.created_by is None
    page = client.get("/portal/receipt/").content.decode()
    assert item.receipt_code in page
    # The receipt is shown once; reloading does not show it again.
    assert client.get("/portal/receipt/")["Location"] == "/portal/"


def test_a_complaint_needs_the_respondent(regions):
    response = submit(Client(), consultation(), "/portal/complain/")
    assert response.status_code == 200 and "该字段是必填项" in response.content.decode()
    response = submit(Client(), consultation(respondent_name="某某公司"), "/portal/complain/")
    assert response.status_code == 302
    assert AssistanceRequest.objects.get().kind == Kind.COMPLAINT


@pytest.mark.parametrize(
    ("field", "length", "limit"),
    [("subject", 101, 100), ("description", 2001, 2000), ("requester_name", 65, 64),
     ("requester_organization", 101, 100)],
)  # fmt: skip
def test_oversized_input_is_rejected_with_a_field_error(regions, field, length, limit):
    response = submit(Client(), consultation(**{field: "长" * length}))
    assert response.status_code == 200
    assert response.context["form"].errors[field] == [
        f"确保该变量包含不超过 {limit} 字符 (目前字符数 {length})。"
    ]
    assert not AssistanceRequest.objects.exists()


@pytest.mark.parametrize("contact", ["abc", "12345", "13800000000; DROP TABLE", "x@"])
def test_a_contact_that_is_neither_phone_nor_email_is_rejected(regions, contact):
    response = submit(Client(), consultation(requester_contact=contact))
    assert "requester_contact" in response.context["form"].errors
    assert not AssistanceRequest.objects.exists()


def test_a_bad_patent_number_is_a_field_error(regions):
    response = submit(Client(), consultation(patent_number="201710601862.4"))
    assert "校验位" in response.context["form"].errors["patent_number"][0]


def test_script_in_fields_is_shown_escaped_everywhere(regions, lanzhou_user):
    client = Client()
    # Redisplayed in the form after an error...
    page = submit(client, consultation(subject=SCRIPT, requester_contact="bad")).content.decode()
    assert SCRIPT not in page and "&lt;script&gt;" in page
    # ...and stored, then shown on the tracking page and to staff.
    submit(client, consultation(subject=SCRIPT, description=SCRIPT, requester_name=SCRIPT))
    item = AssistanceRequest.objects.get()
    assert item.subject == SCRIPT  # kept as typed: escaping is the output's job
    page = client.post("/portal/track/", {"code": item.receipt_code}).content.decode()
    assert SCRIPT not in page and "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
    staff = Client()
    staff.force_login(lanzhou_user)
    for url in ("/assistance/", f"/assistance/{item.pk}/"):
        page = staff.get(url).content.decode()
        assert SCRIPT not in page and "&lt;script&gt;" in page


def test_too_many_submissions_from_one_address_get_429(regions):
    client = Client(REMOTE_ADDR="203.0.113.7")
    for _ in range(throttle.SUBMISSIONS_PER_HOUR):
        assert submit(client, consultation()).status_code == 302
    response = submit(client, consultation())
    assert response.status_code == 429
    assert "提交得太频繁" in response.content.decode()
    assert AssistanceRequest.objects.count() == throttle.SUBMISSIONS_PER_HOUR
    # Another address is not held back by the first one.
    assert submit(Client(REMOTE_ADDR="203.0.113.8"), consultation()).status_code == 302


def test_refused_submissions_count_toward_the_limit(regions):
    client = Client(REMOTE_ADDR="203.0.113.9")
    for _ in range(throttle.SUBMISSIONS_PER_HOUR):
        assert submit(client, consultation(requester_contact="bad")).status_code == 200
    response = submit(client, consultation())
    assert response.status_code == 429
    assert not AssistanceRequest.objects.exists()


class UnreadableBody:
    """A request body that fails the test if anything reads it."""

    def read(self, *args):
        raise AssertionError("the body was read")

    readline = read


def test_a_body_over_the_cap_is_refused_with_413_before_it_is_read(regions):
    response = Client().post(
        "/portal/consult/",
        content_type="multipart/form-data; boundary=x",
        data=b"",
        CONTENT_LENGTH=str(100 * 1024 * 1024),
        **{"wsgi.input": UnreadableBody()},
    )
    assert response.status_code == 413
    assert "附件不能超过 10 MB" in response.content.decode()
    assert not AssistanceRequest.objects.exists()


def test_an_upload_well_over_the_attachment_limit_is_refused_with_413(regions):
    big = upload("big.pdf", PDF + b"0" * (11 * 1024 * 1024))
    response = submit(Client(), consultation(attachment=big))
    assert response.status_code == 413
    assert not AssistanceRequest.objects.exists()


def test_the_body_cap_leaves_staff_pages_to_their_own_limit(regions, lanzhou_user):
    client = Client()
    client.force_login(lanzhou_user)
    response = client.post(
        "/patents/", data=b"", content_type="text/plain", CONTENT_LENGTH=str(20 * 1024 * 1024),
        **{"wsgi.input": UnreadableBody()},
    )  # fmt: skip
    assert response.status_code != 413


def test_tracking_shows_only_the_request_of_the_code(regions):
    mine = RequestFactory(subject="我的咨询", answer="已转专家处理。", state=State.ANSWERED)
    theirs = RequestFactory(subject="别人的投诉", answer="别人的答复", requester_name="王五")
    page = Client().post("/portal/track/", {"code": mine.receipt_code.lower()}).content.decode()
    assert "我的咨询" in page and "已转专家处理。" in page and "已答复" in page
    assert "别人的" not in page and "王五" not in page and theirs.receipt_code not in page
    # Contact details are the staff's, never shown on the portal.
    assert mine.requester_contact not in page


def test_a_made_up_code_reveals_nothing(regions):
    existing = RequestFactory(subject="真实的请求")
    # One character off the real code (never the code itself, whatever its last character).
    near = existing.receipt_code[:-1] + ("3" if existing.receipt_code.endswith("2") else "2")
    for code in ("ABCDEFGHJKMN", near, "' OR 1=1 --", "%"):
        page = Client().post("/portal/track/", {"code": code}).content.decode()
        assert "真实的请求" not in page and existing.receipt_code not in page
        assert 'id="result"' not in page
    assert "没有找到该受理编号" in page


def test_tracking_by_get_shows_only_the_form(regions):
    item = RequestFactory(subject="不应出现")
    page = Client().get("/portal/track/", {"code": item.receipt_code}).content.decode()
    assert "不应出现" not in page


def test_guessing_codes_is_rate_limited(regions):
    client = Client(REMOTE_ADDR="198.51.100.9")
    for n in range(throttle.TRACKS_PER_HOUR):
        assert client.post("/portal/track/", {"code": f"GUESS{n:07d}"}).status_code == 200
    item = RequestFactory()
    response = client.post("/portal/track/", {"code": item.receipt_code})
    assert response.status_code == 429 and "查询次数过多" in response.content.decode()
    assert item.subject not in response.content.decode()


def test_csrf_is_enforced_on_the_portal_forms(regions):
    client = Client(enforce_csrf_checks=True)
    assert client.post("/portal/consult/", consultation()).status_code == 403
    assert client.post("/portal/track/", {"code": "ABCDEFGHJKMN"}).status_code == 403
    assert not AssistanceRequest.objects.exists()
    # With the token from the form, the same submission goes through.
    client.get("/portal/consult/")
    token = client.cookies[settings.CSRF_COOKIE_NAME].value
    response = client.post("/portal/consult/", {**consultation(), "csrfmiddlewaretoken": token})
    assert response.status_code == 302


def upload(name: str, content: bytes, kind: str = "application/pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=kind)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("virus.exe", b"MZ\x90\x00", "只能是 PDF、JPG 或 PNG"),
        ("page.html", b"<html><script>alert(1)</script>", "只能是 PDF、JPG 或 PNG"),
        ("fake.pdf", b"<html><script>alert(1)</script>", "内容与文件类型不符"),
        ("image.pdf", PNG, "内容与文件类型不符"),
        ("doc.png", PDF, "内容与文件类型不符"),
    ],
)
def test_a_bad_upload_is_rejected(regions, name, content, message):
    response = submit(Client(), consultation(attachment=upload(name, content)))
    assert message in response.context["form"].errors["attachment"][0]
    assert not AssistanceRequest.objects.exists()


def test_an_oversized_upload_is_rejected(regions, settings):
    settings.IPBUREAU_UPLOAD_MAX_BYTES = 1024
    response = submit(Client(), consultation(attachment=upload("big.pdf", PDF + b"0" * 2000)))
    assert "不能超过" in response.context["form"].errors["attachment"][0]


def test_an_upload_is_stored_privately_and_downloaded_by_staff_only(regions, lanzhou_user,
                                                                   tianshui_user):  # fmt: skip
    assert submit(Client(), consultation(attachment=upload("证据.pdf", PDF))).status_code == 302
    item = AssistanceRequest.objects.get()
    stored = Path(item.attachment_path)
    assert stored.read_bytes() == PDF and item.attachment_name == "证据.pdf"
    assert stored.parent == Path(settings.DATA_DIR) / "assistance"
    assert not stored.is_relative_to(settings.MEDIA_ROOT)
    assert not stored.is_relative_to(settings.STATIC_ROOT)
    url = f"/assistance/{item.pk}/attachment/"
    assert "/accounts/login/" in Client().get(url)["Location"]
    other = Client()
    other.force_login(tianshui_user)
    assert other.get(url).status_code == 404
    staff = Client()
    staff.force_login(lanzhou_user)
    response = staff.get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
    assert response["Content-Disposition"].startswith("attachment")


def test_the_portal_has_no_staff_navigation(regions):
    for url in ("/portal/", "/portal/consult/", "/portal/complain/", "/portal/track/"):
        page = Client().get(url).content.decode()
        assert "/patents/" not in page and "/assistance/" not in page, url
        assert "12330" in page
