"""Name variants, old names, foreign prefixes and postcode tables used by resolver.py.

Kept apart from the matcher so that the facts (which can be checked against public sources)
are not mixed with the algorithm. Django-free.
"""

from __future__ import annotations

from collections.abc import Iterator

from ipbureau.regions.tree import CITY, COUNTY, PROVINCE, RegionRow

# How much a spelling is trusted; where one spelling fits several regions, the best class wins.
# FULL: the official name. STRICT: a short form that still ends in an administrative suffix
# (临夏州, 天祝县) or a province's short name (甘肃, 内蒙古). OLD: the stem with another suffix,
# as left by 县 -> 区/市 and 地区 -> 市 conversions (华亭县 for 华亭市, 定西地区); it ranks
# below STRICT so that 东乡县 is Gansu's 东乡族自治县 rather than Jiangxi's former 东乡县.
# BARE: a name without any suffix (兰州, 天祝); it is only believed where the address structure
# expects a region (start of the address, or right after another region), because bare names are
# what streets are named after (定西路, 天水路).
FULL, STRICT, OLD, BARE = 0, 1, 2, 3

# The 55 minority nationalities (and 各族) as they appear in autonomous-area names, some also
# without 族 (博尔塔拉蒙古自治州, 鄂伦春自治旗); longest first so that 东乡族 is not cut as 乡族.
_ETHNIC = sorted(
    """回 藏 蒙古 维吾尔 苗 彝 壮 布依 朝鲜 满 侗 瑶 白 土家 哈尼 哈萨克 傣 黎 傈僳 佤 畲 高山 拉祜
    水 东乡 纳西 景颇 柯尔克孜 土 达斡尔 仫佬 羌 布朗 撒拉 毛南 仡佬 锡伯 阿昌 普米 塔吉克 怒
    乌孜别克 俄罗斯 鄂温克 德昂 保安 裕固 京 塔塔尔 独龙 鄂伦春 赫哲 门巴 珞巴 基诺 各""".split(),
    key=len,
    reverse=True,
)

# Row names that are placeholders, not places (municipality and 省直辖 city-level rows).
PLACEHOLDER_NAMES = frozenset({"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"})

# Former names and abbreviations still written in addresses that the variants below do not
# cover (a 县 becoming a 区 or 市 with the same stem is covered generically: 华亭县 -> 华亭市).
# Matched with STRICT trust, so they win over a generic OLD variant (莱芜市 is now 济南, not the
# 莱芜区 that its stem would suggest).
OLD_NAMES: dict[str, str] = {
    "安西县": "620922",  # 瓜州县 since 2006
    "定西县": "621102",  # 安定区 since 2003
    "秦城区": "620502",  # 秦州区 since 2005
    "北道区": "620503",  # 麦积区 since 2005
    "襄樊市": "420600",  # 襄阳市 since 2010
    "襄樊": "420600",
    "思茅市": "530800",  # 普洱市 since 2007
    "思茅": "530800",
    "开县": "500154",  # 开州区 since 2016
    "莱芜市": "370100",  # merged into 济南 in 2019 (莱城区 -> 莱芜区, 钢城区 kept)
    "莱城区": "370116",
    "巴州": "652800",  # usual abbreviations of 巴音郭楞, 博尔塔拉, 克孜勒苏
    "博州": "652700",
    "克州": "653000",
    "臺灣": "710000",  # traditional spellings of 台湾 (its short name comes from 台湾省)
    "台灣": "710000",
}


def strip_ethnic(base: str) -> str:
    """`肃南裕固族` -> `肃南`, `积石山保安族东乡族撒拉族` -> `积石山`, `东乡族` -> `东乡`."""
    changed = True
    while changed:
        changed = False
        for e in _ETHNIC:
            for suffix in (e + "族", e):
                if base.endswith(suffix) and len(base) - len(suffix) >= 2:
                    base = base[: -len(suffix)]
                    changed = True
                    break
            if changed:
                break
    if base.endswith("族"):  # the whole name is a nationality (东乡族自治县)
        base = base[:-1]
    return base


