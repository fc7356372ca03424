"""Where receipts come back to (printed on every slip) and when a receipt is overdue."""

from __future__ import annotations

from typing import Any

from psyroom.referrals.rules import SITE_LIMITS
from psyroom.session import Session
from ui.operations import CollectionOp, QueryOp
from ui.qt import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)


class ReferralSettingsDialog(QDialog):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self.setWindowTitle(self.tr("Referral settings"))
        self.address = QLineEdit()
        self.address.setObjectName("settings_address")
        self.address.setMaxLength(SITE_LIMITS["address"])
        self.phone = QLineEdit()
        self.phone.setObjectName("settings_phone")
        self.phone.setMaxLength(SITE_LIMITS["phone"])
        self.days = QSpinBox()
        self.days.setObjectName("settings_overdue_days")
        self.days.setRange(1, 365)
        self.days.setSuffix(self.tr(" days"))
        form = QFormLayout()
        form.addRow(self.tr("Room address (printed on the slip):"), self.address)
        form.addRow(self.tr("Room phone (printed on the slip):"), self.phone)
        form.addRow(self.tr("Receipt overdue after:"), self.days)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.resize(520, 200)
        referrals = session.referrals
        QueryOp(parent=self, op=lambda _ctx: referrals.settings()).success(
            self._show).run_in_background()

    def _show(self, values: dict[str, Any]) -> None:
        self.address.setText(values["address"])
        self.phone.setText(values["phone"])
        self.days.setValue(int(values["overdue_days"]))

    def submit(self) -> None:
        referrals = self._session.referrals
        address, phone, days = self.address.text(), self.phone.text(), self.days.value()
        CollectionOp(parent=self, op=lambda _ctx: referrals.save_settings(
            address=address, phone=phone, overdue_days=days)).success(
            lambda _r: self.accept()).run_in_background()
