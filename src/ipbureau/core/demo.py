"""Demo data: a deterministic, realistic Gansu patent record set, and `demo_build` which
imports it and creates demo logins.

The generator writes the project's canonical CSV (see `ipbureau.patents.readers`), so the
demo goes through exactly the import path real exports take: validation, applicant
deduplication and region placement by the resolver from the first applicant's address and
postcode. That is why the CSV carries no province/city/county columns: placement from the
address is the part worth demonstrating.

Shape of the data (figures from the Gansu IP bureau's work-conference reports, 2008 era):
Lanzhou files well over half of the province's applications, followed by Tianshui, then the
industrial cities whose filings come from one big state enterprise (Jinchuan in Jinchang,
JISCO in Jiayuguan, Baiyin Nonferrous); applications grow ~20% a year; about 60% are filed
through agencies (the 2008 report: 62%); utility models dominate, inventions come mostly
from universities and CAS institutes, designs from enterprises and individuals.

Everything depends on `seed` alone: one `random.Random`, fixed years, no clock, no set or
hash ordering. Same seed and parameters → byte-identical file.
"""

from __future__ import annotations

import csv
import random
import tempfile
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from ipbureau.patents.numbers import check_character

__all__ = [
    "CSV_FIELDS",
    "DEMO_PASSWORD",
    "DEMO_USERS",
    "DemoUser",
    "demo_build",
    "demo_rows",
    "write_demo_csv",
]

DEFAULT_COUNT = 30000
DEFAULT_SEED = 2008
DEFAULT_FIRST_YEAR = 2005
DEFAULT_LAST_YEAR = 2012
DEFAULT_GROWTH = 0.20

CSV_FIELDS = (
    "application_number", "filing_date", "patent_type", "title", "applicants", "inventors",
    "address", "postcode", "agency", "agents", "ipc_main", "ipc", "publication_number",
    "publication_date", "grant_number", "grant_date", "legal_status", "abstract",
)  # fmt: skip

DEMO_PASSWORD = "ipbureau-demo"


@dataclass(frozen=True)
class DemoUser:
    username: str
    role: str  # accounts.models.Role value
    region: str | None
    label: str
    superuser: bool = False


DEMO_USERS: tuple[DemoUser, ...] = (
    DemoUser("admin", "admin", None, "系统管理员", superuser=True),
    DemoUser("sheng", "province", "620000", "省局工作人员"),
    DemoUser("lanzhou", "local", "620100", "兰州市局工作人员"),
    DemoUser("tianshui", "local", "620500", "天水市局工作人员"),
    DemoUser("chengguan", "local", "620102", "城关区局工作人员"),
    DemoUser("lingdao", "leader", "620000", "领导（只读）"),
)

# The reference tables below are laid out by hand, one entry per line or row, so that
# they read as tables; the formatter would explode them into one value per line.
# fmt: off
# --- geography --------------------------------------------------------------------------

# city code → (name as written in addresses, short form used in company names and in the
# 州 abbreviations, share of the province's applications in %, main postcode).
# Shares follow the order the speeches rank the cities in.
CITIES: dict[str, tuple[str, str, float, str]] = {
    "6201": ("兰州市", "兰州", 57.0, "730000"),
    "6205": ("天水市", "天水", 8.0, "741000"),
    "6204": ("白银市", "白银", 5.0, "730900"),
    "6209": ("酒泉市", "酒泉", 4.5, "735000"),
    "6203": ("金昌市", "金昌", 4.5, "737100"),
    "6207": ("张掖市", "张掖", 3.5, "734000"),
    "6210": ("庆阳市", "庆阳", 3.5, "745000"),
    "6202": ("嘉峪关市", "嘉峪关", 3.0, "735100"),
    "6208": ("平凉市", "平凉", 3.0, "744000"),
    "6206": ("武威市", "武威", 2.5, "733000"),
    "6211": ("定西市", "定西", 2.0, "743000"),
    "6212": ("陇南市", "陇南", 1.5, "746000"),
    "6229": ("临夏回族自治州", "临夏", 1.0, "731100"),
    "6230": ("甘南藏族自治州", "甘南", 0.5, "747000"),
}
# How exports abbreviate the autonomous prefectures (临夏州, 甘南州).
CITY_SHORT_FORMS = {"6229": "临夏州", "6230": "甘南州"}

# county code → (name, short form or "", postcode, weight within its city, local streets).
# Weights put most filings in the urban districts. 华亭 was a county (华亭县) in the years the
# demo covers and addresses of the time say so; GB/T 2260 now lists 华亭市.
COUNTIES: dict[str, tuple[str, str, str, float, tuple[str, ...]]] = {
    "620102": ("城关区", "", "730030", 45, (
        "天水南路", "天水北路", "东岗西路", "东岗东路", "庆阳路", "张掖路", "酒泉路", "中山路",
        "皋兰路", "南昌路", "雁滩路", "雁园路", "嘉峪关西路", "白银路", "静宁路", "平凉路",
        "民主东路", "火车站东路", "读者大道", "北滨河东路", "南滨河东路", "段家滩路", "张苏滩")),
    "620103": ("七里河区", "", "730050", 18, (
        "西津西路", "西津东路", "敦煌路", "建兰路", "兰工坪路", "秀川路", "小西湖东街",
        "五里铺", "彭家坪路", "南滨河中路", "晏家坪")),
    "620104": ("西固区", "", "730060", 10, (
        "福利西路", "福利东路", "西固中路", "玉门街", "合水路", "环行东路", "陈坪街",
        "西柳沟街", "山丹街", "临洮街")),
    "620105": ("安宁区", "", "730070", 15, (
        "安宁西路", "安宁东路", "北滨河西路", "银滩路", "刘家堡街", "十里店", "培黎街",
        "枣林路", "莫高大道", "万新路")),
    "620111": ("红古区", "", "730084", 2, ("海石湾镇平安路", "海石湾镇华龙街", "窑街街道")),
    "620121": ("永登县", "", "730300", 2.5, ("城关镇", "河桥镇", "连城镇", "中堡镇", "苦水镇")),
    "620122": ("皋兰县", "", "730200", 1.5, ("石洞镇", "忠和镇", "水阜镇")),
    "620123": ("榆中县", "", "730100", 4, ("城关镇", "和平镇", "定远镇", "夏官营镇", "金崖镇")),
    "620171": ("兰州新区", "", "730314", 2, ("中川镇", "秦川镇", "纬一路", "经三路", "黄河大道")),
    "620201": ("", "", "735100", 1, (
        "雄关东路", "新华中路", "五一路", "兰新西路", "迎宾路", "建设东路", "胜利路")),
    "620302": ("金川区", "", "737100", 85, (
        "北京路", "金川路", "新华路", "上海路", "建设路", "公园路")),
    "620321": ("永昌县", "", "737200", 15, ()),
    "620402": ("白银区", "", "730900", 60, (
        "人民路", "友好路", "北京路", "诚信大道", "南环路", "银光路")),
    "620403": ("平川区", "", "730913", 12, ("兴平路", "新区大道")),
    "620421": ("靖远县", "", "730600", 12, ()),
    "620422": ("会宁县", "", "730700", 8, ()),
    "620423": ("景泰县", "", "730400", 8, ()),
    "620502": ("秦州区", "", "741000", 50, (
        "民主西路", "解放路", "建设路", "藉河南路", "岷山路", "双桥路", "青年北路", "大众路")),
    "620503": ("麦积区", "", "741020", 25, ("桥南", "陇昌路", "渭滨北路", "商埠路", "花牛路")),
    "620521": ("清水县", "", "741400", 4, ()),
    "620522": ("秦安县", "", "741600", 6, ()),
    "620523": ("甘谷县", "", "741200", 7, ()),
    "620524": ("武山县", "", "741300", 5, ()),
    "620525": ("张家川回族自治县", "张家川县", "741500", 3, ()),
    "620602": ("凉州区", "", "733000", 70, ("东大街", "南大街", "北关中路", "西关街", "海藏路")),
    "620621": ("民勤县", "", "733300", 12, ()),
    "620622": ("古浪县", "", "733100", 8, ()),
    "620623": ("天祝藏族自治县", "天祝县", "733200", 10, ()),
    "620702": ("甘州区", "", "734000", 60, ("县府街", "北环路", "青年西街", "南环路", "马神庙街")),
    "620721": ("肃南裕固族自治县", "肃南县", "734400", 3, ()),
    "620722": ("民乐县", "", "734500", 9, ()),
    "620723": ("临泽县", "", "734200", 10, ()),
    "620724": ("高台县", "", "734300", 9, ()),
    "620725": ("山丹县", "", "734100", 9, ()),
    "620802": ("崆峒区", "", "744000", 50, ("西大街", "东大街", "新民路", "宝塔路")),
    "620821": ("泾川县", "", "744300", 9, ()),
    "620822": ("灵台县", "", "744400", 6, ()),
    "620823": ("崇信县", "", "744200", 5, ()),
    "620825": ("庄浪县", "", "744600", 10, ()),
    "620826": ("静宁县", "", "743400", 10, ()),
    "620881": ("华亭县", "", "744100", 10, ()),
    "620902": ("肃州区", "", "735000", 50, ("北大街", "东大街", "西大街", "南大街", "富康路")),
    "620921": ("金塔县", "", "735300", 7, ()),
    "620922": ("瓜州县", "", "736100", 7, ()),
    "620923": ("肃北蒙古族自治县", "肃北县", "736300", 2, ()),
    "620924": ("阿克塞哈萨克族自治县", "阿克塞县", "736400", 2, ()),
    "620981": ("玉门市", "", "735200", 17, ()),
    "620982": ("敦煌市", "", "736200", 15, ("阳关中路", "鸣山路")),
    "621002": ("西峰区", "", "745000", 50, ("南大街", "北大街", "九龙路", "庆化路", "兰州路")),
    "621021": ("庆城县", "", "745100", 18, ()),
    "621022": ("环县", "", "745700", 8, ()),
    "621023": ("华池县", "", "745600", 6, ()),
    "621024": ("合水县", "", "745400", 5, ()),
    "621025": ("正宁县", "", "745300", 4, ()),
    "621026": ("宁县", "", "745200", 5, ()),
    "621027": ("镇原县", "", "744500", 4, ()),
    "621102": ("安定区", "", "743000", 40, ("永定路", "安定路", "新城大道", "交通路", "中华路")),
    "621121": ("通渭县", "", "743300", 8, ()),
    "621122": ("陇西县", "", "748100", 18, ()),
    "621123": ("渭源县", "", "748200", 6, ()),
    "621124": ("临洮县", "", "730500", 16, ()),
    "621125": ("漳县", "", "748300", 4, ()),
    "621126": ("岷县", "", "748400", 8, ()),
    "621202": ("武都区", "", "746000", 40, ("钟楼街", "北山路", "长江大道", "东江镇")),
    "621221": ("成县", "", "742500", 15, ()),
    "621222": ("文县", "", "746400", 7, ()),
    "621223": ("宕昌县", "", "748500", 6, ()),
    "621224": ("康县", "", "746500", 6, ()),
    "621225": ("西和县", "", "742100", 8, ()),
    "621226": ("礼县", "", "742200", 8, ()),
    "621227": ("徽县", "", "742300", 8, ()),
    "621228": ("两当县", "", "742400", 2, ()),
    "622901": ("临夏市", "", "731100", 55, ("红园路", "团结路", "解放路", "前河沿路", "新华街")),
    "622921": ("临夏县", "", "731800", 10, ()),
    "622922": ("康乐县", "", "731500", 7, ()),
    "622923": ("永靖县", "", "731600", 10, ()),
    "622924": ("广河县", "", "731300", 7, ()),
    "622925": ("和政县", "", "731200", 5, ()),
    "622926": ("东乡族自治县", "东乡县", "731400", 3, ()),
    "622927": ("积石山保安族东乡族撒拉族自治县", "积石山县", "731700", 3, ()),
    "623001": ("合作市", "", "747000", 45, ("当周街", "人民街", "伊哇路", "香巴拉路")),
    "623021": ("临潭县", "", "747500", 10, ()),
    "623022": ("卓尼县", "", "747600", 10, ()),
    "623023": ("舟曲县", "", "746300", 8, ()),
    "623024": ("迭部县", "", "747400", 5, ()),
    "623025": ("玛曲县", "", "747300", 6, ()),
    "623026": ("碌曲县", "", "747200", 5, ()),
    "623027": ("夏河县", "", "747100", 11, ()),
}
NEW_AREA_CODE = "620171"  # 兰州新区: founded 2012, no addresses before
NEW_AREA_YEAR = 2012

