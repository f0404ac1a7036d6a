"""Writing a signed package: members, the manifest listing their hashes, its signature.

Every kind (a school's report, a county's report, a receipt, a return) is the same zip:
``manifest.json`` (the exact bytes that are signed), ``manifest.sig`` (the raw 64-byte
Ed25519 signature), ``sender.pem`` (the signer's public key) and the members the manifest
lists with their size and SHA-256.  See docs/package-format.md.
"""

from __future__ import annotations

import hashlib
import io
import os
import zipfile
from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from cxdesk import __version__
from cxdesk.exchange.encryption import Encryption
from cxdesk.exchange.keys import Signer
from cxdesk.exchange.manifest import (
    ENCRYPTED_KINDS,
    FORMAT_NAME,
    FORMAT_VERSION,
    MANIFEST_NAME,
    PUBLIC_KEY_NAME,
    SIGNATURE_NAME,
    Period,
    dump_manifest,
)


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def utc_now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


def build_manifest(
    *,
    kind: str,
    signer: Signer,
    sender_role: str,
    sender_code: str,
    sender_name: str,
    period: Period,
    sequence: int,
    members: Mapping[str, bytes],
    created_at: datetime | None = None,
    sender_county: str | None = None,
    extra: Mapping[str, Any] | None = None,
    encryption: Encryption | None = None,
    format_version: int = FORMAT_VERSION,
) -> dict[str, Any]:
    """The manifest object of a package (``extra``: figures, counts, subject, comments...).

    ``members`` are the bytes as stored (encrypted ones already encrypted); a format-2
    report or county report says in ``encryption`` to whom (or that it is not encrypted).
    A reply to a format-1 package is written in format 1, which its school can read.
    """
    if format_version >= 2 and kind in ENCRYPTED_KINDS and encryption is None:
        raise ValueError(f"a format-2 {kind} says whether and to whom it is encrypted")
    sender: dict[str, Any] = {
        "role": sender_role,
        "code": sender_code,
        "name": sender_name,
        "public_key": signer.public_key_b64,
        "fingerprint": signer.fingerprint,
    }
    if sender_county:
        sender["county"] = sender_county
    created = (created_at or utc_now()).astimezone(UTC).replace(microsecond=0)
    manifest: dict[str, Any] = {
        "format": FORMAT_NAME,
        "format_version": format_version,
        "kind": kind,
        "sender": sender,
        "period": period.to_json(),
        "sequence": sequence,
        "created_at": created.isoformat().replace("+00:00", "Z"),
        "cxdesk_version": __version__,
        "members": [
            {"name": name, "size": len(content), "sha256": sha256_hex(content)}
            for name, content in members.items()
        ],
    }
    if format_version >= 2 and encryption is not None:
        manifest["encryption"] = encryption.to_json()
    manifest.update(extra or {})
    return manifest


def package_bytes(manifest: dict[str, Any], members: Mapping[str, bytes], signer: Signer) -> bytes:
    """The zip file of a package: the manifest signed, the public key, the members."""
    manifest_bytes = dump_manifest(manifest)
    signature = signer.sign(manifest_bytes)
    when = datetime.fromisoformat(manifest["created_at"].replace("Z", "+00:00"))
    stamp = (max(when.year, 1980), when.month, when.day, when.hour, when.minute, when.second)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        entries = [
            (MANIFEST_NAME, manifest_bytes),
            (SIGNATURE_NAME, signature),
            (PUBLIC_KEY_NAME, signer.public_pem()),
            *members.items(),
        ]
        for name, content in entries:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, content)
    return buffer.getvalue()


def write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that a half-written file never has the final name
    (a USB stick pulled out, a power cut): a temporary name, fsync, then rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".part")
    with open(tmp, "wb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)
