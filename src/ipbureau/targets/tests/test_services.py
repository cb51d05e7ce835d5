"""Setting targets and population by hand: who may set which region, what is audited."""

from decimal import Decimal

import pytest

from ipbureau.audit.models import AuditEntry
from ipbureau.regions.models import Region
from ipbureau.targets.models import Metric, Population, Target
from ipbureau.targets.selectors import target_value
from ipbureau.targets.services import (
    TargetError,
    TargetPermissionError,
    population_delete,
    population_set,
    target_delete,
    target_row_set,
    target_set,
)

pytestmark = pytest.mark.django_db

APPS = Metric.APPLICATIONS


def set_apps(user, region: str, value: str = "100", year: int = 2024):
    return target_set(year=year, region=region, metric=APPS, value=value, user=user)


# --- the permission matrix ----------------------------------------------------------------


@pytest.mark.parametrize("region", ["620000", "620100", "620500", "620102"])
def test_province_staff_set_the_province_any_city_and_any_county(users, region):
    set_apps(users["province"], region)
    assert target_value(2024, region, APPS) == Decimal("100")


def test_administrators_set_targets_like_province_staff(users):
    set_apps(users["admin"], "620500")
    assert target_value(2024, "620500", APPS) == Decimal("100")


def test_city_staff_set_the_targets_of_their_own_counties(users):
    set_apps(users["lanzhou"], "620102")
    assert target_value(2024, "620102", APPS) == Decimal("100")


def test_city_staff_cannot_set_their_own_citys_target(users):
    with pytest.raises(TargetPermissionError, match="您无权设定兰州市的目标"):
        set_apps(users["lanzhou"], "620100")
    assert not Target.objects.exists()


def test_city_staff_cannot_set_a_county_of_another_city(users):
    with pytest.raises(TargetPermissionError, match="您无权设定天水市麦积区的目标"):
        set_apps(users["lanzhou"], "620503")


def test_city_staff_cannot_set_another_city_or_the_province(users):
    for region in ("620500", "620000"):
        with pytest.raises(TargetPermissionError):
            set_apps(users["lanzhou"], region)


def test_county_staff_cannot_set_any_target(users):
    with pytest.raises(TargetPermissionError, match="县区局工作人员不能设定目标"):
        set_apps(users["chengguan"], "620102")


def test_leaders_cannot_set_any_target(users):
    with pytest.raises(TargetPermissionError, match="只有查看权限"):
        set_apps(users["leader"], "620100")


def test_inactive_province_staff_cannot_set_targets(users):
    users["province"].is_active = False
    with pytest.raises(TargetPermissionError):
        set_apps(users["province"], "620100")


def test_the_system_without_a_user_sets_any_region_of_the_province(regions):
    set_apps(None, "620100")
    entry = AuditEntry.objects.get(action="target.set")
    assert entry.actor is None


def test_nobody_sets_a_region_of_another_province(users):
    with pytest.raises(TargetError, match="不属于甘肃省"):
        set_apps(users["province"], "110000")
    with pytest.raises(TargetError, match="不属于甘肃省"):
        set_apps(None, "110000")


def test_deleting_follows_the_same_rule(users):
    set_apps(users["province"], "620100")
    with pytest.raises(TargetPermissionError):
        target_delete(year=2024, region="620100", metric=APPS, user=users["lanzhou"])
    assert target_delete(year=2024, region="620100", metric=APPS, user=users["province"])
    assert target_value(2024, "620100", APPS) is None


# --- values -------------------------------------------------------------------------------


def test_an_unknown_region_code_is_refused_with_the_code(users):
    with pytest.raises(TargetError, match="地区代码 629999 不存在"):
        set_apps(users["province"], "629999")


def test_a_metric_may_be_given_by_its_chinese_label(users):
    target = target_set(
        year=2024, region="620100", metric="发明专利申请量", value=300, user=users["province"]
    )
    assert target.metric == Metric.INVENTION_APPLICATIONS


