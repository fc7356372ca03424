"""Every UI string has a Chinese translation, and the shipped .qm matches the .ts."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from ui import i18n_build

pytestmark = pytest.mark.gui

UI = Path(i18n_build.UI_DIR)


def test_ts_has_no_unfinished_or_empty_translation() -> None:
    assert i18n_build.TS_FILE.exists()
    assert i18n_build.unfinished() == []


def test_qm_is_the_compiled_ts(tmp_path: Path) -> None:
    """A stale .qm (someone edited the .ts and forgot lrelease) fails here."""
    assert i18n_build.QM_FILE.exists()
    fresh = tmp_path / "fresh.qm"
    i18n_build.lrelease(i18n_build.TS_FILE, fresh)
    assert fresh.read_bytes() == i18n_build.QM_FILE.read_bytes()


def test_ts_knows_every_string_in_the_sources(tmp_path: Path) -> None:
    """A string added to the code but never run through lupdate would show in English."""
    import shutil
    import subprocess

    ts = tmp_path / "check.ts"
    shutil.copy(i18n_build.TS_FILE, ts)
    subprocess.run([i18n_build.tool("lupdate"), "-no-obsolete", "-locations", "none",
                    *i18n_build.sources(), "-ts", str(ts)], cwd=i18n_build.REPO, check=True,
                   capture_output=True)
    assert i18n_build.unfinished(ts) == []


def test_only_ui_qt_imports_pyside6() -> None:
    offenders = []
    for path in UI.rglob("*.py"):
        if path.name == "qt.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else (
                [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            if any(n.split(".")[0] in ("PySide6", "shiboken6") for n in names):
                offenders.append(str(path.relative_to(UI)))
    assert offenders == []


def test_the_chinese_translation_is_used(qapp: object) -> None:
    from ui.qt import QCoreApplication

    assert QCoreApplication.translate("MainWindow", "Users") == "用户管理"
    # Qt's own translation too, so standard buttons are Chinese.
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"


def _tr_calls() -> list[tuple[str, str, int, str | None]]:
    """(file, context, line, source) of every tr()/translate() call; source None = not a
    plain string literal, which lupdate cannot extract (f-strings, variables)."""
    calls = []
    for path in UI.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for cls in [None, *[n for n in ast.walk(tree) if isinstance(n, ast.ClassDef)]]:
            nodes = ast.walk(cls) if cls is not None else ast.walk(tree)
            for node in nodes:
                if not isinstance(node, ast.Call):
                    continue
                func = node.func
                name = func.attr if isinstance(func, ast.Attribute) else (
                    func.id if isinstance(func, ast.Name) else "")
                if cls is not None and name == "tr" and isinstance(func, ast.Attribute):
                    arg = node.args[0] if node.args else None
                    source = arg.value if isinstance(arg, ast.Constant) else None
                    calls.append((path.name, cls.name, node.lineno, source))
                elif cls is None and name == "translate" and len(node.args) >= 2:
                    ctx, arg = node.args[0], node.args[1]
                    source = arg.value if isinstance(arg, ast.Constant) else None
                    context = ctx.value if isinstance(ctx, ast.Constant) else "?"
                    calls.append((path.name, str(context), node.lineno, source))
    return calls


def test_every_tr_call_is_a_literal_known_to_the_ts() -> None:
    import xml.etree.ElementTree as ET

    known = {(c.findtext("name"), m.findtext("source"))
             for c in ET.parse(i18n_build.TS_FILE).getroot().iter("context")
             for m in c.iter("message")}
    bad = [(f, ctx, line, src) for f, ctx, line, src in _tr_calls()
           if src is None or (ctx, src) not in known]
    assert bad == []
