"""Home: which site this is, who is logged in, and what needs doing today.

Whoever may read residents gets the counselling dashboard (appointments, overdue follow-ups,
open crises, high-risk residents, this month's counts); other roles see the record counts.
"""

from __future__ import annotations

from psyroom.security.roles import Permission
from ui.counselling.dashboard import DashboardPanel
from ui.labels import roles_text, room_type_labels, site_kind_labels, stat_labels
from ui.operations import QueryOp
from ui.pages import Page, PageContext, heading
from ui.qt import (
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    Qt,
    QVBoxLayout,
    QWidget,
)
from ui.screen_fit import scrolling_page
from ui.theme import Heading

# Always shown; other kinds of record appear once there is at least one (no empty promises
# for capabilities not built yet).
_ALWAYS = ("users", "audit_events")


class HomePage(Page):
    def __init__(self, ctx: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        site, user = ctx.session.site, ctx.session.user
        card = QFrame()
        card.setObjectName("site_card")
        card.setFrameShape(QFrame.Shape.StyledPanel)
        card.setStyleSheet("#site_card { background: #f4f8fb; border: 1px solid #c9d6e2; "
                           "border-radius: 6px; }")
        card_form = QFormLayout()
        kind = site_kind_labels().get(site.kind, site.kind)
        room_type = room_type_labels().get(site.room_type, site.room_type)
        card_form.addRow(self.tr("Site code:"), QLabel(site.code))
        card_form.addRow(self.tr("Kind:"), QLabel(f"{kind} · {room_type}"))
        card_form.addRow(self.tr("Logged in as:"), QLabel(
            f"{user.display_name or user.username} — {roles_text(user.roles)}"))
        card_layout = QVBoxLayout(card)
        card_layout.addWidget(heading(site.name))
        card_layout.addLayout(card_form)

        self.counts = QGridLayout()
        self.counts.setSpacing(12)
        self.count_labels: dict[str, QLabel] = {}

        self.dashboard: DashboardPanel | None = None
        # The dashboard grows with the day's work; the page scrolls rather than squeezing it.
        layout = scrolling_page(self)
        layout.addWidget(card)
        layout.addSpacing(12)
        if ctx.session.can(Permission.READ_RESIDENTS):
            self.dashboard = DashboardPanel(ctx.session)
            self.dashboard.setObjectName("dashboard")
            layout.addWidget(self.dashboard)
        elif ctx.session.can(Permission.READ_STATS):
            layout.addWidget(heading(self.tr("Records")))
            counts_row = QHBoxLayout()
            counts_row.addLayout(self.counts)
            counts_row.addStretch(1)
            layout.addLayout(counts_row)
        layout.addStretch(1)

    def refresh(self) -> None:
        if self.dashboard is not None:
            self.dashboard.refresh()
            return
        if not self.ctx.session.can(Permission.READ_STATS):
            return
        session = self.ctx.session
        QueryOp(parent=self, op=lambda _ctx: session.stats()).success(
            self._show).run_in_background()

    def _show(self, stats: dict[str, int]) -> None:
        labels = stat_labels()
        keys = [k for k in labels if k in stats and (stats[k] > 0 or k in _ALWAYS)]
        if self.ctx.session.site.kind == "room":
            keys = [k for k in keys if k != "sites"]  # a room is one site; the office has many
        while (item := self.counts.takeAt(0)) is not None:
            if (widget := item.widget()) is not None:
                widget.deleteLater()
        self.count_labels.clear()
        for i, key in enumerate(keys):
            tile = QFrame()
            tile.setObjectName("count_tile")
            tile.setMinimumWidth(150)
            tile.setStyleSheet("#count_tile { background: white; border: 1px solid #d5dde5; "
                               "border-radius: 6px; }")
            value = Heading(str(stats[key]), larger_by=8)
            value.setObjectName(f"count_{key}")
            value.setAlignment(Qt.AlignmentFlag.AlignCenter)
            caption = QLabel(labels[key])
            caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
            tile_layout = QVBoxLayout(tile)
            tile_layout.addWidget(value)
            tile_layout.addWidget(caption)
            self.count_labels[key] = value
            self.counts.addWidget(tile, i // 4, i % 4)
