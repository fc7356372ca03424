"""Inputs shaped like 表1-8: numbered choices (“1 门诊 2 家庭访视 3 电话”), numbered check
boxes, counts for 危险行为, and the three drug rows."""

from __future__ import annotations

from psyroom.followups.form import MAX_DRUGS, Codes
from psyroom.followups.model import Drug
from ui.counselling.labels import pick
from ui.qt import (
    QButtonGroup,
    QCheckBox,
    QDoubleSpinBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QSpinBox,
    QWidget,
    Signal,
)


def numbered(code: int, pair: tuple[str, str]) -> str:
    return f"{code} {pick(pair)}"


class CodeRadios(QWidget):
    """One code of a table, or none yet (a form box left empty)."""

    changed = Signal()

    def __init__(self, table: Codes, name: str, columns: int = 6,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.group = QButtonGroup(self)
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setHorizontalSpacing(14)
        self.buttons: dict[int, QRadioButton] = {}
        for i, (code, pair) in enumerate(table.items()):
            button = QRadioButton(numbered(code, pair))
            button.setObjectName(f"{name}_{code}")
            self.group.addButton(button, code)
            self.buttons[code] = button
            layout.addWidget(button, i // columns, i % columns)
        layout.setColumnStretch(columns, 1)
        self.group.idToggled.connect(lambda _id, on: self.changed.emit() if on else None)

    def value(self) -> int | None:
        code = self.group.checkedId()
        return None if code == -1 else code

    def set_value(self, code: int | None) -> None:
        if code is None:
            self.group.setExclusive(False)
            for b in self.buttons.values():
                b.setChecked(False)
            self.group.setExclusive(True)
            self.changed.emit()
        elif code in self.buttons:
            self.buttons[code].setChecked(True)


class CodeChecks(QWidget):
    """Several codes (the form's □/□/□)."""

    changed = Signal()

    def __init__(self, table: Codes, name: str, columns: int = 6,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setHorizontalSpacing(14)
        self.boxes: dict[int, QCheckBox] = {}
        for i, (code, pair) in enumerate(table.items()):
            box = QCheckBox(numbered(code, pair))
            box.setObjectName(f"{name}_{code}")
            box.toggled.connect(lambda _on: self.changed.emit())
            self.boxes[code] = box
            layout.addWidget(box, i // columns, i % columns)
        layout.setColumnStretch(columns, 1)

    def values(self) -> tuple[int, ...]:
        return tuple(c for c, b in self.boxes.items() if b.isChecked())

    def set_values(self, codes: tuple[int, ...]) -> None:
        for c, b in self.boxes.items():
            b.setChecked(c in codes)


class DangerCounts(QWidget):
    """危险行为: how many times each, since the last visit; all zero is “7 无”."""

    def __init__(self, table: Codes, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.spins: dict[int, QSpinBox] = {}
        for i, (code, pair) in enumerate((c, p) for c, p in table.items() if c != 7):
            spin = QSpinBox()
            spin.setRange(0, 99)
            spin.setObjectName(f"danger_{code}")
            spin.setSuffix(self.tr(" times"))
            self.spins[code] = spin
            layout.addWidget(QLabel(numbered(code, pair)), i // 3, 2 * (i % 3))
            layout.addWidget(spin, i // 3, 2 * (i % 3) + 1)
        layout.setColumnStretch(6, 1)

    def counts(self) -> dict[int, int]:
        return {c: s.value() for c, s in self.spins.items() if s.value()}


def _dose(suffix: str, name: str) -> QDoubleSpinBox:
    spin = QDoubleSpinBox()
    spin.setObjectName(name)
    spin.setRange(0, 5000)
    spin.setDecimals(1)
    spin.setSpecialValueText("—")  # 0 reads as "not given"
    spin.setSuffix(suffix)
    return spin


class DrugRows(QWidget):
    """Up to three drugs: name; morning, noon, evening mg; or a long-acting injection."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        heads = (self.tr("Drug"), self.tr("Morning"), self.tr("Noon"), self.tr("Evening"),
                 self.tr("Long-acting: every"), self.tr("Dose"))
        for c, head in enumerate(heads):
            layout.addWidget(QLabel(head), 0, c)
        self.rows: list[tuple[QLineEdit, QDoubleSpinBox, QDoubleSpinBox, QDoubleSpinBox,
                              QSpinBox, QDoubleSpinBox]] = []
        for r in range(MAX_DRUGS):
            drug = QLineEdit()
            drug.setObjectName(f"{name}_{r}_name")
            drug.setPlaceholderText(self.tr("Drug %1").replace("%1", str(r + 1)))
            weeks = QSpinBox()
            weeks.setRange(0, 52)
            weeks.setSpecialValueText("—")
            weeks.setSuffix(self.tr(" weeks"))
            row = (drug, _dose(" mg", f"{name}_{r}_morning"), _dose(" mg", f"{name}_{r}_noon"),
                   _dose(" mg", f"{name}_{r}_evening"), weeks, _dose(" mg", f"{name}_{r}_depot"))
            for c, widget in enumerate(row):
                layout.addWidget(widget, r + 1, c)
            self.rows.append(row)
        layout.setColumnStretch(0, 2)

    def drugs(self) -> tuple[Drug, ...]:
        out = []
        for drug, morning, noon, evening, weeks, depot in self.rows:
            if drug.text().strip():
                out.append(Drug(drug.text().strip(),
                                morning_mg=morning.value() or None, noon_mg=noon.value() or None,
                                evening_mg=evening.value() or None,
                                depot_weeks=weeks.value() or None,
                                depot_mg=depot.value() or None))
        return tuple(out)

    def set_drugs(self, drugs: tuple[Drug, ...]) -> None:
        for i, (drug, morning, noon, evening, weeks, depot) in enumerate(self.rows):
            d = drugs[i] if i < len(drugs) else Drug("")
            drug.setText(d.name)
            morning.setValue(d.morning_mg or 0)
            noon.setValue(d.noon_mg or 0)
            evening.setValue(d.evening_mg or 0)
            weeks.setValue(d.depot_weeks or 0)
            depot.setValue(d.depot_mg or 0)


def row(*widgets: QWidget) -> QHBoxLayout:
    layout = QHBoxLayout()
    for w in widgets:
        layout.addWidget(w)
    layout.addStretch(1)
    return layout
