"""The staff pages through Django's test client: who may see and change what.

The client speaks HTTPS as browsers do in production, where the settings redirect plain
HTTP and mark cookies secure.
"""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from ipbureau.accounts.models import Role
from ipbureau.accounts.tests.factories import PASSWORD, UserFactory, local_user
from ipbureau.audit.models import AuditEntry
from ipbureau.patents.importer import patents_import
from ipbureau.patents.models import ImportRun, Patent, PatentType, Placement
from ipbureau.patents.tests.factories import app_number, canonical_row, make_patent, write_canonical

pytestmark = pytest.mark.django_db


class HttpsClient(Client):
    def generic(self, *args, **kwargs):
        kwargs["secure"] = True
        return super().generic(*args, **kwargs)


def client_for(user=None, **kwargs) -> Client:
    client = HttpsClient(**kwargs)
    if user is not None:
        client.force_login(user)
    return client


def listed(response) -> set[str]:
    return {p.application_number for p in response.context["page"].object_list}


@pytest.fixture
def users(regions):
    return {
        "province": UserFactory(username="province", role=Role.PROVINCE),
        "province2": UserFactory(username="province2", role=Role.PROVINCE),
        "lanzhou": local_user("620100", username="lanzhou"),
        "tianshui": local_user("620500", username="tianshui"),
        "leader": UserFactory(username="leader", role=Role.LEADER, region_id="620000"),
    }


# --- login and anonymous visitors ---------------------------------------------------------


@pytest.mark.parametrize(
    "name, args",
    [
        ("patents:list", []),
        ("patents:detail", [1]),
        ("patents:review", []),
        ("patents:imports", []),
        ("patents:import_detail", [1]),
        ("audit:list", []),
    ],
)
def test_anonymous_visitors_are_sent_to_the_login_page(regions, name, args):
    url = reverse(name, args=args)
    response = client_for().get(url)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('login')}?next={url}"


def test_anonymous_post_to_assign_is_sent_to_the_login_page(patents):
    patent = patents["unplaced"]
    response = client_for().post(reverse("patents:assign", args=[patent.pk]), {"region": "620102"})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    patent.refresh_from_db()
    assert patent.region_id is None


def test_home_redirects_to_the_patent_list(users):
    response = client_for(users["province"]).get("/")
    assert response.status_code == 302 and response["Location"] == reverse("patents:list")


