"""The wizard's last page: the recovery code, shown once, printable, confirmed by re-typing."""

from __future__ import annotations

import secrets
from typing import TYPE_CHECKING

from ui.qt import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    Qt,
    QVBoxLayout,
    QWizardPage,
)
from ui.shell.recovery_print import print_recovery_code
from ui.theme import big_mono_font

if TYPE_CHECKING:
    from ui.shell.wizard import AdminPage, SitePage


class RecoveryCodePage(QWizardPage):
    def __init__(self, admin_page: AdminPage, site_page: SitePage) -> None:
        super().__init__()
        self._admin = admin_page
        self._site = site_page
        self.group_index = 0
        self.setTitle(self.tr("Recovery code"))
        self.setSubTitle(self.tr(
            "If every password is forgotten, this code is the only way back into the data. "
            "It is shown only now."
        ))
        self.code_label = QLabel()
        self.code_label.setObjectName("recovery_code")
        self.code_label.setFont(big_mono_font())
        self.code_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.code_label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.code_label.setStyleSheet(
            "QLabel { background: #fffbe6; border: 1px solid #d9b300; padding: 14px; }"
        )
        self.print_button = QPushButton(self.tr("Print…"))
        self.print_button.setObjectName("print")
        self.print_button.clicked.connect(self._print)
        advice = QLabel(self.tr(
            "Print it or write it down on paper, and keep it locked away from the computer. "
            "Do not photograph it or save it on the computer."
        ))
        advice.setWordWrap(True)
        self.ask_label = QLabel()
        self.ask_label.setWordWrap(True)
        self.retype = QLineEdit()
        self.retype.setObjectName("retype_group")
        self.retype.setMaxLength(12)
        self.retype.setFont(big_mono_font(14))
        self.retype.setMaximumWidth(220)
        self.retype.textChanged.connect(self.completeChanged)

        print_row = QHBoxLayout()
        print_row.addWidget(advice, 1)
        print_row.addWidget(self.print_button)
        retype_row = QHBoxLayout()
        retype_row.addWidget(self.retype)
        retype_row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.code_label)
        layout.addLayout(print_row)
        layout.addSpacing(10)
        layout.addWidget(self.ask_label)
        layout.addLayout(retype_row)
        layout.addStretch(1)

    def code(self) -> str:
        result = self._admin.result
        return result.recovery_code if result is not None else ""

    def groups(self) -> list[str]:
        return [g for g in self.code().split("-") if g]

    def initializePage(self) -> None:
        self.code_label.setText(self.code())
        groups = self.groups()
        # Asking for a random group (not always the first) makes people read the whole code.
        self.group_index = secrets.randbelow(len(groups)) if groups else 0
        self.ask_label.setText(
            self.tr("To show that you have it, type group number %1 (counted from the left):")
            .replace("%1", str(self.group_index + 1))
        )
        self.retype.clear()

    def isComplete(self) -> bool:
        groups = self.groups()
        if not groups:
            return False
        typed = "".join(ch for ch in self.retype.text().upper() if ch.isalnum())
        return typed == groups[self.group_index]

    def _print(self) -> None:
        print_recovery_code(self, self.code(), self._site.name.text().strip())
