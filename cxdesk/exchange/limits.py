"""How large each kind of package may be, decided before the file is read whole.

A school's report package, a receipt or a return is small; only a county package (at the
prefecture) may be large.  Which limits apply is decided from the file's own end record
and its manifest's ``kind``, read from the file without loading it: the file's size and
its entry count are checked against the limits of that kind first, and only then is the
file read (within those limits) and verified.  A file that claims to be a county package
to get the larger limits is verified as one, and refused if it is not.

The limits per kind are documented in docs/package-format.md ("Limits").
"""

from __future__ import annotations

import io
import json
import zipfile
import zlib
from collections.abc import Iterable
from pathlib import Path
from typing import BinaryIO

from cxdesk.exchange.archive import (
    END_RECORD_SPAN,
    MIB,
    TOO_BIG_FILE,
    TOO_MANY_ENTRIES,
    UNREADABLE,
    Limits,
    check_end_record,
)
from cxdesk.exchange.errors import refuse
from cxdesk.exchange.manifest import KINDS, MANIFEST_NAME
from cxdesk.exchange.strict_json import MAX_MANIFEST_BYTES

#: A school's report package: one workbook and the three fixed entries.
SCHOOL_PACKAGE_LIMITS = Limits(
    max_file_bytes=64 * MIB, max_entries=16, max_member_bytes=48 * MIB, max_total_bytes=64 * MIB
)
#: A receipt or a return: no member, a manifest of comments.
REPLY_LIMITS = Limits(
    max_file_bytes=8 * MIB, max_entries=8, max_member_bytes=4 * MIB, max_total_bytes=8 * MIB
)
#: A county package holds up to a few hundred school packages of well under 1 MB each.
COUNTY_PACKAGE_LIMITS = Limits(
    max_file_bytes=512 * MIB,
    max_entries=2_100,
    max_member_bytes=48 * MIB,
    max_total_bytes=512 * MIB,
)
KIND_LIMITS: dict[str, Limits] = {
    "report": SCHOOL_PACKAGE_LIMITS,
    "receipt": REPLY_LIMITS,
    "return": REPLY_LIMITS,
    "county-report": COUNTY_PACKAGE_LIMITS,
}
#: A package whose key the bureau does not know is kept, waiting for the clerk, only up to
#: this size: a stranger gets no free storage.
UNTRUSTED_HELD_MAX_BYTES = 16 * MIB


def widest(kinds: Iterable[str]) -> Limits:
    """The largest of each limit over ``kinds``: the bound before the kind is known."""
    chosen = [KIND_LIMITS[k] for k in kinds]
    return Limits(
        max_file_bytes=max(x.max_file_bytes for x in chosen),
        max_entries=max(x.max_entries for x in chosen),
        max_member_bytes=max(x.max_member_bytes for x in chosen),
        max_total_bytes=max(x.max_total_bytes for x in chosen),
    )


def peek_kind(stream: BinaryIO) -> str | None:
    """The ``kind`` the manifest in the zip ``stream`` states, unverified (None: unclear).

    Only a hint for choosing limits: the package is verified afterwards as that kind.
    The caller has bounded the central directory already (:func:`check_end_record`).
    """
    try:
        with zipfile.ZipFile(stream) as archive:
            info = archive.getinfo(MANIFEST_NAME)
            if info.file_size > MAX_MANIFEST_BYTES:
                return None
            with archive.open(info) as member:
                raw = member.read(MAX_MANIFEST_BYTES + 1)
        data = json.loads(raw[:MAX_MANIFEST_BYTES].decode("utf-8"))
    except (KeyError, zipfile.BadZipFile, zlib.error, EOFError, ValueError, NotImplementedError):
        return None
    except (RuntimeError, OSError):  # encrypted entry, unreadable stream
        return None
    kind = data.get("kind") if isinstance(data, dict) else None
    return kind if isinstance(kind, str) and kind in KINDS else None


def choose_limits(stream: BinaryIO, size: int, kinds: tuple[str, ...]) -> tuple[Limits, str | None]:
    """The limits for the package in ``stream`` (``size`` bytes), and the kind it states.

    Refuses, before the file is read, a file larger or with more entries than the
    widest limits of ``kinds`` allow, and then than the limits of its own kind.
    """
    outer = widest(kinds)
    if size > outer.max_file_bytes:
        raise refuse("too_large", TOO_BIG_FILE, size=size, limit=outer.max_file_bytes)
    stream.seek(max(0, size - END_RECORD_SPAN))
    entries = check_end_record(stream.read(END_RECORD_SPAN), outer)
    stream.seek(0)
    kind = peek_kind(stream)
    stream.seek(0)
    if kind not in kinds:
        # Not one of the kinds wanted (the verifier will say so), or no readable manifest:
        # the strictest limits of the kinds wanted.
        limits = min((KIND_LIMITS[k] for k in kinds), key=lambda x: x.max_file_bytes)
        kind = None
    else:
        limits = KIND_LIMITS[kind]
    if size > limits.max_file_bytes:
        raise refuse("too_large", TOO_BIG_FILE, size=size, limit=limits.max_file_bytes)
    if entries > limits.max_entries:
        raise refuse("too_many_entries", TOO_MANY_ENTRIES, count=entries, limit=limits.max_entries)
    return limits, kind


def limits_for_bytes(data: bytes, kinds: tuple[str, ...]) -> tuple[Limits, str | None]:
    """:func:`choose_limits` for a package already in memory (one inside a county package)."""
    return choose_limits(io.BytesIO(data), len(data), kinds)


def read_package_file(path: Path, kinds: tuple[str, ...]) -> tuple[bytes, Limits, str | None]:
    """The file's bytes with the limits of its kind, checked before the file is read whole."""
    try:
        with open(path, "rb") as f:
            size = f.seek(0, io.SEEK_END)
            limits, kind = choose_limits(f, size, kinds)
            data = f.read(size + 1)  # read(n) reserves n bytes: the size, not the limit
    except OSError as exc:
        raise refuse("unreadable", UNREADABLE, path=path, reason=exc.strerror or exc) from exc
    if len(data) > limits.max_file_bytes:  # the file grew while it was read
        raise refuse("too_large", TOO_BIG_FILE, size=len(data), limit=limits.max_file_bytes)
    return data, limits, kind
