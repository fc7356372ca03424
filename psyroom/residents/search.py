"""Search-as-you-type over every resident, held in memory and kept in the encrypted database.

A scan of the encrypted table costs ~145 ms at 200,000 rows (DESIGN.md §9), too slow for
typing, and no SQLite index serves substring, pinyin and initials at once. So the index keeps
one column per key (a list of strings) and sorted position arrays: a query is a couple of
binary searches (pinyin, initials, syllables inside the name, misread surnames), a posting
list intersection (Chinese characters), or a C-speed find() over one string of every ID and
phone number. Arrays and joined strings, not an object per resident, keep it near 60 MB at
200,000 (the whole desktop app measured 250 MB) and let it be saved as ~26 MB of blobs and
loaded again in a fraction of a second (search_store.py), instead of being rebuilt by every
session.

What a query matches, and in what order (each group in pinyin order):
- Chinese characters: names starting with the text, then names containing it. Names and
  queries are compared folded (typed.py): traditional 張 finds 张, 阿依古丽买买提 finds
  阿依古丽·买买提, full-width letters and digits are plain ones.
- Letters: pinyin or initials starting with them, then a syllable inside the name (wei finds
  张伟), then a common misreading of a polyphonic surname (dan finds 单, read shan).
- Letters with characters (zhang小军): as their pinyin, kept to names holding the characters.
- Three or more digits (an optional final X): IDs and phone numbers ending with them first
  (the clerk types the last four of an ID), then any other place, birth dates included.

Edits after the load go to a small overlay that is scanned directly and shown first (the
residents someone is working with right now), so the sorted arrays never need rebuilding
while the app runs.
"""

from __future__ import annotations

import json
import sys
from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import chain
from typing import Any, cast, overload

from psyroom.residents.risk import RISK_ORDER, shown_risk
from psyroom.residents.typed import fold, is_cjk

_END = "\U0010ffff"
_SEP = "\x1f"
# Fewer digits than this match a large share of all numbers and say little about who.
MIN_DIGITS = 3
# A number prefix shared by a whole county (e.g. 140802) matches everyone; past this many
# hits the list is cut and the result says so, rather than slowing every keystroke.
DIGIT_HIT_CAP = 2000
# Surnames people often read the everyday way (单 dan for Shàn): found after right readings.
MISREADINGS = {"单": "dan", "曾": "ceng", "解": "jie", "仇": "chou", "区": "qu"}
# Inner syllables are stored as position << _SHIFT | offset into the pinyin.
_SHIFT = 10
FORMAT = 1


@dataclass(frozen=True)
class SearchFilters:
    village: str | None = None
    tag: str | None = None
    risk_level: str | None = None
    status: str | None = None
    # The office browsing one room's records: only the archives that room sent. Served from
    # the table (indexed by origin), never from the in-memory index, which has no origins.
    origin_site: str | None = None

    def active(self) -> bool:
        return bool(self.village or self.tag or self.risk_level or self.status
                    or self.origin_site)


@dataclass(frozen=True)
class SearchResult:
    total: int
    ids: list[str]
    truncated: bool = False


@dataclass
class IndexRow:
    """One resident as the index sees it (rows loaded from the database, and edits)."""

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

    def passes(self, f: SearchFilters, crisis_level: str | None = None) -> bool:
        """``crisis_level``: the highest level of this person's open crises, if any (the
        risk filter matches the risk shown, see psyroom.residents.risk)."""
        return ((not f.village or self.village == f.village)
                and (not f.tag or f.tag in self.tags)
                and (not f.risk_level
                     or shown_risk(self.risk_level, [crisis_level]) == f.risk_level)
                and (not f.status or self.status == f.status))


def syllable_starts(pinyin: str, initials: str) -> list[int]:
    """Where each syllable begins in the pinyin, worked out from the initials."""
    starts: list[int] = []
    pos = 0
    for letter in initials:
        found = pinyin.find(letter, pos)
        if found < 0:
            break
        starts.append(found)
        pos = found + 1
    return starts


