"""Print the recovery code on paper. It is written to a file only where no printer exists
and the person chooses to, warned that a file gets copied and must be deleted once printed."""

from __future__ import annotations

from ui.printing import print_document
from ui.qt import (
    QCoreApplication,
    QDate,
    QFont,
    QPaintDevice,
    QPainter,
    QRect,
    Qt,
    QWidget,
)
from ui.theme import mono_family


def print_recovery_code(parent: QWidget | None, code: str, site_name: str) -> None:
    """Print one page. Where no printer is installed the shared helper offers a PDF, with the
    warning that the file must go once it is printed."""
    translate = QCoreApplication.translate
    print_document(
        parent, translate("RecoveryPrint", "Print the recovery code"),
        lambda device, page: paint_recovery_sheet(device, page, code, site_name),
        pdf_name="recovery-code.pdf",
        pdf_note=translate(
            "RecoveryPrint", "Anyone with this file can set a new password: print it at "
            "once, then delete the file and empty the recycle bin."))


def paint_recovery_sheet(device: QPaintDevice, page: QRect, code: str, site_name: str) -> None:
    """Lay out the sheet on any paint device (the printer; an image in the tests)."""
    translate = QCoreApplication.translate
    painter = QPainter(device)
    try:
        line = page.height() // 30
        body = QFont()
        body.setPointSize(12)
        painter.setFont(body)
        y = line
        title = QFont(body)
        title.setPointSize(18)
        title.setBold(True)
        painter.setFont(title)
        painter.drawText(QRect(0, y, page.width(), 2 * line), Qt.AlignmentFlag.AlignLeft,
                         translate("RecoveryPrint", "PsyRoom recovery code"))
        y += 3 * line
        painter.setFont(body)
        painter.drawText(QRect(0, y, page.width(), line), Qt.AlignmentFlag.AlignLeft,
                         translate("RecoveryPrint", "Site: %1").replace("%1", site_name))
        y += line
        painter.drawText(QRect(0, y, page.width(), line), Qt.AlignmentFlag.AlignLeft,
                         translate("RecoveryPrint", "Printed on: %1").replace(
                             "%1", QDate.currentDate().toString(Qt.DateFormat.ISODate)))
        y += 2 * line
        big = QFont(mono_family())
        big.setPointSize(24)
        big.setBold(True)
        painter.setFont(big)
        painter.drawText(QRect(0, y, page.width(), 3 * line), Qt.AlignmentFlag.AlignCenter, code)
        y += 4 * line
        painter.setFont(body)
        painter.drawText(
            QRect(0, y, page.width(), 10 * line),
            int(Qt.AlignmentFlag.AlignLeft) | int(Qt.TextFlag.TextWordWrap),
            translate(
                "RecoveryPrint",
                "With this code the administrator can set a new password when every password "
                "is forgotten. Keep this sheet locked away, apart from the computer. Do not "
                "photograph it or keep a copy on the computer or a USB stick.",
            ),
        )
    finally:
        painter.end()
