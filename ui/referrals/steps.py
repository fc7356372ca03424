"""The small dialogs for the steps after issuing: the receipt, the feedback, cancelling."""

from __future__ import annotations

from collections.abc import Callable

from psyroom.referrals.model import Referral
from psyroom.session import Session
from ui.counselling.widgets import date_edit, iso_day
from ui.operations import CollectionOp
from ui.qt import (
    QCoreApplication,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
    Signal,
)


class _StepDialog(QDialog):
    done_step = Signal(str)  # the referral id

    def __init__(self, referral: Referral, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.referral = referral
        self.form = QFormLayout()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        # tr() here would look the word up under the subclass's name; name the context.
        self.save = buttons.addButton(QCoreApplication.translate("ReferralSteps", "Save"),
                                      QDialogButtonBox.ButtonRole.AcceptRole)
        self.save.setObjectName("step_save")
        self.save.setEnabled(False)
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        summary = QLabel(f"{referral.serial} · {referral.resident_name} · "
                         f"{referral.institution_name}")
        summary.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(summary)
        layout.addLayout(self.form)
        layout.addWidget(buttons)
        self.resize(520, 260)

    def run(self, op: Callable[[object], object]) -> None:
        self.save.setEnabled(False)
        CollectionOp(parent=self, op=op).success(lambda _r: self._done()).finally_(
            self._update).run_in_background()

    def _update(self) -> None:
        self.save.setEnabled(self.ready())

    def ready(self) -> bool:
        return True

    def submit(self) -> None:
        raise NotImplementedError

    def _done(self) -> None:
        self.done_step.emit(self.referral.id)
        self.accept()


class ReceiptDialog(_StepDialog):
    """回执: the day the institution received the person, and who received them."""

    def __init__(self, session: Session, referral: Referral,
                 parent: QWidget | None = None) -> None:
        super().__init__(referral, parent)
        self.setWindowTitle(self.tr("Record the receipt"))
        self._session = session
        self.day = date_edit()
        self.day.setObjectName("receipt_date")
        self.receiver = QLineEdit()
        self.receiver.setObjectName("receipt_receiver")
        self.receiver.textChanged.connect(self._update)
        self.form.addRow(self.tr("Received on:"), self.day)
        self.form.addRow(self.tr("Received by:"), self.receiver)

    def ready(self) -> bool:
        return bool(self.receiver.text().strip())

    def submit(self) -> None:
        refs, rid = self._session.referrals, self.referral.id
        day, who = iso_day(self.day), self.receiver.text()
        self.run(lambda _ctx: refs.record_receipt(rid, received_on=day, receiver=who))


class FeedbackDialog(_StepDialog):
    """The institution's first finding and advice."""

    def __init__(self, session: Session, referral: Referral,
                 parent: QWidget | None = None) -> None:
        super().__init__(referral, parent)
        self.setWindowTitle(self.tr("Record the institution's feedback"))
        self._session = session
        self.day = date_edit()
        self.text = QPlainTextEdit()
        self.text.setObjectName("feedback_text")
        self.text.setTabChangesFocus(True)
        self.text.textChanged.connect(self._update)
        self.form.addRow(self.tr("Date:"), self.day)
        self.form.addRow(self.tr("Finding and advice:"), self.text)

    def ready(self) -> bool:
        return bool(self.text.toPlainText().strip())

    def submit(self) -> None:
        refs, rid = self._session.referrals, self.referral.id
        day, words = iso_day(self.day), self.text.toPlainText()
        self.run(lambda _ctx: refs.record_feedback(rid, feedback=words, on=day))


class CancelDialog(_StepDialog):
    def __init__(self, session: Session, referral: Referral,
                 parent: QWidget | None = None) -> None:
        super().__init__(referral, parent)
        self.setWindowTitle(self.tr("Cancel the referral"))
        self._session = session
        self.reason = QLineEdit()
        self.reason.setObjectName("cancel_reason")
        self.reason.setPlaceholderText(self.tr("Required, e.g. the person went on their own"))
        self.reason.textChanged.connect(self._update)
        self.form.addRow(self.tr("Why:"), self.reason)

    def ready(self) -> bool:
        return bool(self.reason.text().strip())

    def submit(self) -> None:
        refs, rid, why = self._session.referrals, self.referral.id, self.reason.text()
        self.run(lambda _ctx: refs.cancel(rid, reason=why))
