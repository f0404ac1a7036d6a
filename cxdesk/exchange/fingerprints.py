"""The fingerprint people read aloud, as text: made from a public key, printed, typed.

The fingerprint (docs/package-format.md, "Fingerprint"): SHA-256 of the raw 32-byte
public key; its first 30 bytes as six 5-byte big-endian numbers, each taken modulo 100000
and written as 5 digits: ``12345 67890 13579 24680 11223 34455``.  Nothing here needs
cryptography, so that a listing of fingerprints (``cxdesk trust list``, ``held list``)
does not import it (issue 16); the key pair itself is :mod:`cxdesk.exchange.keys`.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

from cxdesk.errors import InputError
from cxdesk.i18n import Text

FINGERPRINT_GROUPS = 6
FINGERPRINT_DIGITS = 5 * FINGERPRINT_GROUPS

BAD_FINGERPRINT = Text(
    "指纹“{value}”无效：应为 30 位数字（6 组，每组 5 位），请按备案表逐位输入。",
    "The fingerprint {value!r} is not valid: it has 30 digits (6 groups of 5); type it from "
    "the registration form.",
)


def fingerprint_of(raw_key: bytes) -> str:
    """The 30 digits of a public key's fingerprint, without spaces."""
    digest = hashlib.sha256(raw_key).digest()
    groups = (
        int.from_bytes(digest[5 * i : 5 * i + 5], "big") % 100_000
        for i in range(FINGERPRINT_GROUPS)
    )
    return "".join(f"{g:05d}" for g in groups)


def format_fingerprint(digits: str) -> str:
    """``"123456789…"`` as ``"12345 67890 …"``: how it is printed and read aloud."""
    return " ".join(digits[i : i + 5] for i in range(0, len(digits), 5))


def parse_fingerprint(text: str) -> str:
    """A fingerprint as typed (spaces, dashes, full-width digits allowed) as 30 digits."""
    cleaned = re.sub(r"[\s\-_.,，、]", "", unicodedata.normalize("NFKC", text or ""))
    if len(cleaned) != FINGERPRINT_DIGITS or not cleaned.isascii() or not cleaned.isdigit():
        raise InputError(BAD_FINGERPRINT(value=text))
    return cleaned
