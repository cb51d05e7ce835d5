from django.conf import settings
from django.core.management import BaseCommand, CommandError, call_command
from django.core.wsgi import get_wsgi_application
from waitress import serve


def bind_address(value: str) -> str:
    host, sep, port = value.rpartition(":")
    if not sep or not host or not port.isdigit():
        raise ValueError(value)
    return value


class Command(BaseCommand):
    help = (
        "Production web server (waitress, also on Windows): collects the static files, then "
        "serves the site and its static files. Put nginx (TLS) in front; see docs/deploy.md."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--bind",
            type=bind_address,
            default="127.0.0.1:8000",
            metavar="HOST:PORT",
            help="address to listen on (default 127.0.0.1:8000: only the local reverse proxy)",
        )
        parser.add_argument(
            "--threads", type=int, default=8, help="requests served at once (default 8)"
        )
        parser.add_argument(
            "--trusted-proxy",
            metavar="ADDRESS",
            help="address of the reverse proxy (e.g. 127.0.0.1): only requests from it may "
            "set the client address (X-Forwarded-For) and scheme (X-Forwarded-Proto)",
        )

    def handle(self, *args, bind: str, threads: int, trusted_proxy: str | None, **options):
        if threads < 1:
            raise CommandError("--threads 至少为 1")
        # Hashed names must match the code being served: collect at every start (quick when
        # nothing changed) rather than trust a step of the deployment to have done it.
        call_command("collectstatic", interactive=False, verbosity=0)
        proxy: dict = {}
        if trusted_proxy:
            proxy = {
                "trusted_proxy": trusted_proxy,
                "trusted_proxy_headers": {"x-forwarded-for", "x-forwarded-proto"},
            }
        self.stdout.write(
            f"ipbureau 正在 http://{bind}/ 提供服务（{threads} 个线程，"
            f"静态文件 {settings.STATIC_ROOT}）；按 Ctrl+C 停止。"
        )
        self.stdout.flush()
        serve(get_wsgi_application(), listen=bind, threads=threads, ident="ipbureau", **proxy)
