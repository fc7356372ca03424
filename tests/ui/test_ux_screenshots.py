"""Issue 9: the screens at 1366×768 at every text size, rendered in Chinese (slow).

The PNGs go to a temporary folder; each is checked to fit the screen less its taskbar and to
hold more than a blank window (the text was drawn)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tools.screenshots.sizes import SCREEN, run
from ui.pages.settings import FONT_SIZES
from ui.qt import QColor, QImage

pytestmark = [pytest.mark.gui, pytest.mark.slow]


def _ink(path: Path) -> int:
    image = QImage(str(path))
    return sum(1 for y in range(0, image.height(), 3) for x in range(0, image.width(), 3)
               if QColor(image.pixel(x, y)).lightness() < 100)


def test_screens_at_every_text_size(tmp_path: Path) -> None:
    shots = run(tmp_path / "shots", tmp_path / "data", FONT_SIZES)
    names = {p.name.split("-", 1)[1] for p in shots}
    assert {"wizard.png", "login.png", "home.png", "archive.png", "consultation.png",
            "scale.png", "crisis-form.png", "crisis-view.png", "followup.png",
            "audit.png"} <= names
    assert len(shots) == len(FONT_SIZES) * 11
    for path in shots:
        image = QImage(str(path))
        assert image.width() <= SCREEN.width() and image.height() <= SCREEN.height(), path
        assert _ink(path) > 100, path
