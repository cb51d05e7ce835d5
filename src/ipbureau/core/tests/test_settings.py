import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from ipbureau import settings
from ipbureau.settings import envbool

SETTINGS_PY = Path(settings.__file__)
ENV_EXAMPLE = SETTINGS_PY.parents[2] / ".env.example"
ENV_READERS = {"envbool", "envint", "envlist", "getenv", "get"}


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("1", True),
        ("true", True),
        ("Yes", True),
        (" ON ", True),
        ("0", False),
        ("False", False),
        ("no", False),
        ("OFF", False),
    ],
)
def test_envbool_reads_the_usual_spellings(monkeypatch, raw, expected):
    monkeypatch.setenv("SOME_SWITCH", raw)
    assert envbool("SOME_SWITCH", default=not expected) is expected


def test_envbool_falls_back_to_the_default_when_unset_or_blank(monkeypatch):
    monkeypatch.delenv("SOME_SWITCH", raising=False)
    assert envbool("SOME_SWITCH", True) is True
    monkeypatch.setenv("SOME_SWITCH", "")
    assert envbool("SOME_SWITCH", True) is True


@pytest.mark.parametrize("raw", ["ture", "2", "enabled", "y es"])
def test_envbool_refuses_a_value_it_does_not_know(monkeypatch, raw):
    monkeypatch.setenv("SECURE_SSL_REDIRECT", raw)
    with pytest.raises(ImproperlyConfigured) as refused:
        envbool("SECURE_SSL_REDIRECT", True)
    assert "SECURE_SSL_REDIRECT" in str(refused.value)
    assert repr(raw) in str(refused.value)


def _variables_read_by_settings() -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(SETTINGS_PY.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call) and node.args:
            func = node.func
            called = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
            first = node.args[0]
            if called in ENV_READERS and isinstance(first, ast.Constant):
                if isinstance(first.value, str) and first.value.isupper():
                    names.add(first.value)
        if isinstance(node, ast.Subscript) and ast.unparse(node.value) == "os.environ":
            names.add(ast.literal_eval(node.slice))
    return names


def test_env_example_lists_every_variable_settings_reads():
    names = _variables_read_by_settings()
    assert {"SECRET_KEY", "DEBUG", "DATABASE_URL", "SECURE_HSTS_PRELOAD"} <= names
    listed = ENV_EXAMPLE.read_text(encoding="utf-8")
    missing = sorted(n for n in names if f"{n}=" not in listed)
    assert not missing, f".env.example does not list {missing}"


def _production_setting(name: str, **env: str) -> str:
    """repr() of a setting as a production process (DEBUG off) started with `env` sees it."""
    base = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "IPBUREAU_BEHIND_PROXY"}}
    code = f"from django.conf import settings; print(repr(getattr(settings, {name!r}, None)))"
    result = subprocess.run(
        [sys.executable, "-c", code],
        env=base | {"DJANGO_SETTINGS_MODULE": "ipbureau.settings", "SECRET_KEY": "k" * 50} | env,
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip()


def test_x_forwarded_proto_is_trusted_only_behind_a_declared_proxy():
    assert _production_setting("SECURE_PROXY_SSL_HEADER") == "None"
    assert _production_setting("SECURE_PROXY_SSL_HEADER", IPBUREAU_BEHIND_PROXY="1") == (
        "('HTTP_X_FORWARDED_PROTO', 'https')"
    )
