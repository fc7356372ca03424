"""Issue 9: the command line speaks the user's language, in help, usage errors and output."""

from __future__ import annotations

import re
from pathlib import Path

from .conftest import ADMIN, ADMIN_PASSWORD, run_cli

LATIN_WORD = re.compile(r"[A-Za-z]{4,}")


def test_help_is_chinese_by_default_and_english_when_asked(tmp_path: Path) -> None:
    zh = run_cli("--help", data_dir=tmp_path, user=None)
    assert zh.returncode == 0
    assert "用法：" in zh.stdout and "显示此帮助并退出" in zh.stdout
    assert "show this help" not in zh.stdout and "usage:" not in zh.stdout
    for command in ("init", "user", "residents", "scale", "demo-data", "audit", "backup"):
        text = run_cli(command, "--help", data_dir=tmp_path, user=None).stdout
        assert "用法：" in text and "选项" in text, command
        # Every option line says what it does, in Chinese.
        assert "show this help" not in text
    en = run_cli("--help", data_dir=tmp_path, user=None, env={"PSYROOM_LANG": "en"})
    assert "usage:" in en.stdout and "first set-up" in en.stdout and "用法" not in en.stdout


def test_usage_errors_are_translated_and_one_line(tmp_path: Path) -> None:
    missing = run_cli("init", "--site-kind", "room", data_dir=tmp_path, user=None)
    assert missing.returncode == 2
    # The site's kind, code and name may come from an enrolment file (--join), so only the
    # admin is always required.
    assert missing.stderr == "psyroom: 缺少必需的参数：--admin\n"
    bad = run_cli("frob", data_dir=tmp_path, user=None)
    assert bad.stderr.count("\n") == 1 and "无效的选项" in bad.stderr


def test_demo_data_names_the_option_and_its_range(tmp_path: Path) -> None:
    result = run_cli("demo-data", "--residents", "-5", data_dir=tmp_path)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1
    assert "--residents" in result.stderr and "0 到 1000000" in result.stderr
    en = run_cli("demo-data", "--residents", "-5", data_dir=tmp_path,
                 env={"PSYROOM_LANG": "en"})
    assert "--residents" in en.stderr and "from 0 to 1000000" in en.stderr


def test_init_prints_no_mixed_language_line_and_upper_cases_the_code(tmp_path: Path) -> None:
    d = tmp_path / "room"
    init = run_cli("init", "--site-kind", "room", "--site-code", "ｈｘ-001", "--site-name",
                   "河西村心理服务室", "--admin", ADMIN, data_dir=d, user=None,
                   password=ADMIN_PASSWORD)
    assert init.returncode == 0, init.stderr
    lines = init.stdout.strip().splitlines()
    assert lines[0] == "已完成设置：HX-001（心理服务室）"
    for line in lines[:-1]:  # the last line is the recovery code itself
        assert not LATIN_WORD.search(line.replace("HX", "")), line
