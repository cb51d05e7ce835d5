"""Throughput and peak memory of the patent import, next to DuckDB's read_csv as the floor.

    .venv/bin/python bench/import_bench.py [--rows N | --sizes 250000,1000000] [--repeat K]
        [--postgres postgres://user@host:port/db] [--keep] [--workdir DIR]

For each size: writes a deterministic CNIPA-style CSV with Chinese headers (valid application
numbers, addresses across China with a Gansu share, ~rows/5 distinct applicants and
~rows/500 agencies), then, each in its own subprocess so that wall time and peak RSS are the
command's own (os.wait4 gives the child's rusage):

1. `ipbureau import patents FILE --json` into a fresh SQLite database (`ipbureau init` first,
   untimed), then the same file again (all rows unchanged);
2. DuckDB `CREATE TABLE ... AS SELECT * FROM read_csv(FILE)` into a temp database file: the
   floor, what a columnar engine needs just to read and store the same bytes;
3. with --postgres URL, the import and re-import on PostgreSQL, in a scratch database
   created on that server (and dropped afterwards; needs CREATEDB).

Each measurement is repeated --repeat times (fresh database each time) and reported as
best-of-K with the spread. Prints a markdown table for bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import bisect
import csv
import datetime as dt
import itertools
import json
import os
import platform
import random
import shlex
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "src" / "ipbureau" / "regions" / "data"
VENV_BIN = Path(sys.executable).parent
sys.path.insert(0, str(ROOT / "src"))

from ipbureau.patents.numbers import check_character  # noqa: E402
from ipbureau.regions.names import POSTCODE_PREFIXES, POSTCODE_PROVINCES  # noqa: E402

HEADER = [
    "申请号", "申请日", "公开(公告)号", "公开(公告)日", "授权公告日", "名称", "申请(专利权)人",
    "发明(设计)人", "地址", "邮编", "专利代理机构", "代理人", "主分类号", "分类号", "法律状态",
]  # fmt: skip

# Share of applicants per province: roughly the national pattern of patent filings, with
# Gansu raised to 5% (the deploying office's own province shows up more in its files).
PROVINCE_WEIGHTS = {
    "44": 16, "32": 13, "33": 11, "37": 7, "11": 7, "31": 5, "62": 5, "34": 4, "42": 3,
    "51": 3, "41": 3, "35": 3, "12": 2, "43": 2, "61": 2, "50": 1.5, "21": 1.5, "13": 1.5,
    "36": 1, "45": 1, "14": 0.8, "22": 0.6, "23": 0.8, "52": 0.6, "53": 0.6, "15": 0.5,
    "65": 0.4, "64": 0.3, "46": 0.3, "63": 0.2, "54": 0.1,
}  # fmt: skip
FOREIGN_SHARE = 0.015
FOREIGN = [
    ("美国加利福尼亚州", ""), ("美国马里兰州", ""), ("日本东京都", ""), ("日本大阪府", ""),
    ("韩国京畿道", ""), ("德国慕尼黑", ""), ("瑞士巴塞尔", ""), ("荷兰埃因霍温", ""),
]  # fmt: skip
ROADS = (
    "人民路 建设路 解放路 中山路 科技路 高新大道 长江路 黄河路 文化路 学府路 创业路 工业园路 "
    "滨河路 北京路 南京路 天水路 定西路 兰州路 东风路 和平路 胜利路 新华路 环城路 光明街 "
    "开发区大道 软件园路 金融街 湖滨路 五一路 朝阳街"
).split()
SYLLABLES = (
    "华信达恒瑞丰泰鑫源宏博诚安康盛隆兴正祥嘉远通德和天新万合金科美联众力创海星辉明亿佳志"
    "腾飞龙凯润中汇昌永晟卓越宇航福旭"
)
INDUSTRIES = (
    "电子 机械 科技 新材料 生物 医药 化工 环保 能源 电气 自动化 信息 软件 建材 农业 食品 "
    "光电 仪器 重工 汽车配件 纺织 智能装备 精密 节能 通信 冶金 水利 工程 矿业 制药"
).split()
ENTERPRISE_SUFFIXES = ("有限公司", "股份有限公司", "有限责任公司", "集团有限公司")
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余于杜叶程魏苏吕丁任卢姚沈钟姜崔谭陆范汪廖石金韦贾夏付方邹熊白孟秦邱侯江尹薛闫段雷龙黎史陶贺毛郝顾龚邵万覃武钱戴严莫孔向常汤"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建国文斌辉鹏飞宇浩然子涵晨阳欣怡志刚海燕春梅"
OBJECTS = (
    "检测装置 控制系统 连接结构 加工设备 清洗装置 复合材料 制备方法 传感器 电路 散热结构 "
    "输送机构 固定支架 储能电池 过滤器 阀门 夹具 喷涂装置 监测系统 图像处理方法 通信方法 "
    "种植方法 提取工艺 催化剂 混凝土 轴承 齿轮箱 显示面板 充电桩 无人机 机器人"
).split()
ADJECTIVES = (
    "智能 高效 新型 便携式 节能 自动 多功能 可调节 环保 低噪声 耐高温 模块化 一体化 防水 快速"
).split()
DESIGN_OBJECTS = "包装盒 灯具 茶杯 手机壳 座椅 瓶子 音箱 眼镜 地毯 壁纸 面料 标贴".split()
IPC_MAIN = (
    "G06F16/245 G06Q10/06 H04L29/08 H01M10/42 A61K36/00 B01D53/78 C04B28/00 F16B2/00 "
    "G01N33/00 B65G47/00 A01G9/14 C12N15/00 H02J7/00 B23K37/04 E04B1/00 F24S10/00 "
    "G05B19/418 A23L33/00 B08B3/02 H05K7/20 C02F9/00 G01R31/00 B62D65/00 F16K27/00"
).split()
LEGAL = ("有效", "审中", "失效", "驳回", "有效", "审中", "撤回")
LAST_GRANT = dt.date(2025, 6, 25)
AGENCY_SUFFIXES = ("专利代理事务所(普通合伙)", "知识产权代理有限公司", "专利代理有限责任公司")


@dataclass
class Region:
    province: str
    city: str
    counties: list[str]
    postcodes: list[str]


def _load_regions() -> dict[str, list[Region]]:
    def rows(name: str) -> list[dict[str, str]]:
        with open(DATA / name, encoding="utf-8") as fh:
            return list(csv.DictReader(fh))

    provinces = {r["code"]: r["name"] for r in rows("provinces.csv")}
    counties: dict[str, list[str]] = {}
    for r in rows("areas.csv"):
        if not r["name"].endswith(("市辖区", "直辖县级行政区划")):
            counties.setdefault(r["cityCode"], []).append(r["name"])
    by_province: dict[str, list[Region]] = {}
    for r in rows("cities.csv"):
        code, prov = r["code"], r["provinceCode"]
        if not counties.get(code):
            continue
        # 北京市/市辖区 and 重庆市/县: the address names the municipality only once.
        city = "" if r["name"] in ("市辖区", "县") else r["name"]
        gansu = [p for p, c in POSTCODE_PREFIXES.items() if c == code + "00"]
        two = [p for p, c in POSTCODE_PROVINCES.items() if c == prov]
        postcodes = gansu or two
        by_province.setdefault(prov, []).append(
            Region(provinces[prov], city, counties[code], postcodes)
        )
    return by_province


class Generator:
    """Deterministic rows for a given (rows, seed): the same file every time."""

    def __init__(self, rows: int, seed: int = 20170329):
        self.rows = rows
        self.rng = random.Random(seed)
        self.regions = _load_regions()
        provinces = [p for p in PROVINCE_WEIGHTS if p in self.regions]
        self.province_cum = list(itertools.accumulate(PROVINCE_WEIGHTS[p] for p in provinces))
        self.provinces = provinces
        self.applicants = max(rows // 5, 50)
        self.agencies = [self._agency(k) for k in range(max(rows // 500, 10))]
        self._applicants: dict[int, tuple[str, str, str]] = {}
        self.counters: dict[tuple[int, int], int] = {}
        self.series = {"1": 100_000_000, "2": 200_000_000, "3": 300_000_000}

    # -- names ------------------------------------------------------------------------------
    def pick(self, items: Sequence[str]) -> str:
        # rng.choice costs three Python calls; this runs ~10 times per row.
        return items[int(self.rng.random() * len(items))]

    def person(self) -> str:
        r = self.rng.random
        given = GIVEN[int(r() * len(GIVEN))]
        if r() < 0.7:
            given += GIVEN[int(r() * len(GIVEN))]
        return SURNAMES[int(r() * len(SURNAMES))] + given

    def _region(self, rng: random.Random) -> Region:
        i = bisect.bisect(self.province_cum, rng.random() * self.province_cum[-1])
        return rng.choice(self.regions[self.provinces[min(i, len(self.provinces) - 1)]])

    def _agency(self, k: int) -> str:
        rng = random.Random(k * 7919 + 1)
        region = self._region(rng)
        place = (region.city or region.province).removesuffix("市")
        s = len(SYLLABLES)
        return place + SYLLABLES[k % s] + SYLLABLES[(k // s) % s] + AGENCY_SUFFIXES[k % 3]

    def applicant(self, k: int) -> tuple[str, str, str]:
        """Name, address and postcode of applicant number k (stable for a given k)."""
        found = self._applicants.get(k)
        if found is None:
            found = self._applicants[k] = self._make_applicant(k)
        return found

    def _make_applicant(self, k: int) -> tuple[str, str, str]:
        rng = random.Random(k * 104729 + 17)
        if rng.random() < FOREIGN_SHARE:
            address, postcode = rng.choice(FOREIGN)
            return f"FOREIGN APPLICANT {k} INC.", address, postcode
        region = self._region(rng)
        county = rng.choice(region.counties)
        road = rng.choice(ROADS)
        number = rng.randint(1, 999)
        style = rng.random()
        if style < 0.8:  # the full form: 甘肃省兰州市城关区天水南路222号
            address = f"{region.province}{region.city}{county}{road}{number}号"
        elif style < 0.92:  # province left out
            address = f"{region.city or region.province}{county}{road}{number}号"
        else:  # with a building and room
            address = (
                f"{region.province}{region.city}{county}{road}{number}号"
                f"{rng.randint(1, 30)}号楼{rng.randint(101, 2505)}室"
            )
        postcode = ""
        if region.postcodes and rng.random() < 0.9:
            prefix = rng.choice(region.postcodes)
            postcode = prefix + "".join(str(rng.randint(0, 9)) for _ in range(6 - len(prefix)))
        s, n = len(SYLLABLES), len(INDUSTRIES)
        place = (region.city or region.province).removesuffix("市")
        kind = rng.random()
        if kind < 0.2:  # individual inventors-applicants: names collide, as in real data
            name = SURNAMES[k % len(SURNAMES)] + GIVEN[(k // 7) % len(GIVEN)] + GIVEN[k % 13]
        else:
            # k decomposed in mixed radix: distinct k, distinct name.
            a, b, c, d = k % s, (k // s) % s, (k // (s * s)) % n, k // (s * s * n)
            if kind < 0.23:
                stem = f"{place}{SYLLABLES[a]}{SYLLABLES[b]}{INDUSTRIES[c]}"
                name = stem + ("职业技术学院", "研究院", "大学")[d % 3] + ("" if d < 3 else str(d))
            else:
                suffix = ENTERPRISE_SUFFIXES[d % 4] if d < 4 else f"第{d}分{ENTERPRISE_SUFFIXES[0]}"
                name = f"{place}{SYLLABLES[a]}{SYLLABLES[b]}{INDUSTRIES[c]}{suffix}"
        return name, address, postcode

    def _pick_applicant(self) -> int:
        # Skewed: the top 1% of applicants file ~20% of the patents.
        return int(self.applicants * self.rng.random() ** 3)

    def _app_number(self, year: int, digit: int) -> str:
        key = (year, digit)
        serial = self.counters.get(key, 1000 + (year * 37 + digit * 101) % 5000) + 1
        self.counters[key] = serial
        body = f"{year}{digit}{serial:07d}"
        return f"{body}.{check_character(body)}"

    def _pub_number(self, series: str, kind: str) -> str:
        self.series[series] += 1
        return f"CN{self.series[series]}{kind}"

    # -- rows -------------------------------------------------------------------------------
    def rows_iter(self) -> Iterator[list[str]]:
        rng, pick = self.rng, self.pick
        day = dt.timedelta(days=1)
        for _ in range(self.rows):
            r = rng.random()
            kind = "1" if r < 0.42 else "2" if r < 0.86 else "3"
            digit = int(kind)
            if kind != "3" and rng.random() < 0.03:
                digit += 7  # PCT national phase: 8 (invention) or 9 (utility model)
            year = rng.randint(2012, 2023)
            filing = dt.date(year, 1, 1) + rng.randint(0, 364) * day
            grant = ""
            if kind == "1":
                number = self._pub_number("1", "A")
                published = filing + rng.randint(300, 700) * day
                if rng.random() < 0.35:
                    granted = filing + rng.randint(700, 1500) * day
                    grant = min(granted, LAST_GRANT).isoformat()  # never a future date
                adjective, thing = pick(ADJECTIVES), pick(OBJECTS)
                title = f"一种{adjective}{thing}" + ("及其制备方法" if rng.random() < 0.2 else "")
            else:
                number = self._pub_number(kind, "U" if kind == "2" else "S")
                published = filing + rng.randint(90, 300) * day
                grant = published.isoformat()
                if kind == "2":
                    title = f"一种{pick(ADJECTIVES)}{pick(OBJECTS)}"
                else:
                    title = pick(DESIGN_OBJECTS) + f"（{pick(SYLLABLES)}系列）"
            first, address, postcode = self.applicant(self._pick_applicant())
            names = [first]
            if rng.random() < 0.15:
                names += [
                    self.applicant(self._pick_applicant())[0] for _ in range(rng.randint(1, 2))
                ]
            inventors = ";".join(self.person() for _ in range(rng.randint(1, 5)))
            agency = agents = ""
            if rng.random() < 0.75:
                agency = self.agencies[int(len(self.agencies) * rng.random() ** 2)]
                agents = ";".join(self.person() for _ in range(rng.randint(1, 2)))
            ipc_main = ipc = ""
            if kind != "3":  # designs carry a Locarno class, not an IPC code
                codes = rng.sample(IPC_MAIN, rng.randint(1, 4))
                ipc_main, ipc = codes[0], ";".join(codes)
            yield [
                self._app_number(year, digit), filing.isoformat(), number,
                published.isoformat(), grant, title, ";".join(dict.fromkeys(names)),
                inventors, address, postcode, agency, agents, ipc_main, ipc,
                pick(LEGAL),
            ]  # fmt: skip


def write_file(path: Path, rows: int, seed: int) -> None:
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(HEADER)
        for chunk in _chunks(Generator(rows, seed).rows_iter(), 10_000):
            writer.writerows(chunk)


def _chunks(items: Iterator[list[str]], size: int) -> Iterator[list[list[str]]]:
    while chunk := list(itertools.islice(items, size)):
        yield chunk


# --- measuring ---------------------------------------------------------------------------


@dataclass
class Measure:
    seconds: float
    cpu_seconds: float  # user + system, the command and its children
    max_rss_kib: int  # the largest single process (wait4: the command and its children)
    total_pss_kib: int  # all its processes together, sampled (shared pages counted once)
    output: str
    others: float = 0.0  # cores busy with other work meanwhile (the machine may be shared)


def _busy_seconds() -> float:
    """CPU seconds spent by the whole machine so far (all cores, /proc/stat)."""
    try:
        fields = Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]
    except OSError:
        return 0.0
    user, nice, system, _idle, _iowait, irq, softirq, steal = map(int, fields[:8])
    return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")


def _tree(pid: int) -> list[int]:
    pids, todo = [], [pid]
    while todo:
        current = todo.pop()
        pids.append(current)
        try:
            for task in Path(f"/proc/{current}/task").iterdir():
                todo += [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            pass
    return pids


def _pss_kib(pids: list[int]) -> int:
    total = 0
    for pid in pids:
        try:
            for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    total += int(line.split()[1])
                    break
        except OSError:
            pass
    return total


def run_measured(argv: Sequence[str], env: dict[str, str] | None = None) -> Measure:
    """Run argv: wall time, the peak RSS of its largest process (wait4's rusage), and the
    peak total PSS of its process tree (the import forks reading processes), sampled."""
    peak = [0]
    done = threading.Event()

    def sample(pid: int) -> None:
        while not done.wait(0.2):
            peak[0] = max(peak[0], _pss_kib(_tree(pid)))

    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started, busy = time.perf_counter(), _busy_seconds()
        proc = subprocess.Popen(list(argv), env=env, stdout=out, stderr=err)
        sampler = threading.Thread(target=sample, args=(proc.pid,), daemon=True)
        sampler.start()
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - started
        busy = _busy_seconds() - busy
        done.set()
        sampler.join()
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        output, errors = out.read().decode(), err.read().decode()
    if proc.returncode != 0:
        raise RuntimeError(f"{shlex.join(argv)} failed ({proc.returncode}):\n{errors}")
    cpu = usage.ru_utime + usage.ru_stime
    others = max(0.0, (busy - cpu) / seconds)
    return Measure(seconds, cpu, usage.ru_maxrss, peak[0], output, others)


def run_quiet(argv: Sequence[str], env: dict[str, str]) -> None:
    done = subprocess.run(list(argv), env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"{shlex.join(argv)} failed:\n{done.stdout}\n{done.stderr}")


DUCKDB_SCRIPT = """
import sys, time, duckdb
path, db = sys.argv[1], sys.argv[2]
con = duckdb.connect(db)
con.execute("SET enable_progress_bar = false")
t = time.perf_counter()
con.execute("CREATE TABLE patents AS SELECT * FROM read_csv(?, header = true)", [path])
n = con.execute("SELECT count(*) FROM patents").fetchone()[0]
con.close()
print(n, time.perf_counter() - t)
"""


@dataclass
class Row:
    rows: int
    engine: str
    step: str
    runs: list[Measure] = field(default_factory=list)

    def cells(self) -> list[str]:
        times = [m.seconds for m in self.runs]
        best = min(times)
        rss = max(m.max_rss_kib for m in self.runs) / 1024
        pss = max(m.total_pss_kib for m in self.runs) / 1024
        spread = f"{best:.1f}–{max(times):.1f}" if len(times) > 1 else "–"
        median = statistics.median(times)
        cpu = min(m.cpu_seconds for m in self.runs)
        fastest = min(self.runs, key=lambda m: m.seconds)
        return [
            f"{self.rows:,}", self.engine, self.step, f"{best:.1f}", spread, f"{median:.1f}",
            f"{self.rows / best:,.0f}", f"{cpu:.1f}", f"{fastest.others:.1f}", f"{rss:,.0f}",
            f"{pss:,.0f}",
        ]  # fmt: skip


def import_env(data_dir: Path, database_url: str | None) -> dict[str, str]:
    env = dict(os.environ, DEBUG="1", IPBUREAU_DATA_DIR=str(data_dir))
    env.pop("DATABASE_URL", None)
    if database_url:
        env["DATABASE_URL"] = database_url
    return env


def check_summary(output: str, expect: dict[str, int]) -> None:
    summary = json.loads(output.strip().splitlines()[-1])
    wrong = {k: (summary.get(k), v) for k, v in expect.items() if summary.get(k) != v}
    if wrong:
        raise RuntimeError(f"unexpected import summary {summary}: {wrong}")


def bench_import(
    path: Path, rows: int, engine: str, work: Path, repeat: int, database_url: str | None
) -> tuple[Row, Row]:
    ipbureau = str(VENV_BIN / "ipbureau")
    first, again = Row(rows, engine, "import (new)"), Row(rows, engine, "re-import (unchanged)")
    for attempt in range(repeat):
        data_dir = work / f"var-{engine}-{rows}-{attempt}"
        url = None
        if database_url:
            url = _scratch_database(database_url, create=True)
        env = import_env(data_dir, url)
        try:
            run_quiet([ipbureau, "init"], env)
            measure = run_measured([ipbureau, "import", "patents", str(path), "--json"], env)
            check_summary(measure.output, {"inserted": rows, "rejected": 0})
            first.runs.append(measure)
            measure = run_measured([ipbureau, "import", "patents", str(path), "--json"], env)
            check_summary(measure.output, {"unchanged": rows, "inserted": 0, "updated": 0})
            again.runs.append(measure)
            new, same = first.runs[-1], again.runs[-1]
            print(
                f"  {engine} {rows:,} #{attempt + 1}: import {new.seconds:.1f}s "
                f"(CPU {new.cpu_seconds:.0f}s, others {new.others:.1f} cores, "
                f"{new.max_rss_kib / 1024:.0f} MiB), re-import {same.seconds:.1f}s "
                f"(CPU {same.cpu_seconds:.0f}s, others {same.others:.1f} cores)",
                file=sys.stderr,
            )
        finally:
            shutil.rmtree(data_dir, ignore_errors=True)
            if url:
                _scratch_database(url, create=False)
    return first, again


def bench_duckdb(path: Path, rows: int, work: Path, repeat: int) -> Row:
    row = Row(rows, "DuckDB", "read_csv → table (floor)")
    for attempt in range(repeat):
        db = work / f"duck-{rows}-{attempt}.duckdb"
        try:
            measure = run_measured([sys.executable, "-c", DUCKDB_SCRIPT, str(path), str(db)])
        finally:
            for leftover in (db, db.with_suffix(".duckdb.wal")):
                leftover.unlink(missing_ok=True)
        count = int(measure.output.split()[-2])
        if count != rows:
            raise RuntimeError(f"DuckDB read {count} rows, expected {rows}")
        row.runs.append(measure)
        print(f"  duckdb {rows:,} #{attempt + 1}: {measure.seconds:.1f}s", file=sys.stderr)
    return row


def _scratch_database(url: str, *, create: bool) -> str:
    """create: a new empty database on url's server, returns its URL. Else drop url's db."""
    import psycopg

    parts = urlsplit(url)
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as con:
        if create:
            name = f"ipbureau_bench_{uuid.uuid4().hex[:8]}"
            con.execute(f'CREATE DATABASE "{name}"')
            return urlunsplit(parts._replace(path=f"/{name}"))
        con.execute(f'DROP DATABASE IF EXISTS "{parts.path.lstrip("/")}"')
        return url


def versions(postgres: str | None) -> str:
    out = [f"Python {platform.python_version()}", f"SQLite {sqlite3.sqlite_version}"]
    try:
        import duckdb

        out.append(f"DuckDB {duckdb.__version__}")
    except ImportError:
        out.append("DuckDB not installed")
    if postgres:
        import psycopg

        with psycopg.connect(postgres) as con:
            out.append("PostgreSQL " + con.execute("SHOW server_version").fetchone()[0])
    import django

    out.append(f"Django {django.get_version()}")
    return ", ".join(out)


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--sizes", help="comma-separated row counts, e.g. 250000,1000000")
    parser.add_argument("--repeat", type=int, default=1, help="runs per measurement (best-of)")
    parser.add_argument("--seed", type=int, default=20170329)
    parser.add_argument("--postgres", help="server URL; a scratch database is created there")
    parser.add_argument("--no-duckdb", action="store_true")
    parser.add_argument("--no-sqlite", action="store_true")
    parser.add_argument("--keep", action="store_true", help="keep the generated CSV files")
    parser.add_argument("--workdir", type=Path, help="where files go (default: a temp dir)")
    parser.add_argument("--write", type=Path, metavar="FILE", help="only write the CSV to FILE")
    args = parser.parse_args()
    if args.write:
        write_file(args.write, args.rows, args.seed)
        return 0
    sizes = [int(s.replace("_", "")) for s in args.sizes.split(",")] if args.sizes else [args.rows]

    work = Path(tempfile.mkdtemp(prefix="ipbureau-bench-", dir=args.workdir))
    results: list[Row] = []
    try:
        for rows in sizes:
            path = work / f"cnipa-style-{rows}.csv"
            started = time.perf_counter()
            write_file(path, rows, args.seed)
            print(
                f"{path}: {rows:,} rows, {path.stat().st_size / 2**20:,.0f} MiB, "
                f"written in {time.perf_counter() - started:.0f}s",
                file=sys.stderr,
            )
            if not args.no_sqlite:
                results += bench_import(path, rows, "SQLite", work, args.repeat, None)
            if args.postgres:
                results += bench_import(path, rows, "PostgreSQL", work, args.repeat, args.postgres)
            if not args.no_duckdb:
                results.append(bench_duckdb(path, rows, work, args.repeat))
            if not args.keep:
                path.unlink()
    finally:
        if args.keep:
            print(f"kept files in {work}", file=sys.stderr)
        else:
            shutil.rmtree(work, ignore_errors=True)

    command = shlex.join([".venv/bin/python", "bench/import_bench.py", *sys.argv[1:]])
    print(
        f"{dt.datetime.now().astimezone():%Y-%m-%d %H:%M %Z}; `uname -m` {platform.machine()}, "
        f"`nproc` {os.cpu_count()}, {cpu_model()}; {versions(args.postgres)}.\n"
        f"Command: `{command}`; best of {args.repeat}, spread = fastest–slowest. CPU s: user +"
        " system of the command and its reading processes (least of the runs); other load:"
        " cores busy with other work during the fastest run (the machine is shared).\n"
    )
    print(
        "| rows | engine | step | best s | spread s | median s | records/s (best) | CPU s "
        "| other load, cores | peak RSS MiB, largest process | peak PSS MiB, all processes |"
    )
    print("|---:|---|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for row in results:
        print("| " + " | ".join(row.cells()) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