# Rural address parts. None of them contains a Gansu city or county name, so they never
# point the resolver anywhere by accident (the deliberate traps are the named streets above,
# like 兰州市城关区天水南路, which real addresses contain).
GENERIC_STREETS = (
    "人民路", "解放路", "建设路", "新华路", "东大街", "西大街", "南大街", "北大街", "中山路",
    "团结路", "文化路", "育才路", "胜利路", "滨河路", "新民路", "向阳路", "工农路", "幸福路",
)  # fmt: skip
GENERIC_TOWNS = ("城关镇", "新城镇", "东关街道", "南关街道", "北关街道", "西关街道")
VILLAGE_SUFFIXES = "湾沟坪庄岔堡台河"

# --- people -----------------------------------------------------------------------------

SURNAMES = (
    "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董程曹袁邓许傅沈曾彭吕苏卢蒋"
    "蔡贾丁魏薛叶阎余潘杜戴夏汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万"
    "段钱汤尹黎易常武乔贺赖龚文牛雒豆把巩令狐"
)
# Surnames that are frequent in the north-west; 马, 穆, 韩 above all among the Hui of 临夏.
NW_SURNAMES = "马王张李刘赵杨牛何魏"
HUI_SURNAMES = "马穆韩妥喇冶马马"
GIVEN_CHARS = (
    "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰文辉鹏斌宏林峰亮红海燕晓东波春雪梅"
    "琴云龙飞建国志忠德福生荣成永喜宝虎振兴学江利军庆瑞鑫立新卫民锋彬俊凯佳晶蕾琳婷丹萍莉"
)
TIBETAN_NAMES = (
    "扎西", "卓玛", "才让", "多杰", "拉毛", "尕藏", "东主", "措", "加措", "旦正", "仁青",
    "索南", "桑吉", "贡保", "草", "吉", "当周", "华旦",
)  # fmt: skip

# --- technical fields: vocabulary for titles, abstracts and classification ------------------


@dataclass(frozen=True)
class Field:
    subjects: tuple[str, ...]  # what an invention is about
    processes: tuple[str, ...]  # what an invention does to it
    devices: tuple[str, ...]  # what a utility model is
    ipc: tuple[str, ...]
    effect: str  # the abstract's closing sentence


