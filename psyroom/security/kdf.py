"""Argon2id key derivation for key slots (argon2-cffi; never a home-made KDF)."""

from __future__ import annotations

import os
from dataclasses import asdict, dataclass

from argon2.low_level import Type, hash_secret_raw


@dataclass(frozen=True)
class KdfParams:
    time_cost: int
    memory_kib: int
    parallelism: int

    def to_json(self) -> dict[str, int | str]:
        return {"name": "argon2id", **asdict(self)}

    @classmethod
    def from_json(cls, raw: dict[str, object]) -> KdfParams:
        """Parameters read from keyslots.json: anyone can edit that file, so values below the
        app's floor (a slot re-made cheap to guess) or absurdly high (a slot that takes all
        memory) are refused as damage, never used."""
        if raw.get("name") != "argon2id":
            raise ValueError("unknown kdf")
        params = cls(int(raw["time_cost"]), int(raw["memory_kib"]),  # type: ignore[call-overload]
                     int(raw["parallelism"]))  # type: ignore[call-overload]
        if not params.within_bounds():
            raise ValueError("kdf parameters out of bounds")
        return params

    def within_bounds(self) -> bool:
        return (FLOOR.time_cost <= self.time_cost <= CEILING.time_cost
                and FLOOR.memory_kib <= self.memory_kib <= CEILING.memory_kib
                and FLOOR.parallelism <= self.parallelism <= CEILING.parallelism)


# About 0.5 s on a 2-core PC (DESIGN.md §9 measured t=2, 256 MiB at 0.4 s).
STANDARD = KdfParams(time_cost=4, memory_kib=256 * 1024, parallelism=4)
# argon2-cffi's defaults: still the floor promised in DESIGN.md §8, used to keep tests quick.
FAST = KdfParams(time_cost=3, memory_kib=64 * 1024, parallelism=4)


# The least the app accepts from a key file (argon2-cffi's defaults, DESIGN.md §8), and the most.
FLOOR = KdfParams(time_cost=3, memory_kib=64 * 1024, parallelism=1)
CEILING = KdfParams(time_cost=64, memory_kib=4 * 1024 * 1024, parallelism=64)


def current_params() -> KdfParams:
    return FAST if os.environ.get("PSYROOM_KDF_PROFILE") == "fast" else STANDARD


def derive_key(secret: str, salt: bytes, params: KdfParams) -> bytes:
    return hash_secret_raw(
        secret.encode("utf-8"),
        salt,
        time_cost=params.time_cost,
        memory_cost=params.memory_kib,
        parallelism=params.parallelism,
        hash_len=32,
        type=Type.ID,
    )
