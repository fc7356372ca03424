"""USB bundles: 导出到U盘 / 从U盘导入 at a room and at the office, joining an office, and the
office's view of its rooms (last bundle, sequence, date, gaps; late rooms highlighted; the
day bundles are due; browsing one room's records read-only)."""

from __future__ import annotations

from pathlib import Path

from psyroom.clock import local_display
from psyroom.security.roles import Permission
from psyroom.sync.cli import summary_lines
from psyroom.sync.drives import find_bundles, removable_drives
from psyroom.sync.office import RoomStatus
from psyroom.sync.service import ImportSummary
from ui.operations import CollectionOp, QueryOp
from ui.pages import Page, PageContext, heading, note
from ui.qt import (
    QAbstractItemView,
    QBrush,
    QColor,
    QDir,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from ui.sync.join import JoinDialog, open_join_dialog
from ui.sync.room_browse import RoomBrowser

LATE_COLOUR = "#fde2e1"


class BundlesPage(Page):
    def __init__(self, ctx: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.office = ctx.session.site.kind == "office"
        self.status_label = QLabel()
        self.status_label.setObjectName("bundle_status")
        self.status_label.setWordWrap(True)
        self.export_button = QPushButton(self.tr("Export to USB drive"))
        self.export_button.setObjectName("export_bundle")
        self.export_button.clicked.connect(self.export_to_drive)
        self.import_button = QPushButton(self.tr("Import from USB drive"))
        self.import_button.setObjectName("import_bundles")
        self.import_button.clicked.connect(self.import_from_drive)
        self.join_button = QPushButton(self.tr("Join an office…"))
        self.join_button.setObjectName("join_office")
        self.join_button.clicked.connect(self.choose_enrolment)
        self.join_dialog: JoinDialog | None = None
        self.result = QPlainTextEdit()
        self.result.setObjectName("bundle_result")
        self.result.setReadOnly(True)
        self.result.setMaximumHeight(160)
        # Shown once there is something to say: empty, it took the rooms table's place at
        # large text sizes.
        self.result.hide()
        self.result.textChanged.connect(
            lambda: self.result.setVisible(bool(self.result.toPlainText())))
        self.room_list: list[RoomStatus] = []
        self.rooms = QTableWidget(0, 8)
        self.rooms.setObjectName("rooms_table")
        self.rooms.setHorizontalHeaderLabels([
            self.tr("Code"), self.tr("Room"), self.tr("Village"), self.tr("Last number"),
            self.tr("Last bundle"), self.tr("Received"), self.tr("Missing numbers"),
            self.tr("State")])
        self.rooms.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.rooms.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.rooms.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.rooms.verticalHeader().hide()
        self.rooms.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents)
        self.rooms.cellDoubleClicked.connect(lambda row, _col: self.browse_row(row))
        self.rooms.itemSelectionChanged.connect(self._room_selected)
        # The office's day: last month's bundle is due by this day of the month.
        self.late_day = QSpinBox()
        self.late_day.setObjectName("late_day")
        self.late_day.setRange(1, 28)
        self.late_day.setValue(5)
        self.late_day.setEnabled(ctx.session.can(Permission.CHANGE_SETTINGS))
        self.late_day_button = QPushButton(self.tr("Save"))
        self.late_day_button.setObjectName("save_late_day")
        self.late_day_button.setVisible(ctx.session.can(Permission.CHANGE_SETTINGS))
        self.late_day_button.clicked.connect(lambda: self.save_late_day(self.late_day.value()))
        self.browse_button = QPushButton(self.tr("Browse this room's archives…"))
        self.browse_button.setObjectName("browse_room")
        self.browse_button.setEnabled(False)
        self.browse_button.setVisible(ctx.session.can(Permission.READ_RESIDENTS))
        self.browse_button.clicked.connect(lambda: self.browse_row(self.rooms.currentRow()))
        # Only the office browses rooms: a room's page builds no archive view for it.
        self.browser: RoomBrowser | None = None
        if self.office:
            self.browser = RoomBrowser(ctx.session)
            self.browser.setObjectName("room_browser")
            self.browser.back.connect(self.show_overview)

        row = QHBoxLayout()
        row.addWidget(self.export_button)
        row.addWidget(self.import_button)
        if not self.office and ctx.session.can(Permission.JOIN_OFFICE):
            row.addWidget(self.join_button)
        row.addStretch(1)
        overview = QWidget()
        layout = QVBoxLayout(overview)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(heading(self.tr("USB bundles")))
        layout.addWidget(note(self.tr(
            "Rooms send their records to the street office on a USB drive. A bundle is "
            "encrypted to the office and signed by the room: a lost drive exposes nothing.")
            if not self.office else self.tr(
            "Import every room's bundles from the USB drive; export writes each room's "
            "receipt (and the office's reference lists) for the drive's way back.")))
        layout.addWidget(self.status_label)
        layout.addLayout(row)
        layout.addWidget(self.result)
        if self.office:
            late_row = QHBoxLayout()
            late_row.addWidget(QLabel(self.tr("Late: no bundle covering last month by day")))
            late_row.addWidget(self.late_day)
            late_row.addWidget(QLabel(self.tr("of the month")))
            late_row.addWidget(self.late_day_button)
            late_row.addStretch(1)
            rooms_row = QHBoxLayout()
            rooms_row.addWidget(heading(self.tr("Rooms")))
            rooms_row.addStretch(1)
            rooms_row.addWidget(self.browse_button)
            layout.addLayout(late_row)
            layout.addLayout(rooms_row)
            layout.addWidget(self.rooms, 1)
        else:
            layout.addStretch(1)
            self.rooms.hide()
        self.stack = QStackedWidget()
        self.stack.addWidget(overview)
        if self.browser is not None:
            self.stack.addWidget(self.browser)
        outer = QVBoxLayout(self)
        outer.addWidget(self.stack)

    # -- loading ---------------------------------------------------------------------------
    def refresh(self) -> None:
        session = self.ctx.session
        if self.office:
            QueryOp(parent=self, op=lambda _ctx: (session.bundles.late_day(),
                                                  session.bundles.room_status())
                    ).success(self._office_loaded).run_in_background()
        else:
            QueryOp(parent=self, op=lambda _ctx: (session.bundles.enrolment(),
                                                  session.bundles.unacknowledged())
                    ).success(self.show_room_state).run_in_background()

    def show_room_state(self, state: tuple[dict[str, object] | None,
                                           list[dict[str, object]]]) -> None:
        enrolment, pending = state
        if enrolment is None:
            self.status_label.setText(self.tr(
                "This room has not joined an office yet. Join with the enrolment file the "
                "office gave you."))
            self.export_button.setEnabled(False)
            return
        self.export_button.setEnabled(True)
        text = self.tr("Sending to: %1.").replace("%1", str(enrolment["office_name"]))
        if pending:
            text += " " + self.tr("Not yet confirmed by the office: bundle %1.").replace(
                "%1", ", ".join(str(p["seq"]) for p in pending))
        else:
            text += " " + self.tr("Every bundle has been confirmed.")
        self.status_label.setText(text)

    def _office_loaded(self, loaded: tuple[int, list[RoomStatus]]) -> None:
        day, rooms = loaded
        self.late_day.setValue(day)
        self.show_rooms(rooms)

    def show_rooms(self, rooms: list[RoomStatus]) -> None:
        self.room_list = list(rooms)
        self.rooms.setRowCount(len(rooms))
        late = 0
        for i, r in enumerate(rooms):
            state = self.tr("Late") if r.late else self.tr("On time")
            if r.notices:
                state += " · " + self.tr("%1 warning(s)").replace("%1", str(len(r.notices)))
            values = [r.code, r.name, r.village or "", str(r.last_seq or ""),
                      (r.last_period_end or self.tr("none yet"))[:10],
                      local_display(r.last_bundle_at)[:10] if r.last_bundle_at else "",
                      ", ".join(str(g) for g in r.gaps), state]
            for col, value in enumerate(values):
                item = QTableWidgetItem(value)
                if r.late:
                    item.setBackground(QBrush(QColor(LATE_COLOUR)))
                self.rooms.setItem(i, col, item)
            late += r.late
        self.status_label.setText(self.tr("%1 room(s) enrolled, %2 late.")
                                  .replace("%1", str(len(rooms))).replace("%2", str(late)))
        self._room_selected()

    # -- the office's day and browsing a room ------------------------------------------------
    def save_late_day(self, day: int) -> None:
        bundles = self.ctx.session.bundles
        self.late_day_button.setEnabled(False)
        (
            CollectionOp(parent=self, op=lambda _ctx: bundles.set_late_day(day))
            .finally_(lambda: self.late_day_button.setEnabled(True))
            .run_in_background()
        )

    def _room_selected(self) -> None:
        row = self.rooms.currentRow()
        self.browse_button.setEnabled(0 <= row < len(self.room_list)
                                      and bool(self.rooms.selectedItems()))

    def browse_row(self, row: int) -> None:
        if self.browser is None or not 0 <= row < len(self.room_list) or not \
                self.ctx.session.can(Permission.READ_RESIDENTS):
            return
        self.browser.show_room(self.room_list[row].site_id)
        self.stack.setCurrentWidget(self.browser)

    def show_overview(self) -> None:
        self.stack.setCurrentIndex(0)

    # -- export ----------------------------------------------------------------------------
    def _drive_or_pick(self) -> Path | None:
        drives = removable_drives()
        if len(drives) == 1:
            return drives[0]
        start = str(drives[0]) if drives else QDir.homePath()
        name = QFileDialog.getExistingDirectory(self, self.tr("Choose the USB drive"), start)
        return Path(name) if name else None

    def export_to_drive(self) -> None:
        target = self._drive_or_pick()
        if target is not None:
            self.export_to(target)

    def export_to(self, folder: Path) -> None:
        session = self.ctx.session
        self.export_button.setEnabled(False)
        (
            CollectionOp(parent=self, op=lambda ctx: session.bundles.export_bundle(
                folder, progress=ctx.progress, cancel=ctx.cancelled))
            .with_progress(self.tr("Writing the bundle…"), cancellable=True)
            .success(self._exported)
            .finally_(lambda: self.export_button.setEnabled(True))
            .run_in_background()
        )

    def _exported(self, paths: list[Path]) -> None:
        self.result.setPlainText("\n".join(
            self.tr("Written: %1").replace("%1", str(p)) for p in paths))

    # -- import ----------------------------------------------------------------------------
    def import_from_drive(self) -> None:
        files = find_bundles(removable_drives())
        if not files:
            names, _ = QFileDialog.getOpenFileNames(
                self, self.tr("Choose bundles"), QDir.homePath(),
                self.tr("PsyRoom bundles (*.psybundle)"))
            files = [Path(n) for n in names]
        if files:
            self.import_files(files)

    def import_files(self, files: list[Path]) -> None:
        session = self.ctx.session
        self.import_button.setEnabled(False)
        (
            CollectionOp(parent=self, op=lambda ctx: session.bundles.import_bundles(
                files, progress=ctx.progress, cancel=ctx.cancelled))
            .with_progress(self.tr("Importing bundles…"), cancellable=True)
            .success(self._imported)
            .finally_(lambda: self.import_button.setEnabled(True))
            .run_in_background()
        )

    def _imported(self, summary: ImportSummary) -> None:
        lang = "en" if self.ctx.settings.language.startswith("en") else "zh_CN"
        self.result.setPlainText("\n".join(line for _, line in summary_lines(summary, lang)))

    # -- joining ---------------------------------------------------------------------------
    def choose_enrolment(self) -> None:
        """The same dialog as in Settings: shows what the file says; a different code is
        changed only after a warning the admin confirms."""
        self.join_dialog = open_join_dialog(self, self.ctx.session)
