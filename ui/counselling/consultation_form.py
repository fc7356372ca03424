"""The consultation record (咨询记录): a draft saved as it is typed, signed to lock it.

Nothing typed may be lost: the draft is saved two seconds after the last change, and at once
when focus leaves a box, when the screen locks (the lock hides this window) and when the
window closes. Before a person (or "anonymous") is chosen there is no record to save into, so
the note boxes wait for that choice instead of holding text that could be lost.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from psyroom.clock import local_display
from psyroom.consultations.model import Consultation, has_content
from psyroom.residents.model import Resident
from psyroom.security.roles import Permission
from psyroom.session import Session
from ui.counselling.addendum import AddendumDialog, addenda_label
from ui.counselling.autosave import Autosave, Done
from ui.counselling.consultation_fields import ConsultationFields
from ui.counselling.note_boxes import NoteBoxes
from ui.counselling.private_note import PrivateNoteBox
from ui.counselling.widgets import notice, set_notice_kind
from ui.i18n import error_text
from ui.messages import ask, show_info
from ui.operations import CollectionOp, QueryOp
from ui.qt import (
    QCloseEvent,
    QDialog,
    QEvent,
    QHBoxLayout,
    QHideEvent,
    QInputDialog,
    QLabel,
    QObject,
    QPushButton,
    QResizeEvent,
    QScrollArea,
    QSplitter,
    Qt,
    QVBoxLayout,
    QWidget,
    Signal,
)
from ui.theme import Heading


@dataclass(frozen=True)
class Loaded:
    consultation: Consultation
    people: dict[str, Resident]
    private_note: str | None
    templates: list[dict[str, str]]


class ConsultationDialog(QDialog):
    changed = Signal(object)  # Consultation, after each save

    def __init__(self, session: Session, parent: QWidget | None = None, *,
                 resident: Resident | None = None, consultation_id: str | None = None,
                 autosave_ms: int = 2000) -> None:
        super().__init__(parent)
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._session = session
        self.consultation: Consultation | None = None
        self.consultation_id = consultation_id
        self._closing = False
        self._sign_after_save = False
        self.setWindowTitle(self.tr("Consultation record"))
        self.resize(1080, 740)

        self.fields = ConsultationFields(session)
        self.notes = NoteBoxes()
        self.private = PrivateNoteBox()
        self.banner = notice("", "info")
        self.banner.setObjectName("consultation_banner")
        self.banner.hide()
        self.addenda_area = QVBoxLayout()

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.addWidget(Heading(self.tr("Session"), larger_by=2))
        left_layout.addWidget(self.fields)
        left_layout.addWidget(self.private, 1)
        left_layout.addStretch(0)  # takes the room when the private box is not shown
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.addWidget(Heading(self.tr("Note"), larger_by=2))
        right_layout.addWidget(self.notes, 1)
        right_layout.addLayout(self.addenda_area)
        right_layout.addStretch(0)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 5)
        splitter.setStretchFactor(1, 6)
        splitter.setChildrenCollapsible(False)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(splitter)
        self._panels, self._splitter = (left, right), splitter

        self.status = QLabel()
        self.status.setObjectName("autosave_status")
        self.discard_button = QPushButton(self.tr("Discard draft"))
        self.discard_button.clicked.connect(self.discard)
        self.sign_button = QPushButton(self.tr("Sign and lock"))
        self.sign_button.setObjectName("sign_button")
        self.sign_button.clicked.connect(self.confirm_sign)
        self.addendum_button = QPushButton(self.tr("Add an addendum"))
        self.addendum_button.setObjectName("addendum_button")
        self.addendum_button.clicked.connect(self.open_addendum)
        self.addendum_button.hide()
        self.refer_button = QPushButton(self.tr("Refer…"))
        self.refer_button.setObjectName("consultation_refer")
        self.refer_button.clicked.connect(self.open_referral)
        self.refer_button.hide()
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.close)
        bar = QHBoxLayout()
        bar.addWidget(self.status, 1)
        for b in (self.discard_button, self.sign_button, self.addendum_button,
                  self.refer_button, close):
            bar.addWidget(b)

        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(scroll, 1)
        layout.addLayout(bar)

        self.autosave = Autosave(self._save_draft, delay_ms=autosave_ms, parent=self)
        self.private_autosave = Autosave(self._save_private, delay_ms=autosave_ms, parent=self)
        self.fields.changed.connect(self._fields_changed)
        self.notes.changed.connect(self.autosave.touch)
        self.notes.save_template_requested.connect(self.ask_template_name)
        self.private.text.textChanged.connect(self.private_autosave.touch)
        # Before the record exists, a private note is what makes it worth creating.
        self.private.text.textChanged.connect(
            lambda: self.autosave.touch() if self.consultation_id is None else None)
        for box in (*self.notes.boxes.values(), self.private.text):
            box.installEventFilter(self)

        if consultation_id is None:
            self._start_new(resident)
        else:
            self._set_editable(False)
            self._load(consultation_id)

    # -- opening -------------------------------------------------------------------------
    def _start_new(self, resident: Resident | None) -> None:
        self.discard_button.hide()
        if resident is not None:
            self.fields.resident.set_resident(resident)
        self._update_ready()
        self._load_templates()

    def _load_templates(self) -> None:
        consultations = self._session.consultations
        QueryOp(parent=self, op=lambda _ctx: consultations.templates()).success(
            self.notes.set_templates).run_in_background()

    def _load(self, consultation_id: str) -> None:
        session = self._session

        def load(_ctx: object) -> Loaded:
            c = session.consultations.get(consultation_id)
            ids = [i for i in (c.data.resident_id, *c.data.participants) if i]
            people = {r.id: r for r in session.residents.rows(ids)} if ids else {}
            mine = c.counsellor_id == session.user.id
            private = session.consultations.private_note(c.id) if mine else None
            can_write = session.can(Permission.WRITE_CONSULTATIONS)
            templates = session.consultations.templates() if can_write else []
            return Loaded(c, people, private, templates)

        QueryOp(parent=self, op=load).success(self._loaded).run_in_background()

    def _loaded(self, loaded: Loaded) -> None:
        c = loaded.consultation
        self.fields.load(c.data, loaded.people)
        self.notes.set_values({"complaint": c.data.complaint, "assessment": c.data.assessment,
                               "intervention": c.data.intervention, "plan": c.data.plan})
        self.notes.set_templates(loaded.templates)
        mine = c.counsellor_id == self._session.user.id
        self.private.setVisible(mine)
        self.private.text.blockSignals(True)
        self.private.text.setPlainText(loaded.private_note or "")
        self.private.text.blockSignals(False)
        self._show(c)

    def _show(self, c: Consultation) -> None:
        """Switch the form to what this reader may do with this record in its state."""
        self.consultation = c
        self.consultation_id = c.id
        self.fields.lock_person()
        mine = c.counsellor_id == self._session.user.id
        editable = c.status == "draft" and mine and self._session.can(
            Permission.WRITE_CONSULTATIONS)
        self._set_editable(editable)
        self.discard_button.setVisible(editable)
        self.sign_button.setVisible(editable)
        if not c.notes_visible:
            self.notes.hide_notes()
        signed = c.status == "signed"
        # A referral names a person: an anonymous or group session has no one to refer.
        self.refer_button.setVisible(bool(c.data.resident_id) and self._session.can(
            Permission.CREATE_REFERRALS))
        self.addendum_button.setVisible(signed and c.notes_visible and self._session.can(
            Permission.WRITE_CONSULTATIONS))
        if signed:
            self.banner.setText(self.tr(
                "Signed and locked on %1 by %2. The note cannot be changed; add an addendum "
                "to correct or complete it.").replace("%1", local_display(c.signed_at or ""))
                .replace("%2", c.counsellor_name))
            set_notice_kind(self.banner, "info")
            self.banner.show()
            self.status.setText("")
        elif not editable:
            self.banner.setText(self.tr("Draft by %1, not signed yet.")
                                .replace("%1", c.counsellor_name))
            set_notice_kind(self.banner, "warning")
            self.banner.show()
        self._fill_addenda(c)

    def _fill_addenda(self, c: Consultation) -> None:
        while (item := self.addenda_area.takeAt(0)) is not None:
            if (widget := item.widget()) is not None:
                widget.deleteLater()
        if c.addenda and c.notes_visible:
            self.addenda_area.addWidget(addenda_label(c, self.tr("Addenda")))

    def _set_editable(self, editable: bool) -> None:
        self.fields.set_read_only(not editable)
        self.notes.set_read_only(not editable)
        self.private.text.setReadOnly(False)  # the author's own notes stay writable
        self.autosave.enabled = editable

    # -- drafts --------------------------------------------------------------------------
    def _fields_changed(self) -> None:
        self._update_ready()
        self.autosave.touch()

    def _update_ready(self) -> None:
        ready = self.fields.ready() or self.consultation_id is not None
        for box in self.notes.boxes.values():
            box.setEnabled(ready)
            box.setPlaceholderText("" if ready else self.tr(
                "First choose the resident (or “Anonymous”) above."))
        self.private.setEnabled(ready)
        if not ready:
            self.status.setText(self.tr("Choose who came; the record then saves itself as "
                                        "you type."))

    def _save_draft(self, done: Done) -> bool:
        if not self.fields.ready():
            return False
        data = self.fields.to_input(self.notes.values())
        consultations, cid = self._session.consultations, self.consultation_id
        if cid is None and not has_content(data, self.private.text.toPlainText()):
            # A draft exists only once something was entered: opening the form and closing
            # it again leaves nothing behind.
            done(True)
            return True
        if cid is None:
            # The first save creates the record; it then shows on the resident's timeline,
            # so the pages are told (CollectionOp). Later saves change nothing they list.
            op: QueryOp[Consultation] = CollectionOp(
                parent=self, op=lambda _ctx: consultations.start_draft(data))
        else:
            op = QueryOp(parent=self, op=lambda _ctx: consultations.save_draft(cid, data))
        op.success(lambda c: self._saved(c, done)).failure(
            lambda exc: self._save_failed(exc, done)).run_in_background()
        self.status.setText(self.tr("Saving…"))
        return True

    def _saved(self, c: Consultation, done: Done) -> None:
        first = self.consultation_id is None
        self.consultation = c
        self.consultation_id = c.id
        if first:
            self.fields.lock_person()
            self.discard_button.show()
            self.private_autosave.flush()  # typed while the first save ran
        self.status.setStyleSheet("color: #2e6b30;")
        self.status.setText(self.tr("Draft saved automatically %1")
                            .replace("%1", datetime.now().strftime("%H:%M")))
        self.changed.emit(c)
        done(True)
        if self._sign_after_save:
            self._sign_after_save = False
            self.sign()
        self._close_if_waiting()

    def _save_failed(self, exc: BaseException, done: Done) -> None:
        self._closing = False  # stay open: the text is still only on screen
        self.status.setStyleSheet("color: #b71c1c;")
        self.status.setText(self.tr("Not saved: %1").replace("%1", error_text(exc)))
        done(False)

    def _save_private(self, done: Done) -> bool:
        cid = self.consultation_id
        if cid is None:
            return False
        text = self.private.text.toPlainText()
        consultations = self._session.consultations
        QueryOp(parent=self, op=lambda _ctx: consultations.save_private_note(cid, text)).success(
            lambda _r: self._private_saved(done)).failure(
            lambda exc: self._save_failed(exc, done)).run_in_background()
        return True

    def _private_saved(self, done: Done) -> None:
        done(True)
        self._close_if_waiting()

    def flush(self) -> None:
        self.autosave.flush()
        self.private_autosave.flush()

    def saved_everything(self) -> bool:
        if self.consultation_id is None and not self.fields.ready():
            return True  # nothing could be typed into the note boxes yet
        return ((not self.autosave.enabled or self.autosave.idle())
                and (self.consultation_id is None or self.private_autosave.idle()))

    # -- signing, addenda, discarding ----------------------------------------------------
    def confirm_sign(self) -> None:
        ask(self, self.tr("After signing, the note is locked: it cannot be changed any more, "
                          "only completed with dated addenda. Sign now?"), self.sign)

    def sign(self) -> None:
        if not self.fields.ready():
            show_info(self, self.tr("First choose the resident (or “Anonymous”) above."))
            return
        if self.autosave.busy and self.consultation_id is None:
            # The first save is creating the record right now: sign that one, not a second.
            self._sign_after_save = True
            return
        self.autosave.stop()  # this op saves the last text itself, then signs
        data = self.fields.to_input(self.notes.values())
        consultations, cid = self._session.consultations, self.consultation_id

        def save_and_sign(_ctx: object) -> Consultation:
            c = consultations.start_draft(data) if cid is None else consultations.save_draft(
                cid, data)
            return consultations.sign(c.id)

        def failed(exc: BaseException) -> None:
            self.autosave.enabled = True  # e.g. the complaint is empty: keep editing
            show_info(self, error_text(exc))

        self.sign_button.setEnabled(False)
        CollectionOp(parent=self, op=save_and_sign).success(self._signed).failure(
            failed).finally_(lambda: self.sign_button.setEnabled(True)).run_in_background()

    def _signed(self, c: Consultation) -> None:
        self.private_autosave.flush()
        self.status.setStyleSheet("")
        self._show(c)
        self.changed.emit(c)

    def open_addendum(self) -> None:
        if self.consultation_id is None:
            return
        dialog = AddendumDialog(self._session, self.consultation_id, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.added.connect(self._show)
        dialog.open()

    def open_referral(self) -> None:
        """A referral started from this consultation: the reason is written for the
        institution, never copied from the note."""
        c = self.consultation
        if c is None or not c.data.resident_id:
            return
        from ui.counselling.navigate import with_resident
        from ui.referrals.form import ReferralDialog
        from ui.referrals.slip_actions import choose_and_save

        session, cid = self._session, c.id

        def open_form(resident: Resident) -> None:
            dialog = ReferralDialog(session, self, resident=resident,
                                    source_kind="consultation", source_id=cid)
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            dialog.saved.connect(lambda r: choose_and_save(self, session, r)
                                 if r.status == "issued" else None)
            self.referral_dialog = dialog
            dialog.open()

        with_resident(self, session, c.data.resident_id, open_form)

    def discard(self) -> None:
        def really() -> None:
            self.autosave.stop()
            self.private_autosave.stop()
            cid = self.consultation_id
            if cid is None:
                self.close()
                return
            consultations = self._session.consultations
            CollectionOp(parent=self, op=lambda _ctx: consultations.discard_draft(cid)).success(
                lambda _r: self.close()).run_in_background()

        ask(self, self.tr("Delete this draft and its private notes? This cannot be undone."),
            really)

    def ask_template_name(self) -> None:
        dialog = QInputDialog(self)
        dialog.setWindowTitle(self.tr("Save as template"))
        dialog.setLabelText(self.tr("Name of the template:"))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.textValueSelected.connect(self._save_template)
        dialog.open()

    def _save_template(self, name: str) -> None:
        fields = self.notes.values()
        consultations = self._session.consultations
        QueryOp(parent=self, op=lambda _ctx: consultations.save_template(name, fields)).success(
            lambda _r: self._load_templates()).run_in_background()

    # -- saving at the edges -------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusOut:
            self.flush()
        return super().eventFilter(watched, event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        # A splitter does not pass on its panels' height-for-width: at large text sizes the
        # wrapped notices would squeeze the tick boxes on top of each other. Ask each panel
        # how tall it is at its width, and scroll instead.
        needed = 0
        for panel in self._panels:
            layout = panel.layout()
            if layout is not None and layout.hasHeightForWidth():
                needed = max(needed, layout.totalHeightForWidth(panel.width()))
            elif layout is not None:
                needed = max(needed, layout.totalMinimumSize().height())
        self._splitter.setMinimumHeight(needed)

    def hideEvent(self, event: QHideEvent) -> None:
        self.flush()  # the lock screen hides this window: the text must be stored now
        super().hideEvent(event)

    def _close_if_waiting(self) -> None:
        if self._closing and self.saved_everything():
            self.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.flush()
        if not self.saved_everything():
            # Close once the last save has landed (a failed save cancels the close).
            self._closing = True
            self.status.setText(self.tr("Saving…"))
            event.ignore()
            return
        super().closeEvent(event)
