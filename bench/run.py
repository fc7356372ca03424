"""Print PsyRoom's benchmark table and write it to bench/results/latest.md.

    python3 tools/dev.py bench [--rows N] [--runs N] [--only NAMES] [--out FILE]

Figures: cold start to the login window, unlock time, a raw SQLCipher insert baseline against
plain SQLite, SQLCipher open time with a raw key against a passphrase, and (bench/archives.py)
resident search at --rows residents, a 50,000-row register import and a resident with 200
records opened. Later features are
measured against the insert baseline as a ratio, so it is taken on this machine in the same run
rather than read from DESIGN.md; DESIGN.md §9's reference-machine figures are shown beside it.
"""

from __future__ import annotations

import argparse
import os
import platform
import queue
import random
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
DEFAULT_OUT = REPO / "bench" / "results" / "latest.md"
SECTIONS = ("coldstart", "unlock", "insert", "open", "search", "import", "timeline", "speed")
# bench/speed.py's figures (issue 14) replace the older search and import figures by default;
# those stay available with --only.
DEFAULT_SECTIONS = ("coldstart", "unlock", "insert", "open", "timeline", "speed")

# Account used for the initialised temp data folder (never a real person's data).
BENCH_SITE_CODE = "BENCH01"
BENCH_SITE_NAME = "基准测试站点"
BENCH_ADMIN = "benchadmin"
BENCH_PASSWORD = "Bench-Passw0rd!"

# Benchmarks must not leave entries in a developer's real OS keyring; the null backend makes
# the core take its documented "device secret missing" path instead.
NULL_KEYRING = "keyring.backends.null.Keyring"

COLD_START_TIMEOUT_S = 90.0
LOGIN_SHOWN = "login-window-shown"


@dataclass
class Figure:
    name: str
    value: float | None
    unit: str
    reference: str = "—"
    note: str = ""  # why the value is missing, when it is

    def value_text(self) -> str:
        if self.value is None:
            return f"n/a ({self.note})" if self.note else "n/a"
        if self.unit == "rows/s":
            return f"{self.value:,.0f}"
        if self.unit == "×":
            return f"{self.value:.2f}"
        return f"{self.value:.3f}" if self.unit == "s" else f"{self.value:.1f}"


def median_of(runs: int, measure: Callable[[], float]) -> float:
    return statistics.median(measure() for _ in range(runs))


# --------------------------------------------------------------------------- rows

SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏"
)
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国志红文玉梅金凤春海燕晓东"
PLACES = ("北城村", "南关社区", "东河村", "西山社区", "新华街道", "柳树湾村", "红旗社区")
ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK = "10X98765432"

RESIDENT_SCHEMA = """
CREATE TABLE residents (
    id TEXT PRIMARY KEY,
    origin_site TEXT NOT NULL,
    version INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    name TEXT NOT NULL,
    gender TEXT NOT NULL,
    birth_date TEXT NOT NULL,
    id_number TEXT NOT NULL,
    phone TEXT,
    address TEXT,
    key_population TEXT
)
"""
INSERT_SQL = "INSERT INTO residents VALUES (?,?,?,?,?,?,?,?,?,?,?,?)"
ResidentRow = tuple[str, str, int, str, str, str, str, str, str, str, str, str]


def id_number(rng: random.Random, born: date) -> str:
    """An 18-digit resident ID with a valid GB 11643 check digit (made up, never real)."""
    body = f"{rng.randint(110000, 659999)}{born:%Y%m%d}{rng.randint(0, 999):03d}"
    total = sum(int(d) * w for d, w in zip(body, ID_WEIGHTS, strict=True))
    return body + ID_CHECK[total % 11]


def resident_rows(count: int, seed: int = 20240601) -> list[ResidentRow]:
    rng = random.Random(seed)
    now = datetime(2024, 6, 1, tzinfo=UTC)
    rows: list[ResidentRow] = []
    for i in range(count):
        born = date(1940, 1, 1) + timedelta(days=rng.randint(0, 30000))
        stamp = (now - timedelta(minutes=i)).isoformat()
        name = rng.choice(SURNAMES) + "".join(rng.choices(GIVEN, k=rng.randint(1, 2)))
        rows.append(
            (
                str(uuid.UUID(int=rng.getrandbits(128), version=4)),
                "SITE01",
                1,
                stamp,
                stamp,
                name,
                rng.choice("男女"),
                born.isoformat(),
                id_number(rng, born),
                f"1{rng.choice('3456789')}{rng.randint(0, 999_999_999):09d}",
                f"{rng.choice(PLACES)}{rng.randint(1, 12)}组{rng.randint(1, 200)}号",
                rng.choice(("", "独居老人", "留守儿童", "严重精神障碍患者", "社区矫正对象")),
            )
        )
    return rows


# --------------------------------------------------------------------------- SQLCipher