def test_login_page_is_in_chinese_and_logs_in(users):
    client = client_for()
    page = client.get(reverse("login"))
    assert page.status_code == 200
    assert "登录" in page.content.decode() and 'lang="zh-Hans"' in page.content.decode()
    response = client.post(reverse("login"), {"username": "lanzhou", "password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == reverse("patents:list")
    assert client.get(reverse("patents:list")).status_code == 200


def test_wrong_password_shows_a_chinese_error(users):
    response = client_for().post(reverse("login"), {"username": "lanzhou", "password": "x"})
    assert response.status_code == 200
    assert "用户名或密码不正确" in response.content.decode()


def test_logout_is_a_post_and_ends_the_session(users):
    client = client_for(users["lanzhou"])
    response = client.post(reverse("logout"))
    assert response.status_code == 302 and response["Location"] == reverse("login")
    assert client.get(reverse("patents:list")).status_code == 302


# --- city staff stay inside their city ----------------------------------------------------


def test_city_staff_see_their_city_and_counties_only(users, patents):
    response = client_for(users["lanzhou"]).get(reverse("patents:list"))
    assert response.status_code == 200
    assert listed(response) == {
        patents["lanzhou"].application_number,
        patents["lanzhou_county"].application_number,
    }
    html = response.content.decode()
    assert patents["tianshui"].application_number not in html
    assert "天水星火" not in html


def test_city_staff_cannot_see_other_city_detail(users, patents):
    client = client_for(users["lanzhou"])
    assert client.get(reverse("patents:detail", args=[patents["lanzhou"].pk])).status_code == 200
    for other in ("tianshui", "unplaced", "shanghai"):
        response = client.get(reverse("patents:detail", args=[patents[other].pk]))
        assert response.status_code == 404
        assert "页面不存在" in response.content.decode()
        assert patents[other].title not in response.content.decode()


def test_city_staff_cannot_assign_another_citys_patent(users, patents):
    patent = patents["tianshui"]
    response = client_for(users["lanzhou"]).post(
        reverse("patents:assign", args=[patent.pk]), {"region": "620102"}
    )
    assert response.status_code == 404
    patent.refresh_from_db()
    assert (patent.region_id, patent.placement) == ("620502", Placement.ADDRESS)
    assert not AuditEntry.objects.exists()


def test_city_staff_cannot_assign_an_unplaced_patent(users, patents):
    patent = patents["unplaced"]
    response = client_for(users["lanzhou"]).post(
        reverse("patents:assign", args=[patent.pk]), {"region": "620102"}
    )
    assert response.status_code == 404
    patent.refresh_from_db()
    assert patent.region_id is None


def test_city_staff_cannot_move_their_patent_to_another_city(users, patents):
    patent = patents["lanzhou"]
    client = client_for(users["lanzhou"])
    response = client.post(
        reverse("patents:assign", args=[patent.pk]), {"region": "620502"}, follow=True
    )
    assert response.status_code == 200
    assert "请选择有效的地区" in response.content.decode()
    patent.refresh_from_db()
    assert patent.region_id == "620102"
    assert not AuditEntry.objects.exists()


def test_a_leaders_assignment_is_refused_with_a_403_and_the_reason(users, patents):
    patent = patents["lanzhou"]
    response = client_for(users["leader"]).post(
        reverse("patents:assign", args=[patent.pk]), {"region": "620103"}
    )
    assert response.status_code == 403
    assert "只有查看权限" in response.content.decode()
    patent.refresh_from_db()
    assert patent.region_id == "620102"
    assert not AuditEntry.objects.exists()


def test_city_staff_region_choices_are_their_city_only(users, patents):
    response = client_for(users["lanzhou"]).get(
        reverse("patents:detail", args=[patents["lanzhou"].pk])
    )
    choices = [str(r.pk) for r in response.context["assign_form"].fields["region"].queryset]
    assert "620103" in choices
    assert all(code.startswith("6201") for code in choices)


@pytest.mark.parametrize("region", ["620500", "620502", "620000", "62", "310105", "abc"])
def test_region_in_the_url_never_widens_city_scope(users, patents, region):
    response = client_for(users["lanzhou"]).get(reverse("patents:list"), {"region": region})
    assert response.status_code == 200
    assert listed(response) <= {
        patents["lanzhou"].application_number,
        patents["lanzhou_county"].application_number,
    }
    assert patents["tianshui"].application_number not in response.content.decode()


@pytest.mark.parametrize(
    "params",
    [
        {"applicant": "天水星火"},
        {"agency": "天水专利"},
        {"filing_year": "2015"},
        {"grant_year": "2016"},
        {"legal_status": "有效"},
        {"patent_type": "utility"},
        {"granted": "yes"},
        {"text": "测试装置3"},
        {"placement": "unplaced"},
        {"page": "2"},
    ],
)
def test_no_filter_shows_other_cities_rows_to_city_staff(users, patents, params):
    response = client_for(users["lanzhou"]).get(reverse("patents:list"), params)
    assert response.status_code == 200
    found = listed(response)
    assert patents["tianshui"].application_number not in found
    assert patents["unplaced"].application_number not in found
    assert patents["tianshui"].application_number not in response.content.decode()


def test_review_queue_is_empty_for_city_staff(users, patents):
    response = client_for(users["lanzhou"]).get(reverse("patents:review"))
    assert response.status_code == 200
    assert list(response.context["page"].object_list) == []
    html = response.content.decode()
    assert "没有待定地区的专利" in html
    assert patents["unplaced"].application_number not in html


def test_audit_trail_page_is_for_province_staff_only(users, patents):
    assert client_for(users["lanzhou"]).get(reverse("audit:list")).status_code == 404
    assert client_for(users["province"]).get(reverse("audit:list")).status_code == 200


def test_city_staff_cannot_see_another_citys_history_on_the_audit_trail(users, patents):
    client_for(users["tianshui"]).post(
        reverse("patents:assign", args=[patents["tianshui"].pk]), {"region": "620503"}
    )
    assert AuditEntry.objects.count() == 1
    assert client_for(users["lanzhou"]).get(reverse("audit:list")).status_code == 404


def test_county_staff_see_their_county_only(regions, patents):
    county = local_user("620103", username="qilihe")
    response = client_for(county).get(reverse("patents:list"))
    assert listed(response) == {patents["lanzhou_county"].application_number}
    assert (
        client_for(county).get(reverse("patents:detail", args=[patents["lanzhou"].pk])).status_code
        == 404
    )


def test_local_user_without_a_region_sees_nothing(regions, patents):
    response = client_for(UserFactory(role=Role.LOCAL, region=None)).get(reverse("patents:list"))
    assert response.status_code == 200 and listed(response) == set()


# --- leadership reads only ----------------------------------------------------------------


def test_leader_can_view_list_detail_and_history(users, patents):
    client = client_for(users["leader"])
    response = client.get(reverse("patents:list"))
    assert response.status_code == 200
    assert patents["tianshui"].application_number in listed(response)
    detail = client.get(reverse("patents:detail", args=[patents["tianshui"].pk]))
    assert detail.status_code == 200
    html = detail.content.decode()
    assert "修改记录" in html
    assert detail.context["assign_form"] is None
    assert f'action="{reverse("patents:assign", args=[patents["tianshui"].pk])}"' not in html


def test_leader_gets_no_upload_or_assign_forms(users, patents):
    client = client_for(users["leader"])
    imports = client.get(reverse("patents:imports"))
    assert imports.status_code == 200
    assert 'type="file"' not in imports.content.decode()
    review = client.get(reverse("patents:review"))
    assert review.status_code == 200
    assert "<form" not in review.content.decode().split("<main>")[1]


def test_leader_cannot_post_an_assignment(users, patents):
    patent = patents["lanzhou"]
    response = client_for(users["leader"]).post(
        reverse("patents:assign", args=[patent.pk]), {"region": "620103"}
    )
    assert response.status_code == 403
    assert "只有查看权限" in response.content.decode()
    patent.refresh_from_db()
    assert patent.region_id == "620102"
    assert not AuditEntry.objects.exists()


def test_leader_cannot_post_an_import(users, tmp_path):
    path = write_canonical(tmp_path / "a.csv", [canonical_row(1)])
    upload = SimpleUploadedFile("a.csv", path.read_bytes(), content_type="text/csv")
    response = client_for(users["leader"]).post(reverse("patents:imports"), {"file": upload})
    assert response.status_code == 403
    assert not ImportRun.objects.exists()
    assert not Patent.objects.exists()


def test_city_staff_cannot_import_because_a_file_may_change_other_cities(users, tmp_path):
    row = canonical_row(1, address="甘肃省天水市秦州区解放路1号", postcode="741000")
    upload = SimpleUploadedFile("a.csv", write_canonical(tmp_path / "a.csv", [row]).read_bytes())
    client = client_for(users["lanzhou"])
    assert 'type="file"' not in client.get(reverse("patents:imports")).content.decode()
    response = client.post(reverse("patents:imports"), {"file": upload})
    assert response.status_code == 403
    assert not ImportRun.objects.exists()


# --- province staff -----------------------------------------------------------------------


def test_province_staff_see_everything(users, patents):
    response = client_for(users["province"]).get(reverse("patents:list"))
    assert listed(response) == {p.application_number for p in patents.values()}
    for patent in patents.values():
        assert (
            client_for(users["province"])
            .get(reverse("patents:detail", args=[patent.pk]))
            .status_code
            == 200
        )


def test_province_staff_filter_by_region(users, patents):
    response = client_for(users["province"]).get(reverse("patents:list"), {"region": "620500"})
    assert listed(response) == {patents["tianshui"].application_number}
    response = client_for(users["province"]).get(reverse("patents:list"), {"region": "620100"})
    assert listed(response) == {
        patents["lanzhou"].application_number,
        patents["lanzhou_county"].application_number,
    }


@pytest.mark.parametrize(
    "params, expected",
    [
        ({"patent_type": "utility"}, {"lanzhou_county", "tianshui"}),
        ({"filing_year": "2015"}, {"lanzhou_county", "tianshui"}),
        ({"grant_year": "2016"}, {"lanzhou_county", "tianshui"}),
        ({"granted": "no"}, {"lanzhou", "unplaced", "shanghai"}),
        ({"legal_status": "有效"}, {"lanzhou_county", "tianshui"}),
        ({"applicant": "星火"}, {"tianshui"}),
        ({"agency": "振华"}, {"lanzhou", "lanzhou_county", "unplaced", "shanghai"}),
        ({"placement": "unplaced"}, {"unplaced"}),
        ({"text": "测试装置5"}, {"shanghai"}),
        ({"region": "620100", "patent_type": "invention"}, {"lanzhou"}),
    ],
)
def test_each_list_filter_narrows_the_list(users, patents, params, expected):
    response = client_for(users["province"]).get(reverse("patents:list"), params)
    assert response.status_code == 200
    assert listed(response) == {patents[key].application_number for key in expected}


def test_a_bad_filter_value_is_reported_not_a_server_error(users, patents):
    response = client_for(users["province"]).get(
        reverse("patents:list"), {"filing_year": "二〇一五"}
    )
    assert response.status_code == 200
    assert "申请年" in response.content.decode() and 'class="error"' in response.content.decode()


def test_list_pages_keep_the_filters(users, regions):
    for serial in range(1, 56):
        make_patent(serial, "620102", patent_type=PatentType.UTILITY, year=2015)
    make_patent(99, "620102", patent_type=PatentType.INVENTION, year=2015)
    client = client_for(users["lanzhou"])
    first = client.get(reverse("patents:list"), {"patent_type": "utility", "filing_year": "2015"})
    assert first.context["page"].paginator.count == 55
    assert len(first.context["page"].object_list) == 50
    html = first.content.decode()
    assert "第 1 / 2 页" in html
    assert "patent_type=utility&amp;filing_year=2015&amp;page=2" in html
    second = client.get(
        reverse("patents:list"), {"patent_type": "utility", "filing_year": "2015", "page": "2"}
    )
    assert len(second.context["page"].object_list) == 5
    assert not listed(first) & listed(second)
    assert app_number(2015, 1, 99) not in listed(first) | listed(second)


def test_detail_page_shows_the_record(users, patents):
    response = client_for(users["province"]).get(
        reverse("patents:detail", args=[patents["lanzhou"].pk])
    )
    html = response.content.decode()
    for text in (
        patents["lanzhou"].application_number,
        "一种测试装置1",
        "兰州大学",
        "城关区（620102）",
        "兰州振华专利代理有限责任公司",
        "修改记录",
        "暂无人工修改记录",
    ):
        assert text in html


def test_province_staff_assign_a_region_from_the_review_queue(users, patents):
    patent = patents["unplaced"]
    client = client_for(users["province"])
    queue = client.get(reverse("patents:review"))
    assert listed(queue) == {patent.application_number}
    assert f'action="{reverse("patents:assign", args=[patent.pk])}"' in queue.content.decode()
    response = client.post(
        reverse("patents:assign", args=[patent.pk]),
        {"region": "620102", "next": reverse("patents:review")},
    )
    assert response.status_code == 302 and response["Location"] == reverse("patents:review")
    patent.refresh_from_db()
    assert (patent.region_id, patent.placement) == ("620102", Placement.MANUAL)
    after = client.get(reverse("patents:review"))
    assert listed(after) == set()
    assert "已将" in after.content.decode()


def test_assignment_next_url_cannot_leave_the_site(users, patents):
    patent = patents["unplaced"]
    response = client_for(users["province"]).post(
        reverse("patents:assign", args=[patent.pk]),
        {"region": "620102", "next": "https://evil.example/"},
    )
    assert response["Location"] == reverse("patents:detail", args=[patent.pk])


def test_every_assignment_appears_in_the_history_with_who_and_what(users, patents):
    patent = patents["lanzhou"]
    client_for(users["province"]).post(
        reverse("patents:assign", args=[patent.pk]), {"region": "620103"}
    )
    client_for(users["lanzhou"]).post(
        reverse("patents:assign", args=[patent.pk]), {"region": "620102"}
    )
    entries = AuditEntry.objects.filter(target_type="patents.patent", target_id=str(patent.pk))
    assert [(e.actor.username, e.action) for e in entries] == [
        ("lanzhou", "patent.assign_region"),
        ("province", "patent.assign_region"),
    ]
    detail = client_for(users["leader"]).get(reverse("patents:detail", args=[patent.pk]))
    history = detail.content.decode().split("修改记录")[1]
    rows = re.findall(r"<tr><td>(.*?)</tr>", history, re.S)
    assert len(rows) == 2
    assert "lanzhou" in rows[0] and "所属地区改为城关区" in rows[0]
    assert "所属地区：七里河区（620103） → 城关区（620102）" in rows[0]
    assert "province" in rows[1] and "所属地区：城关区（620102） → 七里河区（620103）" in rows[1]
    assert re.search(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d", rows[0])


def test_audit_trail_lists_changes_with_links_to_the_record(users, patents):
    patent = patents["unplaced"]
    client = client_for(users["province"])
    client.post(reverse("patents:assign", args=[patent.pk]), {"region": "620502"})
    html = client.get(reverse("audit:list")).content.decode()
    assert "province" in html and "所属地区：未确定 → 秦州区（620502）" in html
    assert f'href="{reverse("patents:detail", args=[patent.pk])}"' in html


# --- import: upload, preview, confirm ---------------------------------------------------


def upload(client: Client, name: str, content: bytes):
    return client.post(
        reverse("patents:imports"), {"file": SimpleUploadedFile(name, content)}, follow=True
    )


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("专利.pdf", b"%PDF-1.4", "不支持 .pdf 文件"),
        ("专利.doc", b"\xd0\xcf\x11\xe0", "不支持 .doc 文件"),
        ("专利", b"a,b\n", "不支持 无扩展名 文件"),
        ("专利.xlsx", b"application_number\n", "内容不是 Excel 文件"),
    ],
)
def test_upload_of_an_unsupported_file_is_refused_in_chinese(users, name, content, message):
    response = upload(client_for(users["province"]), name, content)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not ImportRun.objects.exists()


def test_upload_of_a_file_without_application_numbers_is_refused_in_chinese(users):
    response = upload(client_for(users["province"]), "x.csv", "名字,年龄\n张三,3\n".encode())
    assert response.status_code == 200
    assert "申请号" in response.content.decode()
    assert not Patent.objects.exists()


def test_import_preview_shows_problems_with_line_numbers_and_confirm_commits(users, tmp_path):
    rows = [canonical_row(1), canonical_row(2, filing_date="2008-13-40"), canonical_row(3)]
    client = client_for(users["province"])
    preview = upload(client, "周报.csv", write_canonical(tmp_path / "a.csv", rows).read_bytes())
    run = ImportRun.objects.get()
    assert preview.redirect_chain[-1][0] == reverse("patents:import_detail", args=[run.pk])
    html = preview.content.decode()
    assert "已预检" in html and "第3行" in html and "2008-13-40" in html
    assert 'name="skip_bad"' in html
    assert (run.inserted, run.rejected) == (2, 1)
    assert not Patent.objects.exists()

    refused = client.post(reverse("patents:import_detail", args=[run.pk]), follow=True)
    assert "跳过错误行" in refused.content.decode() and "请改正文件后重新上传" in (
        refused.content.decode()
    )
    assert not Patent.objects.exists()
    run.refresh_from_db()
    assert run.status == ImportRun.Status.PREVIEWED

    done = client.post(
        reverse("patents:import_detail", args=[run.pk]), {"skip_bad": "on"}, follow=True
    )
    assert "已导入" in done.content.decode() and "导入完成" in done.content.decode()
    run.refresh_from_db()
    assert (run.status, run.inserted, run.rejected) == (ImportRun.Status.COMMITTED, 2, 1)
    assert set(Patent.objects.values_list("application_number", flat=True)) == {
        app_number(2008, 1, 1),
        app_number(2008, 1, 3),
    }
    assert 'id="confirm"' not in done.content.decode()
    entry = AuditEntry.objects.get(action="patents.import")
    assert entry.actor == users["province"] and "新增2" in entry.summary


def test_a_clean_preview_is_confirmed_without_ticking_anything(users, tmp_path):
    client = client_for(users["province"])
    upload(client, "a.csv", write_canonical(tmp_path / "a.csv", [canonical_row(1)]).read_bytes())
    run = ImportRun.objects.get()
    page = client.get(reverse("patents:import_detail", args=[run.pk])).content.decode()
    assert 'name="skip_bad"' not in page and 'id="confirm"' in page
    client.post(reverse("patents:import_detail", args=[run.pk]))
    assert Patent.objects.count() == 1
    listed_after = client.get(reverse("patents:list"))
    assert app_number(2008, 1, 1) in listed(listed_after)
    detail = client.get(reverse("patents:detail", args=[Patent.objects.get().pk]))
    assert "a.csv" in detail.content.decode() and "province" in detail.content.decode()


def test_a_confirmed_import_cannot_be_confirmed_twice(users, tmp_path):
    client = client_for(users["province"])
    upload(client, "a.csv", write_canonical(tmp_path / "a.csv", [canonical_row(1)]).read_bytes())
    run = ImportRun.objects.get()
    client.post(reverse("patents:import_detail", args=[run.pk]))
    again = client.post(reverse("patents:import_detail", args=[run.pk]), follow=True)
    assert "已经处理过" in again.content.decode()
    assert AuditEntry.objects.filter(action="patents.import").count() == 1


def test_confirm_by_another_user_is_refused(users, tmp_path):
    upload(
        client_for(users["province"]),
        "a.csv",
        write_canonical(tmp_path / "a.csv", [canonical_row(1)]).read_bytes(),
    )
    run = ImportRun.objects.get()
    other = client_for(users["province2"])
    page = other.get(reverse("patents:import_detail", args=[run.pk]))
    assert page.status_code == 200 and 'id="confirm"' not in page.content.decode()
    response = other.post(reverse("patents:import_detail", args=[run.pk]), {"skip_bad": "on"})
    assert "已经处理过或文件已失效" in response.content.decode()
    assert not Patent.objects.exists()
    run.refresh_from_db()
    assert run.status == ImportRun.Status.PREVIEWED
    assert (
        client_for(users["lanzhou"])
        .post(reverse("patents:import_detail", args=[run.pk]))
        .status_code
        == 404
    )


def test_import_history_lists_runs(users, tmp_path):
    client = client_for(users["province"])
    upload(client, "周报.csv", write_canonical(tmp_path / "a.csv", [canonical_row(1)]).read_bytes())
    html = client.get(reverse("patents:imports")).content.decode()
    assert "周报.csv" in html and "已预检" in html and "province" in html


# --- CSRF ---------------------------------------------------------------------------------


def test_csrf_is_enforced_on_posts(users, patents):
    patent = patents["unplaced"]
    client = client_for(users["province"], enforce_csrf_checks=True)
    url = reverse("patents:assign", args=[patent.pk])
    refused = client.post(url, {"region": "620102"})
    assert refused.status_code == 403
    assert "请求已失效" in refused.content.decode()
    patent.refresh_from_db()
    assert patent.region_id is None

    detail_url = reverse("patents:detail", args=[patent.pk])
    client.get(detail_url)
    token = client.cookies["csrftoken"].value
    accepted = client.post(
        url,
        {"region": "620102", "csrfmiddlewaretoken": token},
        HTTP_REFERER=f"https://testserver{detail_url}",
    )
    assert accepted.status_code == 302
    patent.refresh_from_db()
    assert patent.region_id == "620102"


# --- export ---------------------------------------------------------------------------------


def exported(response) -> list[tuple]:
    from io import BytesIO

    from openpyxl import load_workbook

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(BytesIO(response.content), read_only=True).active
    return list(sheet.iter_rows(values_only=True))


def test_city_staff_export_holds_their_city_only(users, patents):
    rows = exported(client_for(users["lanzhou"]).get(reverse("patents:export")))
    assert rows[0][0] == "申请号"
    assert {row[0] for row in rows[1:]} == {
        patents["lanzhou"].application_number,
        patents["lanzhou_county"].application_number,
    }


def test_region_in_the_export_url_never_widens_city_scope(users, patents):
    rows = exported(
        client_for(users["lanzhou"]).get(reverse("patents:export"), {"region": "620500"})
    )
    assert rows[1:]
    assert all(row[rows[0].index("地区代码")].startswith("6201") for row in rows[1:])


def test_export_follows_the_list_filters_and_keeps_dates_as_dates(users, patents):
    rows = exported(
        client_for(users["province"]).get(reverse("patents:export"), {"region": "620500"})
    )
    assert [row[0] for row in rows[1:]] == [patents["tianshui"].application_number]
    filing_date = rows[1][rows[0].index("申请日")]
    assert hasattr(filing_date, "year")


def test_import_list_shows_no_insertions_for_a_rejected_file(users, tmp_path):

    rows = [canonical_row(1), canonical_row(2), canonical_row(3, application_number="x")]
    patents_import(path=write_canonical(tmp_path / "a.csv", rows), user=users["province"])
    html = client_for(users["province"]).get(reverse("patents:imports")).content.decode()
    assert "<td>有错误，未导入</td><td>0</td><td>0</td><td>0</td><td>1</td>" in html


def test_import_preview_names_both_lines_of_a_repeated_row(users, tmp_path):
    rows = [canonical_row(1), canonical_row(2), canonical_row(1, title="改过的题目")]
    client = client_for(users["province"])
    preview = upload(client, "a.csv", write_canonical(tmp_path / "a.csv", rows).read_bytes())
    html = preview.content.decode()
    assert f"第4行：申请号 {app_number(2008, 1, 1)}（CN101200001A）与第2行重复" in html
    assert 'name="skip_bad"' in html
    run = ImportRun.objects.get()
    client.post(reverse("patents:import_detail", args=[run.pk]), {"skip_bad": "on"})
    run.refresh_from_db()
    assert (run.status, run.inserted, run.rejected) == (ImportRun.Status.COMMITTED, 2, 1)
    assert Patent.objects.count() == 2
