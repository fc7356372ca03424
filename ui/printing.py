"""Printing from any screen: the print dialog where a printer exists, and where none is
installed an offer to save a PDF instead, saying why, rather than a print that silently does
nothing. Every print in the app goes through ``print_document``."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ui.messages import ask, show_info
from ui.qt import (
    QAbstractPrintDialog,
    QCoreApplication,
    QDir,
    QFileDialog,
    QPaintDevice,
    QPrintDialog,
    QPrinter,
    QPrinterInfo,
    QRect,
    QWidget,
)

Paint = Callable[[QPaintDevice, QRect], None]


def has_printer() -> bool:
    return bool(QPrinterInfo.availablePrinters())


def choose_pdf_path(parent: QWidget | None, suggested: str) -> Path | None:
    name, _ = QFileDialog.getSaveFileName(
        parent, QCoreApplication.translate("Printing", "Save as PDF"),
        str(Path(QDir.homePath()) / suggested),
        QCoreApplication.translate("Printing", "PDF files (*.pdf)"))
    if not name:
        return None
    return Path(name if name.lower().endswith(".pdf") else name + ".pdf")


def _page(printer: QPrinter) -> QRect:
    rect = printer.pageRect(QPrinter.Unit.DevicePixel).toRect()
    return QRect(0, 0, rect.width(), rect.height())


def save_pdf(path: Path, paint: Paint, title: str) -> Path:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    printer.setDocName(title)
    paint(printer, _page(printer))
    return path


def print_document(parent: QWidget | None, title: str, paint: Paint, *, pdf_name: str,
                   pdf_note: str = "",
                   choose: Callable[[QWidget | None, str], Path | None] | None = None,
                   ) -> None:
    """Print ``paint``'s pages; with no printer installed, offer a PDF (``pdf_note`` says
    what to do with that file, e.g. delete it once printed)."""
    if not has_printer():
        translate = QCoreApplication.translate
        question = translate(
            "Printing", "No printer is installed on this computer, so it cannot print here. "
            "Save it as a PDF file instead, to print on a computer that has a printer?")
        if pdf_note:
            question += "\n\n" + pdf_note

        def save() -> None:
            path = (choose or choose_pdf_path)(parent, pdf_name)
            if path is None:
                return
            save_pdf(path, paint, title)
            show_info(parent, translate("Printing", "Saved as PDF: %1").replace(
                "%1", str(path)))

        ask(parent, question, save)
        return
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.NativeFormat)
    printer.setDocName(title)
    dialog = QPrintDialog(printer, parent)
    dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintToFile, False)
    dialog.setWindowTitle(title)
    if dialog.exec() != QPrintDialog.DialogCode.Accepted:
        return
    paint(printer, _page(printer))
