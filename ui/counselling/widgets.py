"""Small form widgets the counselling screens share: code-valued combo boxes, groups of
check boxes, a read-only switch, and the coloured notices."""

from __future__ import annotations

from collections.abc import Iterable

from ui.qt import (
    QAbstractButton,
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QDate,
    QDateEdit,
    QDateTimeEdit,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

# Notices: (text colour, background, border). Red asks for action; blue only informs.
NOTICE_STYLES = {
    "danger": ("#8a1010", "#fde8e7", "#e3a19c"),
    "warning": ("#7a4a00", "#fff3dc", "#e8c27a"),
    "info": ("#1f3b57", "#eaf2fa", "#b9cde2"),
    "private": ("#4a2d6b", "#f3edf9", "#c8b5df"),
}


class ChoiceCombo(QComboBox):
    """A combo box whose value is a code; the user sees the label."""

    def __init__(self, items: Iterable[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        for code, text in items:
            self.addItem(text, code)

    def code(self) -> str:
        return str(self.currentData())

    def set_code(self, code: str | None) -> None:
        index = self.findData(code)
        if index >= 0:
            self.setCurrentIndex(index)


class CheckGroup(QWidget):
    """Check boxes in a grid, one per code."""

    def __init__(self, items: Iterable[tuple[str, str]], columns: int = 3,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setHorizontalSpacing(14)
        self.boxes: dict[str, QCheckBox] = {}
        for i, (code, text) in enumerate(items):
            box = QCheckBox(text)
            box.setObjectName(f"check_{code}")
            self.boxes[code] = box
            layout.addWidget(box, i // columns, i % columns)

    def codes(self) -> tuple[str, ...]:
        return tuple(code for code, box in self.boxes.items() if box.isChecked())

    def set_codes(self, codes: Iterable[str]) -> None:
        wanted = set(codes)
        for code, box in self.boxes.items():
            box.setChecked(code in wanted)


def notice(text: str = "", kind: str = "info") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    set_notice_kind(label, kind)
    return label


def set_notice_kind(label: QLabel, kind: str) -> None:
    fg, bg, border = NOTICE_STYLES[kind]
    label.setStyleSheet(f"QLabel {{ color: {fg}; background: {bg}; border: 1px solid {border}; "
                        "border-radius: 4px; padding: 6px 8px; }")


def date_edit(day: QDate | None = None) -> QDateEdit:
    edit = QDateEdit(day or QDate.currentDate())
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    return edit


def datetime_edit() -> QDateTimeEdit:
    edit = QDateTimeEdit()
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd HH:mm")
    return edit


def iso_day(edit: QDateEdit) -> str:
    return str(edit.date().toString("yyyy-MM-dd"))


def set_read_only(widgets: Iterable[QWidget], read_only: bool) -> None:
    """Signed records stay readable and selectable; only changing them is switched off."""
    for w in widgets:
        if isinstance(w, (QLineEdit, QPlainTextEdit)):
            w.setReadOnly(read_only)
        elif isinstance(w, QAbstractSpinBox):
            w.setReadOnly(read_only)
            w.setButtonSymbols(QAbstractSpinBox.ButtonSymbols.NoButtons if read_only
                               else QAbstractSpinBox.ButtonSymbols.UpDownArrows)
        elif isinstance(w, CheckGroup):
            for box in w.boxes.values():
                box.setEnabled(not read_only)
        elif isinstance(w, (QComboBox, QAbstractButton)):
            w.setEnabled(not read_only)
        else:
            w.setEnabled(not read_only)
