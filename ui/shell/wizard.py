"""First-run wizard: kind of site, site details, the admin account, language, recovery code.

The admin page is the commit page: leaving it runs ``Installation.initialise`` on the worker,
after which there is no going back (the database exists). The last page shows the recovery
code and keeps Finish disabled until one group of it has been typed back.
"""

from __future__ import annotations

from pathlib import Path

from psyroom.installation import InitResult, Installation
from psyroom.security.roles import OFFICE_TYPES, ROOM_TYPES
from psyroom.sites.service import normalise_code
from psyroom.sync.join import EnrolmentSummary, initialise_joined
from ui.focus import focus_first_empty
from ui.i18n import error_text
from ui.labels import room_type_labels
from ui.operations import CollectionOp
from ui.password_fields import PasswordFields
from ui.qt import (
    QButtonGroup,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QRegularExpression,
    QRegularExpressionValidator,
    QSizePolicy,
    QTimer,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
    Signal,
)
from ui.shell.recovery_page import RecoveryCodePage
from ui.sync.join import EnrolmentChoice
from ui.theme import ERROR_STYLE, busy_bar


def _note(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    return label


class KindPage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle(self.tr("Welcome to PsyRoom"))
        self.setSubTitle(self.tr("First, tell us what kind of place this computer serves."))
        self.room = QRadioButton(self.tr("A counselling room (village, community, school, …)"))
        self.room.setObjectName("kind_room")
        self.office = QRadioButton(
            self.tr("A sub-district office that collects the rooms' records")
        )
        self.office.setObjectName("kind_office")
        self.room.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.room)
        group.addButton(self.office)
        layout = QVBoxLayout(self)
        layout.addWidget(self.room)
        layout.addWidget(self.office)
        layout.addSpacing(12)
        layout.addWidget(_note(self.tr(
            "The data on this computer is encrypted. Only people with an account made here "
            "can open it, so a lost or stolen computer does not give away anyone's records."
        )))
        layout.addStretch(1)

    def site_kind(self) -> str:
        return "room" if self.room.isChecked() else "office"


class SitePage(QWizardPage):
    def __init__(self, kind_page: KindPage) -> None:
        super().__init__()
        self._kind_page = kind_page
        self.setTitle(self.tr("About this site"))
        self.setSubTitle(self.tr("These appear on reports and on records sent to the office."))
        self.code = QLineEdit()
        self.code.setObjectName("site_code")
        self.code.setPlaceholderText(self.tr("e.g. HX-001"))
        self.code.setValidator(
            QRegularExpressionValidator(QRegularExpression(r"[A-Za-z0-9-]{0,20}"), self)
        )
        # Shown back as it will be saved: the office issues codes in upper case.
        self.code_shown = _note("")
        self.code_shown.setObjectName("site_code_shown")
        self.code.textChanged.connect(self._show_code)
        self.name = QLineEdit()
        self.name.setObjectName("site_name")
        self.name.setMaxLength(100)
        self.name.setPlaceholderText(self.tr("e.g. Hexi Village Counselling Room"))
        self.type = QComboBox()
        self.type.setObjectName("site_type")
        # A room the office has enrolled takes its code, name, kind and village from the
        # office's file (issue 9): nothing to retype, nothing to mistype.
        self.enrolment = EnrolmentChoice()
        self.enrolment.setObjectName("wizard_enrolment")
        self.enrolment.chosen.connect(self._enrolment_chosen)
        # The wizard sizes a page once; this page grows when a file is read (six lines of
        # what it says), so it takes the whole page area instead of being cut short.
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        self._join_note = _note(self.tr(
            "Has the sub-district office given this room an enrolment file? Set up with it: "
            "the code, name and kind are taken from the file, and the room joins the office."))
        form = QFormLayout(self)
        form.addRow(self._join_note)
        form.addRow(self.enrolment)
        form.addRow(self.tr("Site code:"), self.code)
        form.addRow("", self.code_shown)
        self._code_hint = _note(self.tr(
            "2 to 20 letters, digits or '-', as given by your sub-district office."))
        form.addRow("", self._code_hint)
        self._form = form
        form.addRow(self.tr("Site name:"), self.name)
        self._type_label = QLabel(self.tr("Kind of room:"))
        form.addRow(self._type_label, self.type)
        self.registerField("site_code*", self.code)
        self.registerField("site_name*", self.name)

    def initializePage(self) -> None:
        labels = room_type_labels()
        kinds = ROOM_TYPES if self._kind_page.site_kind() == "room" else OFFICE_TYPES
        self.type.clear()
        for code in kinds:
            self.type.addItem(labels.get(code, code), code)
        # An office has one kind only: no choice to show.
        self.type.setVisible(len(kinds) > 1)
        self._type_label.setVisible(len(kinds) > 1)
        room = self._kind_page.site_kind() == "room"
        self._join_note.setVisible(room)
        self.enrolment.setVisible(room)
        if not room:
            self.enrolment.clear()
        self._enrolment_chosen(self.enrolment.summary)
        QTimer.singleShot(0, lambda: focus_first_empty([self.code, self.name]))

    def _enrolment_chosen(self, found: EnrolmentSummary | None) -> None:
        if found is not None:
            self.code.setText(found.room_code)
            self.name.setText(found.room_name)
            self.type.setCurrentIndex(max(self.type.findData(found.room_type), 0))
        for field in (self.code, self.name):
            field.setReadOnly(found is not None)
        self.type.setEnabled(found is None)
        self._form.setRowVisible(self._code_hint, found is None)

    def enrolment_file(self) -> Path | None:
        """The office's enrolment file to set up with (a room only), or None."""
        if self._kind_page.site_kind() != "room":
            return None
        return self.enrolment.file

    def _show_code(self, text: str) -> None:
        code = normalise_code(text)
        self.code_shown.setText(self.tr("Will be saved as: %1").replace("%1", code)
                                if code else "")

    def code_value(self) -> str:
        return normalise_code(self.code.text())

    def isComplete(self) -> bool:
        return len(self.code.text()) >= 2 and bool(self.name.text().strip())

    def room_type(self) -> str:
        return str(self.type.currentData())


