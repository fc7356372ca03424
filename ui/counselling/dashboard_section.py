"""One box of the home dashboard: a titled list, with buttons acting on the chosen line."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ui.counselling.labels import english
from ui.qt import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    Qt,
    QVBoxLayout,
    QWidget,
)
from ui.theme import Heading

Row = dict[str, Any]
Action = Callable[[Row], None]
VISIBLE_ROWS = 6


class Section(QFrame):
    def __init__(self, key: str, title: str, empty_text: str, *, accent: str = "#1f3b57",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"section_{key}")
        self.setStyleSheet(f"#section_{key} {{ background: white; border: 1px solid #d5dde5; "
                           f"border-top: 3px solid {accent}; border-radius: 6px; }}")
        self._title = title
        self.heading = Heading(title, larger_by=2)
        self.heading.setStyleSheet(f"color: {accent};")
        self.list = QListWidget()
        self.list.setObjectName(f"list_{key}")
        self.list.setFrameShape(QFrame.Shape.NoFrame)
        self.list.setAlternatingRowColors(True)
        # Long lines end in "…" (the whole text is in the tooltip), never a sideways scrollbar.
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.empty = QLabel(empty_text)
        self.empty.setStyleSheet("color: #777;")
        self.buttons = QHBoxLayout()
        self.buttons.addStretch(1)
        self._primary: Action | None = None
        self._action_buttons: list[QPushButton] = []
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.list)
        layout.addWidget(self.empty)
        layout.addLayout(self.buttons)
        self.list.itemActivated.connect(self._activated)
        self.list.itemSelectionChanged.connect(self._update_buttons)

    def add_action(self, text: str, action: Action, *, primary: bool = False) -> QPushButton:
        button = QPushButton(text)
        button.clicked.connect(lambda: self._run(action))
        self.buttons.addWidget(button)
        self._action_buttons.append(button)
        if primary:
            self._primary = action
        self._update_buttons()
        return button

    def set_rows(self, rows: list[tuple[str, Row]]) -> None:
        self.list.clear()
        for text, row in rows:
            item = QListWidgetItem(text)
            item.setToolTip(text)
            item.setData(Qt.ItemDataRole.UserRole, row)
            self.list.addItem(item)
        count = f" ({len(rows)})" if english() else f"（{len(rows)}）"
        self.heading.setText(self._title + count if rows else self._title)
        has = bool(rows)
        self.list.setVisible(has)
        self.empty.setVisible(not has)
        if has:
            row_h = max(self.list.sizeHintForRow(0), 20)
            self.list.setFixedHeight(row_h * min(len(rows), VISIBLE_ROWS) + 6)
        self._update_buttons()

    def texts(self) -> list[str]:
        return [self.list.item(i).text() for i in range(self.list.count())]

    def current(self) -> Row | None:
        item = self.list.currentItem()
        if item is None:
            return None
        row = item.data(Qt.ItemDataRole.UserRole)
        return row if isinstance(row, dict) else None

    def _run(self, action: Action) -> None:
        row = self.current()
        if row is not None:
            action(row)

    def _activated(self, _item: QListWidgetItem) -> None:
        if self._primary is not None:
            self._run(self._primary)

    def _update_buttons(self) -> None:
        # Shown whenever there are lines, so the actions are seen; usable once one is chosen.
        chosen = self.current() is not None and self.list.currentItem().isSelected()
        for button in self._action_buttons:
            button.setVisible(self.list.count() > 0)
            button.setEnabled(chosen)
