#!/usr/bin/env python3
"""Two commands on a fresh machine with only Python and git:

    python3 run.py demo   # virtualenv, install, database, demo Gansu, server on :8000
    python3 run.py test   # virtualenv with test tools, then the whole test suite

Anything after the command is passed on (to pytest for `test`, e.g. `-k import`).
`python3 run.py lint` runs what CI checks before the tests: ruff and mypy.
"""

import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")
LINTED = ["src", "bench", "tools", "testing"]


def ensure_venv(extras: str) -> None:
    stamp = VENV / f".installed-{extras or 'base'}"
    if not PYTHON.exists():
        print("创建虚拟环境 .venv ……", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    pyproject = ROOT / "pyproject.toml"
    if stamp.exists() and stamp.stat().st_mtime >= pyproject.stat().st_mtime:
        return
    print("安装依赖 ……", flush=True)
    target = f".[{extras}]" if extras else "."
    subprocess.run([str(PYTHON), "-m", "pip", "install", "-q", "-e", target], cwd=ROOT, check=True)
    stamp.touch()


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "demo"
    rest = argv[1:]
    env = dict(os.environ)
    if command == "demo":
        ensure_venv("")
        env.setdefault("DEBUG", "1")
        ipbureau = [str(PYTHON), "-m", "ipbureau"]
        subprocess.run([*ipbureau, "init"], cwd=ROOT, env=env, check=True)
        subprocess.run([*ipbureau, "demo"], cwd=ROOT, env=env, check=True)
        address = rest[0] if rest else "127.0.0.1:8000"
        print(
            f"\n平台地址：http://{address}/   登录：admin / ipbureau-demo（另有各市账号见 README）\n",
            flush=True,
        )
        return subprocess.run(
            [*ipbureau, "runserver", "--noreload", address], cwd=ROOT, env=env
        ).returncode
    if command == "test":
        ensure_venv("test")
        return subprocess.run([str(PYTHON), "-m", "pytest", *rest], cwd=ROOT, env=env).returncode
    if command == "lint":
        ensure_venv("test")
        # mypy's Django plugin loads the settings, which want a key outside DEBUG.
        env.setdefault("SECRET_KEY", "lint-only-key-not-for-production")
        checks = [
            ["ruff", "check", *LINTED],
            ["ruff", "format", "--check", *LINTED],
            ["mypy"],  # files and options: [tool.mypy] in pyproject.toml
        ]
        for check in checks:
            print("==", " ".join(check), flush=True)
            done = subprocess.run([str(PYTHON), "-m", *check], cwd=ROOT, env=env)
            if done.returncode:
                return done.returncode
        return 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
