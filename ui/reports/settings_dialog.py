"""The office's report settings: denominators the records cannot know, warning thresholds."""

from __future__ import annotations

from psyroom.reports.settings import ReportSettings, check
from psyroom.session import Session
from ui.operations import CollectionOp
from ui.qt import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    Qt,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)


def _text(value: float | int | None) -> str:
    return "" if value is None else f"{value:g}"


class ReportSettingsDialog(QDialog):
    def __init__(self, session: Session, settings: ReportSettings, villages: list[str],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setWindowTitle(self.tr("Report settings"))
        self.fields: dict[str, QLineEdit] = {}
        form = QFormLayout()
        for key, label, value in (
                ("villages_total", self.tr("Villages and communities in the street"),
                 settings.villages_total),
                ("schools_total", self.tr("Schools in the street"), settings.schools_total),
                ("warn_ratio", self.tr("Warning: times the 3-month average"),
                 settings.warn_ratio),
                ("warn_min_increase", self.tr("Warning: at least this many more"),
                 settings.warn_min_increase)):
            edit = QLineEdit(_text(value))
            edit.setObjectName(f"setting_{key}")
            self.fields[key] = edit
            form.addRow(label, edit)
        self.population = QTableWidget(len(villages), 2)
        self.population.setObjectName("population_table")
        self.population.setHorizontalHeaderLabels([self.tr("Village"),
                                                   self.tr("Resident population")])
        self.population.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.Stretch)
        for row, village in enumerate(villages):
            name = QTableWidgetItem(village)
            name.setFlags(name.flags() & ~Qt.ItemFlag.ItemIsEditable)
            self.population.setItem(row, 0, name)
            self.population.setItem(row, 1, QTableWidgetItem(
                _text(settings.population.get(village))))
        self.before = self.values()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel(self.tr("Resident population per village (for the reported "
                                        "prevalence). Leave empty when unknown: the report "
                                        "then says the rate is missing.")))
        layout.addWidget(self.population, 1)
        layout.addWidget(buttons)
        self.resize(520, 480)

    def values(self) -> dict[tuple[str, str], str]:
        out = {(key, ""): edit.text().strip() for key, edit in self.fields.items()}
        for row in range(self.population.rowCount()):
            name = self.population.item(row, 0)
            village = name.text() if name else ""
            cell = self.population.item(row, 1)
            out[("population", village)] = cell.text().strip() if cell else ""
        return out

    def save(self) -> None:
        changed = {k: v for k, v in self.values().items() if self.before.get(k) != v}

        def write(_ctx: object) -> None:
            # All checked before any is saved: one bad number changes nothing.
            for (key, village), value in changed.items():
                check(key, village, value)
            for (key, village), value in changed.items():
                self.session.reports.set_setting(key, value, village=village)

        CollectionOp(parent=self, op=write).success(lambda _r: self.accept()).run_in_background()
