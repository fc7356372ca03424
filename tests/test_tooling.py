"""The developer tooling keeps its promises: the README's two commands, CI, Qt blocker, bench."""

from __future__ import annotations

import ast
import importlib.util
import os
import re
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

REPO = Path(__file__).resolve().parent.parent


def load(name: str, path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    # dataclasses resolve string annotations through sys.modules.
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


dev = load("psyroom_dev_tool", REPO / "tools" / "dev.py")
bench = load("psyroom_bench_run", REPO / "bench" / "run.py")


def command_lines(block: str) -> list[str]:
    return [
        ln.strip() for ln in block.splitlines() if ln.strip() and not ln.strip().startswith("#")
    ]


def test_readme_box_holds_exactly_the_two_commands() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    first_block = re.search(r"```[a-z]*\n(.*?)```", readme, re.S)
    assert first_block is not None
    assert command_lines(first_block.group(1)) == [dev.RUN_COMMAND, dev.TEST_COMMAND]
    assert dev.RUN_COMMAND == "python3 tools/dev.py run"
    assert dev.TEST_COMMAND == "python3 tools/dev.py test"


def test_ci_runs_the_readme_test_command() -> None:
    script = REPO / ".ci" / "run"
    lines = command_lines(script.read_text(encoding="utf-8"))
    assert lines[0].startswith("#!") or lines[0].startswith("set ")
    assert lines[-1] == f"exec {dev.TEST_COMMAND}"
    if os.name == "posix":
        assert os.access(script, os.X_OK), ".ci/run must be executable"
        subprocess.run(["bash", "-n", str(script)], check=True)


def test_dev_tool_uses_only_the_standard_library() -> None:
    tree = ast.parse((REPO / "tools" / "dev.py").read_text(encoding="utf-8"))
    imported = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            imported |= {a.name.partition(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            imported.add(node.module.partition(".")[0])
    assert imported <= set(sys.stdlib_module_names), imported - set(sys.stdlib_module_names)


@pytest.mark.parametrize(
    ("argv", "command", "data_dir", "rest"),
    [
        (["run"], "run", None, []),
        (["run", "--data-dir", "/d", "--lang", "en"], "run", "/d", ["--lang", "en"]),
        (["run", "--lang", "en", "--data-dir", "/d"], "run", "/d", ["--lang", "en"]),
        # An app option that starts like ours is the app's, not an abbreviation of ours.
        (["run", "--data", "x"], "run", None, ["--data", "x"]),
        (["run", "--", "--data-dir2"], "run", None, ["--data-dir2"]),
        (["test"], "test", None, []),
        (["bench", "--rows", "10"], "bench", None, ["--rows", "10"]),
    ],
)
def test_dev_parses_its_arguments(
    argv: list[str], command: str, data_dir: str | None, rest: list[str]
) -> None:
    args, extra = dev.parse_args(argv)
    assert args.command == command
    assert getattr(args, "data_dir", None) == data_dir
    assert extra == rest


def test_dev_test_takes_no_arguments() -> None:
    with pytest.raises(SystemExit):
        dev.parse_args(["test", "--whatever"])
    with pytest.raises(SystemExit):
        dev.parse_args([])


def test_stamp_decides_what_to_install(tmp_path: Path) -> None:
    stamp = {"pyproject_sha256": "abc", "extras": ["dev"]}
    assert dev.extras_to_install(["dev"], stamp, "abc") == []
    assert dev.extras_to_install(["gui"], stamp, "abc") == ["gui"]
    # A changed pyproject.toml means every wanted extra is installed again.
    assert dev.extras_to_install(["dev"], stamp, "changed") == ["dev"]
    assert dev.extras_to_install(["gui"], {}, "abc") == ["gui"]
    (tmp_path / "stamp.json").write_text("not json", encoding="utf-8")
    assert dev.read_stamp(tmp_path / "stamp.json") == {}


def test_venv_paths_follow_the_os(tmp_path: Path) -> None:
    python = dev.venv_python(tmp_path)
    expected = ("Scripts", "python.exe") if os.name == "nt" else ("bin", "python")
    assert (python.parent.name, python.name) == expected


def test_junit_totals_count_errors_as_failures(tmp_path: Path) -> None:
    xml = tmp_path / "r.xml"
    xml.write_text(
        '<testsuites><testsuite name="pytest" tests="10" failures="1" errors="2" skipped="3"/>'
        "</testsuites>",
        encoding="utf-8",
    )
    counts = dev.junit_counts(xml)
    assert counts is not None
    assert counts.line() == "4 passed, 3 failed, 3 skipped"
    assert dev.junit_counts(tmp_path / "missing.xml") is None


@pytest.mark.skipif(not Path("/usr/bin/dpkg-query").exists(), reason="needs dpkg")
def test_missing_debs_reports_an_absent_package() -> None:
    assert dev.missing_debs(["psyroom-no-such-package"]) == ["psyroom-no-such-package"]


def _import_pyside6_with(env_value: str | None) -> subprocess.CompletedProcess[str]:
    code = (
        "import runpy, sys\n"
        f"runpy.run_path({str(REPO / 'tests' / 'conftest.py')!r})\n"
        "try:\n"
        "    import PySide6\n"
        "except ModuleNotFoundError as e:\n"
        "    print('blocked', e.name)\n"
        "else:\n"
        "    print('imported')\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "PSYROOM_BLOCK_QT"}
    if env_value is not None:
        env["PSYROOM_BLOCK_QT"] = env_value
    return subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )


def test_block_qt_makes_pyside6_unimportable() -> None:
    assert _import_pyside6_with("1").stdout.strip() == "blocked PySide6"


@pytest.mark.gui
def test_without_the_flag_pyside6_imports() -> None:
    pytest.importorskip("PySide6")
    assert _import_pyside6_with(None).stdout.strip() == "imported"


def test_bench_rows_look_like_residents() -> None:
    rows = bench.resident_rows(50)
    assert rows == bench.resident_rows(50)  # deterministic, so runs compare
    assert len({r[0] for r in rows}) == 50
    for row in rows:
        id_number = row[8]
        body, check = id_number[:17], id_number[17]
        total = sum(int(d) * w for d, w in zip(body, bench.ID_WEIGHTS, strict=True))
        assert bench.ID_CHECK[total % 11] == check
        assert len(row[9]) == 11 and row[9].startswith("1")


def test_bench_keyed_insert_leaves_no_plaintext(tmp_path: Path) -> None:
    rows = bench.resident_rows(300)
    assert bench.insert_keyed(tmp_path / "k.db", rows, os.urandom(32)) > 0
    assert bench.insert_plain(tmp_path / "p.db", rows) > 0
    name = rows[0][5].encode("utf-8")
    keyed = b"".join(p.read_bytes() for p in tmp_path.glob("k.db*"))
    plain = b"".join(p.read_bytes() for p in tmp_path.glob("p.db*"))
    assert name in plain  # the probe works...
    assert name not in keyed  # ...and the keyed file hides it


def test_bench_open_and_table(tmp_path: Path) -> None:
    figures = bench.bench_open(tmp_path, runs=1)
    assert [f.unit for f in figures] == ["ms", "ms", "ms"]
    table = bench.render([*figures, bench.Figure("x", None, "s", note="ui not ready")], runs=1)
    assert "| figure | value | unit | reference |" in table
    assert "n/a (ui not ready)" in table


def test_stages_run_the_core_once_and_honour_the_slow_marker(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls: list[tuple[str, list[str], dict[str, str] | None]] = []

    def record(self: object, name: str, argv: list[str], env: dict[str, str] | None = None
               ) -> tuple[int, float]:
        calls.append((name, argv, env))
        # No slow test outside tests/core: pytest's "collected nothing" (5), not a failure.
        slow_rest = "slow" in argv and "--ignore=tests/core" in argv and "not slow" not in argv
        return (dev.PYTEST_NO_TESTS if slow_rest else 0), 0.0

    monkeypatch.setattr(dev.TestRun, "run", record)
    run = dev.TestRun()
    assert dev._test_steps(run, Path("python"), "all")
    runs = [(argv, env) for _, argv, env in calls if "pytest" in argv]
    assert len(runs) == 4
    core = [(a, e) for a, e in runs if a[-1] == "tests/core"]
    rest = [(a, e) for a, e in runs if "--ignore=tests/core" in a]
    assert len(core) == 2 and len(rest) == 2
    assert all(e is not None and e.get("PSYROOM_BLOCK_QT") == "1" for _, e in core)
    assert all(e is not None and "PSYROOM_BLOCK_QT" not in e for _, e in rest)
    def marker(argv: list[str]) -> str:
        return argv[max(i for i, x in enumerate(argv) if x == "-m") + 1]

    markers = [marker(a) for a, _ in runs]
    assert markers == ["not slow", "not slow", "slow", "slow"]
    assert [r.status for r in run.results][-1] == "skipped"
    # One stage alone runs only its own tests.
    calls.clear()
    assert dev._test_steps(dev.TestRun(), Path("python"), "slow")
    assert [marker(a) for _, a, _ in calls] == ["slow", "slow"]
    args, _ = dev.parse_args(["test", "--stage", "default"])
    assert args.stage == "default"


def test_fresh_machine_gets_the_tools_the_tests_read_files_with() -> None:
    assert {"poppler-utils", "zbar-tools"} <= set(dev.TEST_TOOL_DEBS)
    extras = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    dev_extra = re.search(r"^dev = \[(.*?)\]", extras, re.S | re.M)
    assert dev_extra is not None
    assert '"hypothesis' in dev_extra.group(1) and '"mutmut' in dev_extra.group(1)
