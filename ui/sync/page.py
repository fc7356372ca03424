"""USB bundles: 导出到U盘 / 从U盘导入 at a room and at the office, joining an office, and the
office's view of its rooms (last bundle, sequence, date, gaps; late rooms highlighted)."""

from __future__ import annotations

from pathlib import Path

from psyroom.errors import InvalidInput
from psyroom.security.roles import Permission
from psyroom.sync.cli import summary_lines
from psyroom.sync.drives import find_bundles, removable_drives
from psyroom.sync.office import RoomStatus
from psyroom.sync.service import ImportSummary
from ui.messages import ask, error_text, show_error, show_info
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
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

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
        self.result = QPlainTextEdit()
        self.result.setObjectName("bundle_result")
        self.result.setReadOnly(True)
        self.result.setMaximumHeight(160)
        self.rooms = QTableWidget(0, 7)
        self.rooms.setObjectName("rooms_table")
        self.rooms.setHorizontalHeaderLabels([
            self.tr("Code"), self.tr("Room"), self.tr("Village"), self.tr("Last number"),
            self.tr("Last bundle"), self.tr("Missing numbers"), self.tr("State")])
        self.rooms.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.rooms.verticalHeader().hide()
        self.rooms.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents)

        row = QHBoxLayout()
        row.addWidget(self.export_button)
        row.addWidget(self.import_button)
        if not self.office and ctx.session.can(Permission.JOIN_OFFICE):
            row.addWidget(self.join_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
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
            layout.addWidget(heading(self.tr("Rooms")))
            layout.addWidget(self.rooms, 1)
        else:
            layout.addStretch(1)
            self.rooms.hide()

    # -- loading ---------------------------------------------------------------------------
    def refresh(self) -> None:
        session = self.ctx.session
        if self.office:
            QueryOp(parent=self, op=lambda _ctx: session.bundles.room_status()).success(
                self.show_rooms).run_in_background()
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

    def show_rooms(self, rooms: list[RoomStatus]) -> None:
        self.rooms.setRowCount(len(rooms))
        late = 0
        for i, r in enumerate(rooms):
            state = self.tr("Late") if r.late else self.tr("On time")
            if r.notices:
                state += " · " + self.tr("%1 warning(s)").replace("%1", str(len(r.notices)))
            values = [r.code, r.name, r.village or "", str(r.last_seq or ""),
                      (r.last_period_end or self.tr("none yet")),
                      ", ".join(str(g) for g in r.gaps), state]
            for col, value in enumerate(values):
                item = QTableWidgetItem(value)
                if r.late:
                    item.setBackground(QBrush(QColor(LATE_COLOUR)))
                self.rooms.setItem(i, col, item)
            late += r.late
        self.status_label.setText(self.tr("%1 room(s) enrolled, %2 late.")
                                  .replace("%1", str(len(rooms))).replace("%2", str(late)))

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
        name, _ = QFileDialog.getOpenFileName(self, self.tr("Choose the enrolment file"),
                                              QDir.homePath(), self.tr("Enrolment (*.json)"))
        if name:
            self.join(Path(name))

    def join(self, file: Path, *, recode: bool = False) -> None:
        session = self.ctx.session
        (
            CollectionOp(parent=self, op=lambda _ctx: session.bundles.join(file, recode=recode))
            .success(lambda site: show_info(self, self.tr(
                "Joined. This room's code is %1; the next bundle carries every record.")
                .replace("%1", site.code)))
            .failure(lambda exc: self._join_failed(exc, file))
            .run_in_background()
        )

    def _join_failed(self, exc: BaseException, file: Path) -> None:
        if isinstance(exc, InvalidInput) and exc.code == "bundle_code_mismatch":
            ask(self, error_text(exc) + "\n" + self.tr("Change this room's code?"),
                lambda: self.join(file, recode=True))
        else:
            show_error(self, exc)