def test_counts_must_be_whole_numbers_but_per_10k_takes_two_decimals(users):
    with pytest.raises(TargetError, match="应为整数"):
        set_apps(users["province"], "620100", value="10.5")
    target = target_set(
        year=2024,
        region="620100",
        metric=Metric.VALID_INVENTION_PER_10K,
        value="3.25",
        user=users["province"],
    )
    assert target.value == Decimal("3.25")
    with pytest.raises(TargetError, match="最多保留两位小数"):
        target_set(
            year=2024,
            region="620100",
            metric=Metric.VALID_INVENTION_PER_10K,
            value="3.255",
            user=users["province"],
        )


def test_negative_targets_are_refused(users):
    with pytest.raises(TargetError, match="不能为负数"):
        set_apps(users["province"], "620100", value="-1")


# --- audit --------------------------------------------------------------------------------


def test_setting_and_changing_a_target_is_audited_with_old_and_new_value(users):
    set_apps(users["province"], "620100", value="1000")
    set_apps(users["province"], "620100", value="1100")
    created, changed = AuditEntry.objects.filter(action="target.set").order_by("id")
    assert created.actor == users["province"]
    assert created.changes == {"value": ["", "1000"]}
    assert changed.changes == {"value": ["1000", "1100"]}
    assert changed.summary == "修改兰州市2024年专利申请量目标：1000 → 1100"
    assert changed.target_type == "targets.target"


def test_setting_the_same_value_again_records_nothing(users):
    set_apps(users["province"], "620100", value="1000")
    set_apps(users["province"], "620100", value="1000.00")
    assert AuditEntry.objects.filter(action="target.set").count() == 1


def test_deleting_a_target_is_audited_with_the_old_value(users):
    set_apps(users["province"], "620100", value="1000")
    target_delete(year=2024, region="620100", metric=APPS, user=users["province"])
    entry = AuditEntry.objects.get(action="target.delete")
    assert entry.changes == {"value": ["1000", ""]}


def test_a_refused_change_leaves_no_audit_entry(users):
    with pytest.raises(TargetPermissionError):
        set_apps(users["leader"], "620100")
    assert not AuditEntry.objects.exists()


def test_a_row_of_targets_is_saved_all_or_nothing(users):
    set_apps(users["province"], "620100", value="1000")
    with pytest.raises(TargetError, match="不能为负数") as refused:
        target_row_set(
            year=2024,
            region=_region("620100"),
            values={APPS: Decimal("1200"), Metric.GRANTS: Decimal("-1")},
            user=users["province"],
        )
    assert refused.value.field == Metric.GRANTS
    assert target_value(2024, "620100", APPS) == Decimal("1000")
    changed = target_row_set(
        year=2024,
        region=_region("620100"),
        values={APPS: None, Metric.GRANTS: Decimal("500")},
        user=users["province"],
    )
    assert changed == 2
    assert target_value(2024, "620100", APPS) is None
    assert target_value(2024, "620100", Metric.GRANTS) == Decimal("500")


def _region(code: str) -> Region:
    return Region.objects.get(code=code)


# --- population ---------------------------------------------------------------------------


def test_population_is_set_under_the_same_rule_and_audited(users):
    population_set(year=2024, region="620102", population=1_300_000, user=users["lanzhou"])
    population_set(year=2024, region="620102", population=1_310_000, user=users["lanzhou"])
    entry = AuditEntry.objects.filter(action="population.set").first()
    assert entry.changes == {"population": ["1300000", "1310000"]}
    with pytest.raises(TargetPermissionError, match="您无权填报兰州市的人口"):
        population_set(year=2024, region="620100", population=4_000_000, user=users["lanzhou"])
    with pytest.raises(TargetPermissionError):
        population_set(year=2024, region="620100", population=4_000_000, user=users["leader"])


def test_population_must_be_a_positive_whole_number_of_persons(users):
    for bad in ("0", "-5", "12.5", "abc"):
        with pytest.raises(TargetError, match="人口"):
            population_set(year=2024, region="620100", population=bad, user=users["province"])
    assert not Population.objects.exists()


def test_population_can_be_removed(users):
    population_set(year=2024, region="620100", population=4_384_300, user=users["province"])
    assert population_delete(year=2024, region="620100", user=users["province"])
    assert not Population.objects.exists()
    assert AuditEntry.objects.filter(action="population.delete").count() == 1
