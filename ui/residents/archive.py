"""One resident's archive: the header card, the timeline (newest first) and the actions.

Opening it goes through ``residents.open``, which writes the audit event "archive opened";
other record kinds (consultations, scales …) appear in the timeline by registering with the
core's timeline, with no change here.
"""

from __future__ import annotations

import time
from pathlib import Path

from psyroom.clock import local_display
from psyroom.errors import PsyroomError
from psyroom.residents.model import Resident
from psyroom.security.roles import Permission
from psyroom.session import Session
from psyroom.timeline import TimelineEntry
from ui.counselling.archive_panel import CounsellingPanel
from ui.counselling.widgets import notice
from ui.i18n import language
from ui.messages import ask, show_error, show_info
from ui.operations import CollectionOp, QueryOp
from ui.qt import (
    QAbstractItemView,
    QDir,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    Qt,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    Signal,
)
from ui.residents.archive_actions import MergeDialog, RemoveDialog
from ui.residents.archive_card import HeaderCard
from ui.residents.clipboard import SensitiveClipboard, sensitive_clipboard
from ui.residents.form import ResidentForm
from ui.residents.labels import TagNames
from ui.screen_fit import scrolling_page
from ui.theme import Heading

# An archive as the page shows it: the record, its timeline, and why it is read-only here.
Loaded = tuple[Resident, list[TimelineEntry], PsyroomError | None]


