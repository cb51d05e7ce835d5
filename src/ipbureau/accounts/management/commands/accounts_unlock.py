"""`ipbureau accounts unlock USER` / `--address IP`: lift a login lockout (audited)."""

from django.core.management import BaseCommand, CommandError

from ipbureau.accounts import selectors, services
from ipbureau.imports.command import SYSTEM_USER_HELP, acting_user


class Command(BaseCommand):
    help = "解除登录锁定：按用户名（任何地址）或按地址（任何用户名）"

    def add_arguments(self, parser) -> None:
        parser.add_argument("username", nargs="?", default="", help="被锁定的用户名")
        parser.add_argument("--address", default="", help="被锁定的 IP 地址")
        parser.add_argument("--user", help=SYSTEM_USER_HELP)

    def handle(self, *args, **opts) -> None:
        if not opts["username"] and not opts["address"]:
            raise CommandError("请给出用户名或 --address 地址")
        attempts = selectors.lockout_attempts(username=opts["username"], address=opts["address"])
        count = services.lockout_clear(actor=acting_user(opts["user"]), attempts=attempts)
        if count == 0:
            self.stdout.write("没有登录失败记录，无需解锁。")
        else:
            self.stdout.write(f"已解除锁定，清除登录失败记录 {count} 条。")
