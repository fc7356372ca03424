#!/usr/bin/env python3
"""PsyRoom developer commands: set up the venv, start the app, run the checks, run the benchmark.

    python3 tools/dev.py run [--data-dir DIR] [APP ARGS...]   set up and start the app
    python3 tools/dev.py test [--stage default|slow|all]      every check CI runs
    python3 tools/dev.py bench [BENCH ARGS...]                print the benchmark table
    python3 tools/dev.py setup                                only make .venv (gui + dev)
    python3 tools/dev.py mutate [MODULE...]                   mutation testing (not in CI)

This file uses the standard library only, because it is what turns a machine that has nothing
but Python 3.11+ into one that has the project's venv: it cannot depend on anything it installs.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
VENV = REPO / ".venv"
PYPROJECT = REPO / "pyproject.toml"
DEMO_DATA = REPO / "demo-data"
# Kept inside .venv so that deleting the venv also forgets what was installed into it.
STAMP = VENV / "psyroom-dev-stamp.json"
MIN_PYTHON = (3, 11)

# The two commands the README promises; tests/test_tooling.py checks README and .ci/run use them.
RUN_COMMAND = "python3 tools/dev.py run"
TEST_COMMAND = "python3 tools/dev.py test"

# Debian packages Qt needs for the offscreen platform the tests use (PySide6 wheels bundle Qt
# itself but link these from the system).
QT_OFFSCREEN_DEBS: tuple[str, ...] = (
    "libegl1",
    "libgl1",
    "libxkbcommon0",
    "libfontconfig1",
    "libdbus-1-3",
    "libglib2.0-0",
)
# Extra packages the xcb platform (a real X11 desktop) needs; Qt >= 6.5 refuses to start
# without libxcb-cursor0, which many desktops lack.
QT_XCB_DEBS: tuple[str, ...] = (
    "libxcb-cursor0",
    "libxkbcommon-x11-0",
    "libx11-xcb1",
    "libxcb-icccm4",
    "libxcb-image0",
    "libxcb-keysyms1",
    "libxcb-randr0",
    "libxcb-render-util0",
    "libxcb-shape0",
    "libxcb-xinerama0",
)

# Command-line tools the tests read generated files with: pdftotext, pdffonts and pdftoppm
# (PDFs back as text, fonts and pixels) and zbarimg (QR codes printed on paper).
TEST_TOOL_DEBS: tuple[str, ...] = ("poppler-utils", "zbar-tools")

# Tests marked slow (process kills, property tests over many inputs, screenshots at every
# font size, packaging) run in a second stage, so the default stage stays within this.
DEFAULT_STAGE_BUDGET_S = 8 * 60
STAGES = ("default", "slow", "all")

# A hung GUI test must not eat all of CI's 90 minutes without saying which step hung.
STEP_TIMEOUT_S = float(os.environ.get("PSYROOM_STEP_TIMEOUT", str(40 * 60)))

PYTEST_NO_TESTS = 5


class DevError(Exception):
    """A set-up problem explained in one line; main() prints it without a traceback."""


def say(message: str) -> None:
    print(f"[dev] {message}", flush=True)


# --------------------------------------------------------------------------- venv


def venv_bin_dir(venv: Path = VENV) -> Path:
    return venv / ("Scripts" if os.name == "nt" else "bin")


def venv_python(venv: Path = VENV) -> Path:
    return venv_bin_dir(venv) / ("python.exe" if os.name == "nt" else "python")


def venv_script(name: str, venv: Path = VENV) -> Path:
    return venv_bin_dir(venv) / (f"{name}.exe" if os.name == "nt" else name)


def pyproject_hash(path: Path = PYPROJECT) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def read_stamp(stamp: Path = STAMP) -> dict[str, object]:
    try:
        data = json.loads(stamp.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def extras_to_install(
    wanted: Sequence[str], stamp: dict[str, object], current_hash: str
) -> list[str]:
    """The extras that still need `pip install -e .[...]`; [] when the venv is up to date.

    A changed pyproject.toml invalidates every extra installed before, so all wanted extras
    are installed again (pip then adds, upgrades or downgrades to match the new ranges).
    """
    if stamp.get("pyproject_sha256") != current_hash:
        return sorted(set(wanted))
    done = stamp.get("extras")
    done_set = {str(x) for x in done} if isinstance(done, list) else set()
    return sorted(set(wanted) - done_set)


def venv_works(venv: Path = VENV) -> bool:
    python = venv_python(venv)
    if not python.exists():
        return False
    # A venv made without ensurepip (Debian without python3-venv) has a python but no pip.
    probe = subprocess.run([str(python), "-c", "import pip"], capture_output=True, check=False)
    return probe.returncode == 0


def can_use_apt() -> bool:
    return sys.platform.startswith("linux") and shutil.which("apt-get") is not None


def privilege_prefix() -> list[str] | None:
    """[] as root, ['sudo', '-n'] where sudo works without a prompt, None otherwise."""
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        return []
    sudo = shutil.which("sudo")
    if sudo and subprocess.run([sudo, "-n", "true"], capture_output=True).returncode == 0:
        return [sudo, "-n"]
    return None


def apt_install(packages: Sequence[str], why: str) -> bool:
    """Install Debian packages when we may; False (after saying what to run) when we may not."""
    prefix = privilege_prefix()
    command = "apt-get install -y --no-install-recommends " + " ".join(packages)
    if prefix is None:
        say(f"MISSING system packages ({why}): {' '.join(packages)}")
        say(f"  not root and no password-less sudo, so not installing; run:  sudo {command}")
        return False
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    say(f"installing system packages ({why}): {' '.join(packages)}")
    update = subprocess.run([*prefix, "apt-get", "update", "-q"], env=env, check=False)
    if update.returncode != 0:
        say("apt-get update failed; trying the install with the package lists as they are")
    install = subprocess.run(
        [*prefix, "apt-get", "install", "-y", "-q", "--no-install-recommends", *packages],
        env=env,
        check=False,
    )
    return install.returncode == 0


def create_venv(venv: Path = VENV) -> None:
    if venv.exists():
        say(f"{venv.name} is incomplete (no working python/pip); making it again")
        shutil.rmtree(venv)
    say(f"creating {venv} with {sys.executable}")
    made = subprocess.run([sys.executable, "-m", "venv", str(venv)], check=False)
    if made.returncode == 0 and venv_works(venv):
        return
    # Debian and Ubuntu split venv/ensurepip out of the interpreter package.
    deb = f"python{sys.version_info.major}.{sys.version_info.minor}-venv"
    if can_use_apt() and apt_install(["python3-venv", deb], "python -m venv needs ensurepip"):
        shutil.rmtree(venv, ignore_errors=True)
        made = subprocess.run([sys.executable, "-m", "venv", str(venv)], check=False)
        if made.returncode == 0 and venv_works(venv):
            return
    raise DevError(
        f"could not create a virtual environment with {sys.executable}. On Debian/Ubuntu "
        f"install the package '{deb}' (sudo apt-get install {deb}) and try again."
    )


def ensure_venv(extras: Sequence[str]) -> Path:
    """Make .venv and `pip install -e .[extras]` unless the stamp says that is already done."""
    if sys.version_info < MIN_PYTHON:
        raise DevError(
            f"PsyRoom needs Python {MIN_PYTHON[0]}.{MIN_PYTHON[1]} or newer; "
            f"this is {sys.version.split()[0]} ({sys.executable})"
        )
    if not venv_works():
        create_venv()
        STAMP.unlink(missing_ok=True)
    current = pyproject_hash()
    stamp = read_stamp()
    todo = extras_to_install(extras, stamp, current)
    if todo:
        target = f".[{','.join(todo)}]"
        say(f"pip install -e {target}  (pyproject.toml or wanted extras changed since last time)")
        pip = subprocess.run(
            [
                str(venv_python()),
                "-m",
                "pip",
                "install",
                "--disable-pip-version-check",
                "-e",
                target,
            ],
            cwd=REPO,
            check=False,
        )
        if pip.returncode != 0:
            raise DevError(f"pip install -e {target} failed (exit {pip.returncode}); see above")
        kept = stamp.get("extras") if stamp.get("pyproject_sha256") == current else []
        installed = sorted({*(kept if isinstance(kept, list) else []), *todo})
        STAMP.write_text(
            json.dumps(
                {"pyproject_sha256": current, "extras": installed, "python": sys.version},
                indent=2,
            ),
            encoding="utf-8",
        )
    return venv_python()


# --------------------------------------------------------------------------- system libraries


def missing_debs(packages: Sequence[str]) -> list[str]:
    """The packages dpkg does not report as installed ([] where there is no dpkg)."""
    if shutil.which("dpkg-query") is None:
        return []
    missing = []
    for name in packages:
        probe = subprocess.run(
            ["dpkg-query", "-W", "-f=${Status}", name], capture_output=True, text=True
        )
        if probe.returncode != 0 or "install ok installed" not in probe.stdout:
            missing.append(name)
    return missing


def ensure_qt_libs(packages: Sequence[str], why: str) -> bool:
    """True when every package is present (or this is not a dpkg system)."""
    if not can_use_apt():
        return True
    missing = missing_debs(packages)
    if not missing:
        return True
    if not apt_install(missing, why):
        return False
    still = missing_debs(missing)
    if still:
        say(f"still missing after apt-get: {' '.join(still)}")
        return False
    return True


# --------------------------------------------------------------------------- commands


def venv_env() -> dict[str, str]:
    env = dict(os.environ)
    env["VIRTUAL_ENV"] = str(VENV)
    env["PATH"] = str(venv_bin_dir()) + os.pathsep + env.get("PATH", "")
    env.pop("PYTHONHOME", None)
    return env


def exec_in_venv(argv: list[str]) -> int:
    """Replace this process (POSIX) so signals and the exit status go straight to the app."""
    sys.stdout.flush()
    sys.stderr.flush()
    os.chdir(REPO)
    env = venv_env()
    if os.name == "nt":
        # os.execv on Windows starts a new process and returns at once, losing the console.
        return subprocess.call(argv, env=env)
    os.execve(argv[0], argv, env)
    raise AssertionError("unreachable")


def cmd_run(data_dir: str | None, app_args: list[str]) -> int:
    python = ensure_venv(["gui"])
    wanted = list(QT_OFFSCREEN_DEBS)
    # The xcb libraries matter only where there is an X11 (or XWayland) display to open.
    if os.environ.get("DISPLAY") and os.environ.get("QT_QPA_PLATFORM") != "offscreen":
        wanted += QT_XCB_DEBS
    if not ensure_qt_libs(wanted, "Qt needs them to open a window"):
        say("continuing: the app may fail to open its window until those are installed")
    main_py = REPO / "main.py"
    if not main_py.exists():
        raise DevError(f"{main_py} does not exist yet")
    folder = Path(data_dir).expanduser().resolve() if data_dir else DEMO_DATA
    if data_dir is None:
        folder.mkdir(exist_ok=True)
        say(f"no --data-dir given: using the demo data folder {folder}")
    return exec_in_venv([str(python), str(main_py), "--data-dir", str(folder), *app_args])


def cmd_bench(bench_args: list[str]) -> int:
    python = ensure_venv(["gui"])
    ensure_qt_libs(QT_OFFSCREEN_DEBS, "the cold-start benchmark starts Qt offscreen")
    return exec_in_venv([str(python), "-m", "bench.run", *bench_args])


def cmd_mutate(modules: list[str]) -> int:
    python = ensure_venv(["dev"])
    return exec_in_venv([str(python), str(REPO / "tools" / "mutate.py"), *modules])


@dataclass
class StepResult:
    name: str
    status: str  # "ok", "FAILED", "skipped"
    seconds: float
    note: str = ""


@dataclass
class Counts:
    passed: int = 0
    failed: int = 0
    skipped: int = 0

    def line(self) -> str:
        return f"{self.passed} passed, {self.failed} failed, {self.skipped} skipped"


def junit_counts(xml_file: Path) -> Counts | None:
    """pytest's totals from its junit XML (None when pytest wrote none, e.g. on a usage error)."""
    try:
        root = ET.parse(xml_file).getroot()
    except (OSError, ET.ParseError):
        return None
    suites = [root] if root.tag == "testsuite" else list(root.iter("testsuite"))
    counts = Counts()
    for suite in suites:
        tests = int(suite.get("tests", "0"))
        failed = int(suite.get("failures", "0")) + int(suite.get("errors", "0"))
        skipped = int(suite.get("skipped", "0"))
        counts.passed += tests - failed - skipped
        counts.failed += failed
        counts.skipped += skipped
    return counts


