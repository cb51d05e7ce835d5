import time

from django.core.management import BaseCommand

from ipbureau.demo.build import demo_build
from ipbureau.demo.tables import DEFAULT_COUNT, DEFAULT_SEED, DEMO_PASSWORD, DEMO_USERS


class Command(BaseCommand):
    help = (
        "Load the demo data set (Gansu patents 2005–2012, enforcement cases, the 12330 "
        "centre) and demo logins; idempotent."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--count",
            type=int,
            default=DEFAULT_COUNT,
            help=f"number of patent records (default {DEFAULT_COUNT})",
        )
        parser.add_argument(
            "--seed",
            type=int,
            default=DEFAULT_SEED,
            help=f"random seed; the same seed gives the same data (default {DEFAULT_SEED})",
        )

    def handle(self, *args, **opts) -> None:
        started = time.monotonic()
        self.stdout.write(f"正在生成并导入 {opts['count']} 条演示专利记录……")
        result = demo_build(count=opts["count"], seed=opts["seed"])
        seconds = time.monotonic() - started
        out = self.stdout.write
        out(f"演示数据已就绪（随机种子 {result['seed']}，用时 {seconds:.1f} 秒）。")
        out(
            f"导入：新增 {result['inserted']} 件，更新 {result['updated']} 件，"
            f"无变化 {result['unchanged']} 件，拒收 {result['rejected']} 件，"
            f"待人工确认地区 {result['unplaced']} 件。"
        )
        out(f"全省 {result['in_province']} 件，按市州：")
        for name, n in result["cities"].items():
            out(f"  {name}\t{n}")
        if result["province_only"]:
            out(f"  （仅能确定到省）\t{result['province_only']}")
        out(
            f"省外 {result['other_provinces']} 件、境外 {result['foreign']} 件不计入本省；"
            f"待人工确认地区的共 {result['placed_unplaced']} 件。"
        )
        e = result["enforcement"]
        out(
            f"执法案件 {e['cases']} 件（本次新建 {e['cases_created']} 件）；12330 维权援助请求 "
            f"{e['requests']} 件（本次新建 {e['requests_created']} 件），专家 {e['experts']} 名。"
        )
        created = set(result["users_created"])
        out(f"演示账号（密码均为 {DEMO_PASSWORD}）：")
        for user in DEMO_USERS:
            note = "新建" if user.username in created else "已存在，未改动"
            out(f"  {user.username}\t{user.label}\t（{note}）")
