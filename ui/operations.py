"""Operation objects: how a screen asks the core for something without freezing.

    QueryOp(parent=self, op=lambda ctx: session.stats()).success(self.show_counts)
        .run_in_background()

``op`` runs on the database worker thread and receives a context whose ``progress(done,
total)`` and ``cancelled()`` are handed to long core calls. ``success``/``failure`` run on the
UI thread. An op never touches a widget. ``CollectionOp`` (a write) also tells every open page
that data changed, so lists refresh. Modelled on Anki's ``aqt.operations``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

from ui.messages import show_error
from ui.qt import (
    SIGNAL,
    SLOT,
    QCoreApplication,
    QObject,
    QProgressDialog,
    Qt,
    QWidget,
    Signal,
    qt_is_valid,
)
from ui.worker import Job, db_worker

T = TypeVar("T")
OpContext = Job


class _Changes(QObject):
    changed = Signal()


_changes: _Changes | None = None


def changes() -> _Changes:
    """Emits ``changed`` after every successful write."""
    global _changes
    if _changes is None:
        _changes = _Changes()
    return _changes


class QueryOp(Generic[T]):
    """A read (or any core call that changes nothing the pages show)."""

    _announces_changes = False

    def __init__(self, *, parent: QWidget | None, op: Callable[[OpContext], T]) -> None:
        self._parent = parent
        self._op = op
        self._success: Callable[[T], object] | None = None
        self._failure: Callable[[BaseException], object] | None = None
        self._finally: Callable[[], object] | None = None
        self._label: str | None = None
        self._cancellable = False
        self.job: Job | None = None

    def success(self, callback: Callable[[T], object]) -> QueryOp[T]:
        self._success = callback
        return self

    def failure(self, callback: Callable[[BaseException], object]) -> QueryOp[T]:
        """Replace the default failure handling (a message box with the plain message)."""
        self._failure = callback
        return self

    def finally_(self, callback: Callable[[], object]) -> QueryOp[T]:
        """Runs after success or failure, e.g. to re-enable a button."""
        self._finally = callback
        return self

    def with_progress(self, label: str, *, cancellable: bool = False) -> QueryOp[T]:
        """Show a progress dialog; with ``cancellable`` it has a Cancel button."""
        self._label = label
        self._cancellable = cancellable
        return self

    def run_in_background(self) -> Job:
        dialog = self._make_dialog() if self._label is not None else None
        job = Job(fn=self._op, on_done=lambda j: self._done(j, dialog))
        if dialog is not None:
            job.on_progress = lambda done, total: _show_progress(dialog, done, total)
            dialog.canceled.connect(lambda: _cancel(job, dialog))
            dialog.show()
        self.job = job
        db_worker().submit(job)
        return job

    def _make_dialog(self) -> QProgressDialog:
        cancel_text = QCoreApplication.translate("Operations", "Cancel")
        dialog = QProgressDialog(
            self._label or "", cancel_text if self._cancellable else "", 0, 0, self._parent
        )
        dialog.setWindowTitle(QCoreApplication.translate("Operations", "Please wait"))
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.setMinimumDuration(0)
        dialog.setMinimumWidth(420)
        # QProgressDialog hides itself on Cancel; keep it up saying "cancelling" until the core
        # has really stopped, so nobody pulls the USB stick half-way.
        QObject.disconnect(dialog, SIGNAL("canceled()"), dialog, SLOT("cancel()"))
        if not self._cancellable:
            dialog.setCancelButton(None)
        return dialog

    def _done(self, job: Job, dialog: QProgressDialog | None) -> None:
        if dialog is not None and qt_is_valid(dialog):
            dialog.close()
            dialog.deleteLater()
        if self._parent is not None and not qt_is_valid(self._parent):
            return  # the screen that asked is gone; nobody to tell
        try:
            if job.error is None:
                if self._announces_changes:
                    changes().changed.emit()
                if self._success is not None:
                    self._success(job.result)
            elif self._failure is not None:
                self._failure(job.error)
            else:
                show_error(self._parent, job.error)
        finally:
            if self._finally is not None:
                self._finally()


class CollectionOp(QueryOp[T]):
    """A write: on success every page listening to ``changes()`` refreshes."""

    _announces_changes = True


def _show_progress(dialog: QProgressDialog, done: int, total: int) -> None:
    if not qt_is_valid(dialog) or total <= 0:
        return
    dialog.setMaximum(total)
    dialog.setValue(min(done, total))


def _cancel(job: Job, dialog: QProgressDialog) -> None:
    job.cancel_event.set()
    if qt_is_valid(dialog):
        dialog.setLabelText(QCoreApplication.translate("Operations", "Cancelling…"))
