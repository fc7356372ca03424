"""reportlab set-up shared by every printout: an embedded CJK TrueType font.

reportlab's built-in STSong-Light is not embedded (a PC without Chinese PDF fonts shows
garbage), and CFF fonts such as Noto Sans CJK cannot be embedded at all; WenQuanYi Micro
Hei is TrueType and embeds as a subset (DESIGN.md §9).
"""

from __future__ import annotations

import contextlib
import os
from functools import cache
from pathlib import Path

from psyroom.fileio import os_error
from psyroom.resources import cjk_font_path

FONT = "WQYMicroHei"


@cache
def register_font() -> str:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    pdfmetrics.registerFont(TTFont(FONT, str(cjk_font_path()), subfontIndex=0))
    return FONT


def styles() -> dict[str, object]:
    from reportlab.lib.styles import ParagraphStyle

    font = register_font()
    return {
        "title": ParagraphStyle("title", fontName=font, fontSize=16, leading=22,
                                spaceAfter=8, wordWrap="CJK"),
        "h2": ParagraphStyle("h2", fontName=font, fontSize=12, leading=18, spaceBefore=10,
                             spaceAfter=4, wordWrap="CJK"),
        "body": ParagraphStyle("body", fontName=font, fontSize=10, leading=15, wordWrap="CJK"),
        "small": ParagraphStyle("small", fontName=font, fontSize=8, leading=11,
                                wordWrap="CJK"),
    }


def write_atomically(out: Path, build: object) -> Path:
    """Build the PDF next to its final name, then rename: no half-written file remains."""
    out.parent.mkdir(parents=True, exist_ok=True)
    part = out.with_name(out.name + ".part")
    try:
        build(str(part))  # type: ignore[operator]
        os.replace(part, out)
    except OSError as exc:
        with contextlib.suppress(OSError):
            part.unlink()
        raise os_error(exc, out) from exc
    return out
