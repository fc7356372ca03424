"""The search rules of search.py written as one SQL query, straight over the tables.

It answers while the first index of a database is being built (a scan: a few hundred
milliseconds at 200,000 residents, more for queries that fold names), and tests hold the
index to it: same people, same groups, same order (pinyin, name, id within a group).
Folding and the syllable keys come from small SQL functions registered on the connection,
so both paths use the very same rules for a name.
"""

from __future__ import annotations

from typing import Any

from psyroom.residents.risk import shown_risk_where
from psyroom.residents.search import (
    MIN_DIGITS,
    Query,
    SearchFilters,
    misread_keys,
    syllable_starts,
)
from psyroom.residents.typed import fold


def _inner(pinyin: str | None, initials: str | None) -> str:
    """'|xiaojun|jun' for zhangxiaojun: every later syllable to the end, '|'-led."""
    pinyin, initials = pinyin or "", initials or ""
    return "".join("|" + pinyin[s:] for s in syllable_starts(pinyin, initials)[1:])


def _misread(name: str | None, pinyin: str | None, initials: str | None) -> str:
    keys = misread_keys(fold(name or ""), pinyin or "", initials or "")
    return "" if keys is None else f"|{keys[0]}|{keys[1]}"


def register(raw: Any) -> None:
    raw.create_function("psy_fold", 1, lambda s: fold(s or ""), deterministic=True)
    raw.create_function("psy_inner", 2, _inner, deterministic=True)
    raw.create_function("psy_misread", 3, _misread, deterministic=True)


def _like_prefix(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def tier_sql(q: Query) -> tuple[str, list[object]]:
    """A CASE giving each resident's group for the query (NULL: not a match)."""
    if not q.text:
        return "0", []
    if not q.letters:
        return ("CASE WHEN psy_fold(name) LIKE ? ESCAPE '\\' THEN 0 "
                "WHEN instr(psy_fold(name), ?) > 0 THEN 1 END", [_like_prefix(q.chars), q.chars])
    prefix = "(pinyin LIKE ? ESCAPE '\\' OR initials LIKE ? ESCAPE '\\')"
    inner = "instr(psy_inner(pinyin, initials), ?) > 0"
    wrong = "instr(psy_misread(name, pinyin, initials), ?) > 0"
    letter_args: list[object] = [_like_prefix(q.letters)] * 2
    bar = "|" + q.letters
    if q.digits and len(q.digits) >= MIN_DIGITS:
        phone = "replace(coalesce(phone, ''), '-', '')"
        ident = "coalesce(id_number, '')"
        case = (f"CASE WHEN substr({ident}, -?) = ? OR substr({phone}, -?) = ? THEN 0 "
                f"WHEN {prefix} THEN 1 WHEN {inner} OR {wrong} THEN 2 "
                f"WHEN instr({ident}, ?) > 0 OR instr({phone}, ?) > 0 THEN 3 END")
        n = len(q.digits)
        return case, [n, q.digits, n, q.digits, *letter_args, bar, bar, q.digits, q.digits]
    case = f"CASE WHEN {prefix} THEN 0 WHEN {inner} THEN 1 WHEN {wrong} THEN 2 END"
    return case, [*letter_args, bar, bar]


def browse(raw: Any, filters: SearchFilters, *, offset: int, limit: int, text: str = ""
           ) -> tuple[int, list[str]]:
    """(how many match, one page of ids) by the search rules, from the tables."""
    register(raw)
    q = Query.parse(text)
    tier, args = tier_sql(q)
    where = ["merged_into IS NULL"]
    where += ["instr(psy_fold(name), ?) > 0" for _ in q.chars] if q.letters else []
    args += list(q.chars) if q.letters else []
    for column, value in (("village", filters.village), ("status", filters.status),
                          ("origin_site", filters.origin_site)):
        if value:
            where.append(f"{column} = ?")
            args.append(value)
    if filters.risk_level:
        # The level shown, so a filtered list agrees with the risk column it displays.
        shown, shown_args = shown_risk_where(filters.risk_level)
        where.append(shown)
        args += shown_args
    if filters.tag:
        where.append("id IN (SELECT resident_id FROM resident_tags WHERE tag_code = ?)")
        args.append(filters.tag)
    inner = (f"SELECT id, pinyin, name, {tier} AS tier FROM residents "
             f"WHERE {' AND '.join(where)}")
    matching = f"SELECT * FROM ({inner}) WHERE tier IS NOT NULL"
    total = raw.execute(f"SELECT count(*) FROM ({matching})", args).fetchone()[0]
    if not q.text:
        # The list opening: the pinyin index serves the first page without a scan.
        page = raw.execute(f"SELECT id FROM residents WHERE {' AND '.join(where)} "
                           "ORDER BY pinyin, name, id LIMIT ? OFFSET ?",
                           [*args, limit, offset]).fetchall()
    else:
        page = raw.execute(f"{matching} ORDER BY tier, pinyin, name, id LIMIT ? OFFSET ?",
                           [*args, limit, offset]).fetchall()
    return int(total), [r[0] for r in page]
