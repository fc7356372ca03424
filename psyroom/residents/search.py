"""Search-as-you-type over every resident, held in memory (never written anywhere).

A scan of the encrypted table costs ~145 ms at 200,000 rows (DESIGN.md §9), too slow for
typing, and no SQLite index serves substring, pinyin and initials at once. So at first use
the index loads one short row per resident and keeps sorted key lists: a query is a couple
of binary searches (pinyin, initials, syllables inside the name, ID and phone from the
start or the end) or, for Chinese text, a character posting-list intersection.

Edits after the load go to a small overlay that is scanned directly and shown first (the
residents someone is working with right now), so the sorted lists never need rebuilding
while the app runs.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field

_END = "\U0010ffff"
# Fewer digits than this match a large share of all numbers and say little about who.
MIN_DIGITS = 3
# A number prefix shared by a whole county (e.g. 140802) matches everyone; past this many
# hits the list is cut and the result says so, rather than slowing every keystroke.
DIGIT_HIT_CAP = 2000


@dataclass(frozen=True)
class SearchFilters:
    village: str | None = None
    tag: str | None = None
    risk_level: str | None = None
    status: str | None = None

    def active(self) -> bool:
        return bool(self.village or self.tag or self.risk_level or self.status)


@dataclass(frozen=True)
class SearchResult:
    total: int
    ids: list[str]
    truncated: bool = False


@dataclass
class IndexRow:
    id: str
    name: str
    pinyin: str
    initials: str
    id_number: str | None
    phone: str | None
    village: str | None
    status: str
    risk_level: str
    tags: set[str] = field(default_factory=set)

    def syllable_starts(self) -> list[int]:
        """Where each syllable begins in the pinyin, worked out from the initials."""
        starts: list[int] = []
        pos = 0
        for letter in self.initials:
            found = self.pinyin.find(letter, pos)
            if found < 0:
                break
            starts.append(found)
            pos = found + 1
        return starts

    def prefix_match(self, q: str) -> bool:
        return (self.name.startswith(q) or self.pinyin.startswith(q)
                or self.initials.startswith(q))

    def any_match(self, q: str) -> bool:
        if self.prefix_match(q) or q in self.name:
            return True
        if any(self.pinyin.startswith(q, s) for s in self.syllable_starts()[1:]):
            return True
        return len(q) >= MIN_DIGITS and any(v and q.upper() in v
                                             for v in (self.id_number, self.phone))

    def passes(self, f: SearchFilters) -> bool:
        return ((not f.village or self.village == f.village)
                and (not f.tag or f.tag in self.tags)
                and (not f.risk_level or self.risk_level == f.risk_level)
                and (not f.status or self.status == f.status))


class _PrefixList:
    """Sorted (key, position) pairs answering 'all positions whose key starts with q'."""

    def __init__(self, pairs: list[tuple[str, int]]) -> None:
        pairs.sort()
        self.keys = [k for k, _ in pairs]
        self.positions = [p for _, p in pairs]

    def starting_with(self, q: str) -> list[int]:
        lo = bisect_left(self.keys, q)
        hi = bisect_left(self.keys, q + _END, lo)
        return self.positions[lo:hi]


class SearchIndex:
    def __init__(self) -> None:
        self._rows: list[IndexRow] = []
        self._by_id: dict[str, int] = {}
        self._dead: set[int] = set()
        self._overlay: dict[str, IndexRow] = {}
        self._lists: dict[str, _PrefixList] = {}
        self._chars: dict[str, list[int]] = {}
        self._facets: dict[tuple[str, str], set[int]] = {}
        self._digits = ""
        self._line_starts: list[int] = []
        self._truncated = False

    def __len__(self) -> int:
        return len(self._rows) - len(self._dead) + len(self._overlay)

    # -- building ----------------------------------------------------------------------------
    def load(self, rows: Iterable[tuple[object, ...]], tag_pairs: Iterable[tuple[str, str]]
             ) -> None:
        entries = [IndexRow(*row) for row in rows]  # type: ignore[arg-type]
        entries.sort(key=lambda r: (r.pinyin, r.name))
        self._rows = entries
        self._by_id = {r.id: i for i, r in enumerate(entries)}
        self._dead, self._overlay = set(), {}
        for resident_id, tag in tag_pairs:
            pos = self._by_id.get(resident_id)
            if pos is not None:
                entries[pos].tags.add(tag)
        whole: list[tuple[str, int]] = []
        inner: list[tuple[str, int]] = []
        digit_lines: list[str] = []
        chars: dict[str, list[int]] = {}
        facets: dict[tuple[str, str], set[int]] = {}
        for i, r in enumerate(entries):
            whole.append((r.pinyin, i))
            whole.append((r.initials, i))
            for s in r.syllable_starts()[1:]:
                inner.append((r.pinyin[s:], i))
            digit_lines.append(f"{r.id_number or ''}\x1f{r.phone or ''}")
            for ch in set(r.name):
                chars.setdefault(ch, []).append(i)
            for facet in self._facet_keys(r):
                facets.setdefault(facet, set()).add(i)
        self._lists = {"whole": _PrefixList(whole), "inner": _PrefixList(inner)}
        # Digits are searched anywhere in ID and phone: one string, scanned in C by find().
        self._digits = "\n".join(digit_lines) + "\n"
        self._line_starts = [0]
        for line in digit_lines[:-1]:
            self._line_starts.append(self._line_starts[-1] + len(line) + 1)
        self._chars = chars
        self._facets = facets

    @staticmethod
    def _facet_keys(r: IndexRow) -> list[tuple[str, str]]:
        keys = [("status", r.status), ("risk", r.risk_level)]
        if r.village:
            keys.append(("village", r.village))
        keys += [("tag", t) for t in r.tags]
        return keys

    # -- keeping up with edits ---------------------------------------------------------------
    def put(self, row: IndexRow) -> None:
        self.remove(row.id)
        self._overlay[row.id] = row

    def remove(self, resident_id: str) -> None:
        self._overlay.pop(resident_id, None)
        pos = self._by_id.get(resident_id)
        if pos is not None:
            self._dead.add(pos)

    def villages(self) -> list[str]:
        names = {k[1] for k in self._facets if k[0] == "village"}
        names |= {r.village for r in self._overlay.values() if r.village}
        return sorted(names)

    # -- searching ---------------------------------------------------------------------------
    def _base_hits(self, q: str) -> tuple[list[int], list[int]]:
        """Positions in the base that match, split into (starts-with, elsewhere)."""
        if not q:
            return list(range(len(self._rows))), []
        if q.isascii():
            lists = self._lists
            first = lists["whole"].starting_with(q)
            rest = lists["inner"].starting_with(q)
            if len(q) >= MIN_DIGITS and q[:-1].isdigit():
                digit_hits = self._digit_hits(q.upper())
                self._truncated = len(digit_hits) >= DIGIT_HIT_CAP
                rest = rest + digit_hits
            return first, rest
        postings = [self._chars.get(ch, []) for ch in set(q)]
        postings.sort(key=len)
        candidates: Iterable[int] = postings[0] if postings else []
        if len(postings) > 1:
            common = set(postings[0]).intersection(*postings[1:])
            candidates = sorted(common)
        rows = self._rows
        first = [i for i in candidates if rows[i].name.startswith(q)]
        rest = [i for i in candidates if q in rows[i].name and not rows[i].name.startswith(q)]
        return first, rest

    def _digit_hits(self, q: str) -> list[int]:
        hits: list[int] = []
        text, starts = self._digits, self._line_starts
        pos = text.find(q)
        while pos >= 0 and len(hits) < DIGIT_HIT_CAP:
            line = bisect_right(starts, pos) - 1
            hits.append(line)
            pos = text.find(q, starts[line + 1] if line + 1 < len(starts) else len(text))
        return hits

    def _filter_set(self, f: SearchFilters) -> set[int] | None:
        if not f.active():
            return None
        wanted = [("village", f.village), ("tag", f.tag), ("risk", f.risk_level),
                  ("status", f.status)]
        sets = [self._facets.get((k, v), set()) for k, v in wanted if v]
        sets.sort(key=len)
        return sets[0].intersection(*sets[1:]) if len(sets) > 1 else set(sets[0])

    def search(self, text: str, filters: SearchFilters | None = None, *, offset: int = 0,
               limit: int = 100) -> SearchResult:
        q = "".join(text.split()).lower()
        f = filters or SearchFilters()
        self._truncated = False
        overlay = [r for r in self._overlay.values()
                   if r.passes(f) and (not q or r.any_match(q))]
        overlay.sort(key=lambda r: (not r.prefix_match(q), r.pinyin))
        first, rest = self._base_hits(q)
        allowed = self._filter_set(f)
        dead = self._dead
        first_set = set(first)
        ordered = sorted(first_set)
        if rest:
            ordered += sorted(set(rest) - first_set)
        if allowed is not None or dead:
            ordered = [i for i in ordered
                       if i not in dead and (allowed is None or i in allowed)]
        total = len(overlay) + len(ordered)
        page: list[str] = [r.id for r in overlay[offset:offset + limit]]
        start = max(0, offset - len(overlay))
        need = limit - len(page)
        rows = self._rows
        page += [rows[i].id for i in ordered[start:start + need]]
        return SearchResult(total=total, ids=page, truncated=self._truncated)
