"""Every role through every service method: allowed or denied exactly as ROLE_PERMISSIONS
says, and no public service method without a row in the method table."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from collections.abc import Callable, Iterator
from types import ModuleType

import pytest

import psyroom
import tests.core.role_calls as role_calls
from psyroom.errors import PermissionDenied
from psyroom.security.method_table import INTERNAL_CLASSES, METHOD_PERMISSIONS
from psyroom.security.roles import ROLE_PERMISSIONS, Role
from psyroom.session import Session

from .conftest import Room

ROLE_USERS = {
    Role.ADMIN: "onlyadmin",
    Role.COUNSELLOR: "counsellor1",
    Role.SOCIAL_WORKER: "social1",
    Role.OFFICE_CLERK: "clerk1",
    Role.SUPERVISOR: "super1",
}
PASSWORD = "Role-check-2026"


def _recipes() -> dict[str, Callable[[Session], object]]:
    out: dict[str, Callable[[Session], object]] = {}
    for info in pkgutil.iter_modules(role_calls.__path__):
        module = importlib.import_module(f"{role_calls.__name__}.{info.name}")
        calls: dict[str, Callable[[Session], object]] = module.CALLS
        assert not set(calls) & set(out), f"{info.name} repeats a recipe"
        out.update(calls)
    return out


def _psyroom_modules() -> Iterator[ModuleType]:
    for info in pkgutil.walk_packages(psyroom.__path__, "psyroom."):
        # Migrations run only under Alembic; __main__ would run the CLI.
        if ".migrations" in info.name or info.name.endswith("__main__"):
            continue
        yield importlib.import_module(info.name)


def public_service_methods() -> set[str]:
    """Every public method of a class built on a session, Session's own, and every
    module-level function whose first parameter is the session."""
    found: set[str] = set()
    for module in _psyroom_modules():
        for name, obj in vars(module).items():
            if getattr(obj, "__module__", None) != module.__name__ or name.startswith("_"):
                continue
            if inspect.isclass(obj):
                init = obj.__dict__.get("__init__")
                params = list(inspect.signature(init).parameters) if init else []
                if obj is not Session and params[1:2] != ["session"]:
                    continue
                if name in INTERNAL_CLASSES:
                    continue
                for attr, value in obj.__dict__.items():
                    if attr.startswith("_"):
                        continue
                    if inspect.isfunction(value) or isinstance(value, staticmethod | classmethod):
                        found.add(f"{name}.{attr}")
            elif inspect.isfunction(obj) and not module.__name__.endswith(".cli"):
                # A capability's cli.run(session, args, lang) only calls service methods.
                params = list(inspect.signature(obj).parameters)
                if params[:1] == ["session"]:
                    found.add(f"{module.__name__.removeprefix('psyroom.')}.{name}")
    return found


def test_every_public_service_method_has_a_row() -> None:
    methods = public_service_methods()
    # The walk must see the services it is meant to guard, or it proves nothing.
    assert {"Session.backup", "Residents.create", "Consultations.sign",
            "demo.service.fill_demo_data"} <= methods
    missing = sorted(methods - set(METHOD_PERMISSIONS))
    assert not missing, f"service methods with no row in method_table.py: {missing}"
    stale = sorted(set(METHOD_PERMISSIONS) - methods)
    assert not stale, f"rows for methods that no longer exist: {stale}"


def test_every_row_has_a_recipe() -> None:
    recipes = _recipes()
    assert sorted(set(METHOD_PERMISSIONS) - set(recipes)) == []
    assert sorted(set(recipes) - set(METHOD_PERMISSIONS)) == []


@pytest.fixture
def sessions(room: Room) -> Iterator[dict[Role, Session]]:
    for role, name in ROLE_USERS.items():
        room.session.add_user(name, roles=[role.value], password=PASSWORD)
    opened = {role: room.inst.unlock(name, PASSWORD) for role, name in ROLE_USERS.items()}
    yield opened
    for s in opened.values():
        s.close()


def outcome(recipe: Callable[[Session], object], session: Session) -> str:
    try:
        recipe(session)
    except PermissionDenied:
        return "denied"
    except Exception:  # past the check, any failure means the call was let through
        return "allowed"
    return "allowed"


def test_each_role_is_allowed_exactly_what_the_role_table_says(
        sessions: dict[Role, Session]) -> None:
    recipes = _recipes()
    wrong: list[str] = []
    for role, session in sessions.items():
        granted = ROLE_PERMISSIONS[role]
        for key, permission in METHOD_PERMISSIONS.items():
            expected = "allowed" if permission is None or permission in granted else "denied"
            got = outcome(recipes[key], session)
            if got != expected:
                wrong.append(f"{role.value} {key}: {got}, expected {expected} ({permission})")
    assert not wrong, "\n".join(wrong)


def test_a_denied_call_is_audited_and_changes_nothing(sessions: dict[Role, Session],
                                                      room: Room) -> None:
    clerk = sessions[Role.OFFICE_CLERK]
    before = room.session.stats()
    with pytest.raises(PermissionDenied):
        clerk.add_user("sneaky", roles=["admin"], password="Sneaky-2026a")
    after = room.session.stats()
    assert after["users"] == before["users"]
    denied = [e for e in room.session.audit_events() if e.action == "permission_denied"]
    assert denied[0].actor_name == "clerk1"
    assert denied[0].detail == {"permission": "manage_users"}
