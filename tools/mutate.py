"""Mutation testing of the modules that guard the data promises (not part of CI).

    python3 tools/dev.py mutate                      every module below
    python3 tools/dev.py mutate idcard roles         only these (a name or a path)

Each module is mutated on its own, in a scratch copy of the repo, by mutmut, and each mutant
runs only that module's own tests (``TARGETS``), so a kill means *those* tests notice the
change. Prints, per module and in total, killed / survived / other and the kill ratio, then
every survivor as a one-line diff; writes the same as JSON next to the scratch copies.
Standard library only, like dev.py; mutmut comes from the venv (dev extra).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

# module -> the tests that are that module's own (core tests only: no Qt, quick Argon2).
TARGETS: dict[str, tuple[str, ...]] = {
    "psyroom/residents/idcard.py": ("tests/core/test_idcard.py",
                                    "tests/core/test_resident_rules.py"),
    # Only roles.py's functions are mutated (mutmut leaves module-level tables alone);
    # test_roles_design.py pins the table itself, test_role_by_method.py the checks.
    "psyroom/security/roles.py": ("tests/core/test_roles_design.py",),
    "psyroom/security/keyslots.py": ("tests/core/test_keyslot_file.py",),
    "psyroom/security/kdf.py": ("tests/core/test_keyslot_file.py",),
    "psyroom/security/passwords.py": ("tests/core/test_secret_rules.py",),
    "psyroom/security/recovery.py": ("tests/core/test_secret_rules.py",),
    "psyroom/audit/log.py": ("tests/core/test_audit_chain.py",),
    "psyroom/audit/head.py": ("tests/core/test_audit_chain.py",),
    # The user rows on a real file without logins (the login tests were too slow to fit).
    "psyroom/accounts/service.py": ("tests/core/test_accounts_rows.py",),
    # The steps on real files with backups made once (test_restore_permissions.py, the
    # whole restores, took minutes per mutant).
    "psyroom/backup/restore.py": ("tests/core/test_restore_steps.py",),
    "psyroom/backup/archive.py": ("tests/core/test_backup.py",
                                  "tests/core/test_mutation_survivors.py",
                                  "tests/core/test_backup_archive.py"),
}

STATUS = {1: "killed", 3: "killed", 0: "survived", 5: "no tests", 33: "no tests",
          34: "skipped", 36: "timeout", 24: "timeout", -24: "timeout", 152: "timeout",
          255: "timeout", -11: "killed", -9: "killed", 37: "killed", None: "not checked"}


@dataclass
class ModuleResult:
    module: str
    tests: list[str]
    counts: dict[str, int] = field(default_factory=dict)
    seconds: int = 0
    survivors: list[str] = field(default_factory=list)

    @property
    def killed(self) -> int:
        # A mutant that makes the tests hang is caught too.
        return self.counts.get("killed", 0) + self.counts.get("timeout", 0)

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def ratio(self) -> str:
        return f"{self.killed / self.total:.1%}" if self.total else "-"


def pick(names: list[str]) -> list[str]:
    if not names:
        return list(TARGETS)
    chosen = []
    for name in names:
        hits = [m for m in TARGETS if m == name or Path(m).stem == name or name in m]
        if not hits:
            raise SystemExit(f"mutate: no module matches {name!r}; known: "
                             + ", ".join(Path(m).stem for m in TARGETS))
        chosen += [h for h in hits if h not in chosen]
    return chosen


def _scratch(module: str, tests: tuple[str, ...], root: Path) -> Path:
    work = root / Path(module).stem
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    for folder in ("psyroom", "tests", "resources"):
        shutil.copytree(REPO / folder, work / folder,
                        ignore=shutil.ignore_patterns("__pycache__"))
    text = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    text = re.sub(r"\n\[tool\.mutmut\][^\[]*", "\n", text)
    text += "\n[tool.mutmut]\n" + "\n".join([
        'source_paths = ["psyroom"]',
        f"only_mutate = [{json.dumps(module)}]",
        f"pytest_add_cli_args_test_selection = {json.dumps(list(tests))}",
        'also_copy = ["resources"]',
        'pytest_add_cli_args = ["-p", "no:cacheprovider", "-p", "no:pytest-qt", "-q", '
        '"-m", "not slow"]',
    ]) + "\n"
    (work / "pyproject.toml").write_text(text, encoding="utf-8")
    return work


def _diff_line(python: str, work: Path, env: dict[str, str], name: str) -> str:
    shown = subprocess.run([python, "-m", "mutmut", "show", name], cwd=work, env=env,
                           capture_output=True, text=True, timeout=120).stdout
    changed = [ln for ln in shown.splitlines()
               if ln[:1] in "+-" and not ln.startswith(("+++", "---"))]
    return " | ".join(ln.strip() for ln in changed)


def run_module(python: str, module: str, root: Path, children: int) -> ModuleResult:
    work = _scratch(module, TARGETS[module], root)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env.update(PSYROOM_KDF_PROFILE="fast", PSYROOM_BLOCK_QT="1", QT_QPA_PLATFORM="offscreen")
    started = time.monotonic()
    subprocess.run([python, "-m", "mutmut", "run", "--max-children", str(children)],
                   cwd=work, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                   check=False)
    meta = work / "mutants" / (module + ".meta")
    codes: dict[str, int | None] = {}
    if meta.exists():
        codes = json.loads(meta.read_text(encoding="utf-8")).get("exit_code_by_key", {})
    result = ModuleResult(module, list(TARGETS[module]))
    if codes and all(code is None for code in codes.values()):
        print(f"[mutate]   mutmut ran no mutant: see `python -m mutmut run` in {work}",
              flush=True)
    for name, code in sorted(codes.items()):
        status = STATUS.get(code, "suspicious")
        result.counts[status] = result.counts.get(status, 0) + 1
        if status == "survived":
            result.survivors.append(f"{name}: {_diff_line(python, work, env, name)}")
    result.seconds = round(time.monotonic() - started)
    return result


def main(python: str, names: list[str]) -> int:
    root = Path(tempfile.gettempdir()) / "psyroom-mutation"
    children = max(1, (os.cpu_count() or 2))
    results = []
    for module in pick(names):
        print(f"[mutate] {module} against {', '.join(TARGETS[module])}", flush=True)
        result = run_module(python, module, root, children)
        results.append(result)
        print(f"[mutate]   {result.counts} kill ratio {result.ratio()} ({result.seconds} s)",
              flush=True)
    killed = sum(r.killed for r in results)
    total = sum(r.total for r in results)
    print(f"[mutate] total: {killed} of {total} killed"
          + (f" ({killed / total:.1%})" if total else ""))
    for r in results:
        for line in r.survivors:
            print(f"[mutate] survived {line}")
    (root / "results.json").write_text(
        json.dumps([asdict(r) | {"kill_ratio": r.ratio()} for r in results], indent=1,
                   ensure_ascii=False), encoding="utf-8")
    print(f"[mutate] details: {root / 'results.json'}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.executable, sys.argv[1:]))
