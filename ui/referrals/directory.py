"""The institution directory: search, add and edit the room's own entries; the office's
entries are shown read-only."""

from __future__ import annotations

from psyroom.referrals.directory import LIMITS
from psyroom.referrals.model import Institution, InstitutionInput
from psyroom.security.roles import Permission
from psyroom.session import Session
from ui.counselling.labels import choices, text_of
from ui.counselling.widgets import ChoiceCombo, notice
from ui.operations import CollectionOp, QueryOp
from ui.qt import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTimer,
    QVBoxLayout,
    QWidget,
    Signal,
)
from ui.referrals.labels import INSTITUTION_KINDS


class DirectoryDialog(QDialog):
    chosen = Signal(str)  # the institution id last saved or picked

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self.rows: list[Institution] = []
        self.current: Institution | None = None
        self.setWindowTitle(self.tr("Institution directory"))
        self.search = QLineEdit()
        self.search.setObjectName("institution_search")
        self.search.setPlaceholderText(self.tr("Search name, address, phone or contact"))
        self.search.setClearButtonEnabled(True)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(200)
        self._timer.timeout.connect(self.refresh)
        self.search.textChanged.connect(lambda _t: self._timer.start())
        self.table = QTableWidget(0, 4)
        self.table.setObjectName("institution_table")
        self.table.setHorizontalHeaderLabels([self.tr("Name"), self.tr("Kind"),
                                              self.tr("Phone"), self.tr("From")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.table.horizontalHeader()
        for column in (1, 2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._picked)

        self.name = QLineEdit()
        self.name.setObjectName("institution_name")
        self.kind = ChoiceCombo(choices(INSTITUTION_KINDS))
        self.kind.setObjectName("institution_kind")
        self.address = QLineEdit()
        self.phone = QLineEdit()
        self.contact = QLineEdit()
        for edit, field in ((self.name, "name"), (self.address, "address"),
                            (self.phone, "phone"), (self.contact, "contact_person")):
            edit.setMaxLength(LIMITS[field])
        self.active = QCheckBox(self.tr("In use"))
        self.active.setChecked(True)
        self.read_only_note = notice(self.tr(
            "This entry comes from the street office; only the office can change it."), "info")
        self.read_only_note.hide()
        form = QFormLayout()
        form.addRow(self.tr("Name:"), self.name)
        form.addRow(self.tr("Kind:"), self.kind)
        form.addRow(self.tr("Address:"), self.address)
        form.addRow(self.tr("Phone:"), self.phone)
        form.addRow(self.tr("Contact person:"), self.contact)
        form.addRow("", self.active)
        self.new_button = QPushButton(self.tr("New entry"))
        self.new_button.clicked.connect(self.start_new)
        self.save_button = QPushButton(self.tr("Save entry"))
        self.save_button.setObjectName("institution_save")
        self.save_button.clicked.connect(self.save)
        self.name.textChanged.connect(self._update)
        can_edit = session.can(Permission.EDIT_INSTITUTIONS)
        self.new_button.setVisible(can_edit)
        self.save_button.setVisible(can_edit)
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.accept)
        row = QHBoxLayout()
        row.addWidget(self.new_button)
        row.addStretch(1)
        row.addWidget(self.save_button)
        row.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.read_only_note)
        layout.addLayout(form)
        layout.addLayout(row)
        self.resize(720, 620)
        self.start_new()
        self.refresh()

    def refresh(self) -> None:
        institutions, words = self._session.institutions, self.search.text()
        QueryOp(parent=self, op=lambda _ctx: institutions.list(words, include_inactive=True)) \
            .success(self._show).run_in_background()

    def _show(self, rows: list[Institution]) -> None:
        self.rows = rows
        self.table.setRowCount(len(rows))
        for i, r in enumerate(rows):
            # At the office its own entries are the street office's (the ones sent down).
            office = r.read_only or self._session.site.kind == "office"
            origin = self.tr("Street office") if office else self.tr("This room")
            for column, value in enumerate((r.name, text_of(INSTITUTION_KINDS, r.kind),
                                            r.phone, origin)):
                self.table.setItem(i, column, QTableWidgetItem(value))

    def _picked(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return
        r = self.rows[rows[0].row()]
        self.current = r
        self.name.setText(r.name)
        self.kind.set_code(r.kind)
        self.address.setText(r.address)
        self.phone.setText(r.phone)
        self.contact.setText(r.contact_person)
        self.active.setChecked(r.active)
        self.read_only_note.setVisible(r.read_only)
        self._update()
        self.chosen.emit(r.id)

    def start_new(self) -> None:
        self.current = None
        self.table.clearSelection()
        for edit in (self.name, self.address, self.phone, self.contact):
            edit.clear()
        self.active.setChecked(True)
        self.read_only_note.hide()
        self._update()
        self.name.setFocus()

    def _update(self) -> None:
        locked = self.current is not None and self.current.read_only
        for w in (self.name, self.kind, self.address, self.phone, self.contact, self.active):
            w.setEnabled(not locked)
        self.save_button.setEnabled(not locked and bool(self.name.text().strip()))

    def entry(self) -> InstitutionInput:
        return InstitutionInput(name=self.name.text(), kind=self.kind.code(),
                                address=self.address.text(), phone=self.phone.text(),
                                contact_person=self.contact.text(),
                                active=self.active.isChecked())

    def save(self) -> None:
        data, institutions, current = self.entry(), self._session.institutions, self.current

        def work(_ctx: object) -> str:
            if current is None:
                return institutions.add(data)
            institutions.update(current.id, data)
            return current.id

        CollectionOp(parent=self, op=work).success(self._saved).run_in_background()

    def _saved(self, institution_id: str) -> None:
        self.chosen.emit(institution_id)
        self.start_new()
        self.refresh()
