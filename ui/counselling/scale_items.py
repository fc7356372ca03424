"""A scale's items, one per row, each with its printed options as radio buttons."""

from __future__ import annotations

from psyroom.assessments.model import ScaleDefinition
from ui.counselling.labels import english
from ui.qt import (
    QButtonGroup,
    QFrame,
    QGridLayout,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
    Signal,
)

# Options longer than this (EPDS prints a sentence per option) go two to a line.
SHORT_OPTION = 9


class ScaleItems(QWidget):
    answered = Signal()

    def __init__(self, scale: ScaleDefinition, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.scale = scale
        self.groups: list[QButtonGroup] = []
        layout = QVBoxLayout(self)
        layout.setSpacing(2)
        for item in scale.items:
            row = QFrame()
            row.setObjectName("scale_item")
            # Alternate shading keeps the eye on one item's options in a long scale.
            shade = "#f5f8fb" if item.number % 2 else "#ffffff"
            row.setStyleSheet(f"#scale_item {{ background: {shade}; border-radius: 4px; }}")
            text = QLabel(f"{item.number}. {item.text_en if english() else item.text_zh}")
            text.setWordWrap(True)
            text.setStyleSheet("font-weight: bold;")
            options = QGridLayout()
            options.setContentsMargins(18, 0, 0, 0)
            options.setHorizontalSpacing(18)
            labels = [o.label_en if english() else o.label_zh for o in item.options]
            per_row = len(labels) if max(len(t) for t in labels) <= SHORT_OPTION else 2
            group = QButtonGroup(self)
            for i, label in enumerate(labels):
                button = QRadioButton(label)
                button.setObjectName(f"item{item.number}_option{i}")
                group.addButton(button, i)
                options.addWidget(button, i // per_row, i % per_row)
            options.setColumnStretch(per_row, 1)
            group.idClicked.connect(lambda _id: self.answered.emit())
            self.groups.append(group)
            row_layout = QVBoxLayout(row)
            row_layout.setContentsMargins(8, 6, 8, 6)
            row_layout.addWidget(text)
            row_layout.addLayout(options)
            layout.addWidget(row)
        layout.addStretch(1)

    def answers(self) -> list[int | None]:
        """The chosen option's position per item; None where not answered yet."""
        return [g.checkedId() if g.checkedId() >= 0 else None for g in self.groups]

    def set_answer(self, item_number: int, option: int) -> None:
        button = self.groups[item_number - 1].button(option)
        button.setChecked(True)
        self.answered.emit()

    def partial_total(self) -> int:
        total = 0
        for item, answer in zip(self.scale.items, self.answers(), strict=True):
            if answer is not None:
                total += item.options[answer].score
        return total