FIELDS: dict[str, Field] = {
    "metallurgy": Field(
        ("高冰镍", "电解镍", "硫酸镍", "镍钴合金粉", "铜镍硫化矿", "低品位红土镍矿", "铂族金属富集物",
         "羰基镍粉", "硫酸钴", "阴极铜", "含砷烟尘", "锌浸出渣", "铅冰铜", "稀土镁合金"),
        ("浸出", "萃取分离", "电解精炼", "焙烧", "回收", "提纯", "除杂", "熔炼"),
        ("电解槽阴极板", "闪速炉精矿喷嘴", "浸出搅拌槽", "转炉烟罩", "镍电解隔膜袋", "矿浆取样装置",
         "阳极泥过滤装置", "冶金炉渣粒化装置"),
        ("C22B23/00", "C22B3/08", "C22B15/00", "C25C1/08", "C22B7/00", "C22B11/00", "C22C19/03",
         "B22F9/24", "C01G53/10", "F27D17/00"),
        "金属回收率高，能耗低，适于工业化生产",
    ),
    "steel": Field(
        ("低合金高强度钢", "不锈钢冷轧板", "高炉球团矿", "铁水预处理脱硫剂", "转炉钢渣", "镜铁矿",
         "电工钢", "碳素结构钢盘条"),
        ("冶炼", "轧制", "热处理", "焙烧", "脱硫", "精炼", "连铸"),
        ("高炉风口", "连铸结晶器", "轧辊冷却装置", "带钢纠偏装置", "烧结机台车", "钢包烘烤器",
         "转炉挡渣装置", "焦炉上升管"),
        ("C21B5/00", "C21C7/064", "C21D8/02", "C22C38/02", "B21B45/02", "B22D11/16", "C22B1/24",
         "F27B3/10"),
        "产品质量稳定，生产成本明显降低",
    ),
    "chemistry": Field(
        ("纳米二氧化钛光催化剂", "离子液体润滑剂", "聚氨酯弹性体", "有机硅改性丙烯酸树脂",
         "负载型钯催化剂", "石墨烯复合材料", "含氟聚合物薄膜", "碳纳米管", "分子筛催化剂",
         "高分子水凝胶", "类金刚石碳膜", "固体润滑涂层"),
        ("合成", "制备", "改性", "催化氧化", "分离纯化", "表面处理"),
        ("微型反应釜", "固定床反应器", "摩擦磨损试验机夹具", "旋转蒸发装置", "真空镀膜样品架",
         "气相色谱进样装置"),
        ("B01J23/44", "B01J21/06", "C07C51/16", "C07D213/00", "C08F220/18", "C08L75/04",
         "C10M169/04", "C01B31/02", "C23C14/06", "C09D133/00"),
        "原料易得，反应条件温和，产物性能优良",
    ),
    "nuclear": Field(
        ("重离子束流", "加速器高频腔", "放射性束", "辐射剂量", "重离子束辐照诱变育种", "闪烁体材料",
         "核径迹膜"),
        ("测量", "控制", "制备", "诊断", "调节"),
        ("束流位置探测器", "法拉第筒", "真空靶室", "闪烁体探测器支架", "磁铁电源", "剂量仪"),
        ("H05H7/00", "H05H13/04", "A61N5/10", "G01T1/29", "G21K1/00", "H01J37/317", "G01T3/00"),
        "测量精度高，响应快，运行稳定可靠",
    ),
    "environment": Field(
        ("沙障", "冻土路基", "土壤水分", "风沙流", "积雪", "冰川", "盐渍土", "降水量"),
        ("监测", "测定", "防治", "固定", "修复", "评估"),
        ("集沙仪", "土壤水分传感器", "积雪深度测量仪", "冻土温度监测装置", "降尘采样器",
         "草方格铺设机", "冰川消融测量花杆"),
        ("E02D3/115", "G01N33/24", "G01W1/14", "E01F7/02", "A01G23/00", "C02F1/28", "G01N1/22",
         "E02B11/00"),
        "结构简单，野外使用方便，数据准确",
    ),
    "agriculture": Field(
        ("马铃薯脱毒种薯", "旱地全膜双垄沟播玉米", "百合", "当归", "苹果", "牛羊复合饲料",
         "苜蓿青贮", "生物有机肥", "胡麻", "中药材种苗", "牦牛", "藏羊"),
        ("栽培", "繁育", "种植", "防治", "贮藏", "加工"),
        ("全膜双垄沟播覆膜机", "马铃薯挖掘机", "旱地播种机", "残膜回收机", "温室大棚卷帘机",
         "果树修剪器", "中药材挖掘犁", "牛羊饲喂槽"),
        ("A01B49/04", "A01C7/00", "A01G13/02", "A01G17/00", "A01H4/00", "A23K1/18", "A01D25/04",
         "C05G3/00", "A01N43/90", "A01D17/00"),
        "节水增产效果明显，适合西北干旱地区推广",
    ),
    "machinery": Field(
        ("数控机床主轴", "齿轮", "石油钻机井架", "板式换热器", "压力容器", "大型锻件", "轴承"),
        ("加工", "制造", "装配", "检测", "焊接"),
        ("数控车床刀架", "卧式加工中心", "液压夹具", "减速机", "钻机绞车", "板式换热器",
         "轧机油膜轴承", "阀门", "齿轮泵", "自动上料机构", "起重机吊钩", "过滤器"),
        ("B23Q1/25", "B23B29/24", "B23K37/04", "F16H1/28", "E21B15/00", "F28D9/00", "B21J5/00",
         "F16K1/22", "B66C1/34", "B24B41/06", "B01D29/00"),
        "结构紧凑，加工精度高，使用寿命长",
    ),
    "petroleum": Field(
        ("压裂液", "低渗透油藏", "油田采出水", "原油降凝剂", "钻井液", "催化裂化汽油", "聚丙烯"),
        ("开采", "处理", "加工", "调剖", "堵水", "脱硫"),
        ("抽油机", "井口防喷器", "油管扶正器", "采油树", "分层注水封隔器", "储油罐呼吸阀",
         "加热炉燃烧器"),
        ("E21B43/26", "E21B33/12", "C09K8/68", "C10G45/02", "E21B43/20", "C02F9/04", "C08F10/06",
         "F17D1/02"),
        "施工简便，提高了采收率，降低了作业成本",
    ),
    "electrical": Field(
        ("集成电路封装", "芯片", "引线框架", "真空灭弧室", "高压开关柜", "电力电缆"),
        ("封装", "测试", "制造", "控制"),
        ("高压开关柜", "真空断路器", "隔离开关操动机构", "集成电路封装引线框架", "配电箱",
         "智能电表箱", "电缆分支箱", "光伏支架", "风电变桨控制柜", "低压抽屉柜"),
        ("H01L23/495", "H01L21/56", "H01H33/66", "H02B1/30", "H02J3/38", "H01H31/00",
         "H01L31/042", "H02B13/035", "G01R31/28"),
        "安全可靠，便于安装维护",
    ),
    "railway": Field(
        ("铁路路基", "道岔", "列车运行", "隧道衬砌", "接触网", "桥梁"),
        ("检测", "控制", "监测", "施工"),
        ("道岔转辙机", "轨道检测小车", "接触网检修装置", "列车轴温监测装置", "隧道通风装置",
         "铁路防沙栅栏", "信号机"),
        ("B61L23/04", "E01B7/00", "B61K9/08", "E21D11/10", "B60M1/12", "G01M17/08", "E01F7/02",
         "B61L27/00"),
        "提高了行车安全性，维护工作量小",
    ),
    "medicine": Field(
        ("当归提取物", "黄芪多糖", "党参", "甘草酸", "治疗胃病的中药组合物", "治疗风湿的药酒",
         "六味地黄丸", "兽用疫苗", "口蹄疫灭活疫苗", "牛羊驱虫药"),
        ("制备", "提取", "检测", "质量控制"),
        ("输液架", "医用护理床", "骨科牵引架", "引流袋", "针灸针盒", "煎药机", "婴儿保温箱",
         "医用担架"),
        ("A61K36/232", "A61K36/481", "A61P1/04", "A61K39/135", "A61G7/05", "A61M5/14",
         "A61F5/04", "A61H39/08", "A61J3/00", "A61K9/20"),
        "疗效确切，毒副作用小，质量可控",
    ),
    "food": Field(
        ("马铃薯全粉", "牛肉拉面专用粉", "百合粉", "苦荞茶", "黄酒", "葡萄酒", "花椒油", "枸杞果汁",
         "牦牛酸奶", "浆水"),
        ("制备", "加工", "酿造", "保鲜"),
        ("拉面机", "粉丝烘干机", "酿酒蒸馏器", "花椒筛选机", "面条成型机"),
        ("A23L1/216", "A21D13/00", "C12G1/00", "A23F3/34", "A23C9/12", "A23L1/22", "A23B7/02",
         "C12G3/04", "A21C11/00"),
        "风味独特，营养丰富，保质期长",
    ),
    "construction": Field(
        ("保温砌块", "混凝土外加剂", "轻质隔墙板", "黄土地基", "窑洞", "装配式墙体"),
        ("施工", "加固", "处理", "制备"),
        ("脚手架扣件", "模板支撑", "太阳能集热墙", "节能门窗", "建筑垃圾破碎机", "保温墙板"),
        ("E04B1/76", "E04G7/12", "C04B28/04", "E02D3/08", "E04F13/08", "E04C2/28", "E06B3/66",
         "B28B1/00"),
        "施工方便，保温节能，造价低",
    ),
    "daily": Field(
        ("太阳能热水器", "节能燃煤炉", "防伪包装", "保温材料"),
        ("制作", "加工", "使用"),
        ("太阳灶", "节能炉", "多功能拐杖", "可折叠晾衣架", "防盗门锁", "节水水龙头", "儿童安全座椅",
         "暖气片", "保温饭盒", "手推车", "多功能工具箱"),
        ("F24J2/02", "F24B1/18", "A45B1/00", "D06F57/12", "E05B17/00", "E03C1/04", "A47J41/00",
         "B62B1/00", "A47G25/00", "B65D81/38"),
        "结构简单，使用方便，成本低廉",
    ),
    "education": Field(
        ("教学评价", "实验教学", "财务数据处理", "物理演示"),
        ("管理", "处理", "演示", "评价"),
        ("教学演示装置", "物理实验仪", "多媒体讲台", "财务票据整理装置", "可调式画架", "书写板"),
        ("G09B23/18", "G09B5/00", "G06Q40/00", "G06F17/30", "A63B71/00", "B43L1/00"),
        "直观形象，便于学生理解和操作",
    ),
    "it": Field(
        ("数据加密", "图像识别", "无线传感网络", "电力负荷预测"),
        ("处理", "传输", "识别", "预测"),
        ("无线数据采集终端", "监控摄像装置", "智能电表", "读卡器"),
        ("G06F17/30", "H04L29/06", "G06K9/62", "H04W84/18", "G06Q50/06", "G08B13/196"),
        "实时性好，准确率高，易于推广",
    ),
}

# Designs: product → what it is used for (the 简要说明 says so). Designs carry a Locarno
# class, not an IPC code, and the importer only accepts IPC codes, so the demo leaves the
# classification of designs empty.
DESIGN_PRODUCTS: dict[str, str] = {
    "包装盒": "包装商品", "包装袋": "包装食品", "瓶": "盛装液体", "标贴": "粘贴于商品包装",
    "手提袋": "盛装物品", "灯具": "照明", "椅子": "坐具", "茶几": "放置物品", "地毯": "铺设地面",
    "瓷砖": "装饰墙面和地面", "酒瓶": "盛装白酒", "茶叶罐": "盛装茶叶", "月饼盒": "包装月饼",
    "开关柜": "配电", "机床": "金属切削加工",
}  # fmt: skip
# Local motifs that design titles carry in brackets, e.g. 包装盒（花牛苹果）.
MOTIFS: dict[str, tuple[str, ...]] = {
    "6201": ("牛肉面", "黄河", "百合", "苦水玫瑰", "中山桥"),
    "6202": ("雄关", "长城"),
    "6203": ("紫金花", "镍都"),
    "6204": ("黄河石", "铜城"),
    "6205": ("花牛苹果", "伏羲", "雕漆", "麦积山"),
    "6206": ("马踏飞燕", "皇台", "天马"),
    "6207": ("丹霞", "大佛寺"),
    "6208": ("崆峒", "红牛"),
    "6209": ("敦煌飞天", "夜光杯", "月牙泉"),
    "6210": ("香包", "剪纸", "皮影"),
    "6211": ("马铃薯", "当归", "黄芪"),
    "6212": ("花椒", "橄榄油", "核桃"),
    "6229": ("砖雕", "牛肉", "花儿"),
    "6230": ("唐卡", "洮砚", "牦牛"),
}
LOCAL_DESIGNS: dict[str, tuple[tuple[str, str], ...]] = {
    # City-specific products mixed into that city's designs.
    "6205": (("雕漆屏风", "分隔室内空间"),),
    "6209": (("夜光杯", "饮酒"),),
    "6210": (("香包", "佩戴和装饰"),),
    "6230": (("砚台", "研墨"), ("唐卡画框", "装裱唐卡")),
}
# Industrial applicants design their own products, not gift boxes.
FIELD_DESIGNS: dict[str, tuple[tuple[str, str], ...]] = {
    "electrical": (("开关柜", "配电"), ("配电箱", "配电"), ("电表箱", "安装电能表")),
    "machinery": (("数控车床", "金属切削加工"), ("加工中心", "金属切削加工"), ("减速机", "传动")),
    "petroleum": (("抽油机", "采油"), ("加油机", "加注燃油")),
    "medicine": (("药盒", "包装药品"), ("药瓶", "盛装药品")),
    "food": (("酒瓶", "盛装白酒"), ("包装袋", "包装食品"), ("礼品盒", "包装食品")),
}
GENERIC_MOTIFS = ("1", "2", "3", "豪华型", "简约型", "A型", "B型")

# --- applicants -------------------------------------------------------------------------

UNIVERSITY, INSTITUTE, ENTERPRISE, INDIVIDUAL, PUBLIC_BODY = (
    "university", "institute", "enterprise", "individual", "public_body",
)  # fmt: skip
FOREIGN, OUT_OF_PROVINCE, UNPLACEABLE = "foreign", "out_of_province", "unplaceable"

ZHENHUA = "兰州振华专利代理有限责任公司"
SERVICE_CENTRE = "甘肃省专利服务中心"
ZHONGKE = "兰州中科华西专利代理有限公司"
JINZHIYUAN = "兰州锦知源专利代理事务所"
LZU_OFFICE = "兰州大学专利事务所"
ZHIHE = "兰州智和专利代理事务所（普通合伙）"
TIANSHUI_OFFICE = "天水市专利事务所"
JYG_OFFICE = "嘉峪关市专利事务所"
JIAJIA = "北京集佳知识产权代理有限公司"
TONGDA = "西安通大专利代理有限责任公司"
SANYOU = "北京三友知识产权代理有限公司"
CCPIT = "中国国际贸易促进委员会专利商标事务所"