class ArchiveView(QWidget):
    back = Signal()
    # Show another archive instead (the one kept after a merge).
    open_other = Signal(str)

    def __init__(self, session: Session, clipboard: SensitiveClipboard | None = None,
                 parent: QWidget | None = None, *, read_only: bool = False) -> None:
        super().__init__(parent)
        self.session = session
        # The office browsing a room's records: nothing here may change them.
        self.read_only = read_only
        self.clipboard = clipboard or sensitive_clipboard()
        self.tags = TagNames()
        self.resident: Resident | None = None
        self.entries: list[TimelineEntry] = []
        self.card: HeaderCard | None = None
        # Set per archive from the core's rule: at the office, a room's archive is the room's.
        self.locked = read_only

        back = QPushButton(self.tr("← Back to the list"))
        back.setObjectName("archive_back")
        back.clicked.connect(self.back)
        self.edit_button = self._button("archive_edit", self.tr("Edit"), self.edit)
        self.merge_button = self._button("archive_merge", self.tr("Merge into…"), self.merge)
        self.export_button = self._button("archive_export", self.tr("Export PDF…"),
                                          self.export)
        self.remove_button = self._button("archive_remove", self.tr("Anonymise/delete…"),
                                          self.remove)
        self._show_buttons()
        # Whose archive this is and that it cannot be changed here: set by the office's room
        # browser, or from the core's refusal when the office's own list opens a room's one.
        self.banner = notice("", "info")
        self.banner.setObjectName("archive_read_only")
        self.banner.setVisible(read_only)
        bar = QHBoxLayout()
        bar.addWidget(back)
        bar.addStretch(1)
        for button in (self.edit_button, self.merge_button, self.export_button,
                       self.remove_button):
            bar.addWidget(button)

        self.notice = QLabel()
        self.notice.setObjectName("archive_notice")
        self.notice.setStyleSheet("color: #2e5e3a;")
        self.timeline = QTableWidget(0, 3)
        self.timeline.setObjectName("timeline")
        self.timeline.setHorizontalHeaderLabels([self.tr("Time"), self.tr("What"),
                                                 self.tr("By")])
        self.timeline.verticalHeader().hide()
        self.timeline.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.timeline.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.timeline.setAlternatingRowColors(True)
        self.timeline.setWordWrap(False)
        header = self.timeline.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)

        self._card_slot = QVBoxLayout()
        self._card_slot.setContentsMargins(0, 0, 0, 0)
        # The card's rows never squeeze on top of each other on a short screen.
        layout = scrolling_page(self, sideways=False)
        layout.addLayout(bar)
        layout.addWidget(self.banner)
        layout.addLayout(self._card_slot)
        layout.addWidget(self.notice)
        # Consultations, scales, crisis work and follow-ups start from here (ui.counselling).
        self.counselling = CounsellingPanel(session, read_only=read_only)
        self.counselling.setObjectName("archive_counselling")
        self.counselling.changed.connect(self._counselling_changed)
        self.timeline.cellDoubleClicked.connect(self._open_entry)
        layout.addWidget(self.counselling)
        layout.addWidget(Heading(self.tr("Timeline"), larger_by=2))
        # A few rows stay visible however short the screen; the page scrolls to them.
        self.timeline.setMinimumHeight(self.timeline.fontMetrics().height() * 9)
        layout.addWidget(self.timeline, 1)

    def _button(self, name: str, text: str, slot: object) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.clicked.connect(slot)
        return button

    def _show_buttons(self) -> None:
        """What the roles allow, less every change while the archive is locked (exporting a
        PDF for the person's access request only reads)."""
        def can(permission: Permission) -> bool:
            return self.session.can(permission) and (
                not self.locked or permission == Permission.EXPORT_RESIDENT)

        for button, permission in ((self.edit_button, Permission.WRITE_RESIDENTS),
                                   (self.merge_button, Permission.MERGE_RESIDENTS),
                                   (self.export_button, Permission.EXPORT_RESIDENT),
                                   (self.remove_button, Permission.ERASE_RESIDENT)):
            button.setVisible(can(permission))

    # -- loading -------------------------------------------------------------------------
    def show_resident(self, resident_id: str, tags: TagNames | None = None) -> None:
        if tags is not None:
            self.tags = tags
        residents = self.session.residents

        def load(_ctx: object) -> Loaded:
            return (residents.open(resident_id), residents.timeline(resident_id),
                    residents.change_refusal(resident_id))

        QueryOp(parent=self, op=load).success(self._loaded).failure(
            self._load_failed).run_in_background()

    def set_tags(self, tags: TagNames) -> None:
        """The category names arrived (an archive may be open already, e.g. from the home
        page): the card shows names, never codes."""
        self.tags = tags
        if self.resident is not None and self.card is not None:
            self._show_card(self.resident)

    def show_saved(self, resident: Resident) -> None:
        """After an edit here: the core returned the archive, so only the timeline is read
        (not ``open`` again, which would log a second look at the archive)."""
        residents = self.session.residents
        QueryOp(parent=self, op=lambda _ctx: (resident, residents.timeline(resident.id),
                                              residents.change_refusal(resident.id))
                ).success(self._loaded).run_in_background()

    def _loaded(self, result: Loaded) -> None:
        resident, entries, refusal = result
        self.resident, self.entries = resident, entries
        self._lock(refusal)
        self._show_card(resident)
        self.notice.clear()
        self.counselling.set_resident(resident)
        self._fill_timeline(entries)

    def _show_card(self, resident: Resident) -> None:
        if self.card is not None:
            self.card.hide()  # at once: deleteLater alone would flash both cards
            self.card.deleteLater()
        self.card = HeaderCard(self.session, resident, self.tags, self.clipboard)
        self.card.notice.connect(self.notice.setText)
        self._card_slot.addWidget(self.card)

    def _lock(self, refusal: PsyroomError | None) -> None:
        """The core says whether this site may change the archive; the page follows."""
        self.locked = self.read_only or refusal is not None
        if refusal is not None and not self.read_only:
            self.banner.setText(refusal.message(language()))
        self.banner.setVisible(self.locked)
        self._show_buttons()
        self.counselling.set_locked(self.locked)

    def _load_failed(self, error: BaseException) -> None:
        show_error(self, error)
        self.back.emit()

    def _fill_timeline(self, entries: list[TimelineEntry]) -> None:
        english = language().startswith("en")
        table = self.timeline
        # Emptied first and filled with updates off: replacing items one by one in a full,
        # content-sized table re-measured it at every cell (0.4 s for 200 entries).
        table.setUpdatesEnabled(False)
        try:
            table.setRowCount(0)
            table.setRowCount(len(entries))
            for row, entry in enumerate(entries):  # the core returns them newest first
                texts = (local_display(entry.at),
                         entry.title_en if english else entry.title_zh,
                         entry.actor_name or "—")
                for col, text in enumerate(texts):
                    table.setItem(row, col, QTableWidgetItem(text))
        finally:
            table.setUpdatesEnabled(True)

    def _counselling_changed(self) -> None:
        if self.resident is not None:
            self.show_saved(self.resident)  # re-reads the timeline only

    def _open_entry(self, row: int, _column: int) -> None:
        if 0 <= row < len(self.entries):
            self.counselling.open_entry(self.entries[row])

    def timeline_titles(self) -> list[str]:
        items = (self.timeline.item(r, 1) for r in range(self.timeline.rowCount()))
        return [item.text() for item in items if item is not None]

    # -- actions -------------------------------------------------------------------------
    def edit(self) -> None:
        if self.resident is None:
            return
        form = ResidentForm(self.session, self.tags, resident=self.resident, parent=self)
        form.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        form.saved.connect(self.show_saved)
        form.open_existing.connect(self.open_other)
        form.open()

    def merge(self) -> None:
        resident = self.resident
        if resident is None:
            return
        dialog = MergeDialog(self.session, resident, self.tags, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._confirm_merge(resident, dialog.keep_id(),
                                                            dialog.reason.text().strip()))
        dialog.open()

    def _confirm_merge(self, resident: Resident, keep_id: str, reason: str) -> None:
        text = self.tr("Merge the archive of %1 into the chosen one? This cannot be undone.")
        ask(self, text.replace("%1", resident.name),
            lambda: self.merge_into(keep_id, reason))

    def merge_into(self, keep_id: str, reason: str) -> None:
        if self.resident is None:
            return
        residents, remove_id = self.session.residents, self.resident.id
        (
            CollectionOp(parent=self, op=lambda _ctx: residents.merge(keep_id, remove_id,
                                                                      reason=reason))
            .success(lambda kept: self.open_other.emit(kept.id))
            .run_in_background()
        )

    def export(self) -> None:
        if self.resident is None:
            return
        ask(self, self.tr(
            "The PDF holds everything recorded about this person: name, ID number, phone, "
            "categories and history. Give it only to the person or whoever is entitled to "
            "it, keep it out of shared folders, and delete your copy when done. Continue?"),
            self._choose_pdf)

    def _choose_pdf(self) -> None:
        if self.resident is None:
            return
        stamp = time.strftime("%Y%m%d")
        # A file name is seen in folder listings and recent-file menus: no name in it.
        start = Path(QDir.homePath()) / f"居民档案-{self.resident.id[:8]}-{stamp}.pdf"
        name, _ = QFileDialog.getSaveFileName(self, self.tr("Save the archive as"),
                                              str(start), self.tr("PDF files (*.pdf)"))
        if name:
            self.export_to(Path(name))

    def export_to(self, path: Path) -> None:
        if self.resident is None:
            return
        if path.suffix.lower() != ".pdf":
            path = path.with_name(path.name + ".pdf")
        residents, rid, lang = self.session.residents, self.resident.id, language()
        (
            QueryOp(parent=self, op=lambda _ctx: residents.export_pdf(rid, path, language=lang))
            .with_progress(self.tr("Writing the PDF…"))
            .success(lambda out: show_info(self, self.tr("Saved: %1").replace("%1", str(out))))
            .run_in_background()
        )

    def remove(self) -> None:
        resident = self.resident
        if resident is None:
            return
        dialog = RemoveDialog(resident, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._confirm_remove(
            resident, dialog.wants_erase(), dialog.reason.text().strip()))
        dialog.open()

    def _confirm_remove(self, resident: Resident, erase: bool, reason: str) -> None:
        text = (self.tr("Delete the archive of %1 and all its records? This cannot be undone.")
                if erase else
                self.tr("Anonymise the archive of %1? This cannot be undone."))
        ask(self, text.replace("%1", resident.name),
            lambda: self.remove_now(erase=erase, reason=reason))

    def remove_now(self, *, erase: bool, reason: str) -> None:
        if self.resident is None:
            return
        residents, rid = self.session.residents, self.resident.id
        if erase:
            CollectionOp(parent=self, op=lambda _ctx: residents.erase(rid, reason=reason)
                         ).success(lambda _r: self.back.emit()).run_in_background()
        else:
            CollectionOp(parent=self, op=lambda _ctx: residents.anonymise(rid, reason=reason)
                         ).success(self.show_saved).run_in_background()
