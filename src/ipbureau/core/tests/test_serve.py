"""`ipbureau serve` as production runs it: DEBUG off, static files collected and served."""

import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from django.core.management import CommandError, call_command

IPBUREAU = [sys.executable, "-m", "ipbureau"]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


OPENER = urllib.request.build_opener(NoRedirects)


def fetch(url: str, headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
    """Status, headers and body, a redirect reported as it is rather than followed."""
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with OPENER.open(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def wait_until_listening(port: int, server: subprocess.Popen, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise AssertionError(f"serve exited with {server.returncode}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return
        except OSError:
            time.sleep(0.2)
    raise AssertionError(f"serve did not listen within {seconds} s")


@pytest.fixture
def production_env(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "STATIC_ROOT"}}
    return env | {
        "DEBUG": "0",
        "SECRET_KEY": "serve-test-" + "x" * 50,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "IPBUREAU_DATA_DIR": str(tmp_path / "data"),
    }


@contextmanager
def running(env: dict[str, str], *options: str) -> Iterator[str]:
    """`ipbureau serve` on a free loopback port, its base URL; always killed afterwards."""
    port = free_port()
    server = subprocess.Popen(
        [*IPBUREAU, "serve", "--bind", f"127.0.0.1:{port}", "--threads", "2", *options],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        wait_until_listening(port, server, seconds=60)
        yield f"http://127.0.0.1:{port}"
    finally:
        server.kill()
        output, _ = server.communicate(timeout=10)
    assert b"Traceback" not in output, output.decode(errors="replace")


def test_serve_answers_pages_static_files_and_health_with_debug_off(production_env):
    subprocess.run([*IPBUREAU, "init"], env=production_env, check=True, timeout=120)
    with running(production_env) as base:
        status, _, body = fetch(f"{base}/accounts/login/")
        assert status == 200
        page = body.decode()
        # The page names the stylesheet by its content hash, and that name is served.
        stylesheet = re.search(r'href="(/static/ipbureau/site\.[0-9a-f]{12}\.css)"', page)
        assert stylesheet, page
        status, headers, css = fetch(base + stylesheet.group(1))
        assert status == 200
        assert css
        assert "max-age=315360000" in headers["Cache-Control"]

        status, _, body = fetch(f"{base}/healthz")
        assert (status, body) == (200, b'{"status": "ok"}')


def test_only_the_trusted_proxy_may_say_the_request_came_over_https(production_env):
    env = production_env | {"SECURE_SSL_REDIRECT": "1", "IPBUREAU_BEHIND_PROXY": "1"}
    subprocess.run([*IPBUREAU, "init"], env=env, check=True, timeout=120)
    https = {"X-Forwarded-Proto": "https"}
    with running(env, "--trusted-proxy", "127.0.0.1") as base:
        assert fetch(f"{base}/healthz", https)[0] == 200
        assert fetch(f"{base}/healthz")[0] == 301
    # Without --trusted-proxy waitress drops the header: the request is plain HTTP.
    with running(env) as base:
        assert fetch(f"{base}/healthz", https)[0] == 301


def test_serve_refuses_an_address_without_a_port():
    with pytest.raises(CommandError, match="--bind"):
        call_command("serve", "--bind", "127.0.0.1")


def test_development_reads_static_files_without_a_manifest(production_env):
    # DEBUG=1 runs without `collectstatic`: the plain storage, not the manifest one.
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "from django.conf import settings; import django; django.setup();"
            "from django.templatetags.static import static; print(static('ipbureau/site.css'))",
        ],
        env=production_env | {"DEBUG": "1", "DJANGO_SETTINGS_MODULE": "ipbureau.settings"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.stdout.strip() == "/static/ipbureau/site.css", result.stderr
