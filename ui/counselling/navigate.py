"""Going from a dashboard line to the person: the resident archive when the window has one,
and the counselling forms, each opened for a resident loaded through the worker."""

from __future__ import annotations

from collections.abc import Callable

from psyroom.residents.model import Resident
from psyroom.session import Session
from ui.operations import QueryOp
from ui.qt import QDialog, QListWidget, Qt, QWidget


def open_archive(widget: QWidget, resident_id: str) -> bool:
    """Show the archive on the residents page; False when this window has none."""
    window = widget.window()
    pages = getattr(window, "page_by_key", None)
    nav = getattr(window, "nav", None)
    if not isinstance(pages, dict) or not isinstance(nav, QListWidget):
        return False
    page = pages.get("residents")
    opener = getattr(page, "open_archive", None)
    if page is None or not callable(opener):
        return False
    nav.setCurrentRow(list(pages).index("residents"))
    opener(resident_id)
    return True


def with_resident(parent: QWidget, session: Session, resident_id: str,
                  then: Callable[[Resident], object]) -> None:
    """Load one resident (audited as an opened archive: a named person is shown), then act."""
    residents = session.residents
    QueryOp(parent=parent, op=lambda _ctx: residents.open(resident_id)).success(
        then).run_in_background()


def open_consultation(parent: QWidget, session: Session, *, resident: Resident | None = None,
                      consultation_id: str | None = None) -> QDialog:
    from ui.counselling.consultation_form import ConsultationDialog

    dialog = ConsultationDialog(session, parent, resident=resident,
                                consultation_id=consultation_id)
    dialog.setWindowModality(Qt.WindowModality.NonModal)
    dialog.show()
    return dialog


def open_scale(parent: QWidget, session: Session, resident: Resident) -> QDialog:
    from ui.counselling.scale_dialog import ScaleDialog

    dialog = ScaleDialog(session, resident, parent)
    dialog.open()
    return dialog


def open_followup(parent: QWidget, session: Session, resident: Resident) -> QDialog:
    from ui.counselling.followup_form import FollowupDialog

    dialog = FollowupDialog(session, resident, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog


def open_crisis(parent: QWidget, session: Session, resident: Resident) -> QDialog:
    from ui.counselling.crisis_form import CrisisDialog

    dialog = CrisisDialog(session, resident, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
