"""Key slots: the random database key, wrapped once per password and once for the recovery code.

The file holds no user name, site name or key in the clear. A slot is found by an HMAC of the
user name under a random salt, and unwrapped by AES-256-GCM under an Argon2id key of the
password. Changing a password rewraps one slot.

Each slot also holds an X25519 key pair, its private half wrapped under the same Argon2id key.
That lets a key rotation (psyroom/security/rotation.py) hand every remaining slot the new
database key without knowing anyone's password: the new key is sealed to each slot's public
key. A removed slot (a disabled user) and an old copy of this file get nothing new.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import math
import os
from dataclasses import dataclass, field
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from psyroom.errors import DatabaseRefused
from psyroom.fileio import atomic_write_bytes
from psyroom.security.kdf import KdfParams, current_params, derive_key

FORMAT = 1
PASSWORD = "password"
RECOVERY = "recovery"
MAX_FAILURES = 5
LOCK_SECONDS = 5 * 60


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


@dataclass
class Slot:
    slot_id: str
    kind: str
    kdf: KdfParams
    salt: bytes
    nonce: bytes
    wrapped: bytes
    failures: int = 0
    lock_level: int = 0
    locked_until: float = 0.0
    # Failed attempts wait here until the next login opens the database and audits them.
    pending_failures: list[float] = field(default_factory=list)
    # Attempts refused unchecked because the slot was locked, audited the same way.
    pending_refused: list[float] = field(default_factory=list)
    # X25519: public key, and the private key wrapped under the slot's Argon2id key.
    public: bytes | None = None
    private_nonce: bytes = b""
    wrapped_private: bytes = b""
    # After a key rotation: the database key sealed to ``public`` (ephemeral key, nonce, ct).
    sealed: bytes | None = None

    def locked_minutes(self, now: float) -> int:
        remaining = self.locked_until - now
        return 0 if remaining <= 0 else math.ceil(remaining / 60)

    def register_failure(self, now: float) -> None:
        self.failures += 1
        self.pending_failures.append(now)
        if self.failures >= MAX_FAILURES:
            self.locked_until = now + LOCK_SECONDS * (2**self.lock_level)
            self.lock_level = min(self.lock_level + 1, 10)
            self.failures = 0

    def register_success(self) -> None:
        self.failures = 0
        self.lock_level = 0
        self.locked_until = 0.0

    def to_json(self) -> dict[str, object]:
        return {
            "id": self.slot_id,
            "kind": self.kind,
            "kdf": self.kdf.to_json(),
            "salt": _b64(self.salt),
            "nonce": _b64(self.nonce),
            "wrapped": _b64(self.wrapped),
            "failures": self.failures,
            "lock_level": self.lock_level,
            "locked_until": self.locked_until,
            "pending_failures": self.pending_failures,
            "pending_refused": self.pending_refused,
            **({"public": _b64(self.public), "private_nonce": _b64(self.private_nonce),
                "wrapped_private": _b64(self.wrapped_private)} if self.public else {}),
            **({"sealed": _b64(self.sealed)} if self.sealed else {}),
        }

    @classmethod
    def from_json(cls, raw: dict[str, object]) -> Slot:
        return cls(
            slot_id=str(raw["id"]),
            kind=str(raw["kind"]),
            kdf=KdfParams.from_json(raw["kdf"]),  # type: ignore[arg-type]
            salt=_unb64(str(raw["salt"])),
            nonce=_unb64(str(raw["nonce"])),
            wrapped=_unb64(str(raw["wrapped"])),
            failures=int(raw.get("failures", 0)),  # type: ignore[call-overload]
            lock_level=int(raw.get("lock_level", 0)),  # type: ignore[call-overload]
            locked_until=float(raw.get("locked_until", 0.0)),  # type: ignore[arg-type]
            pending_failures=[float(t) for t in raw.get("pending_failures", [])],  # type: ignore[attr-defined]
            pending_refused=[float(t) for t in raw.get("pending_refused", [])],  # type: ignore[attr-defined]
            public=_unb64(str(raw["public"])) if raw.get("public") else None,
            private_nonce=_unb64(str(raw.get("private_nonce", ""))),
            wrapped_private=_unb64(str(raw.get("wrapped_private", ""))),
            sealed=_unb64(str(raw["sealed"])) if raw.get("sealed") else None,
        )


@dataclass
class KeySlotFile:
    install_id: str
    lookup_salt: bytes
    slots: dict[str, Slot] = field(default_factory=dict)
    unknown_user_failures: list[float] = field(default_factory=list)
    device_check: str | None = None
    no_keyring_noted: bool = False

    @classmethod
    def create(cls, install_id: str) -> KeySlotFile:
        return cls(install_id=install_id, lookup_salt=os.urandom(32))

    # -- lookup ----------------------------------------------------------------------------
    def slot_id_for(self, kind: str, name: str) -> str:
        mac = hmac.new(self.lookup_salt, f"{kind}:{name}".encode(), hashlib.sha256).digest()
        return _b64(mac)

    def find(self, kind: str, name: str) -> Slot | None:
        return self.slots.get(self.slot_id_for(kind, name))

    # -- wrapping --------------------------------------------------------------------------
    def _aad(self, slot_id: str, kind: str) -> bytes:
        return f"psyroom-keyslot-v{FORMAT}:{self.install_id}:{kind}:{slot_id}".encode()

    def put(self, kind: str, name: str, secret: str, db_key: bytes,
            params: KdfParams | None = None) -> Slot:
        slot_id = self.slot_id_for(kind, name)
        params = params or current_params()
        salt, nonce = os.urandom(16), os.urandom(12)
        kek = derive_key(secret, salt, params)
        wrapped = AESGCM(kek).encrypt(nonce, db_key, self._aad(slot_id, kind))
        private = X25519PrivateKey.generate()
        private_nonce = os.urandom(12)
        wrapped_private = AESGCM(kek).encrypt(private_nonce, private.private_bytes_raw(),
                                              self._aad(slot_id, kind) + b":private")
        slot = Slot(slot_id, kind, params, salt, nonce, wrapped,
                    public=private.public_key().public_bytes_raw(),
                    private_nonce=private_nonce, wrapped_private=wrapped_private)
        self.slots[slot_id] = slot
        return slot

    def unwrap(self, slot: Slot, secret: str) -> bytes | None:
        kek = derive_key(secret, slot.salt, slot.kdf)
        aad = self._aad(slot.slot_id, slot.kind)
        try:
            if slot.sealed is None:
                return AESGCM(kek).decrypt(slot.nonce, slot.wrapped, aad)
            private = X25519PrivateKey.from_private_bytes(
                AESGCM(kek).decrypt(slot.private_nonce, slot.wrapped_private, aad + b":private"))
        except InvalidTag:
            return None
        return self._open_sealed(slot, private)

    # -- key rotation ------------------------------------------------------------------------
    def _seal_key(self, slot: Slot, shared: bytes) -> bytes:
        return HKDF(hashes.SHA256(), 32, salt=None,
                    info=self._aad(slot.slot_id, slot.kind) + b":sealed").derive(shared)

    def seal(self, slot: Slot, db_key: bytes) -> None:
        """Give ``slot`` a new database key without its secret (see the module docstring)."""
        if slot.public is None:
            raise ValueError("slot has no public key")
        ephemeral = X25519PrivateKey.generate()
        shared = ephemeral.exchange(X25519PublicKey.from_public_bytes(slot.public))
        nonce = os.urandom(12)
        ct = AESGCM(self._seal_key(slot, shared)).encrypt(
            nonce, db_key, self._aad(slot.slot_id, slot.kind))
        slot.sealed = ephemeral.public_key().public_bytes_raw() + nonce + ct

    def _open_sealed(self, slot: Slot, private: X25519PrivateKey) -> bytes | None:
        assert slot.sealed is not None
        ephemeral, nonce, ct = slot.sealed[:32], slot.sealed[32:44], slot.sealed[44:]
        shared = private.exchange(X25519PublicKey.from_public_bytes(ephemeral))
        try:
            return AESGCM(self._seal_key(slot, shared)).decrypt(
                nonce, ct, self._aad(slot.slot_id, slot.kind))
        except InvalidTag:
            return None

    def remove(self, kind: str, name: str) -> None:
        self.slots.pop(self.slot_id_for(kind, name), None)

    # -- persistence -----------------------------------------------------------------------
    def to_bytes(self) -> bytes:
        doc = {
            "format": FORMAT,
            "install_id": self.install_id,
            "lookup_salt": _b64(self.lookup_salt),
            "device_check": self.device_check,
            "no_keyring_noted": self.no_keyring_noted,
            "unknown_user_failures": self.unknown_user_failures,
            "slots": [s.to_json() for s in self.slots.values()],
        }
        return json.dumps(doc, indent=1).encode("utf-8")

    @classmethod
    def from_bytes(cls, data: bytes) -> KeySlotFile:
        try:
            doc = json.loads(data.decode("utf-8"))
            if doc.get("format") != FORMAT:
                raise ValueError("format")
            slots = [Slot.from_json(raw) for raw in doc["slots"]]
            return cls(
                install_id=str(doc["install_id"]),
                lookup_salt=_unb64(doc["lookup_salt"]),
                slots={s.slot_id: s for s in slots},
                unknown_user_failures=[float(t) for t in doc.get("unknown_user_failures", [])],
                device_check=doc.get("device_check"),
                no_keyring_noted=bool(doc.get("no_keyring_noted", False)),
            )
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise DatabaseRefused("keyslots_damaged") from exc

    @classmethod
    def load(cls, path: Path) -> KeySlotFile:
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            raise DatabaseRefused("keyslots_missing") from None
        return cls.from_bytes(data)

    def save(self, path: Path) -> None:
        atomic_write_bytes(path, self.to_bytes())
