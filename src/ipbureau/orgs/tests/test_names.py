import pytest

from ipbureau.orgs.models import OrgKind
from ipbureau.orgs.names import display_name, infer_kind, normalize_name


def test_full_width_and_half_width_brackets_are_the_same_applicant():
    assert normalize_name("酒泉钢铁（集团）有限责任公司") == normalize_name(
        "酒泉钢铁(集团)有限责任公司 "
    )


def test_spaces_do_not_split_an_applicant():
    assert normalize_name("兰州 大学") == normalize_name("兰州大学")


def test_display_name_uses_chinese_brackets_for_chinese_names():
    assert display_name("酒泉钢铁(集团)有限责任公司") == "酒泉钢铁（集团）有限责任公司"


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("兰州大学", OrgKind.UNIVERSITY),
        ("天水师范学院", OrgKind.UNIVERSITY),
        ("中国科学院兰州化学物理研究所", OrgKind.INSTITUTE),
        ("中国科学院", OrgKind.INSTITUTE),
        ("甘肃省农业科学院", OrgKind.INSTITUTE),
        ("金川集团股份有限公司", OrgKind.ENTERPRISE),
        ("兰州大学第一医院", OrgKind.PUBLIC_BODY),
        ("甘肃省疾病预防控制中心", OrgKind.PUBLIC_BODY),
        ("张掖市水务局", OrgKind.PUBLIC_BODY),
        ("王小明", OrgKind.INDIVIDUAL),
        ("Siemens Aktiengesellschaft", OrgKind.ENTERPRISE),
        ("Intel Corporation", OrgKind.ENTERPRISE),
        ("Massachusetts Institute of Technology", OrgKind.INSTITUTE),
        ("Stanford University", OrgKind.UNIVERSITY),
        ("Laboratory Holdings", OrgKind.ENTERPRISE),
        ("John Smith", OrgKind.INDIVIDUAL),
        ("某某工业园", OrgKind.UNKNOWN),
    ],
)
def test_kind_is_inferred_from_the_name(name, kind):
    assert infer_kind(name) == kind