def variants(row: RegionRow) -> Iterator[tuple[str, int]]:
    """Every spelling of a region with its trust class. Unlisted spellings are not matched."""
    name = row.name
    if name in PLACEHOLDER_NAMES:
        return
    yield name, FULL
    if row.level == PROVINCE:
        stem = name
        for suffix in ("特别行政区", "自治区", "省", "市"):
            if name.endswith(suffix):
                stem = strip_ethnic(name[: -len(suffix)])
                break
        yield stem, STRICT
        for suffix in ("省", "市", "自治区"):
            yield stem + suffix, STRICT
        return
    stem, short, old = _stem(name, row.level)
    if len(stem) < 2:
        return
    for suffixes, trust in ((short, STRICT), (old, OLD)):
        for suffix in suffixes:
            if stem + suffix != name:
                yield stem + suffix, trust
    yield stem, BARE


def _stem(name: str, level: int) -> tuple[str, tuple[str, ...], tuple[str, ...]]:
    """The distinctive part of a city or county name, its short suffixes and its old ones."""
    if level == CITY:
        if name.endswith("自治州"):
            return strip_ethnic(name[:-3]), ("州", "自治州"), ()
        for suffix in ("地区", "市", "盟"):
            if name.endswith(suffix):
                # 地区 -> 市 conversions are common (定西地区 is now 定西市).
                return name[: -len(suffix)], (), ("市", "地区")
        return name, (), ()
    assert level == COUNTY
    if name.endswith(("自治县", "自治旗")):
        kind = name[-1]
        return strip_ethnic(name[:-3]), (kind, "自治" + kind), ()
    for suffix in ("林区", "特区", "新区", "区", "县", "市", "旗"):
        if name.endswith(suffix):
            if suffix in ("林区", "特区", "新区"):
                return name[: -len(suffix)], (), ()
            # 县 -> 区/市 conversions keep the stem (华亭县 -> 华亭市, 武都县 -> 武都区).
            return name[: -len(suffix)], (), ("县", "区", "市")
    return name, (), ()


# Address prefixes that mark a foreign applicant. Matched at the start of the address only:
# Chinese addresses name streets after countries too (美国大道 would be mid-address).
FOREIGN_PREFIXES: tuple[str, ...] = tuple(
    """美国 美利坚合众国 日本 韩国 大韩民国 朝鲜 德国 德意志联邦共和国 法国 法兰西 英国 英格兰
    苏格兰 威尔士 北爱尔兰 大不列颠 瑞士 瑞典 荷兰 意大利 加拿大 澳大利亚 澳洲 新西兰 新加坡
    以色列 芬兰 丹麦 比利时 奥地利 塞舌尔 开曼 英属 荷属 法属 美属 维尔京群岛 维京群岛 百慕大
    卢森堡 印度 印尼 西班牙 葡萄牙 爱尔兰 挪威 冰岛 希腊 俄罗斯 乌克兰 白俄罗斯 波兰 捷克
    斯洛伐克 斯洛文尼亚 匈牙利 罗马尼亚 保加利亚 塞尔维亚 克罗地亚 立陶宛 拉脱维亚 爱沙尼亚
    摩纳哥 列支敦士登 安道尔 马耳他 塞浦路斯 直布罗陀 土耳其 伊朗 伊拉克 沙特 阿联酋
    阿拉伯联合酋长国 卡塔尔 科威特 巴林 阿曼 约旦 黎巴嫩 埃及 南非 尼日利亚 肯尼亚 摩洛哥
    突尼斯 阿尔及利亚 埃塞俄比亚 巴基斯坦 孟加拉 斯里兰卡 尼泊尔 哈萨克斯坦 乌兹别克斯坦
    吉尔吉斯斯坦 塔吉克斯坦 土库曼斯坦 阿富汗 蒙古国 越南 老挝 柬埔寨 泰国 缅甸 马来西亚
    菲律宾 文莱 墨西哥 巴西 阿根廷 智利 秘鲁 哥伦比亚 委内瑞拉 乌拉圭 巴拉圭 厄瓜多尔
    玻利维亚 古巴 巴拿马 哥斯达黎加 波多黎各 巴巴多斯 巴哈马 萨摩亚 毛里求斯 马绍尔群岛
    安圭拉 伯利兹 库拉索 根西 泽西 马恩岛 格鲁吉亚 亚美尼亚 阿塞拜疆 摩尔多瓦 欧洲""".split()
)