def misread_keys(name: str, pinyin: str, initials: str) -> tuple[str, str] | None:
    """(pinyin, initials) as someone misreading the surname would type them."""
    wrong = MISREADINGS.get(name[:1])
    starts = syllable_starts(pinyin, initials)
    if wrong is None or len(starts) < 1:
        return None
    rest = pinyin[starts[1]:] if len(starts) > 1 else ""
    return wrong + rest, wrong[0] + initials[1:]


@dataclass(frozen=True)
class Query:
    text: str  # folded
    letters: str  # what the pinyin lists are searched for ("" when not letters)
    chars: str  # Chinese characters a name must hold (a whole-Chinese or mixed query)
    digits: str  # an ID or phone fragment ("" when not one)

    @classmethod
    def parse(cls, raw: str) -> Query:
        from psyroom.residents.pinyin import char_reading

        q = fold(raw)
        digits = q.upper() if len(q) >= MIN_DIGITS and q[:-1].isdigit() and (
            q[-1].isdigit() or q[-1] == "x") else ""
        if not q or q.isascii():
            return cls(q, q, "", digits)
        if all(is_cjk(c) for c in q):
            return cls(q, "", q, "")
        # Mixed, e.g. zhang小军: the characters as their pinyin, and the characters kept.
        letters = "".join(char_reading(c) if is_cjk(c) else c for c in q if c.isalnum())
        return cls(q, letters, "".join(c for c in q if is_cjk(c)), "")


def row_tier(q: Query, name: str, pinyin: str, initials: str, id_number: str,
             phone: str) -> int | None:
    """The group a resident falls in for a query (0 first), or None: the rules in one place,
    for the overlay and for tests to check the fast path against."""
    if not q.text:
        return 0
    name = fold(name)
    if q.letters == "" and q.chars:
        if name.startswith(q.chars):
            return 0
        return 1 if q.chars in name else None
    if q.chars and not all(c in name for c in q.chars):
        return None
    tier: int | None = None
    if q.digits:
        phone = phone.replace("-", "")
        if id_number.endswith(q.digits) or phone.endswith(q.digits):
            return 0
        if q.digits in id_number or q.digits in phone:
            tier = 3
    letters = q.letters
    starts = syllable_starts(pinyin, initials)
    if pinyin.startswith(letters) or initials.startswith(letters):
        return 1 if q.digits else 0
    if any(pinyin.startswith(letters, s) for s in starts[1:]):
        return 2 if q.digits else 1
    wrong = misread_keys(name, pinyin, initials)
    if wrong and (wrong[0].startswith(letters) or wrong[1].startswith(letters)):
        return 2
    return tier


class _FixedIds(Sequence[str]):
    """Every id of one width (UUIDs) in one string: no 200,000 string objects to make."""

    def __init__(self, text: str, width: int) -> None:
        self.text, self.width = text, width

    def __len__(self) -> int:
        return len(self.text) // self.width if self.width else 0

    @overload
    def __getitem__(self, i: int) -> str: ...
    @overload
    def __getitem__(self, i: slice) -> Sequence[str]: ...

    def __getitem__(self, i: int | slice) -> str | Sequence[str]:
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        if not 0 <= i < len(self):
            raise IndexError(i)
        return self.text[i * self.width:(i + 1) * self.width]


def _ints(data: bytes) -> array[int]:
    out = array("i")
    out.frombytes(data)
    return out


def _strings(data: bytes) -> list[str]:
    text = data.decode()
    return text.split(_SEP) if text else []


def _grouped(keys: bytes, sizes: bytes, data: bytes) -> dict[str, array[int]]:
    out: dict[str, array[int]] = {}
    pos, values = 0, _ints(data)
    for key, size in zip(_strings(keys), _ints(sizes), strict=True):
        out[key] = values[pos:pos + size]
        pos += size
    return out


