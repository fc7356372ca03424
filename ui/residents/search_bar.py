"""The search box and the four filters above the resident list.

Typing waits ~150 ms after the last key before asking (one search per pause, not per key);
choosing a filter asks at once.
"""

from __future__ import annotations

from psyroom.residents.model import RISK_LEVELS, STATUSES
from psyroom.residents.search import SearchFilters
from ui.qt import QComboBox, QHBoxLayout, QLineEdit, QTimer, QVBoxLayout, QWidget, Signal
from ui.residents.labels import TagNames, risk_text, status_text

DEBOUNCE_MS = 150


class SearchBar(QWidget):
    # text, filters
    changed = Signal(str, object)

    def __init__(self, parent: QWidget | None = None, *, with_filters: bool = True,
                 risk_filter: bool = True) -> None:
        """``risk_filter=False`` for a reader who may not read risk records: which people are
        at high risk is itself a risk record (the core refuses such a filter too)."""
        super().__init__(parent)
        self.text = QLineEdit()
        self.text.setObjectName("resident_search")
        self.text.setClearButtonEnabled(True)
        self.text.setPlaceholderText(self.tr(
            "Search: name, pinyin initials (e.g. zw), or part of the ID or phone number"))
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self._emit)
        self.text.textChanged.connect(lambda _t: self._timer.start())

        self.village = self._combo("filter_village", self.tr("All villages/communities"))
        self.tag = self._combo("filter_tag", self.tr("All categories"))
        self.risk = self._combo("filter_risk", self.tr("Any risk level"))
        for code in RISK_LEVELS:
            self.risk.addItem(risk_text(code), code)
        self.status = self._combo("filter_status", self.tr("Any status"))
        for code in STATUSES:
            self.status.addItem(status_text(code), code)

        filters = QHBoxLayout()
        filters.setContentsMargins(0, 0, 0, 0)
        for combo in (self.village, self.tag, self.risk, self.status):
            filters.addWidget(combo)
            combo.currentIndexChanged.connect(lambda _i: self._emit())
        filters.addStretch(1)
        self.filter_row = filters
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.text)
        if with_filters:
            layout.addLayout(filters)
        else:
            for combo in (self.village, self.tag, self.risk, self.status):
                combo.hide()
        if not risk_filter:
            self.risk.hide()
            self.risk.setEnabled(False)

    def _combo(self, name: str, everything: str) -> QComboBox:
        combo = QComboBox()
        combo.setObjectName(name)
        combo.addItem(everything, None)
        # Sized to a few characters, not to the longest category name: at large text sizes
        # four filters sized to their contents would widen the window past the screen.
        # The drop-down list still shows each name in full.
        combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(7)
        combo.setMaxVisibleItems(20)
        return combo

    def set_choices(self, villages: list[str], tags: TagNames) -> None:
        """Fill the village and category filters, keeping what was chosen."""
        self._refill(self.village, [(v, v) for v in villages])
        self._refill(self.tag, [(tag["code"], tags.name(tag["code"]))
                                for _group, group_tags in tags.groups() for tag in group_tags])

    def _refill(self, combo: QComboBox, items: list[tuple[str, str]]) -> None:
        chosen = combo.currentData()
        combo.blockSignals(True)  # refilling is not the user choosing
        while combo.count() > 1:
            combo.removeItem(1)
        for code, text in items:
            combo.addItem(text, code)
        combo.setCurrentIndex(max(combo.findData(chosen), 0) if chosen is not None else 0)
        view = combo.view()
        view.setMinimumWidth(view.sizeHintForColumn(0) + 2 * view.frameWidth() + 24)
        combo.blockSignals(False)

    def filters(self) -> SearchFilters:
        return SearchFilters(village=self.village.currentData(), tag=self.tag.currentData(),
                             risk_level=self.risk.currentData() if self.risk.isEnabled()
                             else None,
                             status=self.status.currentData())

    def search_text(self) -> str:
        return self.text.text().strip()

    def _emit(self) -> None:
        self._timer.stop()
        self.changed.emit(self.search_text(), self.filters())