class AdminPage(QWizardPage):
    """The first account. Leaving this page creates the encrypted database."""

    initialised = Signal(object)

    def __init__(self, installation: Installation, kind: KindPage, site: SitePage) -> None:
        super().__init__()
        self._inst = installation
        self._kind = kind
        self._site = site
        self._busy = False
        self.result: InitResult | None = None
        self.setTitle(self.tr("Administrator account"))
        self.setSubTitle(self.tr(
            "This account manages users and backups. It can also do the counselling work "
            "of this site; other roles can be given later."
        ))
        self.setCommitPage(True)
        self.setButtonText(QWizard.WizardButton.CommitButton, self.tr("Create"))
        self.username = QLineEdit()
        self.username.setObjectName("admin_name")
        self.username.setMaxLength(32)
        self.fields = PasswordFields(self, above=[(self.tr("User name:"), self.username)])
        self.busy = busy_bar()
        self.status = _note("")
        self.status.setObjectName("message")
        layout = QVBoxLayout(self)
        layout.addWidget(self.fields)
        layout.addWidget(_note(self.tr(
            "Remember this password: nobody can look it up. If it is lost, only the recovery "
            "code shown next can set a new one."
        )))
        layout.addStretch(1)
        layout.addWidget(self.status)
        layout.addWidget(self.busy)
        self.username.textChanged.connect(self.completeChanged)
        self.fields.changed.connect(self.completeChanged)

    def initializePage(self) -> None:
        # After the wizard has given the page its default focus, not before.
        QTimer.singleShot(0, lambda: focus_first_empty(
            [self.username, self.fields.password, self.fields.repeat]))

    def isComplete(self) -> bool:
        return (not self._busy and len(self.username.text().strip()) >= 2
                and self.fields.acceptable())

    def validatePage(self) -> bool:
        if self.result is not None:
            return True
        if not self._busy:
            self._start()
        return False

    def _start(self) -> None:
        self._set_busy(True)
        self.status.setText(self.tr("Creating the encrypted database… this takes a few seconds."))
        inst, admin = self._inst, {
            "admin_name": self.username.text().strip(),
            "admin_password": self.fields.text(),
        }
        file = self._site.enrolment_file()
        site = {  # read here: the worker never touches a widget
            "site_kind": self._kind.site_kind(),
            "room_type": self._site.room_type(),
            "site_code": self._site.code_value(),
            "site_name": self._site.name.text().strip(),
        }

        def set_up(_ctx: object) -> InitResult:
            if file is not None:
                # As ``psyroom init --join FILE``: code, name, kind and village from the file.
                return initialise_joined(inst, file, **admin)
            return inst.initialise(**site, **admin)

        (
            CollectionOp(parent=self, op=set_up)
            .success(self._done)
            .failure(self._failed)
            .run_in_background()
        )

    def _done(self, result: InitResult) -> None:
        self.result = result
        self._set_busy(False)
        self.status.setText("")
        self.initialised.emit(result)
        self.wizard().next()

    def _failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        self.status.setText(error_text(exc))
        self.status.setStyleSheet(ERROR_STYLE)

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.busy.setVisible(busy)
        self.status.setStyleSheet("")
        wizard = self.wizard()
        if wizard is not None:
            wizard.button(QWizard.WizardButton.BackButton).setEnabled(not busy)
            wizard.button(QWizard.WizardButton.CancelButton).setEnabled(not busy)
        self.completeChanged.emit()


class LanguagePage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle(self.tr("Language"))
        self.setSubTitle(self.tr("The language of the screens. You can change it later in "
                                 "Settings."))
        self.chinese = QRadioButton("中文（简体）")
        self.chinese.setObjectName("lang_zh")
        self.english = QRadioButton("English")
        self.english.setObjectName("lang_en")
        self.chinese.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.chinese)
        group.addButton(self.english)
        layout = QVBoxLayout(self)
        layout.addWidget(self.chinese)
        layout.addWidget(self.english)
        layout.addStretch(1)

    def language(self) -> str:
        return "en" if self.english.isChecked() else "zh_CN"


class FirstRunWizard(QWizard):
    """Emits ``completed(InitResult, language)`` when Finish is pressed."""

    completed = Signal(object, str)

    def __init__(self, installation: Installation, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("PsyRoom — first-time set-up"))
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setMinimumSize(640, 520)
        self.kind_page = KindPage()
        self.site_page = SitePage(self.kind_page)
        self.admin_page = AdminPage(installation, self.kind_page, self.site_page)
        self.language_page = LanguagePage()
        self.recovery_page = RecoveryCodePage(self.admin_page, self.site_page)
        for page in (self.kind_page, self.site_page, self.admin_page, self.language_page,
                     self.recovery_page):
            self.addPage(page)
        # After set-up there is nothing left to cancel: only Finish, once the code is confirmed.
        self.admin_page.initialised.connect(
            lambda _r: self.setOption(QWizard.WizardOption.NoCancelButton, True))

    def accept(self) -> None:
        result = self.admin_page.result
        if result is None:
            return
        super().accept()
        self.completed.emit(result, self.language_page.language())

    def reject(self) -> None:
        # Once the database exists, the recovery code must be seen; closing is not allowed.
        if self.admin_page.result is not None:
            return
        super().reject()
