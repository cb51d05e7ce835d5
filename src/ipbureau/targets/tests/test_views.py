"""The staff pages /targets/ and /targets/population/: who sees and changes what."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from ipbureau.audit.models import AuditEntry
from ipbureau.patents.models import Patent
from ipbureau.patents.tests.factories import make_patent
from ipbureau.targets.models import Metric, Target
from ipbureau.targets.selectors import population_for, target_value
from ipbureau.targets.tests.factories import TargetFactory

pytestmark = pytest.mark.django_db

TABLE = reverse("targets:table")
POPULATION = reverse("targets:population")


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def edit_url(year: int, code: str) -> str:
    return reverse("targets:edit", args=[year, code])


def row_codes(response) -> list[str]:
    return [row.region.code for row in response.context["rows"]]


@pytest.mark.parametrize(
    "name", ["targets:table", "targets:population", "targets:import", "targets:population_import"]
)
def test_anonymous_visitors_are_sent_to_the_login_page(regions, name):
    response = Client().get(reverse(name))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("role, first, count", [
    ("admin", "620000", 15), ("province", "620000", 15), ("leader", "620000", 15),
    ("lanzhou", "620100", 10), ("chengguan", "620102", 1),
])  # fmt: skip
def test_the_table_renders_for_every_role_with_the_regions_in_scope(users, role, first, count):
    TargetFactory(region_id="620100", value=Decimal("1100"))
    response = client_for(users[role]).get(TABLE, {"year": 2024})
    assert response.status_code == 200
    assert row_codes(response)[0] == first
    assert len(row_codes(response)) == count
    assert "专利申请量" in response.content.decode()
    population = client_for(users[role]).get(POPULATION, {"year": 2024})
    assert population.status_code == 200


def test_the_table_shows_the_years_targets(users):
    TargetFactory(region_id="620800", value=Decimal("45"))
    TargetFactory(region_id="620800", metric=Metric.VALID_INVENTION_PER_10K, value=Decimal("2.5"))
    response = client_for(users["province"]).get(TABLE, {"year": 2024})
    row = next(r for r in response.context["rows"] if r.region.code == "620800")
    assert row.values[0] == Decimal("45")
    html = response.content.decode()
    assert "<td>45</td>" in html and "<td>2.50</td>" in html


def test_edit_links_appear_only_where_the_user_may_edit(users):
    lanzhou = client_for(users["lanzhou"]).get(TABLE, {"year": 2024}).content.decode()
    assert edit_url(2024, "620102") in lanzhou
    assert edit_url(2024, "620100") not in lanzhou
    leader = client_for(users["leader"]).get(TABLE, {"year": 2024}).content.decode()
    assert "/edit/" not in leader and 'id="import-link"' not in leader


def test_city_staff_cannot_open_another_citys_breakdown(users):
    response = client_for(users["lanzhou"]).get(TABLE, {"year": 2024, "region": "620500"})
    assert row_codes(response)[0] == "620100"  # the invalid choice falls back to their own
    assert client_for(users["lanzhou"]).get(edit_url(2024, "620503")).status_code == 404


def test_province_staff_drill_down_to_a_citys_counties(users):
    response = client_for(users["province"]).get(TABLE, {"year": 2024, "region": "620100"})
    assert row_codes(response)[:2] == ["620100", "620102"]


def test_a_post_on_the_edit_form_sets_the_targets_and_audits(users):
    client = client_for(users["province"])
    assert client.get(edit_url(2024, "620100")).status_code == 200
    response = client.post(
        edit_url(2024, "620100"), {"applications": "1100", "valid_invention_per_10k": "3.25"}
    )
    assert response.status_code == 302
    assert response["Location"] == f"{TABLE}?year=2024&region=620000"
    assert target_value(2024, "620100", Metric.APPLICATIONS) == Decimal("1100")
    assert target_value(2024, "620100", Metric.VALID_INVENTION_PER_10K) == Decimal("3.25")
    assert AuditEntry.objects.filter(actor=users["province"]).count() == 2


def test_a_bad_value_is_shown_at_its_field_and_nothing_is_saved(users):
    response = client_for(users["province"]).post(
        edit_url(2024, "620100"), {"applications": "1100", "grants": "12.5"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors == {"grants": ["专利授权量的目标值应为整数（件）"]}
    assert not Target.objects.exists()


def test_clearing_a_field_removes_that_target(users):
    TargetFactory(region_id="620102", value=Decimal("80"))
    client_for(users["lanzhou"]).post(edit_url(2024, "620102"), {"applications": ""})
    assert not Target.objects.exists()


@pytest.mark.parametrize("role, code", [
    ("lanzhou", "620100"), ("leader", "620100"), ("chengguan", "620102"),
])  # fmt: skip
def test_the_edit_form_is_forbidden_where_the_user_may_not_set(users, role, code):
    client = client_for(users[role])
    assert client.get(edit_url(2024, code)).status_code == 403
    assert client.post(edit_url(2024, code), {"applications": "1"}).status_code == 403
    assert not Target.objects.exists()


def test_an_upload_with_a_bad_row_writes_nothing_and_lists_the_lines(users):
    text = "year,region_code,metric,value\n2024,620100,applications,1100\n2024,629999,grants,1\n"
    upload = SimpleUploadedFile("targets.csv", text.encode("gb18030"))
    response = client_for(users["province"]).post(reverse("targets:import"), {"file": upload})
    assert response.status_code == 200
    html = response.content.decode()
    assert "第3行：地区代码 629999 不存在" in html
    assert "未导入任何数据" in html
    assert not Target.objects.exists()


def test_an_upload_with_skip_bad_imports_the_good_rows(users):
    text = "year,region_code,metric,value\n2024,620100,applications,1100\n2024,629999,grants,1\n"
    upload = SimpleUploadedFile("targets.csv", text.encode())
    response = client_for(users["province"]).post(
        reverse("targets:import"), {"file": upload, "skip_bad": "on"}
    )
    assert response.context["result"].committed
    assert target_value(2024, "620100", Metric.APPLICATIONS) == Decimal("1100")


def test_an_unreadable_upload_is_explained_at_the_file_field(users):
    upload = SimpleUploadedFile("targets.csv", b"a,b\n1,2\n")
    response = client_for(users["province"]).post(reverse("targets:import"), {"file": upload})
    assert "文件缺少列" in response.context["form"].errors["file"][0]


def test_leaders_cannot_upload(users):
    upload = SimpleUploadedFile("targets.csv", b"year,region_code,metric,value\n")
    response = client_for(users["leader"]).post(reverse("targets:import"), {"file": upload})
    assert response.status_code == 403


def test_population_is_entered_in_wan_and_stored_in_persons(users):
    client = client_for(users["lanzhou"])
    url = f"{POPULATION}?year=2024"
    response = client.post(url, {"region": "620102", "population_wan": "130.5"})
    assert response.status_code == 302
    assert population_for(year=2024, region_codes=["620102"]) == {"620102": 1_305_000}
    page = client.get(url).content.decode()
    assert "130.5" in page and "<td>1305000</td>" in page


def test_a_bad_population_is_shown_at_its_row(users):
    response = client_for(users["province"]).post(
        f"{POPULATION}?year=2024", {"region": "620100", "population_wan": "abc"}
    )
    assert response.status_code == 200
    assert "人口“abc”不是数字" in response.content.decode()


def test_population_of_a_region_the_user_may_not_set_is_refused(users):
    response = client_for(users["lanzhou"]).post(
        f"{POPULATION}?year=2024", {"region": "620100", "population_wan": "400"}
    )
    assert response.status_code == 403


def test_population_upload_converts_wan(users):
    text = "年度,地区代码,人口（万人）\n2024,620100,438.43\n"
    upload = SimpleUploadedFile("p.csv", text.encode("utf-8-sig"))
    response = client_for(users["province"]).post(
        reverse("targets:population_import"), {"file": upload}
    )
    assert response.context["result"].committed
    assert population_for(year=2024, region_codes=["620100"]) == {"620100": 4_384_300}


def test_an_upload_checked_only_writes_nothing(users):
    text = "year,region_code,metric,value\n2024,620100,applications,1100\n"
    upload = SimpleUploadedFile("targets.csv", text.encode())
    response = client_for(users["province"]).post(
        reverse("targets:import"), {"file": upload, "dry_run": "on"}
    )
    assert "检查通过，尚未写入" in response.content.decode()
    assert not Target.objects.exists()


def test_the_tables_open_on_this_year_or_the_latest_year_with_filings(users):
    client = client_for(users["province"])
    this_year = timezone.localdate().year
    assert client.get(TABLE).context["year"] == this_year
    make_patent(1, "620102", year=2015)
    make_patent(2, "620102", year=2013)
    for page in (TABLE, POPULATION):
        response = client.get(page)
        assert response.context["year"] == 2015
        assert response.context["form"]["year"].value() == 2015
    # A patent filed today brings the page back to the current year.
    Patent.objects.filter(application_number=make_patent(3, "620102", year=2016)
                          .application_number).update(filing_date=timezone.localdate())  # fmt: skip
    assert client.get(TABLE).context["year"] == this_year
