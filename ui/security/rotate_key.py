"""Offering "更换数据库密钥" (key rotation) where it matters: after a user is disabled, and
after the recovery code is replaced. The work itself is the core's
(``Session.rotate_database_key``); here it runs off the UI thread with a progress bar."""

from __future__ import annotations

from collections.abc import Callable

from psyroom.session import Session
from ui.messages import ask, show_error, show_info
from ui.operations import CollectionOp
from ui.qt import QCoreApplication, QMessageBox, QWidget


def offer_key_rotation(parent: QWidget, session: Session, *, reason: str,
                       on_done: Callable[[int], None] | None = None) -> QMessageBox:
    """Ask whether to change the database key now (``reason`` says why it is offered)."""
    text = reason + "\n\n" + QCoreApplication.translate(
        "KeyRotation",
        "Change the database key now? An old copy of the key file together with a former "
        "password then opens nothing any more. Everyone keeps their password. Backups made "
        "before keep the old key: keep them safe or destroy them. No other PsyRoom window "
        "or psyroom command may be open on this data meanwhile.")
    return ask(parent, text, lambda: run_key_rotation(parent, session, on_done=on_done))


def run_key_rotation(parent: QWidget, session: Session, *,
                     on_done: Callable[[int], None] | None = None) -> None:
    def done(slots: int) -> None:
        show_info(parent, QCoreApplication.translate(
            "KeyRotation", "The database key was changed; %1 key slot(s) hold the new key.")
            .replace("%1", str(slots)))
        if on_done is not None:
            on_done(slots)

    (
        CollectionOp(parent=parent, op=lambda _ctx: session.rotate_database_key())
        .with_progress(QCoreApplication.translate("KeyRotation", "Changing the database key…"))
        .success(done)
        .failure(lambda exc: show_error(parent, exc))
        .run_in_background()
    )
