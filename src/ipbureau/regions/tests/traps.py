"""Named address traps (written for these tests, not taken from the real data).

Each is (id, address, postcode, expected) where expected is the exact code the resolver must
return, or "foreign", or None (must stay unplaced). Shared with bench/region_accuracy.py, which
also runs cpca on them.
"""

from __future__ import annotations

TRAPS: list[tuple[str, str | None, str | None, str | None]] = [
    # Street and town names that are Gansu place names.
    ("shanghai_dingxi_road", "上海市长宁区定西路1295号", "200050", "310105"),
    ("hefei_tianshui_road", "安徽省合肥市庐阳区天水路11号", "230041", "340103"),
    ("heze_lanzhou_road", "山东省菏泽市兰州路369号", "274000", "371700"),
    ("shanghai_pingliang_road", "上海市杨浦区平凉路2103号", "200090", "310110"),
    ("changzhou_qingyang_road", "江苏省常州市新北区薛家镇庆阳路99号", "213000", "320411"),
    ("jiading_huating_town", "上海市嘉定区华亭镇华博路1号", "201816", "310114"),
    (
        "hohhot_jinchuan_zone",
        "内蒙古自治区呼和浩特市经济技术开发区金川区经二路",
        "010070",
        "150100",
    ),
    ("lanzhou_zhangye_road", "甘肃省兰州市城关区张掖路87号", "730030", "620102"),
    # Same names elsewhere.
    ("heilongjiang_gannan_county", "黑龙江省齐齐哈尔市甘南县工业园区", "162100", "230225"),
    ("chengguan_lanzhou_by_postcode", "城关区张掖路1号", "730030", "620102"),
    ("chengguan_lhasa_by_postcode", "城关区林廓北路18号", "850000", "540102"),
    ("chengguan_lhasa_by_province", "西藏自治区拉萨市城关区金珠中路", None, "540102"),
    ("chengguan_without_hint", "城关区某某路1号", None, None),
    ("hunan_nan_county", "湖南省益阳市南县南洲镇", "413200", "430921"),
    ("jiangxi_dongxiang_old_county", "江西省抚州市东乡县孝岗镇", "331800", "361003"),
    # Foreign applicants (and places that merely look foreign, or look like Gansu).
    ("us_maryland", "美国马里兰州", "0", "foreign"),
    ("australia_queensland", "澳大利亚昆士兰州", "0", "foreign"),
    ("seychelles_hezuo", "塞舌尔马埃岛维多利亚离岸合作中心", "0", "foreign"),
    ("maryland_without_country", "马里兰州贝塞斯达", "0", None),
    ("bahrain", "巴林麦纳麦", "0", "foreign"),
    ("balin_banner_is_chinese", "内蒙古赤峰市巴林左旗林东镇", "025450", "150422"),
    ("balin_banner_alone", "巴林左旗林东镇", None, "150422"),
    ("taiwan", "中国台湾新竹市科学园区", "0", "710000"),
    ("hong_kong", "中国香港九龙观塘", "0", "810000"),
    # Gansu-looking postcodes outside Gansu.
    ("ejina_gansu_postcode", "内蒙古额济纳旗达来呼布镇", "735400", "152923"),
    ("ejina_full", "内蒙古自治区阿拉善盟额济纳旗达来呼布镇广场北路", "735400", "152923"),
    ("ejina_postcode_only", "", "735400", "152923"),
    # Gansu: county only, short and full prefecture names, missing 市, old names.
    ("zhuanglang_county_only", "甘肃省庄浪县南湖镇", "744603", "620825"),
    ("linxia_short", "临夏州临夏市解放路", "731100", "622901"),
    ("linxia_full", "甘肃省临夏回族自治州永靖县盐锅峡镇", "731600", "622923"),
    ("gannan_short", "甘南州合作市当周街", "747000", "623001"),
    ("gannan_full", "甘肃省甘南藏族自治州合作市", "747000", "623001"),
    ("lanzhou_without_shi", "甘肃省兰州红古区海石湾镇", "730084", "620111"),
    ("huating_old_name", "甘肃省平凉市华亭县东华镇", "744100", "620881"),
    ("huating_old_name_alone", "华亭县东华镇", None, "620881"),
    ("anxi_old_name", "甘肃省安西县渊泉镇", "736100", "620922"),
    ("wudu_old_name", "甘肃省陇南市武都县", "746000", "621202"),
    ("sunan_county", "甘肃省张掖市肃南县康乐乡", "734400", "620721"),
    ("sunan_county_alone", "肃南县红湾寺镇", None, "620721"),
    ("tianzhu_county", "甘肃省天祝县华藏寺镇", "733200", "620623"),
    ("jishishan_county", "积石山县吹麻滩镇", None, "622927"),
    ("zhangjiachuan_county", "天水市张家川县", None, "620525"),
    ("dongxiang_county", "东乡县锁南镇", None, "622926"),
    ("linxia_dongxiang", "临夏州东乡县锁南镇", "731400", "622926"),
    ("anning_lanzhou", "甘肃省兰州市安宁区", None, "620105"),
    # No province, postcode first, development zones, cities without counties.
    ("postcode_first", "730000甘肃省兰州市城关区天水南路222号", None, "620102"),
    ("lanzhou_no_province", "兰州市城关区天水南路222号", None, "620102"),
    ("lanzhou_new_area", "兰州新区纬一路", None, "620171"),
    ("jiuquan_suzhou", "酒泉市肃州区盘旋中路", None, "620902"),
    ("jiayuguan_no_counties", "甘肃省嘉峪关市雄关东路12号", "735100", "620200"),
    ("lanzhou_hightech_zone", "兰州高新区雁南路", None, "620100"),
    ("lanzhou_econ_zone", "甘肃省兰州市经济技术开发区", None, "620100"),
    ("baiyin_hightech_zone", "甘肃省白银高新区", None, "620400"),
    ("wrong_postcode_names_win", "甘肃省平凉市灵台县中台镇", "737200", "620822"),
    ("gansu_postcode_only", "某某有限公司", "741000", "620500"),
    ("gansu_province_only_postcode_city", "甘肃省科学院", "730000", "620100"),
    # Municipalities, 省直辖, cities without counties elsewhere.
    ("beijing_alone", "北京市", None, "110100"),
    ("beijing_haidian", "北京市海淀区中关村", "100080", "110108"),
    ("chongqing_old_kaixian", "重庆市开县汉丰镇", None, "500154"),
    ("hubei_xiantao", "湖北省仙桃市", None, "429004"),
    ("xinjiang_shihezi", "新疆石河子市", None, "659001"),
    ("dongguan", "广东省东莞市松山湖", "523808", "441900"),
    ("xiangfan_old_city", "湖北省襄樊市南漳县城关镇", "441500", "420624"),
    # Generic reading rules.
    ("lanzhou_university_not_new_area", "甘肃省兰州市兰州大学", "730000", "620100"),
    ("gannan_bare_by_postcode", "甘南", "747000", "623000"),
    ("gannan_bare_heilongjiang_postcode", "甘南", "162100", "230225"),
    ("ningbo_zhenhai_not_a_town", "浙江省宁波镇海经济开发区", "315221", "330211"),
    ("zhenjiang_city_then_zhen", "江苏省镇江市镇江大港新区", "212132", "321100"),
    ("laiwu_merged_into_jinan", "山东省莱芜市钢城区友谊大街", "271104", "370117"),
    ("bazhou_abbreviation", "新疆维吾尔自治区巴州库尔勒市", "841000", "652801"),
    ("gansu_road_without_province", "甘肃路88号", None, None),
    ("shanghai_gansu_road", "上海市甘肃路88号", "200000", "310100"),
    ("hong_kong_tin_shui_wai", "香港新界天水围", "0", "810000"),
]
