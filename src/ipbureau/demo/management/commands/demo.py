import time
from datetime import date

from django.core.management import BaseCommand, CommandError
from django.utils import timezone

from ipbureau.demo.build import demo_build, demo_built_until
from ipbureau.demo.tables import DEFAULT_COUNT, DEFAULT_SEED, DEMO_PASSWORD, DEMO_USERS


class Command(BaseCommand):
    help = (
        "Load the demo data set (Gansu patents from 2005 to last month, targets and "
        "population, enforcement cases, the 12330 centre) and demo logins; idempotent."
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

        parser.add_argument(
            "--until",
            type=_day,
            default=None,
            help="end date YYYY-MM-DD (default: the date the demo in this database was built "
            "for, else today): patents up to the month before it, "
            "cases and 12330 requests up to it; the same date gives the same data",
        )

    def handle(self, *args, **opts) -> None:
        started = time.monotonic()
        # A demo already built stays on its date; a newer one needs a fresh database.
        until = opts["until"] or demo_built_until() or timezone.localdate()
        if until > timezone.localdate():
            raise CommandError("--until 不能晚于今天")
        self.stdout.write(f"正在生成并导入 {opts['count']} 条演示专利记录（截至 {until}）……")
        result = demo_build(count=opts["count"], seed=opts["seed"], until=until)
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
        t = result["targets"]
        out(
            f"专利申请截至 {result['records_end']}；目标任务 {t['targets']} 项、人口 "
            f"{t['population']} 项（本次新设或修改 {t['targets_changed']} 项、"
            f"{t['population_changed']} 项）。"
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


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"日期“{text}”无法识别，请用 YYYY-MM-DD 格式") from None
