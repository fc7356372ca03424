"""Joining an office with its enrolment file: at first-run set-up (the wizard takes the
site code, name, kind and village from the file) and for a room already in use (Settings,
the U盘 page), which keeps its records. What the file says is shown before anything is done;
a different site code is changed only after a clear warning the admin confirms."""

from __future__ import annotations

from pathlib import Path

from psyroom.session import Session
from psyroom.sites.service import SiteInfo
from psyroom.sync.join import EnrolmentSummary, read_enrolment
from ui.i18n import error_text
from ui.labels import room_type_labels
from ui.messages import title
from ui.operations import CollectionOp, QueryOp
from ui.qt import (
    QCoreApplication,
    QDialog,
    QDialogButtonBox,
    QDir,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    Qt,
    QTimer,
    QVBoxLayout,
    QWidget,
    Signal,
)
from ui.theme import ERROR_STYLE


def describe(found: EnrolmentSummary) -> str:
    """The lines an enrolment file is shown as (no secrets, nothing to retype)."""

    kind = room_type_labels().get(found.room_type, found.room_type)
    lines = [
        QCoreApplication.translate("Enrolment", "Office: %1 (%2)").replace(
            "%1", found.office_name).replace("%2", found.office_code),
        QCoreApplication.translate("Enrolment", "This room's code: %1").replace(
            "%1", found.room_code),
        QCoreApplication.translate("Enrolment", "Room name: %1").replace(
            "%1", found.room_name),
        QCoreApplication.translate("Enrolment", "Kind of room: %1").replace("%1", kind),
    ]
    if found.village:
        lines.append(QCoreApplication.translate("Enrolment", "Village or community: %1")
                     .replace("%1", found.village))
    return "\n".join(lines)


class EnrolmentChoice(QWidget):
    """Pick an enrolment file and show what it says. ``chosen`` carries the summary, or None
    when the choice is cleared."""

    chosen = Signal(object)

    def __init__(self, parent: QWidget | None = None, *, clearable: bool = True) -> None:
        super().__init__(parent)
        self.file: Path | None = None
        self.summary: EnrolmentSummary | None = None
        self.pick_button = QPushButton(self.tr("Choose the enrolment file…"))
        self.pick_button.setObjectName("choose_enrolment")
        self.pick_button.clicked.connect(self.pick)
        self.clear_button = QPushButton(self.tr("Do not use a file"))
        self.clear_button.setObjectName("clear_enrolment")
        self.clear_button.clicked.connect(self.clear)
        self.clear_button.setVisible(False)
        self._clearable = clearable
        self.shown = QLabel()
        self.shown.setObjectName("enrolment_read")
        # Short lines, not wrapped: a wrapped label in a form is measured before its text
        # arrives and showed only the first lines.
        self.shown.setTextFormat(Qt.TextFormat.PlainText)
        self.shown.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.pick_button)
        row.addWidget(self.clear_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.shown)

    def pick(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, self.tr("Choose the enrolment file"), QDir.homePath(),
            self.tr("Enrolment file (*.json)"))
        if name:
            self.load(Path(name))

    def load(self, file: Path) -> None:
        """Read the file off the UI thread; a damaged file is said so and changes nothing."""
        self.pick_button.setEnabled(False)
        (
            QueryOp(parent=self, op=lambda _ctx: read_enrolment(file))
            .success(lambda found: self._read(file, found))
            .failure(self._refused)
            .finally_(lambda: self.pick_button.setEnabled(True))
            .run_in_background()
        )

    def _read(self, file: Path, found: EnrolmentSummary) -> None:
        self.file, self.summary = file, found
        self.shown.setWordWrap(False)
        self.shown.setStyleSheet("")
        self.shown.setText(self.tr("Read from the file:") + "\n" + describe(found))
        self.clear_button.setVisible(self._clearable)
        self.chosen.emit(found)

    def _refused(self, exc: BaseException) -> None:
        self.file = self.summary = None
        self.shown.setText(error_text(exc))
        self.shown.setWordWrap(True)
        self.shown.setStyleSheet(ERROR_STYLE)
        self.clear_button.setVisible(False)
        self.chosen.emit(None)

    def clear(self) -> None:
        self.file = self.summary = None
        self.shown.clear()
        self.shown.setStyleSheet("")
        self.clear_button.setVisible(False)
        self.chosen.emit(None)


