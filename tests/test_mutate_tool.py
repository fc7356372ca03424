"""tools/mutate.py: every module it mutates exists and is paired with tests that exist, and
the scratch copy's mutmut configuration selects exactly those tests."""

from __future__ import annotations

import importlib.util
import sys
import tomllib
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
spec = importlib.util.spec_from_file_location("psyroom_mutate_tool", REPO / "tools" / "mutate.py")
assert spec is not None and spec.loader is not None
mutate = importlib.util.module_from_spec(spec)
sys.modules["psyroom_mutate_tool"] = mutate
spec.loader.exec_module(mutate)


def test_targets_and_their_tests_exist() -> None:
    for module, tests in mutate.TARGETS.items():
        assert (REPO / module).is_file(), module
        assert tests, module
        for test in tests:
            assert (REPO / test).is_file(), test


def test_names_pick_modules() -> None:
    assert mutate.pick(["idcard"]) == ["psyroom/residents/idcard.py"]
    assert mutate.pick([]) == list(mutate.TARGETS)
    with pytest.raises(SystemExit):
        mutate.pick(["no-such-module"])


def test_scratch_copy_configures_mutmut_for_one_module(tmp_path: Path) -> None:
    work = mutate._scratch("psyroom/security/kdf.py", ("tests/core/test_keys_privacy.py",),
                           tmp_path)
    config = tomllib.loads((work / "pyproject.toml").read_text(encoding="utf-8"))["tool"]
    assert config["mutmut"]["only_mutate"] == ["psyroom/security/kdf.py"]
    assert config["mutmut"]["pytest_add_cli_args_test_selection"] == [
        "tests/core/test_keys_privacy.py"]
    assert (work / "psyroom" / "security" / "kdf.py").is_file()
