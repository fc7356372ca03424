"""keyslots.json's model on its own: wrapping, lookup, lockout arithmetic, the file format and
the KDF bounds (quick: no database, one Argon2id derivation per wrap or unwrap)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from psyroom.errors import DatabaseRefused
from psyroom.security import keyslots as ks
from psyroom.security.kdf import CEILING, FAST, FLOOR, STANDARD, KdfParams, current_params
from psyroom.security.keyslots import PASSWORD, RECOVERY, KeySlotFile, Slot

KEY = bytes(range(32))


def test_put_unwrap_find_remove() -> None:
    slots = KeySlotFile.create("install-a")
    slot = slots.put(PASSWORD, "wang", "Pass-word-1", KEY)
    assert slots.find(PASSWORD, "wang") is slot
    assert slots.find(PASSWORD, "li") is None
    assert slots.find(RECOVERY, "wang") is None  # kind is part of the lookup
    assert slots.unwrap(slot, "Pass-word-1") == KEY
    assert slots.unwrap(slot, "Pass-word-2") is None
    assert slot.kdf == current_params() and len(slot.salt) == 16 and len(slot.nonce) == 12
    slots.remove(PASSWORD, "wang")
    assert slots.find(PASSWORD, "wang") is None
    slots.remove(PASSWORD, "wang")  # removing twice is harmless


def test_a_slot_is_bound_to_its_install_kind_and_id() -> None:
    slots = KeySlotFile.create("install-a")
    slot = slots.put(PASSWORD, "wang", "Pass-word-1", KEY)
    other = KeySlotFile.from_bytes(slots.to_bytes())
    other.install_id = "install-b"
    assert other.unwrap(other.slots[slot.slot_id], "Pass-word-1") is None
    moved = Slot(**{**slot.__dict__, "kind": RECOVERY})
    assert slots.unwrap(moved, "Pass-word-1") is None


def test_lookup_ids_depend_on_the_salt_and_name() -> None:
    a, b = KeySlotFile.create("x"), KeySlotFile.create("x")
    assert len(a.lookup_salt) == 32
    assert a.slot_id_for(PASSWORD, "wang") != b.slot_id_for(PASSWORD, "wang")
    assert a.slot_id_for(PASSWORD, "wang") != a.slot_id_for(PASSWORD, "li")
    assert a.slot_id_for(PASSWORD, "wang") == a.slot_id_for(PASSWORD, "wang")
    assert "wang" not in a.to_bytes().decode()


def test_lockout_arithmetic() -> None:
    slot = Slot("id", PASSWORD, FAST, b"s", b"n", b"w")
    now = 1000.0
    for i in range(ks.MAX_FAILURES - 1):
        slot.register_failure(now)
        assert slot.failures == i + 1 and slot.locked_minutes(now) == 0
    slot.register_failure(now)
    assert slot.failures == 0 and slot.lock_level == 1
    assert slot.locked_until == now + ks.LOCK_SECONDS
    assert slot.locked_minutes(now) == 5
    assert slot.locked_minutes(now + ks.LOCK_SECONDS - 61) == 2  # rounds up
    assert slot.locked_minutes(now + ks.LOCK_SECONDS) == 0
    assert slot.pending_failures == [now] * ks.MAX_FAILURES
    for _ in range(ks.MAX_FAILURES):
        slot.register_failure(now)
    assert slot.locked_until == now + 2 * ks.LOCK_SECONDS and slot.lock_level == 2
    slot.lock_level = 10
    for _ in range(ks.MAX_FAILURES):
        slot.register_failure(now)
    assert slot.lock_level == 10  # capped
    slot.register_success()
    assert (slot.failures, slot.lock_level, slot.locked_until) == (0, 0, 0.0)


def test_the_file_round_trips() -> None:
    slots = KeySlotFile.create("install-a")
    slot = slots.put(PASSWORD, "wang", "Pass-word-1", KEY)
    slot.register_failure(1234.5)
    slots.unknown_user_failures = [99.0]
    slots.device_check = "check"
    slots.no_keyring_noted = True
    again = KeySlotFile.from_bytes(slots.to_bytes())
    assert again == slots
    doc = json.loads(slots.to_bytes())
    assert doc["format"] == ks.FORMAT == 1 and doc["install_id"] == "install-a"
    assert doc["slots"][0]["kdf"]["name"] == "argon2id"


@pytest.mark.parametrize("damage", [
    lambda d: d.update(format=2),
    lambda d: d.pop("slots"),
    lambda d: d.update(lookup_salt="not base64!"),
    lambda d: d["slots"][0].update(kdf={"name": "scrypt", "time_cost": 3,
                                        "memory_kib": 65536, "parallelism": 1}),
    lambda d: d["slots"][0]["kdf"].update(time_cost=FLOOR.time_cost - 1),
    lambda d: d["slots"][0]["kdf"].update(memory_kib=FLOOR.memory_kib - 1),
    lambda d: d["slots"][0]["kdf"].update(parallelism=FLOOR.parallelism - 1),
    lambda d: d["slots"][0]["kdf"].update(time_cost=CEILING.time_cost + 1),
    lambda d: d["slots"][0]["kdf"].update(memory_kib=CEILING.memory_kib + 1),
    lambda d: d["slots"][0]["kdf"].update(parallelism=CEILING.parallelism + 1),
])
def test_damaged_or_cheapened_files_are_refused(damage) -> None:  # type: ignore[no-untyped-def]
    slots = KeySlotFile.create("install-a")
    slots.put(PASSWORD, "wang", "Pass-word-1", KEY)
    doc = json.loads(slots.to_bytes())
    damage(doc)
    with pytest.raises(DatabaseRefused) as err:
        KeySlotFile.from_bytes(json.dumps(doc).encode())
    assert err.value.code == "keyslots_damaged"


def test_bounds_admit_the_apps_own_profiles() -> None:
    for params in (FLOOR, FAST, STANDARD, CEILING):
        assert params.within_bounds()
        assert KdfParams.from_json(params.to_json()) == params
    assert KdfParams(3, 64 * 1024, 1) == FLOOR


def test_profile_choice(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PSYROOM_KDF_PROFILE", "fast")
    assert current_params() == FAST
    monkeypatch.delenv("PSYROOM_KDF_PROFILE")
    assert current_params() == STANDARD == KdfParams(4, 256 * 1024, 4)


def test_derivation_depends_on_every_input() -> None:
    from psyroom.security.kdf import derive_key

    salt = os.urandom(16)
    base = derive_key("secret", salt, FLOOR)
    assert len(base) == 32 and derive_key("secret", salt, FLOOR) == base
    assert derive_key("secreT", salt, FLOOR) != base
    assert derive_key("secret", os.urandom(16), FLOOR) != base
    assert derive_key("secret", salt, KdfParams(4, FLOOR.memory_kib, 1)) != base


def test_unwrap_uses_the_slots_stored_parameters() -> None:
    stronger = KdfParams(FLOOR.time_cost + 1, FLOOR.memory_kib, 2)
    assert stronger != current_params()
    slots = KeySlotFile.create("install-a")
    slot = slots.put(PASSWORD, "wang", "Pass-word-1", KEY, params=stronger)
    again = KeySlotFile.from_bytes(slots.to_bytes())
    assert again.slots[slot.slot_id].kdf == stronger
    assert again.unwrap(again.slots[slot.slot_id], "Pass-word-1") == KEY


def test_lockout_state_survives_the_file(tmp_path: Path) -> None:
    slots = KeySlotFile.create("install-a")
    slot = slots.put(PASSWORD, "wang", "Pass-word-1", KEY)
    for _ in range(ks.MAX_FAILURES + 2):
        slot.register_failure(5000.0)
    path = tmp_path / "keyslots.json"
    slots.save(path)
    again = KeySlotFile.load(path).slots[slot.slot_id]
    assert (again.failures, again.lock_level, again.locked_until) == (2, 1, 5300.0)
    assert again.pending_failures == [5000.0] * (ks.MAX_FAILURES + 2)
    with pytest.raises(DatabaseRefused) as err:
        KeySlotFile.load(tmp_path / "missing.json")
    assert err.value.code == "keyslots_missing"


def test_an_older_file_without_lockout_fields_reads_with_defaults() -> None:
    slots = KeySlotFile.create("install-a")
    slot = slots.put(PASSWORD, "wang", "Pass-word-1", KEY)
    doc = json.loads(slots.to_bytes())
    for key in ("failures", "lock_level", "locked_until", "pending_failures"):
        doc["slots"][0].pop(key)
    for key in ("unknown_user_failures", "no_keyring_noted", "device_check"):
        doc.pop(key)
    again = KeySlotFile.from_bytes(json.dumps(doc).encode())
    s = again.slots[slot.slot_id]
    assert (s.failures, s.lock_level, s.locked_until, s.pending_failures) == (0, 0, 0.0, [])
    assert (again.unknown_user_failures, again.no_keyring_noted, again.device_check) == (
        [], False, None)
    assert again.unwrap(s, "Pass-word-1") == KEY


def test_lock_minutes_at_the_last_second() -> None:
    slot = Slot("id", PASSWORD, FAST, b"s", b"n", b"w", locked_until=100.0)
    assert slot.locked_minutes(99.5) == 1
    assert slot.locked_minutes(100.0) == 0
    assert slot.locked_minutes(100.5) == 0


def test_base64_fields_are_strict() -> None:
    slots = KeySlotFile.create("install-a")
    slots.put(PASSWORD, "wang", "Pass-word-1", KEY)
    doc = json.loads(slots.to_bytes())
    salt = doc["slots"][0]["salt"]
    doc["slots"][0]["salt"] = salt[:4] + "!" + salt[4:]  # lenient decoding would skip the !
    with pytest.raises(DatabaseRefused):
        KeySlotFile.from_bytes(json.dumps(doc).encode())
