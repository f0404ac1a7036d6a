"""Random damage to a file's bytes, for the fuzzing tests of packages and archives."""

from __future__ import annotations

from hypothesis import strategies as st

#: A piece of damage: what (flip a byte, insert, delete, cut the rest off), where, with what.
Edit = tuple[str, int, bytes]


def edits_of(data: bytes) -> st.SearchStrategy[Edit]:
    """Damage anywhere in ``data``."""
    return st.tuples(
        st.sampled_from(["flip", "insert", "delete", "truncate"]),
        st.integers(min_value=0, max_value=len(data) - 1),
        st.binary(min_size=1, max_size=8),
    )


def damage(original: bytes, edits: list[Edit]) -> bytes:
    """``original`` with ``edits`` done to it, one after the other."""
    data = bytearray(original)
    for kind, at, payload in edits:
        at %= max(len(data), 1)
        if kind == "flip" and data:
            data[at] ^= payload[0] or 1
        elif kind == "insert":
            data[at:at] = payload
        elif kind == "delete":
            del data[at : at + len(payload)]
        elif kind == "truncate":
            del data[at:]
    return bytes(data)
