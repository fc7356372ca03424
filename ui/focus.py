"""A window opens with the cursor on its first field that still needs typing."""

from __future__ import annotations

from collections.abc import Sequence

from ui.qt import QLineEdit, QWidget


def focus_first_empty(widgets: Sequence[QWidget]) -> QWidget | None:
    """Give focus to the first empty line edit (or the first widget when all are filled);
    in a window not shown yet, that is where the cursor starts once it is."""
    for w in widgets:
        if isinstance(w, QLineEdit) and not w.text() and w.isEnabled():
            w.setFocus()
            return w
    if widgets:
        widgets[0].setFocus()
        return widgets[0]
    return None
