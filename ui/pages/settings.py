"""Settings of this computer (language, auto-lock, font size) and one's own password."""

from __future__ import annotations

import dataclasses

from psyroom.security.roles import Permission
from psyroom.settings import LocalSettings
from ui.messages import show_info
from ui.operations import CollectionOp, QueryOp
from ui.pages import Page, PageContext, heading, note
from ui.qt import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    Qt,
    QWidget,
)
from ui.screen_fit import scrolling_page
from ui.shell.change_password import ChangePasswordDialog
from ui.sync.join import JoinDialog, open_join_dialog
from ui.theme import apply_font_size

FONT_SIZES = (0, 11, 12, 14, 16, 18, 20)


class SettingsPage(Page):
    def __init__(self, ctx: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        current = ctx.settings
        self.language = QComboBox()
        self.language.setObjectName("language")
        self.language.addItem("中文（简体）", "zh_CN")
        self.language.addItem("English", "en")
        self.language.setCurrentIndex(max(self.language.findData(current.language), 0))
        self.autolock = QSpinBox()
        self.autolock.setObjectName("autolock_minutes")
        self.autolock.setRange(1, 240)
        self.autolock.setSuffix(self.tr(" minutes"))
        self.autolock.setValue(ctx.session.security_settings().autolock_minutes)
        # Auto-lock protects everyone's records: only those allowed to change settings may.
        self.autolock.setEnabled(ctx.session.can(Permission.CHANGE_SETTINGS))
        self.font_size = QComboBox()
        self.font_size.setObjectName("font_size")
        for size in FONT_SIZES:
            self.font_size.addItem(
                self.tr("Standard") if size == 0 else self.tr("%1 points").replace(
                    "%1", str(size)), size)
        self.font_size.setCurrentIndex(max(self.font_size.findData(current.font_point_size), 0))
        # The size shows as soon as it is chosen, as the label promises; Save keeps it.
        self.font_size.currentIndexChanged.connect(
            lambda _i: apply_font_size(int(self.font_size.currentData())))
        for field in (self.language, self.autolock, self.font_size):
            field.setMaximumWidth(280)  # short choices; a full-width box reads as a text field
        self.save_button = QPushButton(self.tr("Save"))
        self.save_button.setObjectName("save_settings")
        self.save_button.clicked.connect(self.save)
        self.saved_label = QLabel()

        form = QFormLayout()
        form.addRow(self.tr("Language:"), self.language)
        form.addRow("", note(self.tr("A new language is used after PsyRoom is restarted.")))
        form.addRow(self.tr("Lock the screen after:"), self.autolock)
        form.addRow("", note(self.tr(
            "When nobody uses the keyboard or mouse for this long, the screen locks so that "
            "passers-by see nothing. Typed text is kept.")))
        form.addRow(self.tr("Text size:"), self.font_size)
        form.addRow("", note(self.tr("Larger text is easier on older eyes. Applied at once.")))
        save_row = QHBoxLayout()
        save_row.addWidget(self.save_button)
        save_row.addWidget(self.saved_label, 1)

        self.password_button = QPushButton(self.tr("Change my password…"))
        self.password_button.setObjectName("change_password")
        self.password_button.clicked.connect(self.change_password)
        pw_row = QHBoxLayout()
        pw_row.addWidget(self.password_button)
        pw_row.addStretch(1)

        # A room already in use joins the office here (admin only; the core checks too).
        self.join_dialog: JoinDialog | None = None
        self.office_label = note("")
        self.office_label.setObjectName("office_joined")
        self.join_button = QPushButton(self.tr("Join an office with its enrolment file…"))
        self.join_button.setObjectName("settings_join_office")
        self.join_button.clicked.connect(self.join_office)
        self.joins = (ctx.session.site.kind == "room"
                      and ctx.session.can(Permission.JOIN_OFFICE))
        join_row = QHBoxLayout()
        join_row.addWidget(self.join_button)
        join_row.addStretch(1)

        layout = scrolling_page(self)
        layout.addWidget(heading(self.tr("Settings of this computer")))
        layout.addLayout(form)
        layout.addLayout(save_row)
        if self.joins:
            layout.addSpacing(24)
            layout.addWidget(heading(self.tr("Sub-district office")))
            layout.addWidget(self.office_label)
            layout.addLayout(join_row)
        else:
            self.office_label.hide()
            self.join_button.hide()
        layout.addSpacing(24)
        layout.addWidget(heading(self.tr("My account")))
        layout.addLayout(pw_row)
        layout.addStretch(1)

    def refresh(self) -> None:
        if not self.joins:
            return
        bundles = self.ctx.session.bundles
        QueryOp(parent=self, op=lambda _ctx: bundles.enrolment()).success(
            self._show_office).run_in_background()

    def _show_office(self, found: dict[str, object] | None) -> None:
        site = self.ctx.session.site
        if found is None:
            self.office_label.setText(self.tr(
                "This room (code %1) has not joined an office. Join with the enrolment file "
                "the office gave you: every record is kept and goes with the next bundle.")
                .replace("%1", site.code))
        else:
            self.office_label.setText(self.tr(
                "This room (code %1) sends its bundles to %2. Joining again with a new "
                "enrolment file replaces that.").replace("%1", site.code).replace(
                "%2", str(found["office_name"])))

    def join_office(self) -> None:
        self.join_dialog = open_join_dialog(self, self.ctx.session)

    def chosen(self) -> LocalSettings:
        return dataclasses.replace(
            self.ctx.settings,
            language=str(self.language.currentData()),
            autolock_minutes=self.autolock.value(),
            font_point_size=int(self.font_size.currentData()),
        )

    def save(self) -> None:
        settings, session = self.chosen(), self.ctx.session
        language_changed = settings.language != self.ctx.settings.language
        self.save_button.setEnabled(False)
        self.saved_label.clear()

        def saved(_r: None) -> None:
            self.ctx.settings = settings
            self.ctx.settings_saved(settings)
            self.saved_label.setText(
                self.tr("Saved. Restart PsyRoom to see the new language.")
                if language_changed else self.tr("Saved."))

        (
            # Through the session: the change is audited and the auto-lock time is checked
            # against the user's roles in the core.
            CollectionOp(parent=self, op=lambda _ctx: session.save_settings(settings))
            .success(saved)
            .finally_(lambda: self.save_button.setEnabled(True))
            .run_in_background()
        )

    def change_password(self) -> None:
        dialog = ChangePasswordDialog(self.ctx.session, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: show_info(self, self.tr("Your password was changed.")))
        dialog.open()
