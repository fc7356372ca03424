"""Recipes for the residents' archive (and the demo data that fills it)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, cast

from psyroom.demo.service import fill_demo_data
from psyroom.residents.model import ResidentFields
from psyroom.session import Session

NOWHERE = Path("/dev/null/psyroom-role-check")
EMPTY = ResidentFields(name="")
NO_PLAN = cast(Any, None)

CALLS: dict[str, Callable[[Session], object]] = {
    "Residents.tags": lambda s: s.residents.tags(),
    "Residents.villages": lambda s: s.residents.villages(),
    "Residents.check": lambda s: s.residents.check(EMPTY),
    "Residents.create": lambda s: s.residents.create(EMPTY),
    "Residents.update": lambda s: s.residents.update("missing", EMPTY),
    "Residents.open": lambda s: s.residents.open("missing"),
    "Residents.reveal": lambda s: s.residents.reveal("missing", "phone"),
    "Residents.rows": lambda s: s.residents.rows([]),
    "Residents.count": lambda s: s.residents.count(),
    "Residents.prepare_search": lambda s: s.residents.prepare_search(),
    "Residents.index": lambda s: s.residents.index(),
    "Residents.search": lambda s: s.residents.search("王"),
    "Residents.timeline": lambda s: s.residents.timeline("missing"),
    "Residents.plan_import": lambda s: s.residents.plan_import(NOWHERE / "x.xlsx"),
    "Residents.commit_import": lambda s: s.residents.commit_import(NO_PLAN),
    "Residents.forget_index": lambda s: s.residents.forget_index(),
    "Residents.save_rejected_rows": lambda s: s.residents.save_rejected_rows(
        NO_PLAN, NOWHERE / "x.xlsx"),
    "Residents.merge": lambda s: s.residents.merge("missing-a", "missing-b", reason=""),
    "Residents.anonymise": lambda s: s.residents.anonymise("missing", reason=""),
    "Residents.erase": lambda s: s.residents.erase("missing", reason=""),
    "Residents.export_pdf": lambda s: s.residents.export_pdf("missing", NOWHERE / "x.pdf"),
    "Residents.change_refusal": lambda s: s.residents.change_refusal("missing"),
    "demo.service.fill_demo_data": lambda s: fill_demo_data(s, residents=-1),
}