class SearchIndex:
    """The parts of a loaded copy are unpacked when a query first needs them, so the first
    query after login pays only for its own kind."""

    def __init__(self) -> None:
        self._n = 0
        self._packed: dict[str, bytes] = {}
        self._cache: dict[str, Any] = {}
        self._facet_sets: dict[str, set[int]] = {}
        self._dead: set[int] = set()
        self._by_id: dict[str, int] | None = None
        self._overlay: dict[str, IndexRow] = {}
        self.changes_seen = 0  # the last change the stored copy covers (finder.py)

    def _part(self, name: str, unpack: Callable[[], Any]) -> Any:
        try:
            return self._cache[name]
        except KeyError:
            value = self._cache[name] = unpack()
            return value

    @property
    def _ids(self) -> Sequence[str]:
        def unpack() -> Sequence[str]:
            width = int(self._packed["ids.width"] or b"0")
            if width:
                return _FixedIds(self._packed["ids"].decode(), width)
            return _strings(self._packed["ids"])
        return cast("Sequence[str]", self._part("ids", unpack))

    @property
    def _names(self) -> list[str]:  # folded
        return cast("list[str]", self._part("names", lambda: _strings(self._packed["names"])))

    @property
    def _pinyin(self) -> list[str]:
        return cast("list[str]", self._part("pinyin", lambda: _strings(self._packed["pinyin"])))

    @property
    def _initials(self) -> list[str]:
        return cast("list[str]", self._part("initials",
                                            lambda: _strings(self._packed["initials"])))

    @property
    def _whole(self) -> array[int]:  # c < n: pinyin of row c; c >= n: initials of row c - n
        return cast("array[int]", self._part("whole", lambda: _ints(self._packed["whole"])))

    @property
    def _inner(self) -> array[int]:  # row << _SHIFT | offset of a syllable after the first
        return cast("array[int]", self._part("inner", lambda: _ints(self._packed["inner"])))

    @property
    def _wrong(self) -> list[tuple[str, int]]:  # misread surname keys, sorted
        return cast("list[tuple[str, int]]", self._part("wrong", lambda: list(zip(
            _strings(self._packed["wrong.keys"]), _ints(self._packed["wrong.rows"]),
            strict=True))))

    @property
    def _digits(self) -> str:  # "id\x1fphone\n" per row
        return cast("str", self._part("digits", lambda: self._packed["digits"].decode()))

    @property
    def _line_starts(self) -> array[int]:
        return cast("array[int]", self._part("line_starts",
                                             lambda: _ints(self._packed["line_starts"])))

    @property
    def _chars(self) -> dict[str, array[int]]:
        p = self._packed
        return cast("dict[str, array[int]]", self._part("chars", lambda: _grouped(
            p["chars.keys"], p["chars.sizes"], p["chars.data"])))

    @property
    def _facets(self) -> dict[str, array[int]]:  # "kind\x1evalue" → rows
        p = self._packed
        return cast("dict[str, array[int]]", self._part("facets", lambda: _grouped(
            p["facets.keys"], p["facets.sizes"], p["facets.data"])))

    def warm(self) -> None:
        """Unpack every part now (a background thread, after loading)."""
        for part in (self._ids, self._names, self._pinyin, self._initials, self._whole,
                     self._inner, self._wrong, self._digits, self._line_starts, self._chars,
                     self._facets):
            del part
        fold("张")  # loads the traditional/simplified table before anyone types

    def __len__(self) -> int:
        return self._n - len(self._dead) + len(self._overlay)

    # -- building ----------------------------------------------------------------------------
    def load(self, rows: Iterable[Sequence[object]], tag_pairs: Iterable[tuple[str, str]]
             ) -> None:
        """Rows of (id, name, pinyin, initials, id_number, phone, village, status, risk)."""
        ordered = sorted(rows, key=lambda r: (r[2], r[1], r[0]))
        n = len(ordered)
        ids: list[str] = [r[0] for r in ordered]  # type: ignore[misc]
        names = [fold(str(r[1])) for r in ordered]
        pinyin: list[str] = [r[2] for r in ordered]  # type: ignore[misc]
        initials: list[str] = [r[3] for r in ordered]  # type: ignore[misc]
        self._n, self._packed = n, {}
        self._cache = {"ids": ids, "names": names, "pinyin": pinyin, "initials": initials}
        whole_keys = pinyin + initials
        self._cache["whole"] = array("i", sorted(range(2 * n), key=whole_keys.__getitem__))
        inner = [(i << _SHIFT) | s for i in range(n)
                 for s in syllable_starts(pinyin[i], initials[i])[1:] if s < (1 << _SHIFT)]
        inner.sort(key=lambda c: pinyin[c >> _SHIFT][c & ((1 << _SHIFT) - 1):])
        self._cache["inner"] = array("i", inner)
        lines = [f"{r[4] or ''}{_SEP}{str(r[5] or '').replace('-', '')}" for r in ordered]
        self._cache["digits"] = "\n".join(lines) + "\n"
        starts, pos = array("i"), 0
        for line in lines:
            starts.append(pos)
            pos += len(line) + 1
        self._cache["line_starts"] = starts
        chars: dict[str, list[int]] = {}
        for i, name in enumerate(names):
            for ch in set(name):
                chars.setdefault(ch, []).append(i)
        self._cache["chars"] = {ch: array("i", p) for ch, p in chars.items()}
        facets: dict[str, list[int]] = {}
        by_id = {rid: i for i, rid in enumerate(ids)}
        for i, r in enumerate(ordered):
            facets.setdefault(f"status\x1e{r[7]}", []).append(i)
            facets.setdefault(f"risk\x1e{r[8]}", []).append(i)
            if r[6]:
                facets.setdefault(f"village\x1e{r[6]}", []).append(i)
        for rid, tag in tag_pairs:
            if rid in by_id:
                facets.setdefault(f"tag\x1e{tag}", []).append(by_id[rid])
        self._cache["facets"] = {k: array("i", sorted(v)) for k, v in facets.items()}
        wrong: list[tuple[str, int]] = []
        for i, name in enumerate(names):
            if name[:1] in MISREADINGS:
                keys = misread_keys(name, pinyin[i], initials[i])
                if keys:
                    wrong += [(keys[0], i), (keys[1], i)]
        wrong.sort()
        self._cache["wrong"] = wrong
        self._facet_sets, self._dead, self._overlay, self._by_id = {}, set(), {}, None

    # -- saving and loading (finder.py keeps these in the encrypted database) ----------------
    def to_parts(self) -> dict[str, bytes]:
        """The index as a few blobs. The overlay is not included: callers save fresh builds."""
        def grouped(groups: dict[str, array[int]]) -> tuple[bytes, bytes, bytes]:
            keys = list(groups)
            sizes = array("i", (len(groups[k]) for k in keys))
            data = array("i", chain.from_iterable(groups[k] for k in keys))
            return _SEP.join(keys).encode(), sizes.tobytes(), data.tobytes()

        ids = list(self._ids)
        width = len(ids[0]) if ids and all(len(i) == len(ids[0]) for i in ids) else 0
        parts = {
            "meta": json.dumps({"format": FORMAT, "rows": self._n,
                                "byteorder": sys.byteorder, "itemsize": array("i").itemsize,
                                "changes": self.changes_seen}).encode(),
            "ids": ("" if width else _SEP).join(ids).encode(),
            "ids.width": str(width).encode(),
            "wrong.keys": _SEP.join(k for k, _ in self._wrong).encode(),
            "wrong.rows": array("i", (i for _, i in self._wrong)).tobytes(),
            "names": _SEP.join(self._names).encode(),
            "pinyin": _SEP.join(self._pinyin).encode(),
            "initials": _SEP.join(self._initials).encode(),
            "whole": self._whole.tobytes(),
            "inner": self._inner.tobytes(),
            "digits": self._digits.encode(),
            "line_starts": self._line_starts.tobytes(),
        }
        for name, groups in (("chars", self._chars), ("facets", self._facets)):
            keys, sizes, data = grouped(groups)
            parts |= {f"{name}.keys": keys, f"{name}.sizes": sizes, f"{name}.data": data}
        return parts

    @staticmethod
    def meta_of(parts: dict[str, bytes]) -> dict[str, object] | None:
        """The saved copy's description, or None when this build cannot read it."""
        try:
            meta = json.loads(parts["meta"])
        except (KeyError, ValueError):
            return None
        if (not isinstance(meta, dict) or meta.get("format") != FORMAT
                or meta.get("byteorder") != sys.byteorder
                or meta.get("itemsize") != array("i").itemsize):
            return None
        return meta

    @classmethod
    def from_parts(cls, parts: dict[str, bytes]) -> SearchIndex | None:
        meta = cls.meta_of(parts)
        wanted = ("ids", "ids.width", "names", "pinyin", "initials", "whole", "inner",
                  "wrong.keys", "wrong.rows", "digits", "line_starts", "chars.keys",
                  "chars.sizes", "chars.data", "facets.keys", "facets.sizes", "facets.data")
        if meta is None or any(name not in parts for name in wanted):
            return None
        index = cls()
        index._n = int(meta["rows"])  # type: ignore[call-overload]
        index._packed = parts
        if len(index._ids) != index._n:
            return None
        index.changes_seen = int(meta.get("changes", 0))  # type: ignore[call-overload]
        return index

    # -- keeping up with edits ---------------------------------------------------------------
    def put(self, row: IndexRow) -> None:
        self.remove(row.id)
        self._overlay[row.id] = row

    def remove(self, resident_id: str) -> None:
        self._overlay.pop(resident_id, None)
        pos = self._position(resident_id)
        if pos is not None:
            self._dead.add(pos)

    def _position(self, resident_id: str) -> int | None:
        # Made at the first edit, not at every load: most sessions only search.
        if self._by_id is None:
            self._by_id = {rid: i for i, rid in enumerate(self._ids)}
        return self._by_id.get(resident_id)

    def villages(self) -> list[str]:
        names = {k.split("\x1e", 1)[1] for k in self._facets if k.startswith("village\x1e")}
        names |= {r.village for r in self._overlay.values() if r.village}
        return sorted(names)

    # -- searching ---------------------------------------------------------------------------
    def _range(self, codes: array[int], q: str, key: Callable[[int], str]) -> array[int]:
        lo = bisect_left(codes, q, key=key)
        hi = bisect_left(codes, q + _END, lo, key=key)
        return codes[lo:hi]

    def _letter_hits(self, q: str) -> tuple[list[int], list[int], list[int]]:
        """(pinyin or initials start with q, a later syllable does, a misreading does)."""
        n = self._n
        keys, pinyin, mask = self._pinyin, self._pinyin, (1 << _SHIFT) - 1
        initials = self._initials
        whole = self._range(self._whole, q,
                            lambda c: keys[c] if c < n else initials[c - n])
        first = [c if c < n else c - n for c in whole]
        inner = self._range(self._inner, q, lambda c: pinyin[c >> _SHIFT][c & mask:])
        rest = [c >> _SHIFT for c in inner]
        lo = bisect_left(self._wrong, (q, -1))
        hi = bisect_left(self._wrong, (q + _END, -1), lo)
        wrong = [i for _, i in self._wrong[lo:hi]]
        return first, rest, wrong

    def _digit_hits(self, q: str) -> tuple[list[int], list[int], bool]:
        """(rows whose ID or phone ends with q, rows holding it elsewhere, list was cut)."""
        text, starts = self._digits, self._line_starts
        n = len(starts)
        tails: list[int] = []
        anywhere: list[int] = []
        pos = text.find(q)
        while pos >= 0 and len(anywhere) < DIGIT_HIT_CAP:
            line = bisect_right(starts, pos) - 1
            after = starts[line + 1] if line + 1 < n else len(text)
            ident, _, phone = text[starts[line]:after - 1].partition(_SEP)
            (tails if ident.endswith(q) or phone.endswith(q) else anywhere).append(line)
            pos = text.find(q, after)
        cut = len(anywhere) >= DIGIT_HIT_CAP
        if cut:
            # One scan could not see every row: the tails, which come first, are looked
            # for on their own (few: a tail is most of a number).
            tails = []
            for end in (_SEP, "\n"):
                needle = q + end
                pos = text.find(needle)
                while pos >= 0:
                    tails.append(bisect_right(starts, pos) - 1)
                    pos = text.find(needle, pos + 1)
        return tails, anywhere, cut

    def _char_hits(self, chars: str) -> list[int]:
        postings = sorted((self._chars.get(ch, array("i")) for ch in set(chars)), key=len)
        if not postings:
            return []
        if len(postings) == 1:
            return list(postings[0])
        return sorted(set(postings[0]).intersection(*postings[1:]))

    def _groups(self, q: Query) -> tuple[list[Sequence[int]], bool]:
        """Positions in the base, in groups shown one after the other."""
        if not q.text:
            return [range(self._n)], False
        names = self._names
        if not q.letters:
            candidates = self._char_hits(q.chars)
            return ([[i for i in candidates if names[i].startswith(q.chars)],
                     [i for i in candidates
                      if q.chars in names[i] and not names[i].startswith(q.chars)]], False)
        first, rest, wrong = self._letter_hits(q.letters)
        groups: list[Sequence[int]] = [first, rest, wrong]
        cut = False
        if q.digits:
            tails, anywhere, cut = self._digit_hits(q.digits)
            groups = [tails, first, rest + wrong, anywhere]
        if q.chars:
            keep = set(self._char_hits(q.chars))
            groups = [[i for i in g if i in keep] for g in groups]
        return groups, cut

    def _facet_set(self, key: str) -> set[int]:
        if key not in self._facet_sets:
            self._facet_sets[key] = set(self._facets.get(key, ()))
        return self._facet_sets[key]

    def _shown_risk_rows(self, level: str, crises: Mapping[str, str]) -> set[int]:
        """Rows whose *shown* risk is ``level``: the recorded level's rows, corrected for
        the few people an open crisis raises (the index keeps only the recorded level)."""
        rows = self._facet_set(f"risk\x1e{level}")
        changed: dict[int, bool] = {}
        for resident_id, crisis_level in crises.items():
            pos = self._position(resident_id)
            if pos is None:
                continue
            stored = next((lv for lv in RISK_ORDER if pos in self._facet_set(f"risk\x1e{lv}")),
                          "none")
            changed[pos] = shown_risk(stored, [crisis_level]) == level
        if all((pos in rows) == keep for pos, keep in changed.items()):
            return rows
        rows = set(rows)  # the cached facet stays the recorded level's
        for pos, keep in changed.items():
            if keep:
                rows.add(pos)
            else:
                rows.discard(pos)
        return rows

    def _allowed(self, f: SearchFilters, crises: Mapping[str, str]) -> set[int] | None:
        if not f.active():
            return None
        wanted = [f"village\x1e{f.village}" if f.village else "",
                  f"tag\x1e{f.tag}" if f.tag else "",
                  f"status\x1e{f.status}" if f.status else ""]
        sets = [self._facet_set(key) for key in filter(None, wanted)]
        if f.risk_level:
            sets.append(self._shown_risk_rows(f.risk_level, crises))
        sets.sort(key=len)
        return sets[0].intersection(*sets[1:]) if len(sets) > 1 else sets[0]

    def search(self, text: str, filters: SearchFilters | None = None, *, offset: int = 0,
               limit: int = 100, open_crises: Mapping[str, str] | None = None
               ) -> SearchResult:
        """``open_crises``: resident id -> highest open crisis level (risk.py's
        all_open_crisis_levels), which a risk filter needs to match the risk shown."""
        q = Query.parse(text)
        f = filters or SearchFilters()
        crises = open_crises or {}
        overlay = []
        for r in self._overlay.values():
            tier = row_tier(q, r.name, r.pinyin, r.initials, r.id_number or "", r.phone or "")
            if tier is not None and r.passes(f, crises.get(r.id)):
                overlay.append((tier, r.pinyin, r.id))
        overlay.sort()
        groups, cut = self._groups(q)
        allowed, dead = self._allowed(f, crises), self._dead
        ordered: Sequence[int]
        if len(groups) == 1 and isinstance(groups[0], range) and allowed is None and not dead:
            ordered = groups[0]  # everyone: no list of 200,000 positions is made
        else:
            seen: set[int] = set()
            merged: list[int] = []
            for group in groups:
                if isinstance(group, range):  # everyone, filtered
                    fresh = (sorted(allowed - dead) if allowed is not None
                             else [i for i in group if i not in dead])
                elif allowed is not None and len(allowed) < len(group):
                    fresh = sorted(allowed.intersection(group) - seen - dead)
                else:
                    fresh = sorted(set(group) - seen - dead)
                    if allowed is not None:
                        fresh = [i for i in fresh if i in allowed]
                seen.update(fresh)
                merged += fresh
            ordered = merged
        total = len(overlay) + len(ordered)
        page = [rid for _, _, rid in overlay[offset:offset + limit]]
        start = max(0, offset - len(overlay))
        ids = self._ids
        page += [ids[i] for i in ordered[start:start + limit - len(page)]]
        return SearchResult(total=total, ids=page, truncated=cut)
