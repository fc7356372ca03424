"""Key-population categories as checkboxes, one line per group as the pilot plans group them
(老年人, 妇女, 儿童 …): compact enough to see them all without scrolling."""

from __future__ import annotations

from ui.qt import QCheckBox, QGridLayout, QLabel, QWidget
from ui.residents.labels import TagNames

PER_ROW = 4


class TagPicker(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.boxes: dict[str, QCheckBox] = {}
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setHorizontalSpacing(16)

    def set_tags(self, tags: TagNames, selected: frozenset[str] = frozenset()) -> None:
        selected = selected | self.selected()
        while (item := self._grid.takeAt(0)) is not None:
            if (widget := item.widget()) is not None:
                widget.deleteLater()
        self.boxes.clear()
        row = 0
        for group, group_tags in tags.groups():
            title = QLabel(group)
            title.setStyleSheet("font-weight: bold; color: #3d5366;")
            self._grid.addWidget(title, row, 0)
            for i, tag in enumerate(group_tags):
                check = QCheckBox(tags.name(tag["code"]))
                check.setObjectName(f"tag_{tag['code']}")
                check.setChecked(tag["code"] in selected)
                self.boxes[tag["code"]] = check
                self._grid.addWidget(check, row + i // PER_ROW, 1 + i % PER_ROW)
            row += (len(group_tags) + PER_ROW - 1) // PER_ROW
        # Categories the office retired still show on old archives, so they can be unticked.
        for i, code in enumerate(sorted(selected - set(self.boxes))):
            check = QCheckBox(tags.name(code))
            check.setChecked(True)
            self.boxes[code] = check
            self._grid.addWidget(check, row + i // PER_ROW, 1 + i % PER_ROW)
        for col in range(1, PER_ROW + 1):
            self._grid.setColumnStretch(col, 1)

    def selected(self) -> frozenset[str]:
        return frozenset(code for code, box in self.boxes.items() if box.isChecked())
