"""The header card of an archive page: who this is, at a glance.

Identifiers stay masked until someone presses 显示; categories are chips; the risk level and
status are coloured like in the list, so the eye finds them in the same way.
"""

from __future__ import annotations

from psyroom.residents.idcard import mask_phone
from psyroom.residents.model import Resident
from psyroom.security.roles import Permission
from psyroom.session import Session
from ui.qt import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    Qt,
    QVBoxLayout,
    QWidget,
    Signal,
)
from ui.residents.clipboard import SensitiveClipboard
from ui.residents.identifiers import IdentifierRow
from ui.residents.labels import (
    RISK_COLOURS,
    STATUS_COLOURS,
    TagNames,
    age_of,
    field_label,
    gender_text,
    risk_text,
    status_text,
)
from ui.theme import Heading

CARD_STYLE = ("#archive_card { background: #f4f8fb; border: 1px solid #c9d6e2; "
              "border-radius: 6px; } #archive_card QLabel { background: transparent; }")
SMD_STYLE = ("#smd_box { background: #fff8f0; border: 1px solid #f0c9a0; border-radius: 6px; }"
             " #smd_box QLabel { background: transparent; }")


def chip(text: str, fg: str = "#1f3b57", bg: str = "#e3ecf5", *, name: str = "") -> QLabel:
    label = QLabel(text)
    if name:
        label.setObjectName(name)
    label.setStyleSheet(f"QLabel {{ color: {fg}; background: {bg}; border-radius: 9px; "
                        f"padding: 2px 10px; }}")
    return label


def caption(text: str) -> QLabel:
    label = QLabel(text)
    label.setStyleSheet("color: #5a6b7b;")
    label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return label


def value(text: str | None, name: str = "") -> QLabel:
    label = QLabel(text or "—")
    if name:
        label.setObjectName(name)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class HeaderCard(QFrame):
    notice = Signal(str)

    def __init__(self, session: Session, resident: Resident, tags: TagNames,
                 clipboard: SensitiveClipboard, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("archive_card")
        self.setStyleSheet(CARD_STYLE)
        can_reveal = session.can(Permission.REVEAL_IDENTIFIERS)

        def identifier(field: str, masked: str) -> IdentifierRow:
            row = IdentifierRow(session, resident.id, field, masked, clipboard,
                                can_reveal=can_reveal)
            row.notice.connect(self.notice)
            return row

        self.id_row = identifier("id_number", resident.masked_id)
        self.phone_row = identifier("phone", resident.masked_phone)
        self.guardian_phone_row = identifier("guardian_phone",
                                             mask_phone(resident.guardian_phone))

        layout = QVBoxLayout(self)
        layout.addLayout(self._title_row(resident,
                                         show_risk=session.can(Permission.READ_RISK_RECORDS)))
        if resident.anonymised:
            layout.addWidget(chip(self.tr("This archive was anonymised: who it was is no "
                                          "longer known."), "#424242", "#e0e0e0"))
        layout.addLayout(self._facts(resident))
        layout.addLayout(self._tag_row(resident, tags))
        if resident.smd_registered:
            layout.addWidget(self._smd_box(resident))

    def _title_row(self, resident: Resident, *, show_risk: bool) -> QHBoxLayout:
        name = Heading(resident.name, larger_by=7)
        name.setObjectName("archive_name")
        name.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        age = age_of(resident)
        parts = [gender_text(resident.gender)]
        if age is not None:
            parts.append(self.tr("%1 years old").replace("%1", str(age)))
        if resident.village:
            parts.append(resident.village)
        meta = QLabel(" · ".join(parts))
        meta.setObjectName("archive_meta")
        status_fg, status_bg = STATUS_COLOURS.get(resident.status, ("#1f3b57", "#e3ecf5"))
        status = chip(status_text(resident.status), status_fg, status_bg, name="archive_status")
        row = QHBoxLayout()
        row.addWidget(name)
        row.addSpacing(12)
        row.addWidget(meta)
        row.addStretch(1)
        # Risk (and the open crisis behind it) only for a reader who may read risk records.
        if show_risk:
            # The higher of the recorded level and any open crisis, so an open crisis never
            # sits under a green "none".
            shown = resident.shown_risk
            risk_fg, risk_bg = RISK_COLOURS.get(shown, ("#2e5e3a", "#e3f2e6"))
            row.addWidget(chip(self.tr("Risk: %1").replace("%1", risk_text(shown)),
                               risk_fg, risk_bg, name="archive_risk"))
        row.addWidget(status)
        return row

    def _facts(self, resident: Resident) -> QGridLayout:
        guardian = QWidget()
        guardian_layout = QHBoxLayout(guardian)
        guardian_layout.setContentsMargins(0, 0, 0, 0)
        guardian_layout.addWidget(value(resident.guardian_name, "guardian_value"))
        if resident.guardian_phone:
            guardian_layout.addWidget(self.guardian_phone_row)
        guardian_layout.addStretch(1)
        if resident.consent_date:
            consent_text = " · ".join(filter(None, [resident.consent_date,
                                                    resident.consent_scope]))
        else:
            consent_text = self.tr("Not recorded")
        pairs: list[tuple[str, QWidget]] = [
            (field_label("id_number"), self.id_row),
            (field_label("phone"), self.phone_row),
            (field_label("birth_date"), value(resident.birth_date, "birth_value")),
            (field_label("address"), value(resident.address, "address_value")),
            (field_label("guardian_name"), guardian),
            (self.tr("Consent"), value(consent_text, "consent_value")),
        ]
        grid = QGridLayout()
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(6)
        for i, (text, widget) in enumerate(pairs):
            row, col = divmod(i, 2)
            grid.addWidget(caption(text + self.tr(":")), row, col * 2)
            grid.addWidget(widget, row, col * 2 + 1)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        return grid

    def _tag_row(self, resident: Resident, tags: TagNames) -> QLayout:
        row = QHBoxLayout()
        row.addWidget(caption(field_label("tags") + self.tr(":")))
        names = tags.names(resident.tags)
        if not names:
            row.addWidget(value(self.tr("None"), "tags_value"))
        for name in names:
            row.addWidget(chip(name, name="tag_chip"))
        row.addStretch(1)
        return row

    def _smd_box(self, resident: Resident) -> QFrame:
        box = QFrame()
        box.setObjectName("smd_box")
        box.setStyleSheet(SMD_STYLE)
        grid = QGridLayout(box)
        title = QLabel(field_label("smd_registered"))
        title.setStyleSheet("font-weight: bold; color: #9a4300;")
        grid.addWidget(title, 0, 0, 1, 4)
        for i, field in enumerate(("smd_diagnosis", "smd_registered_on", "smd_national_id",
                                   "smd_guardian", "smd_care_team")):
            row, col = divmod(i, 2)
            grid.addWidget(caption(field_label(field) + self.tr(":")), row + 1, col * 2)
            grid.addWidget(value(getattr(resident, field), f"{field}_value"), row + 1,
                           col * 2 + 1)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        return box
