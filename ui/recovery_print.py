"""Print the recovery code on paper. It is never written to a file: a file gets copied."""

from __future__ import annotations

from ui.qt import (
    QAbstractPrintDialog,
    QCoreApplication,
    QDate,
    QFont,
    QPaintDevice,
    QPainter,
    QPrintDialog,
    QPrinter,
    QRect,
    Qt,
    QWidget,
)
from ui.theme import mono_family


def print_recovery_code(parent: QWidget | None, code: str, site_name: str) -> bool:
    """Ask for a printer and print one page; False when the person cancels."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.NativeFormat)
    printer.setDocName("PsyRoom")
    dialog = QPrintDialog(printer, parent)
    # No "print to file" / PDF: the code must exist only on paper.
    dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintToFile, False)
    dialog.setWindowTitle(QCoreApplication.translate("RecoveryPrint", "Print the recovery code"))
    if dialog.exec() != QPrintDialog.DialogCode.Accepted:
        return False
    if printer.outputFormat() != QPrinter.OutputFormat.NativeFormat:
        return False
    page = printer.pageRect(QPrinter.Unit.DevicePixel).toRect()
    paint_recovery_sheet(printer, QRect(0, 0, page.width(), page.height()), code, site_name)
    return True


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
