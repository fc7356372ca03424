"""核验转介单: is a paper slip genuine? The serial and the code typed from the paper, or the
QR code's text from a scanner (which types like a keyboard), checked by the core: at a room
against its own slips, at the office against the slips in its rooms' imported bundles."""

from __future__ import annotations

from psyroom.referrals import codes
from psyroom.referrals.model import VerifyResult
from psyroom.referrals.slip import FIELD_NAMES, FIELD_ORDER
from psyroom.session import Session
from ui.counselling.labels import text_of
from ui.counselling.widgets import notice, set_notice_kind
from ui.operations import QueryOp
from ui.qt import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    Qt,
    QVBoxLayout,
    QWidget,
)
from ui.referrals.labels import STATUSES


class VerifyDialog(QDialog):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self.outcome: VerifyResult | None = None
        self.setWindowTitle(self.tr("Check a referral slip"))
        hint = QLabel(self.tr("Type the serial number and the check code printed on the slip, "
                              "or scan its QR code into the serial number box."))
        hint.setWordWrap(True)
        self.serial = QLineEdit()
        self.serial.setObjectName("verify_serial")
        self.serial.setPlaceholderText("BC-01-2026-0042")
        self.serial.setMaxLength(80)
        self.code = QLineEdit()
        self.code.setObjectName("verify_code")
        self.code.setPlaceholderText("ABCD-EFGH")
        self.code.setMaxLength(20)
        for edit in (self.serial, self.code):
            edit.textChanged.connect(self._update)
            edit.returnPressed.connect(self.check)
        form = QFormLayout()
        form.addRow(self.tr("Serial number:"), self.serial)
        form.addRow(self.tr("Check code:"), self.code)
        self.answer = notice("", "info")
        self.answer.setObjectName("verify_answer")
        self.answer.setTextFormat(Qt.TextFormat.PlainText)
        self.answer.hide()
        # What the room recorded, to compare with the paper line by line (scrolls when long).
        self.fields = QPlainTextEdit()
        self.fields.setObjectName("verify_fields")
        self.fields.setReadOnly(True)
        self.fields.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.check_button = buttons.addButton(self.tr("Check"),
                                              QDialogButtonBox.ButtonRole.ActionRole)
        self.check_button.setObjectName("verify_check")
        self.check_button.setDefault(True)
        # Enter (a scanner ends with it) checks; it must never close the dialog.
        close_button = buttons.button(QDialogButtonBox.StandardButton.Close)
        close_button.setAutoDefault(False)
        close_button.setDefault(False)
        self.check_button.clicked.connect(self.check)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addLayout(form)
        layout.addWidget(self.answer)
        layout.addWidget(self.fields, 1)
        layout.addStretch(0)
        layout.addWidget(buttons)
        self.resize(600, 420)
        self._update()

    def _scanned(self) -> bool:
        """A scanner's QR text (PSYREF:serial:code, then Enter) split into the two boxes."""
        found = codes.parse_qr(self.serial.text())
        if found is not None and all(found):
            self.serial.setText(found[0])
            self.code.setText(found[1])
        return found is not None

    def _update(self) -> None:
        self.check_button.setEnabled(bool(self.serial.text().strip()) and (
            bool(self.code.text().strip()) or codes.parse_qr(self.serial.text()) is not None))

    def check(self) -> None:
        if not self.check_button.isEnabled():
            return
        self._scanned()
        if not self.code.text().strip():
            return
        referrals, serial, code = self._session.referrals, self.serial.text(), self.code.text()
        self.check_button.setEnabled(False)
        QueryOp(parent=self, op=lambda _ctx: referrals.verify(serial, code)).success(
            self._show).finally_(self._update).run_in_background()

    def _show(self, result: VerifyResult) -> None:
        self.outcome = result
        self.answer.setText(self.message(result))
        set_notice_kind(self.answer, "info" if result.genuine else "danger")
        self.answer.show()
        shown = result.fields or {} if result.genuine else {}
        self.fields.setPlainText("\n".join(f"{text_of(FIELD_NAMES, key)}：{shown[key]}"
                                            for key in FIELD_ORDER if shown.get(key)))
        self.fields.setVisible(bool(shown))

    def message(self, r: VerifyResult) -> str:
        status = text_of(STATUSES, r.status)
        if r.genuine and r.room_code:
            return self.tr("Genuine: slip {serial} was issued by room {room}; its status is "
                           "“{status}”. Compare the paper with:").format(
                serial=r.serial, room=r.room_code, status=status)
        if r.genuine:
            return self.tr("Genuine: slip {serial} was issued here; its status is “{status}”. "
                           "Compare the paper with:").format(serial=r.serial, status=status)
        if r.reason == "not_in_bundles" and not r.bundle_upto:
            return self.tr("No bundle from room {room} has been imported yet, so slip {serial} "
                           "cannot be checked: import the room's bundle first.").format(
                room=r.room_code, serial=r.serial)
        texts = {
            "not_in_bundles": self.tr(
                "The bundles imported from room {room} (the newest made on {upto}) hold no "
                "issued slip {serial}. If it was issued after that day, import the room's next "
                "bundle and check again; otherwise the room did not issue it."),
            "unknown_room": self.tr("Cannot check: serial {serial} belongs to none of this "
                                    "office's rooms."),
            "unknown_serial": self.tr("Not a slip of this room: there is no referral "
                                      "{serial}."),
            "not_issued": self.tr("Referral {serial} was never issued, so no paper slip "
                                  "should exist."),
            "code_mismatch": self.tr("The code does not match: slip {serial} may be forged or "
                                     "altered."),
            "other_site": self.tr("Referral {serial} was issued at another site; only that "
                                  "room can check its code."),
            "cancelled": self.tr("Referral {serial} was cancelled and must not be used."),
        }
        return texts.get(r.reason, texts["code_mismatch"]).format(
            serial=r.serial, room=r.room_code or "", upto=r.bundle_upto or "")
