"""A new recovery code (admin), shown once and printable exactly as at set-up.

Used when the printed sheet may be lost or seen: the old code stops working at once.
"""

from __future__ import annotations

from ui.qt import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    Qt,
    QVBoxLayout,
    QWidget,
)
from ui.shell.recovery_print import print_recovery_code
from ui.theme import big_mono_font


class NewRecoveryCodeDialog(QDialog):
    def __init__(self, code: str, site_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._code, self._site = code, site_name
        self.setWindowTitle(self.tr("New recovery code"))
        self.setMinimumWidth(560)
        intro = QLabel(self.tr(
            "This is the new recovery code. The old code no longer works. It is shown only "
            "now: print it or write it down, and keep it locked away from the computer."))
        intro.setWordWrap(True)
        self.code_label = QLabel(code)
        self.code_label.setObjectName("recovery_code")
        self.code_label.setFont(big_mono_font())
        self.code_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.code_label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.code_label.setStyleSheet(
            "QLabel { background: #fffbe6; border: 1px solid #d9b300; padding: 14px; }")
        self.print_button = QPushButton(self.tr("Print…"))
        self.print_button.setObjectName("print")
        self.print_button.clicked.connect(
            lambda: print_recovery_code(self, self._code, self._site))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.print_button)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.code_label)
        layout.addLayout(row)
        layout.addWidget(buttons)