def _sqlcipher() -> Any:
    import sqlcipher3

    return sqlcipher3


def raw_key_pragma(key: bytes) -> str:
    return f"PRAGMA key = \"x'{key.hex()}'\""


def passphrase_pragma(passphrase: str) -> str:
    return "PRAGMA key = '" + passphrase.replace("'", "''") + "'"


def _app_pragmas(conn: Any) -> None:
    # The same settings the app uses (psyroom/storage/connection.py), so the baseline is what
    # a feature built on that connection can hope for.
    conn.execute("PRAGMA temp_store = MEMORY")
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")


def timed_insert(conn: Any, rows: Sequence[ResidentRow]) -> float:
    _app_pragmas(conn)
    conn.execute(RESIDENT_SCHEMA)
    started = time.perf_counter()
    conn.execute("BEGIN")
    conn.executemany(INSERT_SQL, rows)
    conn.execute("COMMIT")
    return time.perf_counter() - started


def insert_keyed(path: Path, rows: Sequence[ResidentRow], key: bytes) -> float:
    conn = _sqlcipher().connect(str(path), isolation_level=None)
    try:
        conn.execute(raw_key_pragma(key))
        return timed_insert(conn, rows)
    finally:
        conn.close()


def insert_plain(path: Path, rows: Sequence[ResidentRow]) -> float:
    conn = sqlite3.connect(str(path), isolation_level=None)
    try:
        return timed_insert(conn, rows)
    finally:
        conn.close()


def open_seconds(path: Path, key_pragma: str) -> float:
    """Connect, key, and read page 1: SQLCipher derives the key on that first read."""
    started = time.perf_counter()
    conn = _sqlcipher().connect(str(path), isolation_level=None)
    try:
        conn.execute(key_pragma)
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    finally:
        conn.close()
    return time.perf_counter() - started


def make_keyed_db(path: Path, key_pragma: str) -> None:
    conn = _sqlcipher().connect(str(path), isolation_level=None)
    try:
        conn.execute(key_pragma)
        conn.execute("CREATE TABLE t (x INTEGER)")
        conn.execute("INSERT INTO t VALUES (1)")
    finally:
        conn.close()


def bench_insert(work: Path, row_count: int) -> list[Figure]:
    rows = resident_rows(row_count)
    keyed_s = insert_keyed(work / "keyed.db", rows, os.urandom(32))
    plain_s = insert_plain(work / "plain.db", rows)
    scale = "" if row_count == 200_000 else " (ref. is for 200,000)"
    return [
        Figure(
            f"plain SQLite: insert {row_count:,} rows, 1 transaction", plain_s, "s", f"2.3 s{scale}"
        ),
        Figure("plain SQLite insert rate", row_count / plain_s, "rows/s", "≈ 87,000"),
        Figure(
            f"SQLCipher (raw key): insert {row_count:,} rows, 1 transaction",
            keyed_s,
            "s",
            f"3.7 s{scale}",
        ),
        Figure("SQLCipher insert rate (the baseline)", row_count / keyed_s, "rows/s", "≈ 54,000"),
        Figure("SQLCipher / plain insert time", keyed_s / plain_s, "×", "1.61"),
    ]


def bench_open(work: Path, runs: int) -> list[Figure]:
    raw_db, pass_db = work / "open-raw.db", work / "open-pass.db"
    raw = raw_key_pragma(os.urandom(32))
    phrase = passphrase_pragma("correct horse battery staple 心理")
    make_keyed_db(raw_db, raw)
    make_keyed_db(pass_db, phrase)
    raw_ms = 1000 * median_of(runs, lambda: open_seconds(raw_db, raw))
    pass_ms = 1000 * median_of(runs, lambda: open_seconds(pass_db, phrase))
    return [
        Figure("SQLCipher open with raw x'…' key", raw_ms, "ms", "skips PBKDF2"),
        Figure("SQLCipher open with passphrase (PBKDF2)", pass_ms, "ms", "≈ raw + 140"),
        Figure("PBKDF2 cost (passphrase − raw)", pass_ms - raw_ms, "ms", "≈ 140"),
    ]


# --------------------------------------------------------------------------- the product


def product_env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHON_KEYRING_BACKEND"] = NULL_KEYRING
    # The real cost is the point: never the quick test profile.
    env.pop("PSYROOM_KDF_PROFILE", None)
    return env


def initialise(data_dir: Path) -> str | None:
    """Set up a site through the `psyroom` command; None on success, else why not."""
    if not (REPO / "psyroom" / "cli.py").exists():
        return "core not ready: psyroom/cli.py missing"
    argv = [
        sys.executable, "-m", "psyroom", "--data-dir", str(data_dir), "init",
        "--site-kind", "room", "--site-code", BENCH_SITE_CODE, "--site-name", BENCH_SITE_NAME,
        "--admin", BENCH_ADMIN,
    ]  # fmt: skip
    env = {**product_env(), "PSYROOM_PASSWORD": BENCH_PASSWORD}
    done = subprocess.run(argv, env=env, capture_output=True, text=True, timeout=300)
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["no message"])[-1]
        return f"psyroom init failed: {last}"
    return None


