"""The .deb as a room clerk gets it: built from this tree, installed with apt, used, upgraded
and removed, with the records surviving every step.

Slow (two frozen builds) and needs root, apt-get and dpkg-deb: CI runs it after the suite.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from psyroom.audit.describe import ACTIONS

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        os.name != "posix" or os.geteuid() != 0 or not shutil.which("apt-get")
        or not shutil.which("dpkg-deb"),
        reason="installing a .deb needs root, apt-get and dpkg-deb (Debian/Ubuntu)"),
]

REPO = Path(__file__).resolve().parents[2]
PASSWORD = "Example-Passw0rd"
ENV = {**os.environ, "PSYROOM_PASSWORD": PASSWORD, "PSYROOM_USER": "admin",
       "QT_QPA_PLATFORM": "offscreen", "PSYROOM_LANG": "en"}
# The installed programs, never the checkout's.
ENV.pop("PYTHONPATH", None)


def run(*cmd: str | Path, check: bool = True, cwd: Path | None = None,
        env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    done = subprocess.run([str(c) for c in cmd], capture_output=True, text=True,
                          env=ENV if env is None else env, cwd=cwd, timeout=900)
    if check and done.returncode != 0:
        raise AssertionError(f"{cmd} failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")
    return done


def version_of(tree: Path) -> str:
    text = (tree / "psyroom" / "__init__.py").read_text()
    return re.search(r'__version__ = "(.+)"', text).group(1)  # type: ignore[union-attr]


def build(tree: Path, venv: Path, **env: str) -> Path:
    done = run("bash", tree / "installer" / "build-linux.sh", cwd=tree,
               env={**ENV, "PSYROOM_BUILD_VENV": str(venv), **env})
    assert "glibc floor:" in done.stdout
    debs = list((tree / "dist").glob(f"psyroom_{version_of(tree)}_*.deb"))
    assert len(debs) == 1, done.stdout
    return debs[0]


def next_version_tree(dest: Path) -> Path:
    """This tree with the version bumped and one more (empty) schema migration."""
    files = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                           cwd=REPO, capture_output=True, check=True).stdout.split(b"\0")
    for name in filter(None, files):
        src = REPO / name.decode()
        if src.is_file():
            (dest / name.decode()).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest / name.decode())
    init = dest / "psyroom" / "__init__.py"
    old = version_of(dest)
    major, minor, patch = (int(p) for p in old.split("."))
    init.write_text(init.read_text().replace(old, f"{major}.{minor}.{patch + 1}"))
    migrate = dest / "psyroom" / "storage" / "migrate.py"
    text = migrate.read_text()
    head = re.search(r'HEAD_REVISION = "(\d+)"', text).group(1)  # type: ignore[union-attr]
    new = f"{int(head) + 1:04d}"
    text = text.replace(f'HEAD_REVISION = "{head}"', f'HEAD_REVISION = "{new}"')
    text = text.replace(f'"{head}")', f'"{head}", "{new}")')
    migrate.write_text(text)
    assert f'"{new}")' in text, "KNOWN_REVISIONS was not extended"
    (dest / "psyroom" / "storage" / "migrations" / "versions" / f"{new}_packaging_check.py"
     ).write_text(f'"""An empty step: the upgrade test\'s next version."""\n\n'
                  f'revision = "{new}"\ndown_revision = "{head}"\nbranch_labels = None\n'
                  f'depends_on = None\n\n\ndef upgrade() -> None:\n    pass\n')
    return dest


