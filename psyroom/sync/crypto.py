"""The two primitives a bundle uses, both from ``cryptography`` (no home-made crypto):
HPKE (RFC 9180: DHKEM(X25519, HKDF-SHA256), HKDF-SHA256, ChaCha20-Poly1305) to encrypt to the
receiver's X25519 key, and Ed25519 to sign. Keys are raw 32-byte strings."""

from __future__ import annotations

import hashlib
import hmac

from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives import hpke
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.serialization import (
    Encoding,
    NoEncryption,
    PrivateFormat,
    PublicFormat,
)

_SUITE = hpke.Suite(hpke.KEM.X25519, hpke.KDF.HKDF_SHA256, hpke.AEAD.CHACHA20_POLY1305)
SIGNATURE_BYTES = 64


def _raw_private(key: X25519PrivateKey | Ed25519PrivateKey) -> bytes:
    return key.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())


def _raw_public(key: X25519PublicKey | Ed25519PublicKey) -> bytes:
    return key.public_bytes(Encoding.Raw, PublicFormat.Raw)


def new_encryption_pair() -> tuple[bytes, bytes]:
    key = X25519PrivateKey.generate()
    return _raw_private(key), _raw_public(key.public_key())


def new_signing_pair() -> tuple[bytes, bytes]:
    key = Ed25519PrivateKey.generate()
    return _raw_private(key), _raw_public(key.public_key())


def seal(plaintext: bytes, receiver_public: bytes, info: bytes) -> bytes:
    """HPKE base mode single-shot: the encapsulated key followed by the ciphertext."""
    return _SUITE.encrypt(plaintext, X25519PublicKey.from_public_bytes(receiver_public),
                          info=info)


def open_sealed(sealed: bytes, receiver_private: bytes, info: bytes) -> bytes | None:
    try:
        return _SUITE.decrypt(sealed, X25519PrivateKey.from_private_bytes(receiver_private),
                              info=info)
    except (InvalidTag, ValueError):
        return None


def sign(data: bytes, private: bytes) -> bytes:
    return Ed25519PrivateKey.from_private_bytes(private).sign(data)


def verify(data: bytes, signature: bytes, public: bytes) -> bool:
    try:
        Ed25519PublicKey.from_public_bytes(public).verify(signature, data)
    except (InvalidSignature, ValueError):
        return False
    return True


def prove_secret(secret: bytes, sign_public: bytes, site_id: str) -> bytes:
    """What the first bundle shows: the room holds the one-time secret for this key."""
    return hmac.new(secret, b"psyroom enrolment\0" + sign_public + site_id.encode(),
                    hashlib.sha256).digest()


def check_proof(secret: bytes, proof: bytes, sign_public: bytes, site_id: str) -> bool:
    return hmac.compare_digest(prove_secret(secret, sign_public, site_id), proof)