def bench_unlock(data_dir: Path | None, why_not: str | None, runs: int) -> list[Figure]:
    figures: list[Figure] = []
    try:
        from psyroom.security import kdf
    except ImportError as exc:
        return [Figure("Argon2id derive", None, "ms", note=f"core not ready: {exc}")]
    os.environ.pop("PSYROOM_KDF_PROFILE", None)
    params = kdf.current_params()
    salt = os.urandom(16)
    derive_ms = 1000 * median_of(
        runs, lambda: _timed(lambda: kdf.derive_key(BENCH_PASSWORD, salt, params))
    )
    figures.append(
        Figure(
            f"Argon2id derive (t={params.time_cost}, {params.memory_kib // 1024} MiB, "
            f"p={params.parallelism})",
            derive_ms,
            "ms",
            "t=2, 256 MiB: ≈ 400; t=3, 64 MiB: ≈ 150",
        )
    )
    name = "unlock: Installation.unlock (median)"
    reference = "≈ 500 (issue 3 target)"
    if data_dir is None:
        figures.append(Figure(name, None, "ms", reference, why_not or "no data folder"))
        return figures
    try:
        from psyroom.installation import Installation
    except ImportError:
        figures.append(Figure(name, None, "ms", reference, "core not ready"))
        return figures
    os.environ["PYTHON_KEYRING_BACKEND"] = NULL_KEYRING
    inst = Installation(data_dir)

    def once() -> float:
        started = time.perf_counter()
        session = inst.unlock(BENCH_ADMIN, BENCH_PASSWORD)
        elapsed = time.perf_counter() - started
        session.close()
        return elapsed

    figures.append(Figure(name, 1000 * median_of(runs, once), "ms", reference))
    return figures


def _timed(action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def qt_import_ms(runs: int) -> Figure:
    code = (
        "import time; t = time.perf_counter(); import PySide6.QtWidgets; "
        "print(time.perf_counter() - t)"
    )

    def once() -> float:
        out = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
        )
        return float(out.stdout.strip().splitlines()[-1])

    try:
        return Figure(
            "import PySide6.QtWidgets (warm)", 1000 * median_of(runs, once), "ms", "≈ 240 (warm)"
        )
    except (subprocess.CalledProcessError, ValueError, IndexError):
        return Figure(
            "import PySide6.QtWidgets (warm)", None, "ms", "≈ 240 (warm)", "PySide6 not importable"
        )


def cold_start_once(data_dir: Path) -> tuple[float, float]:
    """(wall-clock seconds from spawn until the app prints that the login window is shown,
    the app's own figure from its first line of main.py to that moment)."""
    env = {**product_env(), "QT_QPA_PLATFORM": "offscreen", "PSYROOM_EXIT_AFTER_LOGIN_SHOWN": "1"}
    argv = [sys.executable, str(REPO / "main.py"), "--data-dir", str(data_dir)]
    lines: queue.Queue[tuple[float, str | None]] = queue.Queue()
    with tempfile.TemporaryFile(mode="w+", encoding="utf-8", errors="replace") as err:
        started = time.perf_counter()
        proc = subprocess.Popen(
            argv, cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=err, text=True
        )
        assert proc.stdout is not None
        stdout = proc.stdout

        def read() -> None:
            # A thread, because a pipe read has no timeout that works on Windows too.
            for line in stdout:
                lines.put((time.perf_counter(), line))
            lines.put((time.perf_counter(), None))

        threading.Thread(target=read, daemon=True).start()
        deadline = started + COLD_START_TIMEOUT_S
        try:
            while True:
                try:
                    at, line = lines.get(timeout=max(0.0, deadline - time.perf_counter()))
                except queue.Empty:
                    raise RuntimeError(
                        f"no {LOGIN_SHOWN} within {COLD_START_TIMEOUT_S:.0f} s"
                    ) from None
                if line is None:
                    proc.wait(timeout=30)
                    err.seek(0)
                    last = (err.read().strip().splitlines() or ["no output"])[-1]
                    raise RuntimeError(
                        f"exit {proc.returncode} without {LOGIN_SHOWN}: {last[:120]}"
                    )
                if line.startswith(LOGIN_SHOWN):
                    proc.wait(timeout=30)
                    return at - started, float(line.split()[1])
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()


