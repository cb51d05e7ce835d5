import json

from django.core.management import BaseCommand, CommandError

from ipbureau.imports.command import SYSTEM_USER_HELP, acting_user
from ipbureau.targets.services import TargetError, format_value, target_set


class Command(BaseCommand):
    help = "Set one annual target (create it or change its value); audited."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--year", required=True)
        parser.add_argument("--region", required=True, help="six-digit region code")
        parser.add_argument(
            "--metric",
            required=True,
            help="metric code (applications, ...) or Chinese label (专利申请量)",
        )
        parser.add_argument("--value", required=True)
        parser.add_argument("--json", action="store_true", help="print the target as JSON")
        parser.add_argument("--user", help=SYSTEM_USER_HELP)

    def handle(self, *args, **opts) -> None:
        try:
            target = target_set(
                year=opts["year"],
                region=opts["region"],
                metric=opts["metric"],
                value=opts["value"],
                user=acting_user(opts["user"]),
            )
        except TargetError as exc:
            raise CommandError(str(exc)) from exc
        value = format_value(target.metric, target.value)
        if opts["json"]:
            self.stdout.write(
                json.dumps(
                    {
                        "year": target.year,
                        "region": target.region_id,
                        "metric": target.metric,
                        "value": value,
                    },
                    ensure_ascii=False,
                )
            )
        else:
            self.stdout.write(
                f"{target.region.name}{target.year}年{target.get_metric_display()}目标：{value}"
            )
