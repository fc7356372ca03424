"""The bundle file: a small clear header, an HPKE-sealed body, an Ed25519 signature.

Layout: ``MAGIC`` (8 bytes, the last one is the format version) | header length (u32, big
endian) | header (UTF-8 JSON: codes, ids, sequence, no personal data) | body length (u64) |
body (HPKE-sealed, zlib-compressed JSON) | signature (64 bytes) over everything before it.

Reading checks the size, the layout and the signature before a byte of the body is
decrypted or parsed; the header is read first only to learn whose key to check with, and it
is read with hard limits.
"""

from __future__ import annotations

import hashlib
import json
import os
import struct
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from psyroom.errors import BundleRefused, PsyroomError
from psyroom.fileio import fsync_dir
from psyroom.sync import crypto

MAGIC_PREFIX = b"PSYBNDL"
FORMAT_VERSION = 1
MAGIC = MAGIC_PREFIX + bytes([FORMAT_VERSION])
SUFFIX = ".psybundle"
MAX_FILE_BYTES = 1 << 30
MAX_HEADER_BYTES = 64 * 1024
MAX_BODY_PLAIN_BYTES = 2 << 30
_FIXED = len(MAGIC) + 4 + 8 + crypto.SIGNATURE_BYTES


@dataclass(frozen=True)
class KeysFor:
    """What the reader needs for one header: the key that must have signed it, and the
    private key to open the body with."""

    sign_public: bytes
    enc_private: bytes


@dataclass(frozen=True)
class OpenedBundle:
    header: dict[str, Any]
    body: dict[str, Any]
    sha256: str


def _info(header_bytes: bytes) -> bytes:
    return b"psyroom bundle v1\0" + hashlib.sha256(header_bytes).digest()


def encode(header: dict[str, Any], body: dict[str, Any], *, receiver_enc_public: bytes,
           sender_sign_private: bytes) -> bytes:
    header_bytes = json.dumps(header, sort_keys=True, ensure_ascii=True).encode("ascii")
    plain = zlib.compress(json.dumps(body, ensure_ascii=False, separators=(",", ":"))
                          .encode("utf-8"), 6)
    sealed = crypto.seal(plain, receiver_enc_public, _info(header_bytes))
    signed = (MAGIC + struct.pack(">I", len(header_bytes)) + header_bytes
              + struct.pack(">Q", len(sealed)) + sealed)
    return signed + crypto.sign(signed, sender_sign_private)


def write_atomic(path: Path, data: bytes) -> None:
    """Temporary name, flush, fsync, rename, then read back: a pulled stick leaves either no
    bundle or a whole one (a partial file keeps its ``.partial`` name)."""
    tmp = path.with_name(path.name + ".partial")
    try:
        with open(tmp, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
        fsync_dir(path.parent)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise PsyroomError("disk_full" if exc.errno == 28 else "bundle_write_failed") from exc
    if path.read_bytes() != data:
        raise PsyroomError("bundle_write_failed")


def read_header(data: bytes) -> tuple[dict[str, Any], int]:
    if len(data) > MAX_FILE_BYTES:
        raise BundleRefused("bundle_oversize")
    if len(data) < _FIXED or not data.startswith(MAGIC_PREFIX):
        raise BundleRefused("bundle_not_bundle")
    if data[len(MAGIC_PREFIX)] != FORMAT_VERSION:
        raise BundleRefused("bundle_unsupported", version=data[len(MAGIC_PREFIX)])
    (hlen,) = struct.unpack(">I", data[8:12])
    if hlen > MAX_HEADER_BYTES or 12 + hlen + 8 > len(data):
        raise BundleRefused("bundle_damaged")
    try:
        header = json.loads(data[12:12 + hlen].decode("ascii"))
    except (UnicodeDecodeError, ValueError):
        raise BundleRefused("bundle_damaged") from None
    if not isinstance(header, dict) or header.get("format") != FORMAT_VERSION:
        raise BundleRefused("bundle_damaged")
    return header, hlen


def open_bundle(data: bytes, keys_for: Callable[[dict[str, Any]], KeysFor]) -> OpenedBundle:
    """Verify then open. ``keys_for`` may raise BundleRefused (unknown room, other office)."""
    header, hlen = read_header(data)
    (blen,) = struct.unpack(">Q", data[12 + hlen:20 + hlen])
    end = 20 + hlen + blen
    if end + crypto.SIGNATURE_BYTES != len(data):
        raise BundleRefused("bundle_damaged")
    keys = keys_for(header)
    if not crypto.verify(data[:end], data[end:], keys.sign_public):
        raise BundleRefused("bundle_signature")
    plain = crypto.open_sealed(data[20 + hlen:end], keys.enc_private, _info(data[12:12 + hlen]))
    if plain is None:
        raise BundleRefused("bundle_other_receiver")
    inflater = zlib.decompressobj()
    try:
        raw = inflater.decompress(plain, MAX_BODY_PLAIN_BYTES)
    except zlib.error:
        raise BundleRefused("bundle_damaged") from None
    if inflater.unconsumed_tail:
        raise BundleRefused("bundle_oversize")
    try:
        body = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise BundleRefused("bundle_damaged") from None
    if not isinstance(body, dict):
        raise BundleRefused("bundle_damaged")
    return OpenedBundle(header, body, hashlib.sha256(data).hexdigest())


def read_file(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise BundleRefused("bundle_oversize")
        return path.read_bytes()
    except OSError:
        raise BundleRefused("bundle_unreadable") from None
