"""The administrator's actions on an archive: merge into another, anonymise or delete.

Each asks for a reason (it goes into the audit log and the archive's history) and for a
clear yes before anything is written; the core checks the permission again.
"""

from __future__ import annotations

from psyroom.residents.model import Resident
from psyroom.session import Session
from ui.discard_guard import guard_discard
from ui.qt import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)
from ui.residents.chooser import ResidentPicker
from ui.residents.labels import TagNames
from ui.theme import Heading


def _note(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    return label


def _reason_field() -> QLineEdit:
    field = QLineEdit()
    field.setObjectName("reason")
    field.setMaxLength(200)
    return field


class MergeDialog(QDialog):
    """Choose the archive that stays; this one is folded into it."""

    def __init__(self, session: Session, resident: Resident, tags: TagNames,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Merge into another archive"))
        self.resize(820, 560)
        self.picker = ResidentPicker(session, tags, exclude=resident.id)
        self.reason = _reason_field()
        self.reason.setPlaceholderText(self.tr("Required, e.g. the same person registered "
                                               "twice"))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Merge"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.picker.chosen_changed.connect(lambda _id: self._update())
        self.reason.textChanged.connect(lambda _t: self._update())
        layout = QVBoxLayout(self)
        layout.addWidget(_note(self.tr(
            "The archive of %1 will be merged into the one you choose below, which stays. "
            "Its history and records move over, empty fields are filled in, categories are "
            "joined; nothing is lost. Use this when one person was registered twice.")
            .replace("%1", resident.name)))
        layout.addWidget(self.picker, 1)
        layout.addWidget(QLabel(self.tr("Reason:")))
        layout.addWidget(self.reason)
        layout.addWidget(self.buttons)
        self.discard_guard = guard_discard(self)
        self._update()
        self.picker.start(resident.name)

    def _update(self) -> None:
        ok = bool(self.picker.chosen()) and bool(self.reason.text().strip())
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)

    def keep_id(self) -> str:
        return self.picker.chosen()


class RemoveDialog(QDialog):
    """Anonymise (keep the counts) or delete outright, with a reason."""

    def __init__(self, resident: Resident, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Anonymise or delete"))
        self.setMinimumWidth(520)
        self.anonymise = QRadioButton(self.tr("Anonymise: remove the name, ID, phone and "
                                              "address; keep the counts for reports"))
        self.anonymise.setObjectName("choose_anonymise")
        self.erase = QRadioButton(self.tr("Delete: remove the archive and all its records"))
        self.erase.setObjectName("choose_erase")
        self.anonymise.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.anonymise)
        group.addButton(self.erase)
        self.reason = _reason_field()
        self.reason.setPlaceholderText(self.tr("Required, e.g. the person asked for it on "
                                               "2024-05-01"))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.reason.textChanged.connect(lambda _t: self._update())
        layout = QVBoxLayout(self)
        layout.addWidget(_note(self.tr(
            "For a person who asked for their data to be removed, or an archive made by "
            "mistake. This cannot be undone; the audit log keeps that it was done, by whom "
            "and why.")))
        layout.addWidget(Heading(resident.name, larger_by=3))
        layout.addWidget(self.anonymise)
        layout.addWidget(self.erase)
        layout.addWidget(QLabel(self.tr("Reason:")))
        layout.addWidget(self.reason)
        layout.addWidget(self.buttons)
        self.discard_guard = guard_discard(self)
        self._update()

    def _update(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(
            bool(self.reason.text().strip()))

    def wants_erase(self) -> bool:
        return self.erase.isChecked()
