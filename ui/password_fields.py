"""A new password typed twice, with the rules shown live as the person types."""

from __future__ import annotations

from collections.abc import Sequence

from psyroom.security.passwords import password_problems
from ui.labels import password_rule_labels
from ui.qt import QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget, Signal

_OK = "#1b7f3b"
_TODO = "#9a4b00"


class PasswordFields(QWidget):
    """Emits ``changed`` on every keystroke; ``acceptable()`` says whether both fields pass."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None, *, label: str | None = None,
                 above: Sequence[tuple[str, QWidget]] = ()) -> None:
        """``above``: a dialog's own rows (user name, old password…) put before the password
        rows here, so they line up and Tab goes through them top to bottom."""
        super().__init__(parent)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setObjectName("new_password")
        self.repeat = QLineEdit()
        self.repeat.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat.setObjectName("new_password_repeat")

        # Exposed so a dialog can put its other fields in the same form (aligned labels).
        self.form = form = QFormLayout()
        form.setContentsMargins(0, 0, 0, 0)
        for text, widget in above:
            form.addRow(text, widget)
        form.addRow(label or self.tr("New password:"), self.password)
        form.addRow(self.tr("Type it again:"), self.repeat)

        self._rule_labels: dict[str, QLabel] = {}
        hints = QVBoxLayout()
        hints.setSpacing(2)
        for code, text in password_rule_labels().items():
            hint = QLabel(text)
            hint.setWordWrap(True)
            hint.setProperty("rule_text", text)
            self._rule_labels[code] = hint
            hints.addWidget(hint)
        self._match_label = QLabel()
        self._match_label.setProperty("rule_text", self.tr("Both entries are the same"))
        hints.addWidget(self._match_label)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form)
        layout.addLayout(hints)

        self.password.textChanged.connect(self._update)
        self.repeat.textChanged.connect(self._update)
        self._update()

    def text(self) -> str:
        return self.password.text()

    def acceptable(self) -> bool:
        pw = self.password.text()
        return bool(pw) and not password_problems(pw) and pw == self.repeat.text()

    def clear(self) -> None:
        self.password.clear()
        self.repeat.clear()

    def _update(self) -> None:
        pw = self.password.text()
        problems = set(password_problems(pw))
        for code, hint in self._rule_labels.items():
            _mark(hint, bool(pw) and code not in problems)
        _mark(self._match_label, bool(pw) and pw == self.repeat.text())
        self.changed.emit()


def _mark(label: QLabel, ok: bool) -> None:
    # The sign, not only the colour, carries the meaning (colour-blind readers).
    text = str(label.property("rule_text"))
    label.setText(("✓ " if ok else "• ") + text)
    label.setStyleSheet(f"color: {_OK if ok else _TODO};")
