"""The crisis prompt a self-harm answer raises. It cannot be closed, escaped or cancelled:
the ways out are to write down what was done, which is then saved with the scale and opens a
crisis record (the person goes on the high-risk list), or to go back and change the answers
(a mis-click on item 9). A positive answer still cannot be saved without an action; both the
prompt and any change of answers are audited by the scale dialog."""

from __future__ import annotations

from psyroom.assessments.model import RiskRule
from ui.counselling.labels import english
from ui.counselling.widgets import notice
from ui.qt import (
    QCheckBox,
    QCloseEvent,
    QDialog,
    QHBoxLayout,
    QKeyEvent,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    Qt,
    QVBoxLayout,
    QWidget,
    Signal,
)
from ui.theme import Heading


class CrisisPromptDialog(QDialog):
    action_recorded = Signal(str)
    back_to_answers = Signal()

    def __init__(self, risks: list[RiskRule], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # No close button in the title bar: a frameless-looking but titled dialog.
        self.setWindowFlags(Qt.WindowType.Dialog | Qt.WindowType.CustomizeWindowHint
                            | Qt.WindowType.WindowTitleHint)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setWindowTitle(self.tr("Risk of self-harm: act now"))
        self._recorded = False
        title = Heading(self.tr("Risk of self-harm or suicide"), larger_by=3)
        title.setStyleSheet("color: #8a1010;")
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        for rule in risks:
            text = notice(rule.prompt_en if english() else rule.prompt_zh, "danger")
            text.setObjectName("risk_prompt")
            layout.addWidget(text)
        layout.addWidget(QLabel(self.tr("What was done (tick or type; required):")))
        self.quick: list[QCheckBox] = []
        for phrase in (self.tr("Asked directly about thoughts, plans and means"),
                       self.tr("Made sure the person is safe now and not left alone"),
                       self.tr("Contacted family or guardian to stay with the person"),
                       self.tr("Referred to a psychiatric institution"),
                       self.tr("Called 120 or the police")):
            box = QCheckBox(phrase)
            box.toggled.connect(lambda on, p=phrase: self._quick(p, on))
            self.quick.append(box)
            layout.addWidget(box)
        self.action = QPlainTextEdit()
        self.action.setObjectName("crisis_action")
        self.action.setPlaceholderText(self.tr("E.g. talked with her for 40 minutes; no plan "
                                               "or means; husband came to take her home."))
        self.action.setMinimumHeight(90)
        layout.addWidget(self.action)
        self.save = QPushButton(self.tr("Record the action and save the scale"))
        self.save.setObjectName("crisis_save")
        self.save.setDefault(True)
        self.save.setEnabled(False)
        self.save.clicked.connect(self.accept)
        self.action.textChanged.connect(
            lambda: self.save.setEnabled(bool(self.action_text())))
        self.back = QPushButton(self.tr("Go back and change the answers"))
        self.back.setObjectName("crisis_back")
        self.back.setAutoDefault(False)
        self.back.clicked.connect(self._back)
        buttons = QHBoxLayout()
        buttons.addWidget(self.back)
        buttons.addStretch(1)
        buttons.addWidget(self.save)
        layout.addLayout(buttons)
        self.resize(620, 560)

    def _quick(self, phrase: str, on: bool) -> None:
        lines = [line for line in self.action.toPlainText().splitlines() if line.strip()]
        if on and phrase not in lines:
            lines.append(phrase)
        elif not on and phrase in lines:
            lines.remove(phrase)
        self.action.setPlainText("\n".join(lines))

    def _back(self) -> None:
        self._recorded = True  # lets reject() through; nothing is saved on this path
        self.back_to_answers.emit()
        super().reject()

    def action_text(self) -> str:
        return self.action.toPlainText().strip()

    # -- no way out but recording the action ---------------------------------------------
    def accept(self) -> None:
        if not self.action_text():
            return
        self._recorded = True
        self.action_recorded.emit(self.action_text())
        super().accept()

    def reject(self) -> None:
        """Esc and the window manager's close land here: ignored until an action is typed."""
        if self._recorded:
            super().reject()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            event.accept()  # swallowed here, so it reaches no window behind either
            return
        super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._recorded:
            event.ignore()
            return
        super().closeEvent(event)
