"""The structured note (主诉 / 评估 / 干预 / 计划) with a template picker."""

from __future__ import annotations

from psyroom.consultations.model import LABELS, NOTE_FIELDS
from ui.counselling.labels import pick
from ui.counselling.widgets import notice
from ui.qt import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
    Signal,
)


class NoteBoxes(QWidget):
    changed = Signal()
    save_template_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.templates: list[dict[str, str]] = []
        self.template_combo = QComboBox()
        self.template_combo.setObjectName("template_combo")
        self.template_combo.setMinimumContentsLength(14)
        self.apply_button = QPushButton(self.tr("Use template"))
        self.apply_button.setToolTip(self.tr("Adds the template's text to each box; "
                                             "nothing already typed is removed."))
        self.apply_button.clicked.connect(self.apply_template)
        self.save_button = QPushButton(self.tr("Save as template…"))
        self.save_button.clicked.connect(self.save_template_requested)
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(QLabel(self.tr("Template:")))
        top.addWidget(self.template_combo, 1)
        top.addWidget(self.apply_button)
        top.addWidget(self.save_button)
        self.template_row = QWidget()
        self.template_row.setLayout(top)

        self.boxes: dict[str, QPlainTextEdit] = {}
        grid = QGridLayout()
        grid.setContentsMargins(0, 0, 0, 0)
        for i, name in enumerate(NOTE_FIELDS):
            box = QPlainTextEdit()
            box.setObjectName(f"note_{name}")
            box.setTabChangesFocus(True)
            box.setMinimumHeight(70)
            box.textChanged.connect(self.changed)
            self.boxes[name] = box
            label = QLabel(pick(LABELS["note"][name]))
            label.setStyleSheet("font-weight: bold;")
            grid.addWidget(label, i * 2, 0)
            grid.addWidget(box, i * 2 + 1, 0)
        self.hidden_notice = notice(self.tr("The note's content is visible to counsellors only."),
                                    "private")
        self.hidden_notice.setObjectName("notes_hidden")
        self.hidden_notice.setSizePolicy(QSizePolicy.Policy.Preferred,
                                         QSizePolicy.Policy.Maximum)
        self.hidden_notice.hide()
        self.box_area = QWidget()
        self.box_area.setLayout(grid)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.template_row)
        layout.addWidget(self.hidden_notice)
        layout.addWidget(self.box_area, 1)

    def set_templates(self, templates: list[dict[str, str]]) -> None:
        self.templates = templates
        self.template_combo.clear()
        for t in templates:
            self.template_combo.addItem(t["name"])

    def apply_template(self) -> None:
        index = self.template_combo.currentIndex()
        if not 0 <= index < len(self.templates):
            return
        template = self.templates[index]
        for name, box in self.boxes.items():
            text = template.get(name, "")
            if not text:
                continue
            old = box.toPlainText()
            box.setPlainText(f"{old.rstrip()}\n{text}" if old.strip() else text)

    def values(self) -> dict[str, str]:
        return {name: box.toPlainText() for name, box in self.boxes.items()}

    def set_values(self, values: dict[str, str]) -> None:
        for name, box in self.boxes.items():
            box.blockSignals(True)
            box.setPlainText(values.get(name, ""))
            box.blockSignals(False)

    def set_read_only(self, read_only: bool) -> None:
        for box in self.boxes.values():
            box.setReadOnly(read_only)
            # A locked note looks locked: grey paper, not a box waiting for typing.
            box.setStyleSheet("QPlainTextEdit { background: #f3f5f7; }" if read_only else "")
        self.template_row.setVisible(not read_only)

    def hide_notes(self) -> None:
        """The reader's role may not see what was said: say so instead of blank boxes."""
        self.template_row.hide()
        self.box_area.hide()
        self.hidden_notice.show()
