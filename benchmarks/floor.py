"""The floor of collecting: what any collector must do with each package, and nothing more.

For each package file: read it, unzip every member, SHA-256 of the file and of every
member, the Ed25519 signature over the manifest checked with the sender's public key, the
encrypted members (format 2: ``workbook.xlsx.age``, ``details.json.age``) decrypted with the
bureau's age identity, and python-calamine (Rust calamine, the fastest maintained xlsx reader for Python) reading
every cell of every sheet of the workbook.  No checks, no database.  Collect is compared
with this, measured in the same run (issue 16: the former reference, openpyxl's read-only
parse alone, was itself 15 times this floor).
"""

from __future__ import annotations

import hashlib
import io
import zipfile
from collections.abc import Iterable, Sequence
from pathlib import Path

import pyrage
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import load_pem_public_key
from python_calamine import CalamineWorkbook

from cxdesk.exchange.encryption import ENCRYPTED_SUFFIX
from cxdesk.exchange.manifest import MANIFEST_NAME, PUBLIC_KEY_NAME, SIGNATURE_NAME
from cxdesk.exchange.workbook_check import WORKBOOK_NAME


def read_package(path: Path, identities: Sequence[pyrage.x25519.Identity] = ()) -> int:
    """One package through the floor; the number of cells read (so nothing is skipped).

    ``identities``: the bureau's age identities, for a format-2 package's encrypted members.
    """
    data = path.read_bytes()
    hashlib.sha256(data).digest()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        members = {info.filename: archive.read(info) for info in archive.infolist()}
    for content in members.values():
        hashlib.sha256(content).digest()
    key = load_pem_public_key(members[PUBLIC_KEY_NAME])
    assert isinstance(key, Ed25519PublicKey)
    key.verify(members[SIGNATURE_NAME], members[MANIFEST_NAME])  # raises if it does not hold
    for name in [n for n in members if n.endswith(ENCRYPTED_SUFFIX)]:
        members[name[: -len(ENCRYPTED_SUFFIX)]] = bytes(
            pyrage.decrypt(members.pop(name), list(identities))
        )
    cells = 0
    with CalamineWorkbook.from_filelike(io.BytesIO(members[WORKBOOK_NAME])) as book:
        for name in book.sheet_names:
            for row in book.get_sheet_by_name(name).iter_rows():
                cells += len(row)
    return cells


def read_floor(packages: Iterable[Path], identities: Sequence[pyrage.x25519.Identity] = ()) -> int:
    """Every package through the floor (decrypting with ``identities``); the cells read."""
    return sum(read_package(Path(p), identities) for p in packages)


def openpyxl_floor(workbooks: Iterable[Path]) -> None:
    """The former reference: openpyxl opens each workbook read-only and reads every cell."""
    import openpyxl

    for path in workbooks:
        book = openpyxl.load_workbook(path, read_only=True)
        for sheet in book.worksheets:
            for _ in sheet.iter_rows(values_only=True):
                pass
        book.close()