# name → (weight among Gansu's own filers, first year it files, home city or "").
AGENCIES: dict[str, tuple[float, int, str]] = {
    SERVICE_CENTRE: (25, 0, ""),
    ZHENHUA: (20, 0, ""),
    ZHONGKE: (16, 0, ""),
    JINZHIYUAN: (10, 0, ""),
    LZU_OFFICE: (2, 0, ""),
    ZHIHE: (6, 2011, ""),
    TIANSHUI_OFFICE: (0, 0, "6205"),
    JYG_OFFICE: (0, 0, "6202"),
    JIAJIA: (1, 0, ""),
    TONGDA: (1, 0, ""),
    SANYOU: (0, 0, ""),
    CCPIT: (0, 0, ""),
}
# Share of filings made through an agency, by applicant kind (overall ≈ 60%).
AGENCY_RATE = {
    UNIVERSITY: 0.85, INSTITUTE: 0.9, ENTERPRISE: 0.65, INDIVIDUAL: 0.38, PUBLIC_BODY: 0.5,
    FOREIGN: 1.0, OUT_OF_PROVINCE: 0.7, UNPLACEABLE: 0.3,
}  # fmt: skip
# (invention, utility, design) shares by applicant kind; overall ≈ 30/50/20.
TYPE_MIX = {
    UNIVERSITY: (0.55, 0.40, 0.05),
    INSTITUTE: (0.70, 0.28, 0.02),
    ENTERPRISE: (0.25, 0.50, 0.25),
    INDIVIDUAL: (0.20, 0.55, 0.25),
    PUBLIC_BODY: (0.30, 0.60, 0.10),
}


@dataclass(frozen=True)
class Applicant:
    name: str
    kind: str
    addresses: tuple[str, ...]  # written variants; the first is the usual one
    postcode: str
    fields: tuple[str, ...]
    city: str  # four-digit city code, "" outside Gansu
    agency: str = ""  # preferred agency
    pct: bool = False  # files PCT applications now and then


def _named(
    name: str, kind: str, city: str, addresses: str | tuple[str, ...], postcode: str,
    fields: tuple[str, ...], agency: str = "", pct: bool = False,
) -> Applicant:
    if isinstance(addresses, str):
        addresses = (addresses,)
    return Applicant(name, kind, addresses, postcode, fields, city, agency, pct)


# Real Gansu applicants with their weight inside their city. "*enterprise", "*individual"
# and "*public" stand for the generated ones.
NAMED: dict[str, tuple[tuple[Applicant | str, float], ...]] = {
    "6201": (
        (_named("兰州大学", UNIVERSITY, "6201",
                ("甘肃省兰州市城关区天水南路222号", "甘肃省兰州市天水南路222号"), "730000",
                ("chemistry", "environment", "medicine", "nuclear", "it", "agriculture"),
                LZU_OFFICE, pct=True), 9),
        (_named("兰州理工大学", UNIVERSITY, "6201",
                ("甘肃省兰州市七里河区兰工坪路287号", "甘肃省兰州市兰工坪路287号"), "730050",
                ("machinery", "metallurgy", "electrical", "construction", "chemistry"), ZHENHUA,
                pct=True), 6),
        (_named("兰州交通大学", UNIVERSITY, "6201", "甘肃省兰州市安宁区安宁西路88号", "730070",
                ("railway", "construction", "electrical", "it", "environment"), ZHENHUA), 4),
        (_named("西北师范大学", UNIVERSITY, "6201", "甘肃省兰州市安宁区安宁东路967号", "730070",
                ("chemistry", "education", "agriculture", "it"), SERVICE_CENTRE), 2.5),
        (_named("甘肃农业大学", UNIVERSITY, "6201", "甘肃省兰州市安宁区营门村1号", "730070",
                ("agriculture", "food", "medicine"), SERVICE_CENTRE), 2),
        (_named("西北民族大学", UNIVERSITY, "6201", "甘肃省兰州市城关区西北新村1号", "730030",
                ("medicine", "chemistry", "education")), 0.8),
        (_named("兰州财经大学", UNIVERSITY, "6201", "甘肃省兰州市城关区段家滩496号", "730020",
                ("education", "it")), 0.3),
        (_named("兰州资源环境职业技术学院", UNIVERSITY, "6201", "甘肃省兰州市城关区雁滩路18号",
                "730020", ("environment", "construction", "agriculture")), 0.3),
        (_named("兰州石化职业技术学院", UNIVERSITY, "6201", "甘肃省兰州市西固区山丹街1号", "730060",
                ("petroleum", "chemistry", "machinery")), 0.4),
        (_named("甘肃中医学院", UNIVERSITY, "6201", "甘肃省兰州市城关区定西东路35号", "730000",
                ("medicine",)), 0.6),
        (_named("兰州工业学院", UNIVERSITY, "6201", "甘肃省兰州市七里河区龚家湾1号", "730050",
                ("machinery", "electrical", "construction")), 0.4),
        (_named("中国科学院兰州化学物理研究所", INSTITUTE, "6201",
                ("甘肃省兰州市城关区天水中路18号", "甘肃省兰州市天水中路18号"), "730000",
                ("chemistry",), ZHONGKE, pct=True), 6),
        (_named("中国科学院近代物理研究所", INSTITUTE, "6201", "甘肃省兰州市城关区南昌路509号",
                "730000", ("nuclear", "medicine", "agriculture"), ZHONGKE), 2.5),
        (_named("中国科学院寒区旱区环境与工程研究所", INSTITUTE, "6201",
                "甘肃省兰州市城关区东岗西路320号", "730000",
                ("environment", "construction", "railway"), ZHONGKE), 2),
        (_named("甘肃省农业科学院", INSTITUTE, "6201", "甘肃省兰州市安宁区农科院新村1号", "730070",
                ("agriculture", "food"), SERVICE_CENTRE), 1.5),
        (_named("中国农业科学院兰州兽医研究所", INSTITUTE, "6201",
                "甘肃省兰州市城关区盐场堡徐家坪1号", "730046", ("medicine",), ZHONGKE), 1),
        (_named("中国农业科学院兰州畜牧与兽药研究所", INSTITUTE, "6201",
                "甘肃省兰州市七里河区小西湖硷沟沿335号", "730050", ("medicine", "agriculture"),
                ZHONGKE), 1),
        (_named("甘肃省机械科学研究院", INSTITUTE, "6201", "甘肃省兰州市七里河区晏家坪2号",
                "730050", ("machinery",)), 0.6),
        (_named("甘肃省科学院自然能源研究所", INSTITUTE, "6201", "兰州市城关区段家滩路1号",
                "730000", ("daily", "construction")), 0.4),
        (_named("兰州兰石集团有限公司", ENTERPRISE, "6201", "甘肃省兰州市七里河区西津西路194号",
                "730050", ("machinery", "petroleum"), ZHENHUA), 3),
        (_named("中国石油天然气股份有限公司兰州石化分公司", ENTERPRISE, "6201",
                "甘肃省兰州市西固区玉门街10号", "730060", ("petroleum", "chemistry"),
                SERVICE_CENTRE), 2.5),
        (_named("兰州佛慈制药股份有限公司", ENTERPRISE, "6201", "甘肃省兰州市城关区佛慈大街68号",
                "730046", ("medicine",)), 0.8),
        (_named("兰州长城电工股份有限公司", ENTERPRISE, "6201", "甘肃省兰州市城关区酒泉路28号",
                "730030", ("electrical",)), 0.6),
        (_named("兰州海默科技股份有限公司", ENTERPRISE, "6201", "甘肃省兰州市城关区张苏滩593号",
                "730000", ("petroleum", "it"), ZHENHUA), 0.8),
        (_named("甘肃省电力公司", ENTERPRISE, "6201", "甘肃省兰州市城关区北滨河东路629号",
                "730030", ("electrical", "it")), 1),
        (_named("中铁二十一局集团有限公司", ENTERPRISE, "6201",
                "甘肃省兰州市安宁区北滨河西路1号", "730070", ("construction", "railway")), 0.5),
        (_named("甘肃祁连山水泥集团股份有限公司", ENTERPRISE, "6201",
                "兰州市城关区力行新村3号", "730030", ("construction",)), 0.3),
        (_named("甘肃省人民医院", PUBLIC_BODY, "6201", "甘肃省兰州市城关区东岗西路204号",
                "730000", ("medicine",)), 0.4),
        (_named("兰州大学第一医院", PUBLIC_BODY, "6201", "甘肃省兰州市城关区东岗西路1号",
                "730000", ("medicine",)), 0.4),
        (_named("甘肃省疾病预防控制中心", PUBLIC_BODY, "6201", "甘肃省兰州市城关区东岗东路230号",
                "730000", ("medicine",)), 0.1),
        ("*enterprise", 18), ("*individual", 35), ("*public", 0.3),
    ),
    "6205": (
        (_named("天水华天科技股份有限公司", ENTERPRISE, "6205", "甘肃省天水市秦州区双桥路14号",
                "741000", ("electrical",), ZHENHUA, pct=True), 10),
        (_named("天水星火机床有限责任公司", ENTERPRISE, "6205", "甘肃省天水市秦州区岷山路1号",
                "741000", ("machinery",), TIANSHUI_OFFICE), 5),
        (_named("天水长城开关厂有限公司", ENTERPRISE, "6205", "甘肃省天水市秦州区长城路3号",
                "741000", ("electrical",), TIANSHUI_OFFICE), 4),
        (_named("天水锻压机床（集团）有限公司", ENTERPRISE, "6205", "甘肃省天水市麦积区渭滨北路1号",
                "741020", ("machinery",)), 3),
        (_named("天水二一三电器有限公司", ENTERPRISE, "6205", "甘肃省天水市麦积区商埠路5号",
                "741020", ("electrical",)), 2),
        (_named("天水师范学院", UNIVERSITY, "6205", "甘肃省天水市秦州区藉河南路105号", "741001",
                ("education", "chemistry", "agriculture")), 4),
        (_named("天水市农业科学研究所", INSTITUTE, "6205", "甘肃省天水市秦州区建设路21号",
                "741000", ("agriculture",)), 1),
        ("*enterprise", 25), ("*individual", 45), ("*public", 0.5),
    ),
    "6203": (
        (_named("金川集团股份有限公司", ENTERPRISE, "6203",
                ("甘肃省金昌市金川区金川路98号", "甘肃省金昌市金川路98号"), "737103",
                ("metallurgy", "chemistry", "machinery"), ZHONGKE, pct=True), 65),
        ("*enterprise", 12), ("*individual", 20), ("*public", 0.5),
    ),
    "6202": (
        (_named("酒泉钢铁（集团）有限责任公司", ENTERPRISE, "6202", "甘肃省嘉峪关市雄关东路12号",
                "735100", ("steel", "metallurgy", "machinery"), JYG_OFFICE, pct=True), 55),
        (_named("甘肃酒钢集团宏兴钢铁股份有限公司", ENTERPRISE, "6202",
                "甘肃省嘉峪关市雄关东路12号", "735100", ("steel",), SERVICE_CENTRE), 10),
        ("*enterprise", 12), ("*individual", 22), ("*public", 0.5),
    ),
    "6204": (
        (_named("白银有色集团股份有限公司", ENTERPRISE, "6204", "甘肃省白银市白银区友好路96号",
                "730900", ("metallurgy", "chemistry"), SERVICE_CENTRE), 20),
        (_named("甘肃银光化学工业集团有限公司", ENTERPRISE, "6204", "甘肃省白银市白银区银光路4号",
                "730900", ("chemistry",), ZHONGKE), 12),
        (_named("甘肃稀土新材料股份有限公司", ENTERPRISE, "6204", "甘肃省白银市白银区南环路18号",
                "730900", ("metallurgy", "chemistry")), 5),
        (_named("靖远煤业集团有限责任公司", ENTERPRISE, "6204", "甘肃省白银市平川区兴平路1号",
                "730913", ("machinery",)), 5),
        ("*enterprise", 20), ("*individual", 38), ("*public", 0.5),
    ),
    "6209": (
        (_named("中国石油天然气股份有限公司玉门油田分公司", ENTERPRISE, "6209",
                "甘肃省酒泉市玉门市新市区", "735200", ("petroleum",), SERVICE_CENTRE), 18),
        (_named("酒泉职业技术学院", UNIVERSITY, "6209", "甘肃省酒泉市肃州区解放路1号", "735000",
                ("agriculture", "machinery")), 2),
        (_named("甘肃酒泉奥凯种子机械股份有限公司", ENTERPRISE, "6209",
                "甘肃省酒泉市肃州区富康路9号", "735000", ("agriculture", "machinery")), 4),
        ("*enterprise", 28), ("*individual", 40), ("*public", 0.5),
    ),
    "6207": (
        (_named("河西学院", UNIVERSITY, "6207", "甘肃省张掖市甘州区北环路846号", "734000",
                ("agriculture", "chemistry", "education")), 8),
        (_named("张掖市农业科学研究院", INSTITUTE, "6207", "甘肃省张掖市甘州区县府街2号",
                "734000", ("agriculture",)), 3),
        ("*enterprise", 30), ("*individual", 50), ("*public", 0.5),
    ),
    "6210": (
        (_named("中国石油天然气股份有限公司长庆油田分公司第二采油厂", ENTERPRISE, "6210",
                "甘肃省庆城县马岭镇", "745100", ("petroleum",), TONGDA), 20),
        (_named("陇东学院", UNIVERSITY, "6210", "甘肃省庆阳市西峰区兰州路45号", "745000",
                ("education", "agriculture", "petroleum")), 6),
        ("*enterprise", 25), ("*individual", 45), ("*public", 0.5),
    ),
    "6208": (
        (_named("华亭煤业集团有限责任公司", ENTERPRISE, "6208", "甘肃省平凉市华亭县东华镇",
                "744100", ("machinery",)), 8),
        (_named("平凉市农业科学院", INSTITUTE, "6208", "甘肃省平凉市崆峒区宝塔路3号", "744000",
                ("agriculture",)), 2),
        ("*enterprise", 30), ("*individual", 55), ("*public", 0.5),
    ),
    "6206": (
        (_named("甘肃皇台酒业股份有限公司", ENTERPRISE, "6206", "甘肃省武威市凉州区东大街38号",
                "733000", ("food",)), 5),
        (_named("甘肃省民勤治沙综合试验站", INSTITUTE, "6206", "甘肃省民勤县城关镇", "733300",
                ("environment", "agriculture")), 3),
        ("*enterprise", 30), ("*individual", 55), ("*public", 0.5),
    ),
    "6211": (
        (_named("定西市农业科学研究院", INSTITUTE, "6211", "甘肃省定西市安定区永定路10号",
                "743000", ("agriculture",)), 4),
        ("*enterprise", 30), ("*individual", 55), ("*public", 0.5),
    ),
    "6212": (
        (_named("陇南市经济林研究院", INSTITUTE, "6212", "甘肃省陇南市武都区北山路6号", "746000",
                ("agriculture",)), 3),
        ("*enterprise", 30), ("*individual", 60), ("*public", 0.5),
    ),
    "6229": (("*enterprise", 30), ("*individual", 60), ("*public", 1)),
    "6230": (
        (_named("甘南藏族自治州畜牧科学研究所", INSTITUTE, "6230", "甘肃省甘南州合作市当周街9号",
                "747000", ("agriculture",)), 3),
        ("*enterprise", 25), ("*individual", 60), ("*public", 1),
    ),
}

