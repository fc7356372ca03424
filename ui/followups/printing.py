"""Printing 表1-8 from the app (a saved record, or a blank form), off the UI thread."""

from __future__ import annotations

import time
from pathlib import Path

from psyroom.session import Session
from ui.messages import show_info
from ui.operations import QueryOp
from ui.qt import QCoreApplication, QDir, QFileDialog, QWidget


def ask_pdf(parent: QWidget, stem: str) -> Path | None:
    # A file name shows in folder listings: the date, never the patient's name.
    start = Path(QDir.homePath()) / f"{stem}-{time.strftime('%Y%m%d')}.pdf"
    name, _ = QFileDialog.getSaveFileName(
        parent, QCoreApplication.translate("FollowupDialog", "Save the form as"), str(start),
        QCoreApplication.translate("FollowupDialog", "PDF files (*.pdf)"))
    return Path(name) if name else None


def ask_and_print(parent: QWidget, session: Session, followup_id: str) -> None:
    path = ask_pdf(parent, "随访记录表")
    if path is not None:
        print_form(parent, session, followup_id, path)


def print_form(parent: QWidget, session: Session, followup_id: str | None, path: Path) -> None:
    """Writes 表1-8 (the record, or a blank form) as a PDF, off the UI thread."""
    if path.suffix.lower() != ".pdf":
        path = path.with_name(path.name + ".pdf")
    followups = session.followups
    (QueryOp(parent=parent, op=lambda _ctx: followups.print_form(followup_id, path))
     .with_progress(QCoreApplication.translate("FollowupDialog", "Writing the PDF…"))
     .success(lambda out: show_info(parent, QCoreApplication.translate(
         "FollowupDialog", "Saved: %1").replace("%1", str(out))))
     .run_in_background())