@dataclass
class TestRun:
    results: list[StepResult] = field(default_factory=list)
    full_counts: Counts | None = None

    def run(
        self, name: str, argv: list[str], env: dict[str, str] | None = None
    ) -> tuple[int, float]:
        say(f"==> {name}: {' '.join(argv)}")
        started = time.monotonic()
        proc = subprocess.Popen(argv, cwd=REPO, env=env or venv_env())
        try:
            code = proc.wait(timeout=STEP_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
            say(f"{name} did not finish within {STEP_TIMEOUT_S:.0f} s and was stopped")
            code = -1
        except KeyboardInterrupt:
            proc.kill()
            proc.wait()
            raise
        return code, time.monotonic() - started

    def step(self, name: str, argv: list[str], env: dict[str, str] | None = None) -> bool:
        code, seconds = self.run(name, argv, env)
        ok = code == 0
        self.results.append(
            StepResult(name, "ok" if ok else "FAILED", seconds, "" if ok else f"exit {code}")
        )
        return ok

    def summary(self) -> None:
        print("\n" + "=" * 72)
        print(f"{'step':<28}{'result':<10}{'seconds':>9}  note")
        for r in self.results:
            print(f"{r.name:<28}{r.status:<10}{r.seconds:>9.1f}  {r.note}")
        total = sum(r.seconds for r in self.results)
        print(f"{'total':<28}{'':<10}{total:>9.1f}")
        print("=" * 72, flush=True)


def pytest_argv(python: Path, junit: Path, *args: str) -> list[str]:
    return [str(python), "-m", "pytest", f"--junitxml={junit}", *args]


def cmd_test(stage: str = "all") -> int:
    if not ensure_qt_libs(QT_OFFSCREEN_DEBS, "Qt offscreen for the GUI tests"):
        say("continuing without them: the GUI tests will fail until they are installed")
    if not ensure_qt_libs(TEST_TOOL_DEBS, "tests read PDFs and QR codes back with them"):
        say("continuing without them: the tests that need them will fail")
    python = ensure_venv(["dev"])
    run = TestRun()
    try:
        ok = _test_steps(run, python, stage)
    finally:
        run.summary()
    print("ALL CHECKS PASSED" if ok else "CHECKS FAILED", flush=True)
    if run.full_counts is not None:
        # The suite's totals as the very last line, in the plain "N passed, N failed" form
        # that log readers (and CI's "ran no test" check) look for.
        print(f"pytest: {run.full_counts.line()}", flush=True)
    return 0 if ok else 1


def _test_steps(run: TestRun, python: Path, stage: str = "all") -> bool:
    """Stage one: linters, then every test not marked slow, the core once with PySide6
    blocked and the rest once with Qt offscreen (never the core twice). Stage two: the
    slow-marked tests, split the same way."""
    if stage in ("default", "all"):
        started = time.monotonic()
        if not run.step("ruff check", [str(python), "-m", "ruff", "check", "."]):
            return False
        if not run.step("mypy", [str(python), "-m", "mypy"]):
            return False
        if not run.step("lint-imports", [str(venv_script("lint-imports"))]):
            return False
        if not _pytest_stage(run, python, slow=False):
            return False
        took = time.monotonic() - started
        if took > DEFAULT_STAGE_BUDGET_S:
            say(f"WARNING: the default stage took {took:.0f} s, over its "
                f"{DEFAULT_STAGE_BUDGET_S} s budget: mark the slowest tests @pytest.mark.slow")
    if stage in ("slow", "all"):
        return _pytest_stage(run, python, slow=True)
    return True


def _pytest_stage(run: TestRun, python: Path, *, slow: bool) -> bool:
    marker = "slow" if slow else "not slow"
    with tempfile.TemporaryDirectory(prefix="psyroom-test-") as tmp:
        core_xml, rest_xml = Path(tmp) / "core.xml", Path(tmp) / "rest.xml"
        core_ok = _core_without_qt(run, python, core_xml, marker)
        if not core_ok:
            return False
        ok = _rest_with_qt(run, python, rest_xml, marker)
        counts = [c for c in (junit_counts(core_xml), junit_counts(rest_xml)) if c]
        if counts:
            total = run.full_counts or Counts()
            for c in counts:
                total.passed += c.passed
                total.failed += c.failed
                total.skipped += c.skipped
            run.full_counts = total
        return ok


CORE_STEP = "core tests (no PySide6)"
FULL_STEP = "other tests (offscreen Qt)"


def _step_name(base: str, marker: str) -> str:
    return f"{base}, slow" if marker == "slow" else base


def _core_without_qt(run: TestRun, python: Path, junit: Path, marker: str = "not slow"
                     ) -> bool:
    name = _step_name(CORE_STEP, marker)
    if not (REPO / "tests" / "core").is_dir():
        run.results.append(StepResult(name, "skipped", 0.0, "tests/core does not exist"))
        say("WARNING: tests/core does not exist, so nothing proves the core runs without Qt")
        return True
    # PSYROOM_BLOCK_QT makes tests/conftest.py refuse every PySide6 import, as on a machine
    # without it; pytest-qt is switched off because it imports Qt as soon as it is loaded.
    env = {**venv_env(), "PSYROOM_BLOCK_QT": "1"}
    env.pop("QT_QPA_PLATFORM", None)
    argv = pytest_argv(python, junit, "-p", "no:pytest-qt", "-m", marker, "tests/core")
    code, seconds = run.run(name, argv, env)
    counts = junit_counts(junit)
    note = counts.line() if counts else f"exit {code}"
    if code == PYTEST_NO_TESTS:
        # Not fatal (the slow stage may hold no core test); the default stage says it loudly.
        if marker != "slow":
            say("WARNING: tests/core holds no tests (pytest exit 5)")
        run.results.append(StepResult(name, "skipped", seconds, "no tests collected"))
        return True
    run.results.append(StepResult(name, "ok" if code == 0 else "FAILED", seconds, note))
    return code == 0


def _rest_with_qt(run: TestRun, python: Path, junit: Path, marker: str = "not slow") -> bool:
    name = _step_name(FULL_STEP, marker)
    env = {**venv_env(), "QT_QPA_PLATFORM": "offscreen"}
    env.pop("PSYROOM_BLOCK_QT", None)
    # tests/core ran above with Qt blocked; it is not run a second time here.
    argv = pytest_argv(python, junit, "-m", marker, "--ignore=tests/core", "tests")
    code, seconds = run.run(name, argv, env)
    counts = junit_counts(junit)
    if code == PYTEST_NO_TESTS:
        if marker == "slow":
            run.results.append(StepResult(name, "skipped", seconds, "no slow tests here"))
            return True
        say(
            "FAILED: the pytest run outside tests/core collected no tests (pytest exit code "
            "5); a suite that runs nothing proves nothing"
        )
        run.results.append(StepResult(name, "FAILED", seconds, "no tests collected (exit 5)"))
        return False
    note = counts.line() if counts else f"exit {code}"
    run.results.append(StepResult(name, "ok" if code == 0 else "FAILED", seconds, note))
    return code == 0


# --------------------------------------------------------------------------- CLI


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python3 tools/dev.py",
        description="PsyRoom developer commands (stdlib only; makes .venv as needed).",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    # allow_abbrev=False: an app option such as --data must not be taken for --data-dir.
    run = sub.add_parser(
        "run",
        allow_abbrev=False,
        help="set up .venv and start the app",
        description="Set up .venv (pip install -e .[gui]) and start main.py. Arguments other "
        "than --data-dir are passed to the app.",
    )
    run.add_argument(
        "--data-dir",
        default=None,
        help=f"data folder to open (default: {DEMO_DATA.relative_to(REPO)}/ in the repo)",
    )
    test = sub.add_parser(
        "test",
        help="set up .venv[dev] and run ruff, mypy, lint-imports and pytest (what CI runs)",
    )
    test.add_argument(
        "--stage",
        choices=STAGES,
        default="all",
        help="default: linters and the tests not marked slow; slow: the slow-marked tests; "
        "all (the default): both, one after the other",
    )
    sub.add_parser("setup", help="only set up .venv with the gui and dev extras (for IDEs)")
    sub.add_parser(
        "mutate",
        help="mutmut over the security, audit, backup and ID-number modules, each against "
        "its own tests (tools/mutate.py; not in CI)",
    )
    sub.add_parser(
        "bench",
        help="set up .venv and print the benchmark table (extra arguments go to bench/run.py)",
    )
    return parser


def parse_args(argv: Sequence[str]) -> tuple[argparse.Namespace, list[str]]:
    """Parse our own options; everything else is passed through to the app or the benchmark."""
    parser = build_parser()
    args, rest = parser.parse_known_args(list(argv))
    if args.command in ("test", "setup") and rest:
        parser.error(f"{args.command} takes no arguments: {' '.join(rest)}")
    if rest[:1] == ["--"]:
        rest = rest[1:]
    return args, rest


def main(argv: Sequence[str] | None = None) -> int:
    args, rest = parse_args(sys.argv[1:] if argv is None else argv)
    try:
        if args.command == "run":
            return cmd_run(args.data_dir, rest)
        if args.command == "bench":
            return cmd_bench(rest)
        if args.command == "mutate":
            return cmd_mutate(rest)
        if args.command == "setup":
            python = ensure_venv(["gui", "dev"])
            say(f"ready: {python}")
            return 0
        return cmd_test(getattr(args, "stage", "all"))
    except DevError as err:
        say(f"error: {err}")
        return 1
    except KeyboardInterrupt:
        say("interrupted")
        return 130


if __name__ == "__main__":
    sys.exit(main())
