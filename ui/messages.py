"""Message boxes that do not block: opened with ``open()``, never ``exec()``.

Blocking boxes start nested event loops while worker results arrive, and the lock screen must
be able to hide whatever is open without ending it.
"""

from __future__ import annotations

from collections.abc import Callable

from ui.i18n import error_text
from ui.qt import QCoreApplication, QMessageBox, Qt, QWidget


def _box(parent: QWidget | None, icon: QMessageBox.Icon, title: str, text: str) -> QMessageBox:
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setWindowModality(Qt.WindowModality.WindowModal)
    return box


def show_error(parent: QWidget | None, exc: BaseException) -> QMessageBox:
    box = _box(parent, QMessageBox.Icon.Warning, title(), error_text(exc))
    box.open()
    return box


def show_info(parent: QWidget | None, text: str) -> QMessageBox:
    box = _box(parent, QMessageBox.Icon.Information, title(), text)
    box.open()
    return box


def ask(parent: QWidget | None, text: str, on_yes: Callable[[], None]) -> QMessageBox:
    """A yes/no question; ``on_yes`` runs only when the user says yes."""
    box = _box(parent, QMessageBox.Icon.Question, title(), text)
    box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
    box.setDefaultButton(QMessageBox.StandardButton.No)

    def finished(_result: int) -> None:
        if box.standardButton(box.clickedButton()) == QMessageBox.StandardButton.Yes:
            on_yes()

    box.finished.connect(finished)
    box.open()
    return box


def title() -> str:
    return QCoreApplication.translate("Messages", "PsyRoom")
