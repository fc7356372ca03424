"""Knowing a register row imported before, unchanged, without checking it again.

A register is imported again and again, each time mostly the rows of the last one. After an
import, each row that went in with an ID number and nothing to warn about leaves a digest of
what it said beside its archive (table import_row_digests, migration 0011): the cells the
mapping reads, as read, with how they are read (the mapping, the tag names known). A later
row with the same digest, whose archive is untouched since (any change to the archive drops
its digest, by trigger), is unchanged by definition: merging a row into the archive that the
same row left gives that archive back, and its checks gave nothing then and cannot now (a
minor only grows up; a date in the future only becomes past).

Rows with warnings, rows without an ID number (matched by name and birth date, which another
archive may share) and anything the digest cannot vouch for are checked in full, as before.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from operator import itemgetter

from .reader import Cell

# Changed whenever the reading of a row changes (values.py, model.check_fields): every stored
# digest then stops matching and each row is checked again, once.
READING = b"psyroom import row, reading 1"
SIZE = 16


@dataclass(frozen=True)
class KnownRow:
    """An archive as a digest left it: who, and the keys the row was matched and checked by."""

    resident_id: str
    id_number: str
    name: str
    birth_date: str | None


class RowDigests:
    """Digests of the rows of one register read with one mapping and one tag table."""

    def __init__(self, mapping: Mapping[int, str], tag_codes: Mapping[str, str]) -> None:
        context = repr((READING, sorted(mapping.items()), sorted(tag_codes.items())))
        self._start = hashlib.blake2b(context.encode(), digest_size=SIZE)
        self._columns = tuple(sorted(mapping))
        picked = itemgetter(*self._columns)
        self._pick = picked if len(self._columns) > 1 else lambda cells: (picked(cells),)

    def of(self, cells: Sequence[Cell]) -> bytes:
        try:
            values = self._pick(cells)
        except IndexError:  # a short row (a .csv line with fewer cells than the header)
            width = len(cells)
            values = tuple(cells[i] if i < width else None for i in self._columns)
        digest = self._start.copy()
        # repr keeps the cell's type: 1951.02 (a number) and "1951.02" read differently.
        digest.update(repr(values).encode())
        return digest.digest()


def known_rows(rows: Iterable[tuple[str, bytes, str | None, str, str | None]]
               ) -> dict[bytes, KnownRow]:
    """digest → archive, from (resident_id, digest, id_number, name, birth_date) rows."""
    return {digest: KnownRow(rid, id_number, name, birth)
            for rid, digest, id_number, name, birth in rows if id_number}
