"""The residents' own timeline entries: created, edited, categories changed, merged …"""

from __future__ import annotations

from sqlalchemy import Connection

from psyroom import timeline
from psyroom.residents import repository as repo
from psyroom.residents.labels import FIELD_LABELS

_KIND_TITLES = {
    "created": ("建立档案", "Archive created"),
    "edited": ("修改档案", "Archive edited"),
    "tags_changed": ("人群类别变更", "Categories changed"),
    "merged": ("合并档案", "Archives merged"),
    "anonymised": ("已匿名化", "Anonymised"),
}


def history_entries(conn: Connection, resident_id: str) -> list[timeline.TimelineEntry]:
    out = []
    for h in repo.history(conn, resident_id):
        zh, en = _KIND_TITLES.get(h["kind"], (h["kind"], h["kind"]))
        detail = h["detail"]
        if h["kind"] == "edited":
            names = [FIELD_LABELS.get(f, (f, f)) for f in detail.get("fields", [])]
            zh += "：" + "、".join(n[0] for n in names)
            en += ": " + ", ".join(n[1] for n in names)
        if detail.get("source") == "import":
            zh += "（台账导入）"
            en += " (register import)"
        out.append(timeline.TimelineEntry(at=h["at"], kind=h["kind"], title_zh=zh, title_en=en,
                                          actor_name=h["actor_name"], record_kind="resident",
                                          record_id=resident_id, detail=detail))
    return out