def bench_cold_start(data_dir: Path | None, why_not: str | None, runs: int) -> list[Figure]:
    figures = [qt_import_ms(runs)]
    wall_name = "cold start to login window, wall clock from spawn (median)"
    app_name = "cold start to login window, as the app reports it (median)"
    if not (REPO / "main.py").exists() or not (REPO / "ui" / "app.py").exists():
        why_not = "ui not ready"
    if data_dir is None or why_not:
        note = why_not or "no data folder"
        return [*figures, Figure(wall_name, None, "s", note=note),
                Figure(app_name, None, "s", note=note)]  # fmt: skip
    try:
        pairs = [cold_start_once(data_dir) for _ in range(runs)]
    except RuntimeError as exc:
        note = f"ui not ready: {exc}"
        return [*figures, Figure(wall_name, None, "s", note=note),
                Figure(app_name, None, "s", note=note)]  # fmt: skip
    figures.append(Figure(wall_name, statistics.median(p[0] for p in pairs), "s"))
    figures.append(Figure(app_name, statistics.median(p[1] for p in pairs), "s"))
    return figures


# --------------------------------------------------------------------------- report


def machine_line() -> str:
    try:
        conn = _sqlcipher().connect(":memory:")
        cipher = str(conn.execute("PRAGMA cipher_version").fetchone()[0])
        conn.close()
    except Exception as exc:  # the table must still print when sqlcipher3 is broken
        cipher = f"unavailable ({exc})"
    return (
        f"{datetime.now().astimezone():%Y-%m-%d %H:%M %z} · {platform.platform()} · "
        f"{os.cpu_count()} cores · Python {platform.python_version()} · SQLCipher {cipher} · "
        f"SQLite {sqlite3.sqlite_version}"
    )


def render(figures: Sequence[Figure], runs: int) -> str:
    lines = [
        "# PsyRoom benchmark",
        "",
        machine_line(),
        "",
        f"Timings are medians of {runs} runs unless one transaction is timed once. "
        "Reference: DESIGN.md §9 (2 cores, Python 3.11, SQLCipher 4.19).",
        "",
        "| figure | value | unit | reference |",
        "| --- | ---: | --- | --- |",
    ]
    lines += [f"| {f.name} | {f.value_text()} | {f.unit} | {f.reference} |" for f in figures]
    return "\n".join(lines) + "\n"


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python3 tools/dev.py bench",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--rows", type=int, default=200_000, help="rows for the insert baseline")
    parser.add_argument("--runs", type=int, default=5, help="runs per median")
    parser.add_argument(
        "--only",
        default=",".join(DEFAULT_SECTIONS),
        help=f"comma-separated subset of {','.join(SECTIONS)}",
    )
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="markdown file to write")
    args = parser.parse_args(list(argv))
    unknown = set(args.only.split(",")) - set(SECTIONS)
    if unknown:
        parser.error(f"unknown section(s): {', '.join(sorted(unknown))}")
    if args.rows < 1 or args.runs < 1:
        parser.error("--rows and --runs must be at least 1")
    return args


def run_benchmarks(sections: set[str], row_count: int, runs: int) -> list[Figure]:
    figures: list[Figure] = []
    with tempfile.TemporaryDirectory(prefix="psyroom-bench-") as tmp:
        work = Path(tmp)
        data_dir: Path | None = None
        why_not: str | None = None
        if sections & {"coldstart", "unlock"}:
            data_dir = work / "data"
            why_not = initialise(data_dir)
            if why_not:
                data_dir = None
        if "coldstart" in sections:
            figures += bench_cold_start(data_dir, why_not, runs)
        if "unlock" in sections:
            figures += bench_unlock(data_dir, why_not, runs)
        if "insert" in sections:
            figures += bench_insert(work, row_count)
        if "open" in sections:
            figures += bench_open(work, runs)
        figures += archive_figures(sections, work, row_count)
    return figures


def archive_figures(sections: set[str], work: Path, residents: int) -> list[Figure]:
    """Resident search, register import and timeline figures (bench/archives.py)."""
    from bench import archives

    # After the unlock figure: from here on set-up may use the quick key derivation.
    archives.use_quick_setup()
    rows: list[tuple[str, float, str, str]] = []
    if "search" in sections:
        rows += archives.bench_search(work, residents)
    if "import" in sections:
        rows += archives.bench_import(work, 50_000)
    if "timeline" in sections:
        rows += archives.bench_timeline(work, 200)
    return [Figure(name, value, unit, reference=target or "—") for name, value, unit, target
            in rows]


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    sections = set(args.only.split(","))
    figures = run_benchmarks(sections - {"speed"}, args.rows, args.runs)
    table = render(figures, args.runs)
    if "speed" in sections:
        from bench import speed

        table += ("\n## Targets of issue 14: each figure beside its baseline\n\n"
                  + speed.render(speed.run({"version", "search", "cli", "memory", "import"},
                                           speed.DEFAULT_SIZES, 50_000)))
    print(table, end="")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(table, encoding="utf-8")
    print(f"\n(written to {args.out})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
