"""The device-bound secret kept in the OS keyring.

It proves the data folder is being opened on the computer where it was set up. A folder
copied to another PC, or an OS reinstall, lacks it: the app then says so and audits it, but
passwords and the recovery code still open the data (the keyring is a tripwire, not a lock,
because many room PCs have no keyring at all).
"""

from __future__ import annotations

import hashlib
import hmac
import os
from enum import Enum

SERVICE = "PsyRoom"


class DeviceState(Enum):
    MATCHES = "matches"
    MISSING = "device_secret_missing"
    NO_KEYRING = "no_keyring"


def _entry(install_id: str) -> str:
    return f"device-secret-{install_id}"


def _check_value(secret: str, install_id: str) -> str:
    return hmac.new(secret.encode(), install_id.encode(), hashlib.sha256).hexdigest()


def _get(install_id: str) -> str | None:
    import keyring
    from keyring.errors import KeyringError

    try:
        return keyring.get_password(SERVICE, _entry(install_id))
    except (KeyringError, RuntimeError, OSError):
        raise _NoKeyring from None


def _set(install_id: str, secret: str) -> None:
    import keyring
    from keyring.errors import KeyringError

    try:
        keyring.set_password(SERVICE, _entry(install_id), secret)
    except (KeyringError, RuntimeError, OSError):
        raise _NoKeyring from None


class _NoKeyring(Exception):
    pass


def enrol(install_id: str) -> str | None:
    """Store a fresh secret in the keyring; returns the check value, or None without keyring."""
    secret = os.urandom(32).hex()
    try:
        _set(install_id, secret)
    except _NoKeyring:
        return None
    return _check_value(secret, install_id)


def check(install_id: str, expected: str | None) -> DeviceState:
    try:
        secret = _get(install_id)
    except _NoKeyring:
        return DeviceState.NO_KEYRING
    if secret is None or expected is None:
        return DeviceState.MISSING
    if hmac.compare_digest(_check_value(secret, install_id), expected):
        return DeviceState.MATCHES
    return DeviceState.MISSING
