"""Reads the scale definitions (one JSON file per scale) and refuses any broken one.

The files live in ``psyroom/assessments/scales/`` and are read through importlib.resources so an
installed or frozen program finds them too. Adding a scale is adding a file; this module checks
everything a scoring mistake could hide behind:

- every key is known (a typo such as ``reverse_item`` is an error, not a silently ignored key);
- items are numbered 1..n in order, and each has at least two options with distinct scores;
- ``reverse_items`` names existing items. An item without its own options uses the scale's
  shared ``options`` with the scores flipped (Zung: 4-3-2-1; GDS-15: 是 0, 否 1). An item with
  its own options (EPDS) must list them with scores running the opposite way to the usual
  direction exactly when it is in ``reverse_items``, so the list and the scores cannot disagree;
- the bands, in order, start at the lowest possible score, end at the highest, and leave no gap
  and no overlap;
- a risk flag names an existing item and a threshold some answer can exceed.

Format of a file (see the shipped files for complete examples)::

    {"code", "order", "short_name", "name_zh", "name_en", "population_zh", "population_en",
     "instructions_zh", "instructions_en", "time_frame_zh", "time_frame_en", "source",
     "options": [{"zh", "en", "score"}, ...],            # shared; optional if items have own
     "reverse_items": [2, 5, ...],
     "items": [{"number", "zh", "en", "options"?}, ...],
     "scoring": {"method": "sum", "source",
                 "standard_score"?: {"multiplier": "1.25", "rounding": "floor"|"half_up"},
                 "bands_on": "total"|"standard_score"},
     "bands": [{"code", "min", "max", "zh", "en"}, ...],   # inclusive ranges
     "risk_flags": [{"code", "item", "score_above", "prompt_zh", "prompt_en"}, ...],
     "notes"?: ["free text for whoever maintains the file"]}
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from collections.abc import Set as AbstractSet
from dataclasses import replace
from fractions import Fraction
from functools import cache
from importlib.resources import files
from importlib.resources.abc import Traversable
from itertools import pairwise
from types import MappingProxyType
from typing import Any, cast

from psyroom.assessments.errors import ScaleDefinitionError, ScaleInputError
from psyroom.assessments.model import (
    Band,
    BandsOn,
    Item,
    Option,
    RiskRule,
    Rounding,
    ScaleDefinition,
    StandardScoreRule,
)

_CODE = re.compile(r"^[a-z][a-z0-9_]{1,31}$")
_TOP_KEYS = {
    "code", "order", "short_name", "name_zh", "name_en", "population_zh", "population_en",
    "instructions_zh", "instructions_en", "time_frame_zh", "time_frame_en", "source",
    "options", "reverse_items", "items", "scoring", "bands", "risk_flags", "notes",
}
_OPTIONAL_TOP = {"options", "notes"}


class _Broken(Exception):
    """Internal: a rule the file breaks; turned into ScaleDefinitionError with the file name."""


# --- typed access to parsed JSON -------------------------------------------------------------

def _obj(value: object, where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise _Broken(f"{where} must be an object")
    return cast(dict[str, Any], value)


def _keys(d: dict[str, Any], where: str, required: AbstractSet[str],
          optional: AbstractSet[str] = frozenset()) -> None:
    missing = required - d.keys()
    if missing:
        raise _Broken(f"{where} lacks {', '.join(sorted(missing))}")
    unknown = d.keys() - required - optional
    if unknown:
        raise _Broken(f"{where} has unknown key(s) {', '.join(sorted(unknown))}")


def _text(d: dict[str, Any], key: str, where: str) -> str:
    value = d.get(key)
    if not isinstance(value, str) or not value.strip():
        raise _Broken(f"{where}.{key} must be non-empty text")
    return value


def _int(d: dict[str, Any], key: str, where: str) -> int:
    value = d.get(key)
    # bool is an int in Python; true/false in a score is always a mistake.
    if not isinstance(value, int) or isinstance(value, bool):
        raise _Broken(f"{where}.{key} must be a whole number")
    return value


def _list(d: dict[str, Any], key: str, where: str) -> list[Any]:
    value = d.get(key)
    if not isinstance(value, list):
        raise _Broken(f"{where}.{key} must be a list")
    return value


# --- the parts of a definition ---------------------------------------------------------------

def _options(raw: list[Any], where: str) -> tuple[Option, ...]:
    if len(raw) < 2:
        raise _Broken(f"{where} needs at least two options")
    out = []
    for n, entry in enumerate(raw):
        here = f"{where}[{n}]"
        o = _obj(entry, here)
        _keys(o, here, {"zh", "en", "score"})
        out.append(Option(_text(o, "zh", here), _text(o, "en", here), _int(o, "score", here)))
    return tuple(out)


def _direction(options: tuple[Option, ...], where: str) -> int:
    """+1 if scores rise down the list, -1 if they fall; anything else is an error."""
    steps = [b.score - a.score for a, b in pairwise(options)]
    if all(s > 0 for s in steps):
        return 1
    if all(s < 0 for s in steps):
        return -1
    raise _Broken(f"{where} scores must rise or fall steadily down the list")


def _flipped(options: tuple[Option, ...]) -> tuple[Option, ...]:
    # Same labels in the same printed order; the scores read from the other end.
    scores = [o.score for o in reversed(options)]
    return tuple(Option(o.label_zh, o.label_en, s) for o, s in zip(options, scores, strict=True))


def _items(d: dict[str, Any]) -> tuple[Item, ...]:
    shared = _options(_list(d, "options", "scale"), "scale.options") if "options" in d else None
    usual = _direction(shared, "scale.options") if shared else 1
    raw_items = _list(d, "items", "scale")
    if not raw_items:
        raise _Broken("scale.items is empty")
    reverse_raw = _list(d, "reverse_items", "scale")
    if any(not isinstance(n, int) or isinstance(n, bool) for n in reverse_raw):
        raise _Broken("scale.reverse_items must list item numbers")
    reverse = set(reverse_raw)
    if len(reverse) != len(reverse_raw):
        raise _Broken("scale.reverse_items lists an item twice")
    strays = sorted(n for n in reverse if not 1 <= n <= len(raw_items))
    if strays:
        raise _Broken(f"scale.reverse_items names item(s) {strays} that do not exist")

    items = []
    for index, entry in enumerate(raw_items):
        where = f"items[{index}]"
        i = _obj(entry, where)
        _keys(i, where, {"number", "zh", "en"}, {"options"})
        number = _int(i, "number", where)
        if number != index + 1:
            raise _Broken(f"{where}.number is {number}; items must be numbered 1, 2, 3 … in order")
        is_reverse = number in reverse
        if "options" in i:
            options = _options(_list(i, "options", where), f"item {number} options")
            direction = _direction(options, f"item {number} options")
            if (direction != usual) != is_reverse:
                state = "is" if is_reverse else "is not"
                raise _Broken(f"item {number} {state} in reverse_items but its option scores "
                              f"run the {'usual' if direction == usual else 'opposite'} way")
        elif shared is None:
            raise _Broken(f"item {number} has no options and the scale has no shared options")
        else:
            options = _flipped(shared) if is_reverse else shared
        items.append(Item(number, _text(i, "zh", where), _text(i, "en", where), options,
                          is_reverse))
    return tuple(items)


def _scoring(d: dict[str, Any]) -> tuple[StandardScoreRule | None, BandsOn, str]:
    s = _obj(d.get("scoring"), "scale.scoring")
    _keys(s, "scoring", {"method", "source", "bands_on"}, {"standard_score"})
    if s["method"] != "sum":
        raise _Broken("scoring.method must be \"sum\" (the only rule these scales use)")
    rule = None
    if "standard_score" in s:
        r = _obj(s["standard_score"], "scoring.standard_score")
        _keys(r, "scoring.standard_score", {"multiplier", "rounding"})
        try:
            # A string keeps the factor exact: Fraction("1.25") is 5/4.
            multiplier = Fraction(_text(r, "multiplier", "scoring.standard_score"))
        except ValueError as exc:
            raise _Broken("scoring.standard_score.multiplier must be a number as text") from exc
        if multiplier <= 0:
            raise _Broken("scoring.standard_score.multiplier must be positive")
        rounding = r["rounding"]
        if rounding not in ("floor", "half_up"):
            raise _Broken("scoring.standard_score.rounding must be \"floor\" or \"half_up\"")
        rule = StandardScoreRule(multiplier, cast(Rounding, rounding))
    bands_on = s["bands_on"]
    if bands_on not in ("total", "standard_score"):
        raise _Broken("scoring.bands_on must be \"total\" or \"standard_score\"")
    if bands_on == "standard_score" and rule is None:
        raise _Broken("scoring.bands_on is standard_score but no standard_score rule is given")
    return rule, cast(BandsOn, bands_on), _text(s, "source", "scoring")


def _bands(d: dict[str, Any], low: int, high: int) -> tuple[Band, ...]:
    raw = _list(d, "bands", "scale")
    if not raw:
        raise _Broken("scale.bands is empty")
    bands = []
    for n, entry in enumerate(raw):
        where = f"bands[{n}]"
        b = _obj(entry, where)
        _keys(b, where, {"code", "min", "max", "zh", "en"})
        band = Band(_text(b, "code", where), _int(b, "min", where), _int(b, "max", where),
                    _text(b, "zh", where), _text(b, "en", where))
        if band.min_score > band.max_score:
            raise _Broken(f"band {band.code} runs from {band.min_score} down to {band.max_score}")
        bands.append(band)
    if len({b.code for b in bands}) != len(bands):
        raise _Broken("two bands share a code")
    if bands[0].min_score != low:
        raise _Broken(f"the first band starts at {bands[0].min_score}, "
                      f"not at the lowest possible score {low}")
    for before, after in pairwise(bands):
        if after.min_score <= before.max_score:
            raise _Broken(f"bands {before.code} and {after.code} overlap or are out of order")
        if after.min_score != before.max_score + 1:
            raise _Broken(f"scores {before.max_score + 1}–{after.min_score - 1} fall between "
                          f"bands {before.code} and {after.code}")
    if bands[-1].max_score != high:
        raise _Broken(f"the last band ends at {bands[-1].max_score}, "
                      f"not at the highest possible score {high}")
    return tuple(bands)


def _risks(d: dict[str, Any], items: tuple[Item, ...]) -> tuple[RiskRule, ...]:
    out = []
    for n, entry in enumerate(_list(d, "risk_flags", "scale")):
        where = f"risk_flags[{n}]"
        r = _obj(entry, where)
        _keys(r, where, {"code", "item", "score_above", "prompt_zh", "prompt_en"})
        rule = RiskRule(_text(r, "code", where), _int(r, "item", where),
                        _int(r, "score_above", where), _text(r, "prompt_zh", where),
                        _text(r, "prompt_en", where))
        if not 1 <= rule.item <= len(items):
            raise _Broken(f"{where} names item {rule.item}, which does not exist")
        if items[rule.item - 1].max_score <= rule.score_above:
            raise _Broken(f"{where} can never fire: no answer to item {rule.item} scores "
                          f"above {rule.score_above}")
        out.append(rule)
    return tuple(out)


def parse_scale(raw: object, origin: str = "<scale>") -> ScaleDefinition:
    """Build a definition from parsed JSON, or raise ScaleDefinitionError naming ``origin``."""
    try:
        d = _obj(raw, "scale")
        _keys(d, "scale", _TOP_KEYS - _OPTIONAL_TOP, _OPTIONAL_TOP)
        code = _text(d, "code", "scale")
        if not _CODE.match(code):
            raise _Broken("code must be lower-case letters, digits or _ (e.g. phq9)")
        if "notes" in d and not all(isinstance(n, str) for n in _list(d, "notes", "scale")):
            raise _Broken("scale.notes must be a list of text")
        items = _items(d)
        standard, bands_on, scoring_source = _scoring(d)
        scale = ScaleDefinition(
            code=code,
            short_name=_text(d, "short_name", "scale"),
            name_zh=_text(d, "name_zh", "scale"),
            name_en=_text(d, "name_en", "scale"),
            population_zh=_text(d, "population_zh", "scale"),
            population_en=_text(d, "population_en", "scale"),
            instructions_zh=_text(d, "instructions_zh", "scale"),
            instructions_en=_text(d, "instructions_en", "scale"),
            time_frame_zh=_text(d, "time_frame_zh", "scale"),
            time_frame_en=_text(d, "time_frame_en", "scale"),
            items=items,
            standard_score=standard,
            bands_on=bands_on,
            bands=(),
            risk_rules=_risks(d, items),
            source=_text(d, "source", "scale"),
            scoring_source=scoring_source,
            order=_int(d, "order", "scale"),
        )
        # The bands are checked against the range the rest of the definition implies, so
        # they are attached last.
        low, high = scale.banded_range
        return replace(scale, bands=_bands(d, low, high))
    except _Broken as exc:
        raise ScaleDefinitionError(file=origin, reason=str(exc)) from None


def load_scales_from(folder: Traversable) -> Mapping[str, ScaleDefinition]:
    """Every ``*.json`` in ``folder``, keyed by code, in display order. Any bad file is fatal."""
    found: dict[str, ScaleDefinition] = {}
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".json"):
            continue
        try:
            raw = json.loads(entry.read_text(encoding="utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise ScaleDefinitionError(file=entry.name, reason=f"not valid JSON: {exc}") from None
        scale = parse_scale(raw, entry.name)
        if entry.name != f"{scale.code}.json":
            raise ScaleDefinitionError(file=entry.name,
                                       reason=f"code {scale.code} does not match the file name")
        found[scale.code] = scale
    ordered = sorted(found.values(), key=lambda s: (s.order, s.code))
    return MappingProxyType({s.code: s for s in ordered})


@cache
def load_scales() -> Mapping[str, ScaleDefinition]:
    """The shipped scales, read once per process."""
    folder = files("psyroom.assessments").joinpath("scales")
    # A build that forgot the data files must fail loudly, not offer an empty list of scales.
    scales = load_scales_from(folder) if folder.is_dir() else MappingProxyType({})
    if not scales:
        raise ScaleDefinitionError(file="psyroom/assessments/scales/",
                                   reason="no scale files were installed")
    return scales


def normalise_code(code: str) -> str:
    """'PHQ-9', 'phq_9' and 'phq9' all name the same scale; trainers type the printed name."""
    return re.sub(r"[\s\-_]", "", code).lower()


def get_scale(code: str) -> ScaleDefinition:
    scales = load_scales()
    wanted = normalise_code(code)
    for scale in scales.values():
        if normalise_code(scale.code) == wanted:
            return scale
    # "code" is the error's own code, so the scale code travels as "name".
    raise ScaleInputError("scale_unknown", name=code)
