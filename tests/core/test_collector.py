"""Bulk work holds the cycle collector back, and gives it back as it found it."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from psyroom import collector

from .conftest import Room


@pytest.mark.parametrize("enabled", [True, False])
def test_held_back_restores_what_it_found(enabled: bool) -> None:
    was = gc.isenabled()
    (gc.enable if enabled else gc.disable)()
    try:
        with collector.held_back():
            assert not gc.isenabled()
        assert gc.isenabled() is enabled
        with pytest.raises(RuntimeError), collector.held_back():
            raise RuntimeError("cancelled")
        assert gc.isenabled() is enabled
    finally:
        (gc.enable if was else gc.disable)()


def test_an_import_plans_and_writes_with_the_collector_held_back(room: Room, tmp_path: Path
                                                                  ) -> None:
    register = tmp_path / "r.csv"
    register.write_text("姓名,性别\n" + "".join(f"居民{i},男\n" for i in range(3000)),
                        encoding="utf-8")
    collecting: list[bool] = []

    def note(done: int, total: int) -> None:
        collecting.append(gc.isenabled())

    was = gc.isenabled()
    gc.enable()
    try:
        plan = room.session.residents.plan_import(register, progress=note)
        planned = len(collecting)
        room.session.residents.commit_import(plan, progress=note)
        assert gc.isenabled()
    finally:
        (gc.enable if was else gc.disable)()
    assert 0 < planned < len(collecting) and not any(collecting)
    assert room.session.residents.search("居民2999")[0] == 1