# Applicants outside Gansu (≈1% of the demo). Some carry Gansu place names on purpose:
# 上海 has a 定西路, 黑龙江 a 甘南县, 陕西 a 陇县; none of them is a Gansu patent.
OUT_OF_PROVINCE_APPLICANTS: tuple[tuple[Applicant, float], ...] = (
    (Applicant("上海瑞丰信息科技有限公司", ENTERPRISE, ("上海市长宁区定西路1100号",), "200050",
               ("it",), ""), 3),
    (Applicant("甘南县丰源农业机械制造有限公司", ENTERPRISE,
               ("黑龙江省齐齐哈尔市甘南县兴十四村",), "162100", ("agriculture",), ""), 3),
    (Applicant("中国石油天然气股份有限公司", ENTERPRISE, ("北京市东城区东直门北大街9号",),
               "100007", ("petroleum",), "", TONGDA), 3),
    (Applicant("西安交通大学", UNIVERSITY, ("陕西省西安市碑林区咸宁西路28号",), "710049",
               ("machinery", "electrical"), "", TONGDA), 2),
    (Applicant("中铁一局集团有限公司", ENTERPRISE, ("陕西省西安市雁塔区雁塔路北段1号",), "710054",
               ("railway", "construction"), "", TONGDA), 1),
    (Applicant("青海盐湖工业股份有限公司", ENTERPRISE, ("青海省格尔木市黄河路28号",), "816000",
               ("chemistry",), ""), 1),
    (Applicant("四川大学", UNIVERSITY, ("四川省成都市一环路南一段24号",), "610065",
               ("chemistry", "medicine"), ""), 1),
    (Applicant("北京中科博远科技有限公司", ENTERPRISE, ("北京市海淀区中关村南大街5号",), "100081",
               ("it", "electrical"), "", JIAJIA), 1),
)
# (address, postcode) homes of individuals from other provinces.
OUT_OF_PROVINCE_HOMES: tuple[tuple[str, str], ...] = (
    ("黑龙江省齐齐哈尔市甘南县甘南镇{n}号", "162100"),
    ("上海市长宁区定西路{n}弄{m}号", "200050"),
    ("陕西省宝鸡市陇县城关镇{n}号", "721200"),
    ("宁夏回族自治区固原市泾源县香水镇{n}号", "756400"),
    ("内蒙古自治区阿拉善盟阿拉善左旗巴彦浩特镇{n}号", "750300"),
    ("新疆维吾尔自治区乌鲁木齐市天山区新华南路{n}号", "830002"),
)
FOREIGN_APPLICANTS: tuple[Applicant, ...] = (
    Applicant("三菱重工业株式会社", ENTERPRISE, ("日本东京都港区港南二丁目16番5号",), "",
              ("machinery",), "", CCPIT, pct=True),
    Applicant("西门子公司", ENTERPRISE, ("德国慕尼黑",), "", ("electrical",), "", CCPIT, pct=True),
    Applicant("巴斯夫欧洲公司", ENTERPRISE, ("德国路德维希港",), "", ("chemistry",), "", SANYOU,
              pct=True),
    Applicant("浦项产业科学研究院", INSTITUTE, ("韩国庆尚北道浦项市",), "", ("steel",), "", SANYOU,
              pct=True),
    Applicant("SANDVIK INTELLECTUAL PROPERTY AB", ENTERPRISE, ("瑞典桑德维肯",), "",
              ("machinery",), "", CCPIT, pct=True),
    Applicant("3M创新有限公司", ENTERPRISE, ("美国明尼苏达州",), "", ("chemistry",), "", SANYOU,
              pct=True),
)
# Addresses no rule can place: they must end up in the review queue.
UNPLACEABLE_ADDRESSES = (
    "", "某某工业园", "高新技术产业开发区创业大厦", "经济技术开发区纬二路", "", "新区科技园",
)  # fmt: skip

# Generated enterprise names: prefix + brand + trade + legal form; the trade decides fields.
BRANDS = (
    "宏达", "金鑫", "华宇", "恒通", "陇原", "祁连", "丝路", "鑫源", "瑞丰", "天成", "中天", "博远",
    "众鑫", "亚峰", "广源", "汇丰", "正业", "荣华", "万通", "腾达", "永盛", "西部", "大地", "金辉",
    "佳园", "昊宇", "长风", "新陇", "三阳", "聚源", "德隆", "富源", "凯达", "盛华", "泰和", "宝丰",
)  # fmt: skip
TRADES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("机械制造", ("machinery",)), ("新材料", ("chemistry", "metallurgy")),
    ("电子科技", ("electrical", "it")), ("生物科技", ("medicine", "agriculture")),
    ("农业科技", ("agriculture",)), ("化工", ("chemistry",)), ("建筑工程", ("construction",)),
    ("食品", ("food",)), ("节能环保科技", ("environment", "daily")), ("药业", ("medicine",)),
    ("矿业", ("metallurgy", "machinery")), ("软件", ("it",)), ("电气", ("electrical",)),
    ("工贸", ("daily", "machinery")), ("石油机械", ("petroleum", "machinery")),
    ("太阳能科技", ("daily", "electrical")),
)  # fmt: skip
LEGAL_FORMS = ("有限公司", "有限公司", "有限责任公司", "股份有限公司")
INDIVIDUAL_FIELDS = (
    "daily", "daily", "machinery", "agriculture", "construction", "medicine", "food", "electrical",
)  # fmt: skip