# First two digits of a postcode -> province (public postcode allocation). Only used to choose
# between same-named regions and as a last resort when the address names no region at all.
POSTCODE_PROVINCES: dict[str, str] = {
    **dict.fromkeys(("01", "02"), "15"),
    **dict.fromkeys(("03", "04"), "14"),
    **dict.fromkeys(("05", "06", "07"), "13"),
    "10": "11",
    **dict.fromkeys(("11", "12"), "21"),
    "13": "22",
    **dict.fromkeys(("15", "16"), "23"),
    "20": "31",
    **dict.fromkeys(("21", "22"), "32"),
    **dict.fromkeys(("23", "24"), "34"),
    **dict.fromkeys(("25", "26", "27"), "37"),
    "30": "12",
    **dict.fromkeys(("31", "32"), "33"),
    **dict.fromkeys(("33", "34"), "36"),
    **dict.fromkeys(("35", "36"), "35"),
    "40": "50",
    **dict.fromkeys(("41", "42"), "43"),
    **dict.fromkeys(("43", "44"), "42"),
    **dict.fromkeys(("45", "46", "47"), "41"),
    **dict.fromkeys(("51", "52"), "44"),
    **dict.fromkeys(("53", "54"), "45"),
    **dict.fromkeys(("55", "56"), "52"),
    "57": "46",
    **dict.fromkeys(("61", "62", "63", "64"), "51"),
    **dict.fromkeys(("65", "66", "67"), "53"),
    **dict.fromkeys(("71", "72"), "61"),
    **dict.fromkeys(("73", "74"), "62"),
    "75": "64",
    "81": "63",
    **dict.fromkeys(("83", "84"), "65"),
    "85": "54",
}

# Longer postcode prefixes, looked up before the two-digit table: Gansu cities (the deployment
# province, so a name-less address still reaches its city) and the places whose mail is routed
# through a neighbouring province's postcodes. The Inner Mongolia entries matter: 额济纳旗
# (7354xx) and 阿拉善右旗 (7373xx) use Gansu-looking postcodes but are not in Gansu.
POSTCODE_PREFIXES: dict[str, str] = {
    "7300": "620100",
    "7301": "620100",
    "7302": "620100",
    "7303": "620100",
    "7304": "620400",
    "7306": "620400",
    "7307": "620400",
    "7309": "620400",  # 景泰 靖远 会宁 白银
    "7305": "621100",  # 临洮
    "731": "622900",  # 临夏州
    "733": "620600",  # 武威
    "734": "620700",  # 张掖
    "735": "620900",  # 酒泉
    "7351": "620200",  # 嘉峪关
    "7354": "152923",  # 额济纳旗 (内蒙古)
    "736": "620900",  # 瓜州 敦煌 肃北 阿克塞
    "737": "620300",  # 金昌
    "7373": "152922",  # 阿拉善右旗 (内蒙古)
    "741": "620500",  # 天水
    "742": "621200",  # 陇南: 西和 礼县 徽县 两当 成县
    "743": "621100",  # 定西
    "7434": "620800",  # 静宁 (平凉)
    "744": "620800",  # 平凉
    "7445": "621000",  # 镇原 (庆阳)
    "745": "621000",  # 庆阳
    "746": "621200",  # 陇南
    "7463": "623000",  # 舟曲 (甘南)
    "747": "623000",  # 甘南
    "748": "621100",  # 定西: 陇西 渭源 漳县 岷县
    "7503": "152921",  # 阿拉善左旗 (内蒙古)
    "1374": "152200",  # 兴安盟 (内蒙古): 乌兰浩特 科右前旗
    "1375": "152200",  # 突泉
    "1376": "152200",  # 扎赉特旗
    "1378": "152200",  # 阿尔山
    "1626": "150700",  # 扎兰屯 (呼伦贝尔, 内蒙古)
    "1627": "150700",  # 阿荣旗
    "1628": "150700",  # 莫力达瓦旗
    "1654": "150700",  # 鄂伦春旗 大杨树
    "2024": "330900",  # 嵊泗 (舟山, 浙江)
}


def postcode_region(postcode: str | None) -> str | None:
    """The region a six-digit postcode points to (a city for Gansu, else a province)."""
    if not postcode or len(postcode) != 6 or not postcode.isdigit():
        return None
    for n in (4, 3):
        code = POSTCODE_PREFIXES.get(postcode[:n])
        if code is not None:
            return code
    province = POSTCODE_PROVINCES.get(postcode[:2])
    return province + "0000" if province else None
