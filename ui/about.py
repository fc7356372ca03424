"""Help → About: version and the third-party licences PsyRoom ships under."""

from __future__ import annotations

import psyroom
from ui.i18n import RESOURCES
from ui.qt import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
    qVersion,
)
from ui.theme import Heading

# (component, licence). Keep in step with pyproject.toml and resources/.
THIRD_PARTY: tuple[tuple[str, str], ...] = (
    ("Qt / PySide6", "LGPL-3.0"),
    ("SQLCipher (sqlcipher3)", "BSD-3-Clause"),
    ("SQLAlchemy", "MIT"),
    ("Alembic", "MIT"),
    ("argon2-cffi", "MIT"),
    ("cryptography", "Apache-2.0 / BSD-3-Clause"),
    ("keyring", "MIT"),
    ("reportlab", "BSD-3-Clause"),
    ("pypinyin", "MIT"),
    ("openpyxl", "MIT"),
    ("python-calamine", "MIT"),
    ("platformdirs", "MIT"),
    ("WenQuanYi Micro Hei", "Apache-2.0 / GPL-3.0 with font exception"),
)


class AboutDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("About PsyRoom"))
        self.resize(680, 520)
        title = Heading(self.tr("PsyRoom"), larger_by=6)
        version = QLabel(self.tr("Version %1 · Qt %2").replace("%1", psyroom.__version__)
                         .replace("%2", qVersion()))
        version.setObjectName("version")
        blurb = QLabel(self.tr(
            "Offline records for community psychological service rooms. All data stays "
            "encrypted on this computer."))
        blurb.setWordWrap(True)

        table = QTableWidget(len(THIRD_PARTY), 2)
        table.setObjectName("licences")
        table.setHorizontalHeaderLabels([self.tr("Component"), self.tr("Licence")])
        table.verticalHeader().hide()
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        table.horizontalHeader().setStretchLastSection(True)
        for row, (name, licence) in enumerate(THIRD_PARTY):
            table.setItem(row, 0, QTableWidgetItem(name))
            table.setItem(row, 1, QTableWidgetItem(licence))

        tabs = QTabWidget()
        tabs.addTab(table, self.tr("Third-party software"))
        for path in sorted((RESOURCES / "licenses").glob("*.txt")):
            text = QPlainTextEdit()
            text.setReadOnly(True)
            text.setPlainText(path.read_text(encoding="utf-8", errors="replace"))
            tabs.addTab(text, path.stem)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(version)
        layout.addWidget(blurb)
        layout.addWidget(tabs, 1)
        layout.addWidget(buttons)