# --- publication number series -----------------------------------------------------------
# Chinese document numbers grow with the publication date. 9-digit numbers replaced the
# 7-digit ones on 2007-07-01; the kind codes changed on 2010-04-01 (grant C→B, utility Y→U,
# design D→S), and since then an invention's grant keeps its A number.
NINE_DIGITS = date(2007, 7, 1)
NEW_KINDS = date(2010, 4, 1)
# series → ((from date, first number, numbers per day), ...): approximate national rates.
SERIES: dict[str, tuple[tuple[date, int, int], ...]] = {
    "invention": ((date(2004, 1, 1), 1_500_000, 350), (NINE_DIGITS, 101_000_000, 900)),
    "invention_grant": ((NINE_DIGITS, 100_350_000, 600),),
    "utility": ((date(2004, 1, 1), 2_570_000, 300), (NINE_DIGITS, 200_950_000, 450),
                (NEW_KINDS, 201_400_000, 1100)),
    "design": ((date(2004, 1, 1), 3_310_000, 250), (NINE_DIGITS, 300_650_000, 500),
               (NEW_KINDS, 301_160_000, 900)),
}  # fmt: skip

TYPE_DIGITS = {"invention": 1, "utility": 2, "design": 3}
PCT_DIGITS = {"invention": 8, "utility": 9}
STATUS_VALID, STATUS_LAPSED, STATUS_PENDING = "有效", "失效", "审中"
STATUS_REJECTED, STATUS_WITHDRAWN = "驳回", "视为撤回"
# Eventual fate by type: (granted, withdrawn, rejected).
OUTCOMES = {
    "invention": (0.55, 0.30, 0.15),
    "utility": (0.92, 0.05, 0.03),
    "design": (0.95, 0.03, 0.02),
}
# Months have unequal filing volumes: Spring Festival in Jan/Feb, the year-end rush in
# December when the annual targets the speeches talk about fall due.
MONTH_WEIGHTS = (0.7, 0.6, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.1, 1.5)


# fmt: on
# --- the generator ----------------------------------------------------------------------


def _quotas(weights: Sequence[float], total: int, minimum: int = 0) -> list[int]:
    """Split `total` in proportion to `weights` (largest remainder), each at least
    `minimum` when the total allows it: exact counts, so small demos keep the shape."""
    n = len(weights)
    floor = minimum if total >= minimum * n else 0
    rest = total - floor * n
    scale = sum(weights)
    raw = [rest * w / scale for w in weights]
    counts = [int(r) for r in raw]
    by_remainder = sorted(range(n), key=lambda i: (-(raw[i] - counts[i]), i))
    for i in by_remainder[: rest - sum(counts)]:
        counts[i] += 1
    return [c + floor for c in counts]


def _wednesday_on_or_after(d: date) -> date:
    # The gazette appears on Wednesdays: every publication date is one.
    return d + timedelta(days=(2 - d.weekday()) % 7)


@dataclass
class _Record:
    applicant: Applicant
    address: str
    postcode: str
    co_applicants: list[str]
    inventors: list[str]
    patent_type: str
    pct: bool
    filing: date
    title: str
    abstract: str
    ipc: list[str]
    agency: str
    agents: list[str]
    publication: tuple[str, date] | None = None
    grant: tuple[str, date] | None = None
    status: str = STATUS_PENDING
    application_number: str = ""


