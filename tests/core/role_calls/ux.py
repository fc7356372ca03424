"""Role-call recipes for the methods issue 9 (crisis path, audit wording) added."""

from __future__ import annotations

from collections.abc import Callable

from psyroom.session import Session

CALLS: dict[str, Callable[[Session], object]] = {
    "Assessments.note_crisis_prompt": lambda s: s.assessments.note_crisis_prompt(
        "missing", "phq9", event="shown"),
    "Session.password_tries_left": lambda s: s.password_tries_left(),
}
