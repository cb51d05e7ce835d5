import os
import secrets
import subprocess
import sys

import pytest
from django.core.management import call_command

from ipbureau.regions.models import Region


def test_production_settings_pass_the_deploy_check(tmp_path):
    relaxed_for_tests = {
        "DEBUG",
        "DATABASE_URL",
        "SECURE_SSL_REDIRECT",
        "SESSION_COOKIE_SECURE",
        "CSRF_COOKIE_SECURE",
    }
    env = {k: v for k, v in os.environ.items() if k not in relaxed_for_tests} | {
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "ipbureau.example.gov.cn",
        "IPBUREAU_DATA_DIR": str(tmp_path),
    }
    result = subprocess.run(
        [sys.executable, "-m", "ipbureau", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr + result.stdout


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY"}}
    env["IPBUREAU_DATA_DIR"] = str(tmp_path)
    result = subprocess.run(
        [sys.executable, "-m", "ipbureau", "check"], env=env, capture_output=True, text=True
    )
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


@pytest.mark.django_db
def test_init_is_idempotent(regions, capsys):
    call_command("init")
    call_command("init")
    assert "更新 0 条" in capsys.readouterr().out
    assert Region.objects.get(code="620881").name == "华亭市"
    assert Region.objects.filter(parent_id="620000").count() == 14
