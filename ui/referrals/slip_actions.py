"""Saving the slip where the user chooses, then opening it to print.

The slip is a PDF made by the core; this build of Qt has no PDF renderer, so printing goes
through the system's PDF viewer and its print dialog. Nothing goes to a shared temp folder:
the file lands only where the user said.
"""

from __future__ import annotations

from pathlib import Path

from psyroom.referrals.model import Referral
from psyroom.session import Session
from ui.messages import ask
from ui.operations import QueryOp
from ui.qt import QCoreApplication, QDesktopServices, QDir, QFileDialog, QUrl, QWidget


def suggested_path(referral: Referral) -> Path:
    # A file name is seen in folder listings and recent-file menus: the serial, no name.
    return Path(QDir.homePath()) / f"转介单-{referral.serial}.pdf"


def choose_and_save(parent: QWidget, session: Session, referral: Referral) -> None:
    name, _ = QFileDialog.getSaveFileName(
        parent, QCoreApplication.translate("ReferralSlip", "Save the referral slip as"),
        str(suggested_path(referral)),
        QCoreApplication.translate("ReferralSlip", "PDF files (*.pdf)"))
    if name:
        save_slip(parent, session, referral, Path(name))


def save_slip(parent: QWidget, session: Session, referral: Referral, path: Path, *,
              offer_print: bool = True) -> QueryOp[Path]:
    if path.suffix.lower() != ".pdf":
        path = path.with_name(path.name + ".pdf")
    referrals, rid = session.referrals, referral.id
    op = QueryOp(parent=parent, op=lambda _ctx: referrals.write_slip(rid, path))
    op.with_progress(QCoreApplication.translate("ReferralSlip", "Writing the slip…"))
    op.success(lambda out: _saved(parent, out) if offer_print else None)
    op.run_in_background()
    return op


def _saved(parent: QWidget, out: Path) -> None:
    ask(parent, QCoreApplication.translate(
        "ReferralSlip", "The slip was saved as %1.\n\nOpen it now to print? Print it on A4 "
        "and cut along the dashed lines.").replace("%1", str(out)),
        lambda: _open(out))


def _open(out: Path) -> None:
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(out)))
