"""New archive / edit archive.

Every change is checked by the core (``residents.check``) a moment after typing stops, and
what is wrong shows under the field it concerns: a wrong ID check digit, a birth date that
differs from the ID's, a minor without a guardian. An ID number that already has an archive
offers to open that one; the same name and birth date as another archive is asked about
before saving, because it is often the same person typed twice.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from psyroom.residents.messages import problem_text
from psyroom.residents.model import Problem, Resident, ResidentFields
from psyroom.residents.service import ResidentInvalid, SavedResident
from psyroom.security.roles import Permission
from psyroom.session import Session
from ui.discard_guard import guard_discard
from ui.i18n import language
from ui.messages import ask, show_error
from ui.operations import CollectionOp, QueryOp
from ui.qt import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QTimer,
    QVBoxLayout,
    QWidget,
    Signal,
)
from ui.residents.form_fields import FieldEditors
from ui.residents.labels import TagNames, field_label
from ui.residents.tag_picker import TagPicker

CHECK_DELAY_MS = 300
Checked = tuple[ResidentFields, list[Problem], list[Resident]]


# The category tag that means the same as the registration box.
SMD_TAG = "smd_patient"


class ResidentForm(QDialog):
    saved = Signal(object)  # the saved Resident
    open_existing = Signal(str)  # the user wants the archive that has this ID number

    def __init__(self, session: Session, tags: TagNames, *, resident: Resident | None = None,
                 villages: list[str] | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.resident = resident
        self.setWindowTitle(self.tr("Edit archive") if resident else self.tr("New archive"))
        self.resize(900, 700)
        self.editors = FieldEditors(self)
        if not session.can(Permission.READ_RISK_RECORDS):
            self.editors.hide_risk()
        self.tags = TagPicker()
        self.tags.set_tags(tags, resident.tags if resident else frozenset())
        self.duplicates: list[Resident] = []
        self._existing_id: str | None = None
        self._generation = 0
        self._after_check: Callable[[list[Problem]], None] | None = None
        self.duplicate_note = QLabel()
        self.duplicate_note.setObjectName("possible_duplicates")
        self.duplicate_note.setWordWrap(True)
        self.duplicate_note.setStyleSheet("color: #9a4300;")
        self.duplicate_note.hide()
        if resident is not None:
            self.editors.load(resident)
        if villages:
            self.editors.set_villages(villages)
            if resident is None:
                self.editors.village.setCurrentText("")
        if not tags.table:
            self._load_tags()

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.editors.open_existing.clicked.connect(self._open_existing)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(CHECK_DELAY_MS)
        self._timer.timeout.connect(self.check_now)
        self.editors.changed.connect(self._timer.start)

        columns = QHBoxLayout()
        columns.addWidget(self.editors.basic, 1)
        right = QVBoxLayout()
        right.addWidget(self.editors.care)
        right.addStretch(1)
        columns.addLayout(right, 1)
        tag_box = QGroupBox(field_label("tags"))
        QVBoxLayout(tag_box).addWidget(self.tags)
        content = QWidget()
        body = QVBoxLayout(content)
        body.addLayout(columns)
        body.addWidget(tag_box)
        body.addWidget(self.editors.smd_box)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(content)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.duplicate_note)
        layout.addWidget(self.buttons)
        self.body_scroll = scroll
        self.smd_note = QLabel(self.tr(
            "A severe mental disorder patient is registered (在册): fill in the diagnosis and "
            "the registration below. After saving, the archive page offers the follow-up."))
        self.smd_note.setObjectName("smd_note")
        self.smd_note.setWordWrap(True)
        self.smd_note.setStyleSheet("color: #9a4300;")
        self.smd_note.setVisible(self.editors.smd.isChecked())
        smd_form = self.editors.smd_box.layout()
        assert isinstance(smd_form, QFormLayout)
        smd_form.addRow(self.smd_note)
        self.editors.smd.toggled.connect(self._smd_registered_toggled)
        self._link_smd_tag()
        self.discard_guard = guard_discard(self)

    def _load_tags(self) -> None:
        residents = self.session.residents
        QueryOp(parent=self, op=lambda _ctx: residents.tags()).success(
            self._tags_loaded).run_in_background()

    def _tags_loaded(self, table: list[dict[str, Any]]) -> None:
        self.tags.set_tags(TagNames(table))
        self._link_smd_tag()
        self.discard_guard.reset()  # new tick boxes are not something the user typed

    # -- the severe-mental-disorder category and the 在册 registration are one thing ------
    def _link_smd_tag(self) -> None:
        box = self.tags.boxes.get(SMD_TAG)
        if box is not None:
            box.toggled.connect(self._smd_tag_toggled)

    def _smd_tag_toggled(self, on: bool) -> None:
        if self.editors.smd.isChecked() != on:
            self.editors.smd.setChecked(on)
        if on:
            # Lead the eye (and the cursor) to what the category asks for next.
            self.body_scroll.ensureWidgetVisible(self.editors.smd_box)
            self.editors.edits["smd_diagnosis"].setFocus()

    def _smd_registered_toggled(self, on: bool) -> None:
        self.smd_note.setVisible(on)
        box = self.tags.boxes.get(SMD_TAG)
        if box is not None and box.isChecked() != on:
            box.setChecked(on)

    def fields(self) -> ResidentFields:
        return self.editors.fields(self.tags.selected())

    # -- checking ------------------------------------------------------------------------
    def check_now(self, then: Callable[[list[Problem]], None] | None = None) -> None:
        """Ask the core what is wrong; answers to older questions are dropped.

        ``then`` runs after the answer to the latest question (typing meanwhile only
        postpones it), with that answer's problems.
        """
        self._timer.stop()
        if then is not None:
            self._after_check = then
        self._generation += 1
        generation, data, residents = self._generation, self.fields(), self.session.residents
        (
            QueryOp(parent=self, op=lambda _ctx: residents.check(data))
            .success(lambda result: self._checked(result, generation))
            .failure(self._check_failed)
            .run_in_background()
        )

    def _check_failed(self, error: BaseException) -> None:
        self._after_check = None
        self.buttons.setEnabled(True)
        show_error(self, error)

    def _checked(self, result: Checked, generation: int) -> None:
        if generation != self._generation:
            return
        _cleaned, problems, duplicates = result
        own = self.resident.id if self.resident else None
        problems = [p for p in problems if not self._is_own_id(p, own)]
        self._existing_id = next((dict(p.params).get("other") for p in problems
                                  if p.code == "duplicate_id"), None)
        self.duplicates = [d for d in duplicates if d.id not in (own, self._existing_id)]
        self._show(problems)
        then, self._after_check = self._after_check, None
        if then is not None:
            then(problems)

    @staticmethod
    def _is_own_id(problem: Problem, own: str | None) -> bool:
        return problem.code == "duplicate_id" and dict(problem.params).get("other") == own

    def _show(self, problems: list[Problem]) -> None:
        lang = language()
        texts: dict[str, list[tuple[str, bool]]] = {}
        for p in problems:
            text = problem_text(p, lang)
            if p.code == "duplicate_id":
                # The other archive's id means nothing to a person; the button opens it.
                text = self.tr("This ID number already has an archive.")
            elif p.code == "phone_invalid":
                text = self.editors.phone_note()  # the core's text speaks of an import
            texts.setdefault(p.field, []).append((text, p.error))
        guardian_phone = self.editors.guardian_phone_note()
        if guardian_phone:
            texts.setdefault("guardian_phone", []).append((guardian_phone, False))
        for name, text in self.editors.day_problems().items():
            texts.setdefault(name, []).append((text, True))
        self.editors.show_problems(texts)
        self.editors.open_existing.setVisible(self._existing_id is not None)
        if self.duplicates:
            people = "；".join(self._describe(d) for d in self.duplicates)
            self.duplicate_note.setText(self.tr(
                "Possibly the same person as an existing archive (same name and birth date): "
                "%1").replace("%1", people))
        self.duplicate_note.setVisible(bool(self.duplicates))

    @staticmethod
    def _describe(resident: Resident) -> str:
        parts = [resident.name, resident.birth_date or "", resident.village or "",
                 resident.masked_id]
        return " ".join(p for p in parts if p)

    def _open_existing(self) -> None:
        if self._existing_id:
            self.open_existing.emit(self._existing_id)
            self.reject()

    # -- saving --------------------------------------------------------------------------
    def save(self) -> None:
        self.buttons.setEnabled(False)
        self.check_now(then=self._save_if_clean)

    def _save_if_clean(self, problems: list[Problem]) -> None:
        if any(p.error for p in problems) or self.editors.day_problems():
            self.buttons.setEnabled(True)
            return
        if self.duplicates and self.resident is None:
            self.buttons.setEnabled(True)  # the question is modal; "no" leaves the form as is
            ask(self, self.tr(
                "An archive with the same name and birth date exists: %1. If it is the same "
                "person, choose No and open that archive instead. Save a new archive anyway?")
                .replace("%1", "；".join(self._describe(d) for d in self.duplicates)),
                self.save_now)
            return
        self.save_now()

    def save_now(self) -> None:
        data, residents, current = self.fields(), self.session.residents, self.resident
        self.buttons.setEnabled(False)

        def write(_ctx: object) -> SavedResident:
            if current is None:
                return residents.create(data)
            return residents.update(current.id, data, expected_version=current.version)

        (
            CollectionOp(parent=self, op=write)
            .success(self._saved)
            .failure(self._save_failed)
            .finally_(lambda: self.buttons.setEnabled(True))
            .run_in_background()
        )

    def _saved(self, result: SavedResident) -> None:
        self.saved.emit(result.resident)
        self.accept()

    def _save_failed(self, error: BaseException) -> None:
        if isinstance(error, ResidentInvalid):
            self._show(error.problems)
        else:
            show_error(self, error)