@pytest.fixture(scope="module")
def packages(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    venv = tmp_path_factory.mktemp("build") / "venv"
    # Only installed here, never shipped: a fast, larger compression keeps the test within
    # minutes (the release build's size is what build-linux.sh prints).
    first = build(REPO, venv, PSYROOM_DEB_XZ_LEVEL="0")
    second = build(next_version_tree(tmp_path_factory.mktemp("next")), venv,
                   PSYROOM_DEB_XZ_LEVEL="0")
    yield first, second
    run("apt-get", "remove", "-y", "psyroom", check=False)


def install(deb: Path) -> None:
    run("apt-get", "install", "-y", "--allow-downgrades", "-q", str(deb))


def stats(data: Path, program: str = "/usr/bin/psyroom") -> str:
    return run(program, "--data-dir", data, "stats", "--json").stdout


def test_install_use_and_remove_keeps_the_records(packages: tuple[Path, Path],
                                                  tmp_path: Path) -> None:
    first, _ = packages
    install(first)
    assert run("/usr/bin/psyroom", "--version").stdout.strip() == f"psyroom {version_of(REPO)}"
    data = tmp_path / "room"
    run("/usr/bin/psyroom", "--data-dir", data, "init", "--site-kind", "room",
        "--site-code", "PKG01", "--site-name", "Packaging room", "--admin", "admin")
    run("/usr/bin/psyroom", "--data-dir", data, "demo-data", "--residents", "50")
    assert '"residents": 50' in stats(data)
    assert "audit chain unbroken" in run("/usr/bin/psyroom", "--data-dir", data, "verify").stdout
    # An Excel register, read by the bundled calamine (the quick reader is in the package).
    assert list(Path("/opt/psyroom").rglob("python_calamine*"))
    imported = run("/usr/bin/psyroom", "--data-dir", data, "residents", "import",
                   REPO / "tests" / "fixtures" / "registers" / "北城村重点人群台账.xlsx")
    assert "Imported 11," in imported.stdout, imported.stdout
    assert '"residents": 61' in stats(data)

    # The installed desktop app reaches the set-up wizard on an empty folder (the frozen
    # build found Qt, its plugins, fonts and translations) and the login window on the room.
    empty = tmp_path / "empty"
    shown = run("/usr/bin/psyroom-desktop", "--data-dir", empty,
                env={**ENV, "PSYROOM_EXIT_AFTER_LOGIN_SHOWN": "1"})
    assert "wizard-window-shown" in shown.stdout
    shown = run("/usr/bin/psyroom-desktop", "--data-dir", data,
                env={**ENV, "PSYROOM_EXIT_AFTER_LOGIN_SHOWN": "1"})
    assert re.search(r"login-window-shown \d+\.\d+", shown.stdout)
    desktop = Path("/usr/share/applications/psyroom.desktop").read_text()
    assert "Name[zh_CN]=心理服务室" in desktop and "Icon=psyroom" in desktop

    run("apt-get", "remove", "-y", "psyroom")
    assert not Path("/usr/bin/psyroom").exists()
    # Removing the package never touches a data folder: it still opens, with the checkout's
    # own command.
    assert (data / "psyroom.db").exists()
    still = run(sys.executable, "-m", "psyroom", "--data-dir", data, "stats", "--json",
                cwd=REPO, env={**ENV, "PYTHONPATH": str(REPO)})
    assert '"residents": 61' in still.stdout


def test_upgrade_keeps_data_backs_up_and_says_so(packages: tuple[Path, Path],
                                                 tmp_path: Path) -> None:
    first, second = packages
    install(first)
    data = tmp_path / "room"
    run("/usr/bin/psyroom", "--data-dir", data, "init", "--site-kind", "room",
        "--site-code", "PKG02", "--site-name", "Upgrade room", "--admin", "admin")
    run("/usr/bin/psyroom", "--data-dir", data, "demo-data", "--residents", "50")
    before = stats(data)

    install(second)
    new_version = second.name.split("_")[1]
    assert run("/usr/bin/psyroom", "--version").stdout.strip() == f"psyroom {new_version}"
    upgraded = run("/usr/bin/psyroom", "--data-dir", data, "stats", "--json")
    assert "upgraded" in upgraded.stderr  # the one-time message
    assert '"residents": 50' in upgraded.stdout
    counts = {k: v for k, v in re.findall(r'"(\w+)": (\d+)', before)
              if k not in ("audit_events",)}
    after = dict(re.findall(r'"(\w+)": (\d+)', upgraded.stdout))
    assert all(after[k] == v for k, v in counts.items()), (before, upgraded.stdout)
    backups = list((data / "backups").glob("pre-upgrade-*.psyroom-backup"))
    assert len(backups) == 1
    # Said once: the next start has nothing to upgrade.
    assert "upgraded" not in run("/usr/bin/psyroom", "--data-dir", data, "stats").stderr
    audit = run("/usr/bin/psyroom", "--data-dir", data, "audit").stdout
    # The audit listing prints each action in words (the language follows the environment).
    assert any(words in audit for words in ACTIONS["schema_upgraded"]), audit
