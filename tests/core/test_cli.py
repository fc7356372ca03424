"""The psyroom command as scripts and the office use it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .conftest import ADMIN, ADMIN_PASSWORD, run_cli

STAT_KEYS = {"residents", "consultations", "assessments", "referrals", "crisis_events",
             "followups", "activities", "audit_events", "sites"}


@pytest.mark.slow  # many whole psyroom processes: ~20-30 s on the shared 2-core machine
def test_init_users_stats_audit(tmp_path: Path) -> None:
    d = tmp_path / "room"
    init = run_cli("init", "--site-kind", "room", "--site-code", "NG-02", "--site-name",
                   "南关社区心理咨询室", "--admin", ADMIN, data_dir=d, user=None)
    assert init.returncode == 0, init.stderr
    code = init.stdout.strip().splitlines()[-1]
    assert len(code) == 29 and code.count("-") == 4

    stats = run_cli("stats", "--json", data_dir=d)
    assert stats.returncode == 0, stats.stderr
    counts = json.loads(stats.stdout)
    assert counts.keys() >= STAT_KEYS
    assert counts["sites"] == 1 and counts["residents"] == 0 and counts["audit_events"] >= 2

    add = run_cli("user", "add", "zhoucounsel", "--role", "counsellor", data_dir=d,
                  env={"PSYROOM_NEW_PASSWORD": "Zhou-2026ab"})
    assert add.returncode == 0, add.stderr
    listing = run_cli("user", "list", data_dir=d)
    assert "zhoucounsel\t" in listing.stdout and "must_change_password" in listing.stdout

    # A counsellor may not manage users; the core refuses, not just the UI.
    denied = run_cli("user", "add", "x2", "--role", "admin", data_dir=d, user="zhoucounsel",
                     password="Zhou-2026ab", env={"PSYROOM_NEW_PASSWORD": "Zhou-2026ab"})
    assert denied.returncode == 1 and "权限" in denied.stderr

    passwd = run_cli("user", "passwd", "zhoucounsel", data_dir=d,
                     env={"PSYROOM_NEW_PASSWORD": "Zhou-2027ab"})
    assert passwd.returncode == 0, passwd.stderr
    assert run_cli("stats", data_dir=d, user="zhoucounsel",
                   password="Zhou-2027ab").returncode == 0

    disable = run_cli("user", "disable", "zhoucounsel", data_dir=d)
    assert disable.returncode == 0
    assert run_cli("stats", data_dir=d, user="zhoucounsel",
                   password="Zhou-2027ab").returncode == 1
    last_admin = run_cli("user", "disable", ADMIN, data_dir=d)
    assert last_admin.returncode == 1 and "管理员" in last_admin.stderr

    audit = run_cli("audit", "--since", "2020-01-01", data_dir=d)
    said = [line.split("\t")[2] for line in audit.stdout.splitlines()]
    # Words in the user's language, never the codes.
    assert said[0] == "完成了首次设置：心理服务室（村）"
    assert {"添加了用户：角色：咨询师", "被拒绝：没有权限：需要的权限：管理用户", "停用了用户",
            "登录"} <= set(said)
    assert "user_added" not in audit.stdout and "permission_denied" not in audit.stdout
    assert "南关" not in audit.stdout  # ids and words, never the site's or people's names
    # Scripts get the codes from --json.
    rows = [json.loads(line) for line in run_cli(
        "audit", "--json", data_dir=d).stdout.splitlines()]
    assert rows[0]["action"] == "site_initialised"
    assert {"user_added", "permission_denied", "user_disabled", "login"} <= {
        r["action"] for r in rows}


def test_errors_are_one_line_without_traceback(tmp_path: Path) -> None:
    cases = [
        run_cli("stats", data_dir=tmp_path / "nothing"),
        run_cli("stats", data_dir=tmp_path / "nothing", user=None),
        run_cli("bogus", data_dir=tmp_path),
        run_cli("audit", "--since", "yesterday", data_dir=tmp_path / "nothing"),
        run_cli("init", "--site-kind", "room", "--site-code", "!", "--site-name", "x",
                "--admin", ADMIN, data_dir=tmp_path / "bad", user=None),
        run_cli("init", "--site-kind", "room", "--site-code", "OK-1", "--site-name", "x",
                "--admin", ADMIN, data_dir=tmp_path / "weak", user=None, password="short"),
        run_cli("restore", str(tmp_path / "missing.bak"), data_dir=tmp_path / "r"),
    ]
    for result in cases:
        assert result.returncode != 0
        assert result.stderr.count("\n") == 1, result.stderr
        assert "Traceback" not in result.stderr
    assert "密码至少 8 位" in cases[5].stderr
    assert not (tmp_path / "weak" / "psyroom.db").exists()


def test_english_messages(tmp_path: Path) -> None:
    result = run_cli("stats", data_dir=tmp_path / "nothing", env={"PSYROOM_LANG": "en"})
    assert result.returncode == 1 and "not set up" in result.stderr


def test_version() -> None:
    result = run_cli("--version", data_dir=Path("."), user=None)
    assert result.returncode == 0 and result.stdout.startswith("psyroom ")


def test_wrong_password_exit_status(tmp_path: Path) -> None:
    d = tmp_path / "room"
    run_cli("init", "--site-kind", "office", "--site-code", "SC", "--site-name", "山城街道",
            "--admin", ADMIN, data_dir=d, user=None)
    bad = run_cli("verify", data_dir=d, password="Nope-2026x")
    assert bad.returncode == 1 and "密码不正确" in bad.stderr
    good = run_cli("verify", data_dir=d, password=ADMIN_PASSWORD)
    assert good.returncode == 0 and "校验通过" in good.stdout


def test_version_and_help_start_without_the_database_stack() -> None:
    # `psyroom --version` is what scripts call to see what is installed; on a slow room PC
    # importing SQLAlchemy and the session alone costs more than the whole answer should.
    import subprocess
    import sys

    probe = ("import sys, runpy; sys.argv = ['psyroom', '--version']\n"
             "try:\n    runpy.run_module('psyroom', run_name='__main__')\n"
             "except SystemExit:\n    pass\n"
             "print(sorted(m for m in sys.modules if m.split('.')[0] in "
             "('sqlalchemy', 'sqlcipher3', 'cryptography', 'openpyxl', 'reportlab')))")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                         check=True).stdout
    assert out.strip().splitlines()[-1] == "[]", out
