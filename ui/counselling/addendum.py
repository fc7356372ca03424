"""Addenda: the only change a signed note accepts, dated and signed, the original untouched."""

from __future__ import annotations

from html import escape

from psyroom.clock import local_display
from psyroom.consultations.model import Consultation
from psyroom.session import Session
from ui.counselling.widgets import notice
from ui.discard_guard import guard_discard
from ui.operations import CollectionOp
from ui.qt import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    Qt,
    QVBoxLayout,
    QWidget,
    Signal,
)


class AddendumDialog(QDialog):
    added = Signal(object)  # the Consultation with its new addendum

    def __init__(self, session: Session, consultation_id: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._id = consultation_id
        self.setWindowTitle(self.tr("Add an addendum"))
        self.text = QPlainTextEdit()
        self.text.setObjectName("addendum_text")
        self.text.setMinimumHeight(120)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.ok = buttons.addButton(self.tr("Add and sign"),
                                    QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok.setEnabled(False)
        self.text.textChanged.connect(
            lambda: self.ok.setEnabled(bool(self.text.toPlainText().strip())))
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(notice(self.tr(
            "The signed note stays as it is. The addendum is added below it with today's date "
            "and your name."), "info"))
        layout.addWidget(self.text)
        layout.addWidget(buttons)
        self.resize(520, 300)
        self.discard_guard = guard_discard(self)

    def submit(self) -> None:
        text = self.text.toPlainText()
        consultations, cid = self._session.consultations, self._id
        self.ok.setEnabled(False)
        CollectionOp(parent=self, op=lambda _ctx: consultations.add_addendum(cid, text)).success(
            self._added).finally_(lambda: self.ok.setEnabled(True)).run_in_background()

    def _added(self, consultation: Consultation) -> None:
        self.added.emit(consultation)
        self.accept()


def addenda_label(consultation: Consultation, title: str) -> QLabel:
    """The addenda under a signed note, oldest first, each with date and author."""
    parts = [f"<b>{escape(title)}</b>"]
    for a in consultation.addenda:
        parts.append(f"<p><span style='color:#555'>{escape(local_display(a.at))} · "
                     f"{escape(a.author_name)}</span><br>"
                     f"{escape(a.text).replace(chr(10), '<br>')}</p>")
    label = QLabel("".join(parts))
    label.setObjectName("addenda")
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label