class _Generator:
    def __init__(
        self, *, count: int, seed: int, first_year: int, last_year: int, growth: float
    ) -> None:
        if count < 1:
            raise ValueError("count must be positive")
        if not 2003 < first_year <= last_year:
            # 12-digit application numbers exist from October 2003.
            raise ValueError("years must satisfy 2004 <= first_year <= last_year")
        self.rng = random.Random(seed)
        self.count = count
        self.years = list(range(first_year, last_year + 1))
        self.growth = growth
        self.cutoff = date(last_year, 12, 31)  # the export is taken at the end of the span
        self.used_numbers: set[str] = set()
        self.agents = {name: self._agent_names() for name in AGENCIES}
        self.enterprises: dict[str, list[Applicant]] = {}
        self.individuals: dict[str, list[Applicant]] = {}
        self.publics: dict[str, list[Applicant]] = {}

    # -- names and places -----------------------------------------------------------------
    def person(self, city: str = "") -> str:
        rng = self.rng
        if city == "6230" and rng.random() < 0.5:
            return "".join(rng.sample(TIBETAN_NAMES, rng.choice((1, 2))))[:4].ljust(2, "吉")
        if city == "6229" and rng.random() < 0.5:
            surname = rng.choice(HUI_SURNAMES)
        elif rng.random() < 0.3:
            surname = rng.choice(NW_SURNAMES)
        else:
            surname = rng.choice(SURNAMES[:-2])  # 令狐 is a two-character surname
            if rng.random() < 0.003:
                surname = "令狐"
        given = "".join(rng.choice(GIVEN_CHARS) for _ in range(rng.choice((1, 2, 2, 2))))
        return surname + given

    def _agent_names(self) -> list[str]:
        return [self.person() for _ in range(self.rng.randint(3, 8))]

    def _county(self, city: str) -> str:
        # Applicants are created once and file for years, so none lives in 兰州新区, which
        # exists only from 2012 on; those come from `_new_area_pool`.
        codes = [c for c in COUNTIES if c[:4] == city and c != NEW_AREA_CODE]
        return self.rng.choices(codes, weights=[COUNTIES[c][3] for c in codes])[0]

    def _street(self, county: str, *, home: bool) -> str:
        rng = self.rng
        streets = COUNTIES[county][4]
        if streets and rng.random() < 0.85:
            street = rng.choice(streets)
            if street.endswith(("镇", "街道")):
                street += rng.choice(GENERIC_STREETS)
        else:
            town = rng.choice(GENERIC_TOWNS)
            if rng.random() < 0.6:
                street = town + rng.choice(GENERIC_STREETS)
            else:
                village = rng.choice(SURNAMES[:40]) + "家" + rng.choice(VILLAGE_SUFFIXES) + "村"
                return f"{town}{village}{rng.randint(1, 180)}号"
        number = f"{street}{rng.randint(1, 999)}号"
        if home and rng.random() < 0.4:
            number += f"{rng.randint(1, 30)}号楼{rng.randint(1, 6)}单元{rng.randint(101, 1802)}室"
        return number

    def gansu_address(self, city: str, *, home: bool, county: str | None = None) -> tuple[str, str]:
        """An address in `city` (in `county` if given) as exports write them, and its
        postcode (sometimes missing)."""
        rng = self.rng
        county = county or self._county(city)
        county_name, county_short, postcode, _, _ = COUNTIES[county]
        city_name = CITIES[city][0]
        street = self._street(county, home=home)
        if city in CITY_SHORT_FORMS and rng.random() < 0.6:
            city_name = CITY_SHORT_FORMS[city]
        if county_short and rng.random() < 0.5:
            county_name = county_short
        style = rng.random()
        if not county_name:  # 嘉峪关: a city without counties
            address = f"甘肃省{city_name}{street}" if style < 0.8 else f"{city_name}{street}"
        elif style < 0.58:
            address = f"甘肃省{city_name}{county_name}{street}"
        elif style < 0.73:
            address = f"{city_name}{county_name}{street}"
        elif style < 0.85 and county_name.endswith(("县", "市")):
            address = f"甘肃省{county_name}{street}"
        elif style < 0.95:
            address = f"甘肃省{city_name}{street}"
            postcode = CITIES[city][3]
        else:
            address = f"甘肃省{city_name}{county_name}{street}"
        if rng.random() < 0.08:
            postcode = ""
        return address, postcode

    # -- applicant pools ---------------------------------------------------------------
    def _enterprise_pool(self, city: str, county: str | None = None) -> list[Applicant]:
        key = county or city
        pool = self.enterprises.get(key)
        if pool is None:
            rng = self.rng
            size = 15 if county else max(8, round(CITIES[city][2] * 6))
            taken = {a.name for p in self.enterprises.values() for a in p}
            names: dict[str, Applicant] = {}
            while len(names) < size:
                home = county or self._county(city)
                r = rng.random()
                county_name = COUNTIES[home][1] or COUNTIES[home][0]
                if r < 0.3:
                    prefix = "甘肃"
                elif r < 0.45 and county_name.endswith("县"):
                    prefix = county_name
                else:
                    prefix = CITIES[city][1]
                trade, fields = rng.choice(TRADES)
                name = f"{prefix}{rng.choice(BRANDS)}{trade}{rng.choice(LEGAL_FORMS)}"
                if name in names or name in taken:
                    continue
                address, postcode = self.gansu_address(city, home=False, county=home)
                names[name] = Applicant(name, ENTERPRISE, (address,), postcode, fields, city)
            pool = self.enterprises[key] = list(names.values())
        return pool

    def _individual_pool(self, city: str) -> list[Applicant]:
        pool = self.individuals.get(city)
        if pool is None:
            # Sized so that most inventors file once or twice and a few file a lot.
            size = max(10, round(self.count * CITIES[city][2] / 100 * 0.35))
            pool = []
            for _ in range(size):
                address, postcode = self.gansu_address(city, home=True)
                fields = tuple(self.rng.sample(INDIVIDUAL_FIELDS, 2))
                pool.append(
                    Applicant(self.person(city), INDIVIDUAL, (address,), postcode, fields, city)
                )
            self.individuals[city] = pool
        return pool

    def _public_pool(self, city: str) -> list[Applicant]:
        pool = self.publics.get(city)
        if pool is None:
            short = CITY_SHORT_FORMS.get(city, CITIES[city][0])
            centre, first_county = CITIES[city][3], next(c for c in COUNTIES if c[:4] == city)
            district = COUNTIES[first_county][0]
            pool = [
                Applicant(f"{short}第一人民医院", PUBLIC_BODY,
                          (f"甘肃省{short}{district}人民路1号",), centre, ("medicine",), city),
                Applicant(f"{short}农业技术推广中心", PUBLIC_BODY,
                          (f"甘肃省{short}{district}建设路8号",), centre, ("agriculture",), city),
            ]  # fmt: skip
            self.publics[city] = pool
        return pool

    def applicant(self, city: str, year: int) -> Applicant:
        rng = self.rng
        entries = NAMED[city]
        choice = rng.choices([e[0] for e in entries], weights=[e[1] for e in entries])[0]
        if isinstance(choice, Applicant):
            return choice
        if choice == "*enterprise":
            # From 2012 some of Lanzhou's new filers are firms settling in 兰州新区.
            new_area = NEW_AREA_CODE[:4] == city and year >= NEW_AREA_YEAR and rng.random() < 0.1
            pool = self._enterprise_pool(city, NEW_AREA_CODE if new_area else None)
        elif choice == "*individual":
            pool = self._individual_pool(city)
        else:
            pool = self._public_pool(city)
        # Zipf-like: a few generated applicants file often, most rarely.
        return pool[min(int(len(pool) * rng.random() ** 1.6), len(pool) - 1)]

    # -- one record ------------------------------------------------------------------------
    def filing_date(self, year: int) -> date:
        rng = self.rng
        month = rng.choices(range(1, 13), weights=MONTH_WEIGHTS)[0]
        days = (date(year + (month == 12), month % 12 + 1, 1) - date(year, month, 1)).days
        d = date(year, month, rng.randint(1, days))
        if d.weekday() >= 5 and rng.random() < 0.85:
            friday = d - timedelta(days=d.weekday() - 4)
            if friday.year == year:
                d = friday
        return d

    def patent_type(self, kind: str) -> str:
        mix = TYPE_MIX.get(kind, TYPE_MIX[ENTERPRISE])
        return self.rng.choices(("invention", "utility", "design"), weights=mix)[0]

    def title_and_text(self, field_name: str, patent_type: str) -> tuple[str, str]:
        rng = self.rng
        f = FIELDS[field_name]
        if patent_type == "invention":
            subject, process = rng.choice(f.subjects), rng.choice(f.processes)
            title = rng.choice((
                f"一种{subject}的{process}方法", f"一种{subject}及其{process}方法",
                f"{subject}的{process}工艺", f"一种用于{subject}{process}的装置及方法",
                f"一种{subject}{process}系统",
            ))  # fmt: skip
            abstract = (
                f"本发明公开了{title.removeprefix('一种')}，属于{subject}{process}技术领域。"
                f"{f.effect}。"
            )
        else:
            device = rng.choice(f.devices)
            title = rng.choice(
                (f"一种{device}", f"{device}", f"一种新型{device}", f"一种可调式{device}")
            )
            abstract = (
                f"本实用新型公开了{title.removeprefix('一种')}，包括主体、连接件和固定装置。"
                f"{f.effect}。"
            )
        return title, abstract

    def design(self, city: str, field_name: str) -> tuple[str, str]:
        rng = self.rng
        if field_name in FIELD_DESIGNS and rng.random() < 0.8:
            products = list(FIELD_DESIGNS[field_name])
        else:
            products = list(DESIGN_PRODUCTS.items()) + list(LOCAL_DESIGNS.get(city, ())) * 4
        product, use = rng.choice(products)
        motifs = MOTIFS.get(city, ()) + GENERIC_MOTIFS
        title = f"{product}（{rng.choice(motifs)}）"
        abstract = (
            f"1．本外观设计产品的名称：{title}。2．本外观设计产品的用途：用于{use}。"
            "3．本外观设计产品的设计要点：在于形状与图案的结合。"
            "4．最能表明设计要点的图片或照片：立体图。"
        )
        return title, abstract

    def ipc_codes(self, field_name: str) -> list[str]:
        codes = FIELDS[field_name].ipc
        picked = self.rng.sample(codes, min(len(codes), self.rng.choice((1, 1, 2, 2, 3))))
        return picked

    def agency_for(self, applicant: Applicant, origin: str, year: int) -> tuple[str, list[str]]:
        rng = self.rng
        rate = AGENCY_RATE[origin if origin in (FOREIGN, OUT_OF_PROVINCE) else applicant.kind]
        if rng.random() >= rate:
            return "", []
        if applicant.agency and rng.random() < 0.75:
            agency = applicant.agency
        else:
            local = [a for a, (_, _, home) in AGENCIES.items() if home and home == applicant.city]
            if local and rng.random() < 0.4:
                agency = local[0]
            else:
                names = [a for a, (w, start, _) in AGENCIES.items() if w and start <= year]
                agency = rng.choices(names, weights=[AGENCIES[a][0] for a in names])[0]
        pool = self.agents[agency]
        return agency, rng.sample(pool, rng.choice((1, 2, 2)))

    def record(self, origin: str, city: str, year: int) -> _Record:
        rng = self.rng
        co_applicants: list[str] = []
        if origin == FOREIGN:
            applicant = rng.choice(FOREIGN_APPLICANTS)
            address, postcode = applicant.addresses[0], ""
        elif origin == OUT_OF_PROVINCE:
            if rng.random() < 0.3:
                home, postcode = rng.choice(OUT_OF_PROVINCE_HOMES)
                address = home.format(n=rng.randint(1, 300), m=rng.randint(1, 40))
                applicant = Applicant(
                    self.person(), INDIVIDUAL, (address,), postcode, ("daily", "machinery"), ""
                )
            else:
                entries = OUT_OF_PROVINCE_APPLICANTS
                applicant = rng.choices([e[0] for e in entries], weights=[e[1] for e in entries])[0]
                address, postcode = applicant.addresses[0], applicant.postcode
        elif origin == UNPLACEABLE:
            address, postcode = rng.choice(UNPLACEABLE_ADDRESSES), ""
            applicant = Applicant(self.person(), INDIVIDUAL, (address,), "", ("daily",), "")
        else:
            applicant = self.applicant(city, year)
            variants = applicant.addresses
            address = (
                variants[0]
                if len(variants) == 1 or rng.random() < 0.7
                else rng.choice(variants[1:])
            )
            postcode = applicant.postcode
            co_applicants = self.co_applicants(applicant, city, year)

        patent_type = self.patent_type(applicant.kind)
        if origin == FOREIGN:
            patent_type = "invention"
        pct = False
        if patent_type in PCT_DIGITS and (applicant.pct or origin == FOREIGN):
            chance = 0.7 if origin == FOREIGN else (0.02 if patent_type == "invention" else 0.005)
            pct = rng.random() < chance
        field_name = rng.choice(applicant.fields)
        if patent_type == "design":
            title, abstract = self.design(city, field_name)
            ipc = []
        else:
            title, abstract = self.title_and_text(field_name, patent_type)
            ipc = self.ipc_codes(field_name)
        if applicant.kind == INDIVIDUAL:
            inventors = [applicant.name] + [self.person(city) for _ in range(rng.choice((0, 0, 1)))]
        else:
            inventors = [self.person(city) for _ in range(rng.choice((1, 2, 2, 3, 3, 4, 5, 6)))]
        agency, agents = self.agency_for(applicant, origin, year)
        record = _Record(
            applicant=applicant, address=address, postcode=postcode, co_applicants=co_applicants,
            inventors=inventors, patent_type=patent_type, pct=pct,
            filing=self.filing_date(year), title=title, abstract=abstract, ipc=ipc,
            agency=agency, agents=agents,
        )  # fmt: skip
        self.fate(record)
        return record

    def co_applicants(self, applicant: Applicant, city: str, year: int) -> list[str]:
        """Joint filings: universities with enterprises (产学研), neighbours together."""
        rng = self.rng
        if applicant.kind in (UNIVERSITY, INSTITUTE) and rng.random() < 0.08:
            partner = self.applicant(city if rng.random() < 0.5 else "6201", year)
            if partner.kind == ENTERPRISE and partner.name != applicant.name:
                return [partner.name]
        elif applicant.kind == ENTERPRISE and rng.random() < 0.05:
            partner = rng.choice(
                [a for a, _ in NAMED["6201"] if isinstance(a, Applicant) and a.kind == UNIVERSITY]
            )
            return [partner.name]
        elif applicant.kind == INDIVIDUAL and rng.random() < 0.1:
            return [self.person(city)]
        return []

    # -- dates, numbers, legal status --------------------------------------------------------
    def fate(self, record: _Record) -> None:
        rng = self.rng
        t = record.patent_type
        outcome = rng.choices(("grant", "withdrawn", "rejected"), weights=OUTCOMES[t])[0]
        filing = record.filing
        if t == "invention":
            months = (
                rng.randint(30, 34)
                if record.pct
                else (18 if rng.random() < 0.85 else rng.randint(8, 15))
            )
            published = _wednesday_on_or_after(filing + timedelta(days=round(months * 30.44)))
            lag = rng.randint(730, 1460) + (365 if record.pct else 0)
            decided = _wednesday_on_or_after(
                max(filing + timedelta(days=lag), published + timedelta(days=90))
            )
        else:
            published = None
            lag = rng.randint(180, 365) if outcome == "grant" else rng.randint(120, 400)
            decided = _wednesday_on_or_after(filing + timedelta(days=lag))
        if published and published <= self.cutoff and (outcome == "grant" or published < decided):
            record.publication = (self.document_number("invention", published, "A"), published)
        if decided > self.cutoff:
            record.status = STATUS_PENDING
            return
        if outcome == "withdrawn":
            record.status = STATUS_WITHDRAWN
            return
        if outcome == "rejected":
            record.status = STATUS_REJECTED
            return
        record.grant = (self.grant_number(record, decided), decided)
        if t != "invention":  # utility models and designs are published once, on grant
            record.publication = record.grant
        # Annual fees stop being paid: individuals' patents lapse fastest, inventions slowest.
        yearly = (
            0.06 if t == "invention" else (0.22 if record.applicant.kind == INDIVIDUAL else 0.12)
        )
        years_in_force = (self.cutoff - decided).days / 365.25
        lapsed = rng.random() < 1 - (1 - yearly) ** years_in_force
        record.status = STATUS_LAPSED if lapsed else STATUS_VALID

    def grant_number(self, record: _Record, granted: date) -> str:
        t = record.patent_type
        if t == "invention":
            pub = record.publication[0] if record.publication else ""
            seven_digit = len(pub) == len("CN1234567A")
            if granted < NINE_DIGITS and pub and seven_digit:
                return pub[:-1] + "C"  # 7-digit era: the grant keeps the A number
            if granted >= NEW_KINDS and pub:
                return pub[:-1] + "B"
            return self.document_number(
                "invention_grant", granted, "C" if granted < NEW_KINDS else "B"
            )
        if t == "utility":
            return self.document_number(t, granted, "Y" if granted < NEW_KINDS else "U")
        return self.document_number(t, granted, "D" if granted < NEW_KINDS else "S")

    def document_number(self, series: str, day: date, kind: str) -> str:
        rows = SERIES[series]
        start, first, per_day = rows[max(bisect_right([r[0] for r in rows], day) - 1, 0)]
        # A week's gazette is one block of consecutive numbers; the record lands inside it.
        number = first + (day - start).days * per_day + self.rng.randrange(per_day * 7)
        text = f"CN{number}{kind}"
        while text in self.used_numbers:
            number += 1
            text = f"CN{number}{kind}"
        self.used_numbers.add(text)
        return text

    def assign_application_numbers(self, records: list[_Record]) -> None:
        """Serials grow with the filing date within (year, type digit), with gaps for the
        rest of the country's filings in between."""
        groups: dict[tuple[int, int], list[_Record]] = {}
        for r in records:
            digit = PCT_DIGITS[r.patent_type] if r.pct else TYPE_DIGITS[r.patent_type]
            groups.setdefault((r.filing.year, digit), []).append(r)
        for (year, digit), group in sorted(groups.items()):
            group.sort(key=lambda r: r.filing)
            widest_gap = max(2, min(500, 9_000_000 // len(group)))
            serial = self.rng.randint(1, 2000)
            for r in group:
                serial += self.rng.randint(1, widest_gap)
                digits = f"{year}{digit}{serial:07d}"
                r.application_number = f"{digits}.{check_character(digits)}"

    # -- the whole set -----------------------------------------------------------------------
    def records(self) -> list[_Record]:
        rng = self.rng
        count = self.count
        foreign = max(1, round(count * 0.0003))
        unplaceable = max(2, round(count * 0.0003))
        outside = max(1, round(count * 0.01))
        gansu = max(count - foreign - unplaceable - outside, 0)
        if gansu == 0:  # a tiny demo is all Gansu
            foreign = unplaceable = outside = 0
            gansu = count
        cities = list(CITIES)
        city_list = [
            c for c, n in zip(cities, _quotas([CITIES[c][2] for c in cities], gansu, 1),
                              strict=True) for _ in range(n)
        ]  # fmt: skip
        origins = [("gansu", c) for c in city_list] + [(FOREIGN, "")] * foreign
        origins += [(OUT_OF_PROVINCE, "")] * outside + [(UNPLACEABLE, "")] * unplaceable
        year_weights = [(1 + self.growth) ** i for i in range(len(self.years))]
        year_list = [
            y
            for y, n in zip(self.years, _quotas(year_weights, count), strict=True)
            for _ in range(n)
        ]
        rng.shuffle(origins)
        rng.shuffle(year_list)
        records = [
            self.record(origin, city, year)
            for (origin, city), year in zip(origins, year_list, strict=True)
        ]
        self.assign_application_numbers(records)
        records.sort(key=lambda r: (r.filing, r.application_number))
        return records


def _row(r: _Record) -> dict[str, str]:
    pub_number, pub_date = r.publication or ("", None)
    grant_number, grant_date = r.grant or ("", None)
    return {
        "application_number": r.application_number,
        "filing_date": r.filing.isoformat(),
        "patent_type": r.patent_type,
        "title": r.title,
        "applicants": ";".join([r.applicant.name, *r.co_applicants]),
        "inventors": ";".join(dict.fromkeys(r.inventors)),
        "address": r.address,
        "postcode": r.postcode,
        "agency": r.agency,
        "agents": ";".join(r.agents),
        "ipc_main": r.ipc[0] if r.ipc else "",
        "ipc": ";".join(r.ipc),
        "publication_number": pub_number,
        "publication_date": pub_date.isoformat() if pub_date else "",
        "grant_number": grant_number,
        "grant_date": grant_date.isoformat() if grant_date else "",
        "legal_status": r.status,
        "abstract": r.abstract,
    }


def demo_rows(
    *,
    count: int = DEFAULT_COUNT,
    seed: int = DEFAULT_SEED,
    first_year: int = DEFAULT_FIRST_YEAR,
    last_year: int = DEFAULT_LAST_YEAR,
    growth: float = DEFAULT_GROWTH,
) -> list[dict[str, str]]:
    """The demo records as canonical-CSV rows (field → text), in file order."""
    generator = _Generator(
        count=count, seed=seed, first_year=first_year, last_year=last_year, growth=growth
    )
    return [_row(r) for r in generator.records()]


def write_demo_csv(
    path: Path,
    *,
    count: int = DEFAULT_COUNT,
    seed: int = DEFAULT_SEED,
    first_year: int = DEFAULT_FIRST_YEAR,
    last_year: int = DEFAULT_LAST_YEAR,
    growth: float = DEFAULT_GROWTH,
) -> int:
    """Write the demo set as a canonical CSV at `path`; returns the number of records."""
    rows = demo_rows(
        count=count, seed=seed, first_year=first_year, last_year=last_year, growth=growth
    )
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=CSV_FIELDS)
        writer.writeheader()
        writer.writerows(rows)
    return len(rows)


# --- building the demo database --------------------------------------------------------


def demo_build(*, count: int = DEFAULT_COUNT, seed: int = DEFAULT_SEED) -> dict[str, Any]:
    """Import the demo records, create the demo logins, then the demo cases and 12330 centre
    (`demo_cases.demo_enforcement_build`, under result["enforcement"]); safe to run again.

    The importer upserts by application number, so a second run inserts nothing (it records
    one more ImportRun, which is the log of that run, not data). Existing demo users are left
    as they are: someone may have changed their password on purpose.
    Loads the regions first if `ipbureau init` has not.
    """
    # Django imports here: the generator above must work without settings.
    from django.conf import settings

    from ipbureau.core.demo_cases import demo_enforcement_build
    from ipbureau.patents.importer import patents_import
    from ipbureau.patents.models import ImportRun
    from ipbureau.regions.models import Region
    from ipbureau.regions.services import regions_load

    # Demo users and placement need the region table; loading it is idempotent.
    if not Region.objects.filter(code=settings.IPBUREAU_PROVINCE.ljust(6, "0")).exists():
        regions_load()
    users_created = _ensure_demo_users()
    with tempfile.TemporaryDirectory(prefix="ipbureau-demo-") as tmp:
        path = Path(tmp) / f"demo-seed{seed}-n{count}.csv"
        rows = write_demo_csv(path, count=count, seed=seed)
        run = patents_import(path=path, file_name=path.name)
    if run.status != ImportRun.Status.COMMITTED:
        problems = "; ".join(p["message"] for p in run.problems[:5])
        raise RuntimeError(f"demo import was not committed ({run.status}): {problems}")
    result: dict[str, Any] = {
        "rows": rows,
        "seed": seed,
        "import_run": run.pk,
        **{
            k: getattr(run, k) for k in ("inserted", "updated", "unchanged", "rejected", "unplaced")
        },
        "users": [u.username for u in DEMO_USERS],
        "users_created": users_created,
    }
    result.update(demo_distribution())
    result["enforcement"] = demo_enforcement_build(seed=seed)  # cases, campaigns, 12330
    return result


def _ensure_demo_users() -> list[str]:
    from django.db import transaction

    from ipbureau.accounts.models import User

    created = []
    with transaction.atomic():
        for spec in DEMO_USERS:
            if User.objects.filter(username=spec.username).exists():
                continue
            user = User(
                username=spec.username, role=spec.role, region_id=spec.region,
                last_name=spec.label, is_superuser=spec.superuser, is_staff=spec.superuser,
            )  # fmt: skip
            user.set_password(DEMO_PASSWORD)
            user.save()
            created.append(spec.username)
    return created


def demo_distribution() -> dict[str, Any]:
    """Where the resolver put the patents: per city of the deployment province, elsewhere in
    China, abroad, and waiting for review. Read through the patents selectors, as an
    unrestricted user sees them."""
    from django.conf import settings

    from ipbureau.accounts.models import Role, User
    from ipbureau.patents.models import Placement
    from ipbureau.patents.selectors import patent_list
    from ipbureau.regions.models import Region

    # Selectors take the acting user; an unsaved admin-role user stands for "unrestricted"
    # without depending on the demo admin account still existing.
    viewer = User(username="demo-viewer", role=Role.ADMIN, is_active=True)
    province = settings.IPBUREAU_PROVINCE
    cities = {
        r.name: patent_list(viewer, region=r.code).count()
        for r in Region.objects.filter(parent_id=province.ljust(6, "0"))
    }
    everything = patent_list(viewer)
    in_province = patent_list(viewer, region=province.ljust(6, "0")).count()
    foreign = everything.filter(placement=Placement.FOREIGN).count()
    unplaced = everything.filter(placement=Placement.UNPLACED).count()
    return {
        "cities": dict(sorted(cities.items(), key=lambda kv: -kv[1])),
        "in_province": in_province,
        "province_only": in_province - sum(cities.values()),
        "other_provinces": everything.filter(region__isnull=False).count() - in_province,
        "foreign": foreign,
        "placed_unplaced": unplaced,
    }
