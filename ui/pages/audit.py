"""The audit log, newest first, fetched a page at a time as the list is scrolled; and the
"check" button that verifies the database and the audit hash chain."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from psyroom.audit.describe import describe
from psyroom.audit.head import ChainHead
from psyroom.security.roles import Permission
from psyroom.session import AuditEvent, Session, VerifyReport
from ui.i18n import language
from ui.messages import show_info
from ui.operations import CollectionOp, QueryOp
from ui.pages import Page, PageContext, heading
from ui.qt import (
    QAbstractItemView,
    QAbstractTableModel,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPushButton,
    Qt,
    QTableView,
    QVBoxLayout,
    QWidget,
)

BATCH = 200
Index = QModelIndex | QPersistentModelIndex


def local_time(iso: str) -> str:
    try:
        return datetime.fromisoformat(iso).astimezone().strftime("%Y-%m-%d %H:%M:%S")
    except ValueError:
        return iso


def detail_text(event: AuditEvent) -> str:
    """Details in words (the core's describer; it keeps names and notes out of them)."""
    return describe(event.action, event.detail, language()).details


class AuditModel(QAbstractTableModel):
    """Rows arrive from the worker in batches; ``fetchMore`` only asks for the next one."""

    def __init__(self, session: Session, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self.events: list[AuditEvent] = []
        self._more = True
        self._loading = False
        self._generation = 0  # results of a fetch started before reload() are dropped
        self._headers = [self.tr("Time"), self.tr("By"), self.tr("What"), self.tr("Details")]

    def reload(self) -> None:
        self.beginResetModel()
        self.events = []
        self._more = True
        self._loading = False
        self._generation += 1
        self.endResetModel()
        self.fetchMore(QModelIndex())

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.events)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self._headers[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or not index.isValid():
            return None
        event = self.events[index.row()]
        col = index.column()
        if col == 0:
            return local_time(event.at)
        if col == 1:
            return event.actor_name or "—"
        if col == 2:
            return describe(event.action, event.detail, language()).what
        return detail_text(event)

    def canFetchMore(self, parent: Index) -> bool:
        return not parent.isValid() and self._more and not self._loading

    def fetchMore(self, parent: Index) -> None:
        if parent.isValid() or not self._more or self._loading:
            return
        self._loading = True
        session, offset, generation = self._session, len(self.events), self._generation
        (
            QueryOp(parent=None, op=lambda _ctx: session.audit_events(limit=BATCH,
                                                                      offset=offset))
            .success(lambda rows: self._append(rows, generation))
            .finally_(lambda: self._finish(generation))
            .run_in_background()
        )

    def _finish(self, generation: int) -> None:
        if generation == self._generation:
            self._loading = False

    def _append(self, rows: list[AuditEvent], generation: int) -> None:
        if generation != self._generation:
            return
        self._more = len(rows) == BATCH
        if rows:
            first = len(self.events)
            self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
            self.events.extend(rows)
            self.endInsertRows()


class AuditPage(Page):
    def __init__(self, ctx: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.model = AuditModel(ctx.session, self)
        self.view = QTableView()
        self.view.setObjectName("audit_table")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.verticalHeader().hide()
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        # Size the columns to the first batch; later batches keep the widths (cheap scrolling).
        self.model.rowsInserted.connect(self._fit_columns)
        self.verify_button = QPushButton(self.tr("Check the data"))
        self.verify_button.setObjectName("verify")
        self.verify_button.setToolTip(self.tr(
            "Checks that the database file is intact and that no audit entry was changed or "
            "removed."))
        self.verify_button.setVisible(ctx.session.can(Permission.VERIFY))
        self.verify_button.clicked.connect(self.verify)
        refresh = QPushButton(self.tr("Refresh"))
        refresh.clicked.connect(self.refresh)
        # The chain's head, to note down or compare with a printed one or a backup's: if
        # newer entries were ever deleted, the head an earlier backup recorded goes missing.
        self.head_label = QLabel()
        self.head_label.setObjectName("audit_head")
        self.head_label.setWordWrap(True)
        self.head_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.head_label.setStyleSheet("color: #555;")
        top = QHBoxLayout()
        top.addWidget(heading(self.tr("Audit log")))
        top.addStretch(1)
        top.addWidget(refresh)
        top.addWidget(self.verify_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.head_label)
        layout.addWidget(self.view)
        self.load_head()

    def refresh(self) -> None:
        self._fitted = False
        self.model.reload()
        self.load_head()

    def load_head(self) -> None:
        session = self.ctx.session
        QueryOp(parent=self, op=lambda _ctx: session.audit_head()).success(
            self._show_head).run_in_background()

    def _show_head(self, head: ChainHead) -> None:
        self.head_label.setText(self.tr(
            "Audit chain head: %1 entries, newest hash %2. Every backup records this head; "
            "\"psyroom verify --against BACKUP\" shows whether entries were removed since.")
            .replace("%1", str(head.count)).replace("%2", head.hash))

    def _fit_columns(self) -> None:
        if not getattr(self, "_fitted", False):
            self._fitted = True
            for col in range(self.model.columnCount() - 1):
                self.view.resizeColumnToContents(col)

    def verify(self) -> None:
        session = self.ctx.session
        self.verify_button.setEnabled(False)
        (
            CollectionOp(parent=self, op=lambda _ctx: session.verify())
            .with_progress(self.tr("Checking the database and the audit log…"))
            .success(self._report)
            .finally_(lambda: self.verify_button.setEnabled(True))
            .run_in_background()
        )

    def _report(self, report: VerifyReport) -> None:
        self.last_report = report
        if report.ok:
            text = self.tr("All is well: the database file is intact and the audit log's %1 "
                           "entries are unchanged.").replace("%1", str(report.audit_events))
        else:
            text = self.tr(
                "Problems were found. The data may have been damaged or changed outside "
                "PsyRoom. Do not delete anything; make a backup and ask your technician. "
                "Details:") + "\n\n" + "\n".join(report.problems)
        show_info(self, text)
