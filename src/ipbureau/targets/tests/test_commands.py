"""The `ipbureau targets ...` and `ipbureau population_import` commands."""

import json
from decimal import Decimal

import pytest
from django.core import management
from django.core.management import CommandError, call_command

from ipbureau.audit.models import AuditEntry
from ipbureau.cli import main
from ipbureau.targets.models import Metric, Target
from ipbureau.targets.selectors import population_for, target_value

pytestmark = pytest.mark.django_db

GOOD = "year,region_code,metric,value\n2024,620100,applications,1100\n2024,620500,grants,400\n"


def test_targets_import_prints_a_json_summary(regions, tmp_path, capsys):
    path = tmp_path / "t.csv"
    path.write_text(GOOD, encoding="utf-8")
    call_command("targets_import", str(path), "--json")
    summary = json.loads(capsys.readouterr().out)
    assert summary == {
        "inserted": 2,
        "updated": 0,
        "unchanged": 0,
        "rejected": 0,
        "committed": True,
        "problems": [],
    }


def test_targets_import_exits_non_zero_on_a_bad_file_and_writes_nothing(regions, tmp_path, capsys):
    path = tmp_path / "t.csv"
    path.write_text(GOOD + "2024,629999,applications,5\n", encoding="utf-8")
    with pytest.raises(SystemExit) as exited:
        call_command("targets_import", str(path), "--json")
    assert exited.value.code == 1
    summary = json.loads(capsys.readouterr().out)
    assert summary["committed"] is False
    assert summary["problems"] == [{"line": 4, "message": "第4行：地区代码 629999 不存在"}]
    assert not Target.objects.exists()


def test_targets_import_with_skip_bad_exits_zero(regions, tmp_path, capsys):
    path = tmp_path / "t.csv"
    path.write_text(GOOD + "2024,629999,applications,5\n", encoding="utf-8")
    call_command("targets_import", str(path), "--skip-bad")
    out = capsys.readouterr()
    assert "导入完成：新增 2" in out.out
    assert "第4行：地区代码 629999 不存在" in out.err


def test_targets_import_as_a_user_checks_that_users_rights(users, tmp_path):
    path = tmp_path / "t.csv"
    path.write_text(GOOD, encoding="utf-8")
    with pytest.raises(SystemExit):
        call_command("targets_import", str(path), "--user", "lanzhou", "--json")
    call_command("targets_import", str(path), "--user", "province", "--json")
    assert {e.actor.username for e in AuditEntry.objects.all()} == {"province"}


def test_an_unreadable_file_is_a_command_error(regions, tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(CommandError, match="文件缺少列"):
        call_command("targets_import", str(path))
    with pytest.raises(CommandError, match="找不到文件"):
        call_command("targets_import", str(tmp_path / "missing.csv"))


def test_the_two_word_cli_form_runs_targets_set(regions, capsys, monkeypatch):
    # Django's run_from_argv closes every connection when it ends, which would end the
    # test's transaction on PostgreSQL: check the rewriting, then run the command it names.
    seen = []
    monkeypatch.setattr(management, "execute_from_command_line", seen.append)
    args = ["--year", "2024", "--region", "620100", "--metric", "专利申请量", "--value", "1100"]
    main(["ipbureau", "targets", "set", *args])
    assert seen == [["ipbureau", "targets_set", *args]]
    call_command(seen[0][1], *args)
    assert "兰州市2024年专利申请量目标：1100" in capsys.readouterr().out
    assert target_value(2024, "620100", Metric.APPLICATIONS) == Decimal("1100")


def test_targets_set_refuses_what_the_user_may_not_set(users):
    with pytest.raises(CommandError, match="您无权设定兰州市的目标"):
        call_command(
            "targets_set",
            year="2024",
            region="620100",
            metric="applications",
            value="1",
            user="lanzhou",
        )
    with pytest.raises(CommandError, match="没有用户名为 nobody 的用户"):
        call_command(
            "targets_set",
            year="2024",
            region="620100",
            metric="applications",
            value="1",
            user="nobody",
        )


def test_targets_set_prints_json(regions, capsys):
    call_command(
        "targets_set",
        year="2024",
        region="620100",
        metric="valid_invention_per_10k",
        value="3.5",
        json=True,
    )
    assert json.loads(capsys.readouterr().out) == {
        "year": 2024,
        "region": "620100",
        "metric": "valid_invention_per_10k",
        "value": "3.50",
    }


def test_population_import_reads_wan(regions, tmp_path, capsys):
    path = tmp_path / "p.csv"
    path.write_text("年度,地区代码,人口（万人）\n2024,620100,438.43\n", encoding="utf-8")
    call_command("population_import", str(path), "--json")
    assert json.loads(capsys.readouterr().out)["inserted"] == 1
    assert population_for(year=2024, region_codes=["620100"]) == {"620100": 4_384_300}
