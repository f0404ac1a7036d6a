"""Checking a package before anything in it is used.

:func:`verify_package` reads the file into memory within hard limits (archive.py), then
checks, in this order and before any workbook is parsed: the manifest is strict JSON of a
known format version; the public key in ``sender.pem`` is the one the manifest names; the
Ed25519 signature over the manifest's exact bytes; that the zip holds exactly the members
the manifest lists, each with its size and SHA-256.  Any failure raises a
:class:`~cxdesk.exchange.errors.PackageError` with a one-line reason.  Whether the key is
*trusted* is a separate question (trust.py): an intact package from an unknown key is
verified, then held.
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidSignature, UnsupportedAlgorithm
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import (
    Encoding,
    PublicFormat,
    load_pem_public_key,
)

from cxdesk.exchange.archive import Limits, read_file_bounded, read_zip
from cxdesk.exchange.errors import refuse
from cxdesk.exchange.fingerprints import fingerprint_of, format_fingerprint
from cxdesk.exchange.keys import raw_public_key
from cxdesk.exchange.limits import SCHOOL_PACKAGE_LIMITS, limits_for_bytes, read_package_file
from cxdesk.exchange.manifest import (
    FIXED_NAMES,
    KINDS,
    MANIFEST_NAME,
    PUBLIC_KEY_NAME,
    SIGNATURE_NAME,
    Manifest,
    check_format,
    parse_manifest,
)
from cxdesk.exchange.strict_json import load_manifest_json
from cxdesk.i18n import Text, current_language

DEFAULT_LIMITS = SCHOOL_PACKAGE_LIMITS

MISSING_ENTRY = Text(
    "上报包缺少“{name}”，不完整，已拒收。",
    "The package lacks {name}: it is incomplete; refused.",
)
BAD_PUBLIC_KEY = Text(
    "上报包中的公钥（sender.pem）无效，已拒收。",
    "The public key in the package (sender.pem) is not valid; refused.",
)
KEY_MISMATCH = Text(
    "上报包中的公钥与清单中记录的发送方公钥不一致，已拒收。",
    "The public key in the package does not match the sender's key in the manifest; refused.",
)
BAD_SIGNATURE = Text(
    "签名验证失败：清单在签名后被改动过，或文件已损坏，已拒收。",
    "The signature does not match: the manifest was changed after signing, or the file is "
    "damaged; refused.",
)
UNLISTED_MEMBER = Text(
    "上报包中含有清单未列出的条目“{name}”，已拒收。",
    "The package holds an entry {name!r} that the manifest does not list; refused.",
)
MISSING_MEMBER = Text(
    "上报包缺少清单列出的条目“{name}”，已拒收。",
    "The package lacks the entry {name!r} that the manifest lists; refused.",
)
MEMBER_CHANGED = Text(
    "上报包中的“{name}”与签名时不一致（SHA-256 不符），文件被改动过或已损坏，已拒收。",
    "The entry {name!r} is not what was signed (SHA-256 mismatch): the file was changed or "
    "is damaged; refused.",
)
WRONG_KIND = Text(
    "这个文件是{found}，不是{expected}。",
    "This file is a {found}, not a {expected}.",
)
KIND_NAMES = {
    "report": ("学校上报包", "school report package"),
    "county-report": ("县级上报包", "county report package"),
    "receipt": ("回执", "receipt"),
    "return": ("退回通知", "return for correction"),
}


@dataclass(frozen=True)
class VerifiedPackage:
    """A package whose signature and every member were checked; not yet trusted.

    ``fingerprint`` is the sender key's (30 digits); look it up with
    :func:`cxdesk.exchange.trust.trust_status`.  ``members`` holds every member's bytes
    (already hashed and compared); ``file_sha256`` identifies the file itself.
    """

    manifest: Manifest
    manifest_bytes: bytes
    signature: bytes
    members: dict[str, bytes]
    fingerprint: str
    public_key: bytes
    file_sha256: str
    file_size: int
    file_name: str

    @property
    def fingerprint_display(self) -> str:
        return format_fingerprint(self.fingerprint)

    def to_json(self) -> dict[str, object]:
        m = self.manifest
        return {
            "ok": True,
            "file": self.file_name,
            "kind": m.kind,
            "sender": {"role": m.sender.role, "code": m.sender.code, "name": m.sender.name},
            "period": m.period.label,
            "sequence": m.sequence,
            "created_at": m.created_at.isoformat(),
            "fingerprint": self.fingerprint_display,
            "file_sha256": self.file_sha256,
            "members": [{"name": x.name, "size": x.size, "sha256": x.sha256} for x in m.members],
            "figures": m.figures,
            "format_version": m.format_version,
            "encryption": m.encryption.to_json() if m.encryption else None,
        }


def verify_package(
    path: Path,
    *,
    limits: Limits | None = None,
    kinds: tuple[str, ...] | None = None,
) -> VerifiedPackage:
    """Read and check the package at ``path``; ``kinds`` restricts what it may be.

    Without ``limits``, those of the kind the package states (limits.py), checked before
    the file is read whole.
    """
    if limits is None:
        data, limits, kind = read_package_file(Path(path), kinds or KINDS)
        kinds = (kind,) if kind is not None else kinds
    else:
        data = read_file_bounded(Path(path), limits.max_file_bytes)
    return verify_package_bytes(data, limits=limits, kinds=kinds, file_name=Path(path).name)


def verify_package_bytes(
    data: bytes,
    *,
    limits: Limits | None = None,
    kinds: tuple[str, ...] | None = None,
    file_name: str = "",
) -> VerifiedPackage:
    """:func:`verify_package` on a file already in memory (a package inside a package)."""
    if limits is None:
        limits, kind = limits_for_bytes(data, kinds or KINDS)
        kinds = (kind,) if kind is not None else kinds
    entries = read_zip(data, limits)
    for name in FIXED_NAMES:
        if name not in entries:
            raise refuse("missing_entry", MISSING_ENTRY, name=name)
    manifest_bytes = entries[MANIFEST_NAME]
    data_obj = load_manifest_json(manifest_bytes)
    check_format(data_obj)
    public_key = _public_key(entries[PUBLIC_KEY_NAME])
    raw = raw_public_key(public_key)
    sender = data_obj.get("sender")
    named_key = sender.get("public_key") if isinstance(sender, dict) else None
    if not isinstance(named_key, str) or named_key != base64.b64encode(raw).decode("ascii"):
        raise refuse("key_mismatch", KEY_MISMATCH)
    signature = entries[SIGNATURE_NAME]
    try:
        if len(signature) != 64:
            raise InvalidSignature
        public_key.verify(signature, manifest_bytes)
    except InvalidSignature:
        raise refuse("signature", BAD_SIGNATURE) from None
    manifest = parse_manifest(data_obj)
    fingerprint = fingerprint_of(raw)
    if manifest.sender.fingerprint != fingerprint:
        raise refuse("key_mismatch", KEY_MISMATCH)
    _check_members(manifest, entries)
    if kinds is not None and manifest.kind not in kinds:
        raise refuse(
            "wrong_kind",
            WRONG_KIND,
            found=_kind_name(manifest.kind),
            expected=" / ".join(_kind_name(k) for k in kinds),
        )
    members = {m.name: entries[m.name] for m in manifest.members}
    return VerifiedPackage(
        manifest=manifest,
        manifest_bytes=manifest_bytes,
        signature=signature,
        members=members,
        fingerprint=fingerprint,
        public_key=raw,
        file_sha256=hashlib.sha256(data).hexdigest(),
        file_size=len(data),
        file_name=file_name,
    )


def _kind_name(kind: str) -> str:
    zh, en = KIND_NAMES.get(kind, (kind, kind))
    return en if current_language() == "en" else zh


def _public_key(pem: bytes) -> Ed25519PublicKey:
    if len(pem) > 1024:
        raise refuse("public_key", BAD_PUBLIC_KEY)
    try:
        key = load_pem_public_key(pem)
    except (ValueError, TypeError, UnsupportedAlgorithm):
        raise refuse("public_key", BAD_PUBLIC_KEY) from None
    if not isinstance(key, Ed25519PublicKey):
        raise refuse("public_key", BAD_PUBLIC_KEY)
    # Exactly the canonical encoding, so that every byte of every entry is checked.
    canonical = key.public_bytes(Encoding.PEM, PublicFormat.SubjectPublicKeyInfo)
    if pem != canonical:
        raise refuse("public_key", BAD_PUBLIC_KEY)
    return key


def canonical_public_key(pem: bytes) -> Ed25519PublicKey:
    """The Ed25519 key of a PEM that is exactly its canonical encoding (else refused)."""
    return _public_key(pem)


def _check_members(manifest: Manifest, entries: dict[str, bytes]) -> None:
    listed = {m.name for m in manifest.members}
    for name in entries:
        if name not in listed and name not in FIXED_NAMES:
            raise refuse("unlisted_member", UNLISTED_MEMBER, name=name)
    for member in manifest.members:
        content = entries.get(member.name)
        if content is None:
            raise refuse("missing_member", MISSING_MEMBER, name=member.name)
        if len(content) != member.size or hashlib.sha256(content).hexdigest() != member.sha256:
            raise refuse("member_hash", MEMBER_CHANGED, name=member.name)
