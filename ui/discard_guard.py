"""Esc (or the window's close box) on a form with unsaved input asks before throwing it away.

One line per form: ``guard_discard(self)`` at the end of its set-up. What the form holds is
snapshotted then; if any field differs when Esc is pressed, a yes/no question comes first.
Cancel buttons are left alone: pressing one is already a decision.
"""

from __future__ import annotations

from ui.messages import ask
from ui.qt import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QCoreApplication,
    QDialog,
    QEvent,
    QKeyEvent,
    QLineEdit,
    QObject,
    QPlainTextEdit,
    Qt,
    QTextEdit,
)


def snapshot(dialog: QDialog) -> list[object]:
    values: list[object] = []
    for w in dialog.findChildren(QLineEdit):
        values.append(w.text())
    for p in dialog.findChildren(QPlainTextEdit):
        values.append(p.toPlainText())
    for t in dialog.findChildren(QTextEdit):
        values.append(t.toPlainText())
    for c in dialog.findChildren(QComboBox):
        values.append(c.currentText())
    for s in dialog.findChildren(QAbstractSpinBox):
        values.append(s.text())
    for b in dialog.findChildren(QAbstractButton):
        if b.isCheckable():
            values.append(b.isChecked())
    return values


class DiscardGuard(QObject):
    # Class-level defaults: when a closed form is freed by the cycle collector, its guard's
    # attributes are cleared while Qt is still deleting the dialog and sending it events.
    _asking = False
    _leaving = False

    def __init__(self, dialog: QDialog) -> None:
        super().__init__(dialog)
        self._clean = snapshot(dialog)
        dialog.installEventFilter(self)
        dialog.accepted.connect(self._left)

    @property
    def _dialog(self) -> QDialog:
        # The parent, not a stored reference: no cycle between form and guard.
        dialog = self.parent()
        assert isinstance(dialog, QDialog)
        return dialog

    def reset(self) -> None:
        """What the form holds now counts as unchanged (e.g. after loading a record)."""
        self._clean = snapshot(self._dialog)

    def dirty(self) -> bool:
        return snapshot(self._dialog) != self._clean

    def _left(self) -> None:
        self._leaving = True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self._leaving or watched is not self.parent():
            return False
        escape = (event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent)
                  and event.key() == Qt.Key.Key_Escape)
        closing = event.type() == QEvent.Type.Close and self._dialog.isVisible()
        if not (escape or closing) or not self.dirty():
            return False
        event.ignore()
        if not self._asking:
            self._asking = True
            box = ask(self._dialog, QCoreApplication.translate(
                "DiscardGuard", "Close and throw away what you typed?"), self._discard)
            box.finished.connect(self._asked)
        return True

    def _asked(self, _result: int) -> None:
        self._asking = False

    def _discard(self) -> None:
        self._leaving = True
        self._dialog.reject()


def guard_discard(dialog: QDialog) -> DiscardGuard:
    return DiscardGuard(dialog)