class JoinDialog(QDialog):
    """A room already in use joins an office and keeps every record (admin only: the core
    checks). Emits ``joined(SiteInfo)``."""

    joined = Signal(object)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.recode_box: QMessageBox | None = None
        self.setWindowTitle(self.tr("Join an office"))
        self.setMinimumWidth(520)
        intro = QLabel(self.tr(
            "Choose the enrolment file the sub-district office gave you. This room keeps all "
            "its records; the next bundle to the office carries every one of them."))
        intro.setWordWrap(True)
        self.choice = EnrolmentChoice(clearable=False)
        self.choice.chosen.connect(self._chosen)
        self.warning = QLabel()
        self.warning.setObjectName("join_code_warning")
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet(ERROR_STYLE)
        self.warning.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.join_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.join_button.setText(self.tr("Join"))
        self.join_button.setObjectName("join_now")
        self.join_button.setEnabled(False)
        self.buttons.accepted.connect(self.join_now)
        self.buttons.rejected.connect(self.reject)
        layout = self._layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.choice)
        layout.addWidget(self.warning)
        layout.addStretch(1)
        layout.addWidget(self.buttons)

    def _chosen(self, found: EnrolmentSummary | None) -> None:
        self.join_button.setEnabled(found is not None)
        own = self.session.site.code
        mismatch = found is not None and found.room_code != own
        self.warning.setVisible(mismatch)
        if found is not None and mismatch:
            self.warning.setText(self._mismatch_text(found))
        # Grown to what was read and the warning, once the labels have their new text.
        QTimer.singleShot(0, self._fit)

    def _fit(self) -> None:
        self._layout.activate()
        self.resize(self.width(), max(self.height(), self.heightForWidth(self.width()),
                                      self.sizeHint().height()))

    def _mismatch_text(self, found: EnrolmentSummary) -> str:
        return self.tr(
            "The file is for room code %1, but this room's code is %2. Joining changes this "
            "room's code, name and kind to the file's; do it only if the file really is for "
            "this room.").replace("%1", found.room_code).replace("%2", self.session.site.code)

    def join_now(self) -> None:
        found = self.choice.summary
        if found is None:
            return
        if found.room_code == self.session.site.code:
            self._join(recode=False)
            return
        box = QMessageBox(QMessageBox.Icon.Warning, title(), self._mismatch_text(found),
                          QMessageBox.StandardButton.NoButton, self)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setObjectName("recode_warning")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.setWindowModality(Qt.WindowModality.WindowModal)
        recode = box.addButton(self.tr("Change the code to %1 and join").replace(
            "%1", found.room_code), QMessageBox.ButtonRole.AcceptRole)
        recode.setObjectName("confirm_recode")
        keep = box.addButton(self.tr("Cancel"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)
        box.setEscapeButton(keep)

        def answered(_result: int) -> None:
            if box.clickedButton() is recode:
                self._join(recode=True)

        box.finished.connect(answered)
        self.recode_box = box
        box.open()

    def _join(self, *, recode: bool) -> None:
        file, bundles = self.choice.file, self.session.bundles
        if file is None:
            return
        self.join_button.setEnabled(False)
        (
            CollectionOp(parent=self, op=lambda _ctx: bundles.join(file, recode=recode))
            .success(self._joined)
            .finally_(lambda: self.join_button.setEnabled(self.choice.summary is not None))
            .run_in_background()
        )

    def _joined(self, site: SiteInfo) -> None:
        self.joined.emit(site)
        self.accept()


def open_join_dialog(parent: QWidget, session: Session) -> JoinDialog:
    """Open the dialog; when joined, say so (the code the room now has)."""
    from ui.messages import show_info

    dialog = JoinDialog(session, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.joined.connect(lambda site: show_info(parent, QCoreApplication.translate(
        "Enrolment", "Joined. This room's code is %1; the next bundle carries every record.")
        .replace("%1", site.code)))
    dialog.open()
    return dialog
