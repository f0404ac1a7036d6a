"""Key continuity without paper: a key-change statement signed by the key it replaces.

When a school (or a bureau) replaces its key while the old one is still in its hands (a
new PC, a routine change), ``key replace`` signs a statement with the *old* key naming
the new one.  Every package signed by the new key carries the chain of such statements
that ends at it (``key-change-1.json`` / ``key-change-1.sig``, … oldest first, at most
:data:`MAX_CHAIN`), so that a bureau that still trusts an older key of the sender can
follow the chain and accept the new key without a new stamped form.  The stamped form
remains the way back when a key is lost: no statement can be made then.

A statement is canonical JSON (the manifest's serialisation) with ``format``
``cxdesk-key-change``; its signature is the raw 64-byte Ed25519 signature by the old key.
Everything an outsider needs to check one with OpenSSL is in docs/package-format.md.
"""

from __future__ import annotations

import base64
import binascii
import itertools
import json
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature
from sqlalchemy import select
from sqlalchemy.orm import Session

from cxdesk.exchange.errors import SigningKeyError
from cxdesk.exchange.fingerprints import fingerprint_of
from cxdesk.exchange.keys import Signer, create_key, current_key, load_signer, public_key_from_b64
from cxdesk.exchange.manifest import dump_manifest
from cxdesk.exchange.verify import VerifiedPackage
from cxdesk.i18n import Message, Text
from cxdesk.models import SigningKey

STATEMENT_FORMAT = "cxdesk-key-change"
STATEMENT_VERSION = 1
#: At most this many statements travel (a chain of key changes since the one a bureau knows).
MAX_CHAIN = 4
_MEMBER = re.compile(r"key-change-([1-9])\.(json|sig)")
_B64_KEY = re.compile(r"[A-Za-z0-9+/]{43}=")

BAD_STATEMENT = Text(
    "上报包中的换钥声明无效（{reason}），不能据此更换密钥。",
    "The key-change statement in the package is not valid ({reason}); the key cannot be "
    "changed on its strength.",
)
NO_OLD_KEY = Text(
    "原密钥无法使用（{reason}），未能写换钥声明：教育局需要新的盖章备案表才能接收新密钥的上报包。",
    "The old key cannot be used ({reason}), so no key-change statement was written: the "
    "bureau needs the new stamped registration form before it takes packages signed by the "
    "new key.",
)


@dataclass(frozen=True)
class KeyChange:
    """One checked link: ``old`` (30 digits) vouches for ``new`` since ``created_at``."""

    code: str
    role: str
    old_fingerprint: str
    new_fingerprint: str
    new_public_key: bytes
    created_at: datetime


@dataclass(frozen=True)
class KeyReplacement:
    """What ``key replace`` did: the new key, and whether the old one vouched for it."""

    record: SigningKey
    old_fingerprint: str | None
    statement: bool
    #: Why no statement could be written (the old key's file lost, its passphrase wrong).
    why_not: Message | None = None


def make_statement(
    *, old: Signer, new: Signer, role: str, code: str, created_at: datetime | None = None
) -> tuple[bytes, bytes]:
    """The statement's exact bytes and the old key's signature over them."""
    when = (created_at or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
    data = {
        "format": STATEMENT_FORMAT,
        "format_version": STATEMENT_VERSION,
        "sender": {"role": role, "code": code},
        "old_public_key": old.public_key_b64,
        "old_fingerprint": old.fingerprint,
        "new_public_key": new.public_key_b64,
        "new_fingerprint": new.fingerprint,
        "created_at": when.isoformat().replace("+00:00", "Z"),
    }
    raw = dump_manifest(data)
    return raw, old.sign(raw)


def replace_key(
    session: Session,
    *,
    key_dir: Path,
    role: str,
    code: str,
    passphrase: str | None = None,
    old_passphrase: str | None = None,
) -> KeyReplacement:
    """Make a new key the current one; the old one, when it can still sign, vouches for it.

    ``old_passphrase`` unlocks the old key (default: ``passphrase``, then the
    environment as for every signature).  The old key is retired either way.
    """
    old_record = current_key(session)
    old_signer: Signer | None = None
    why_not: Message | None = None
    if old_record is not None:
        try:
            old_signer = load_signer(
                session, key_dir=key_dir, passphrase=old_passphrase or passphrase
            )
        except SigningKeyError as exc:
            why_not = NO_OLD_KEY(reason=exc.message)
    record = create_key(session, key_dir=key_dir, passphrase=passphrase)
    if old_signer is not None:
        new_signer = load_signer(session, key_dir=key_dir, passphrase=passphrase)
        raw, signature = make_statement(old=old_signer, new=new_signer, role=role, code=code)
        record.change_statement = raw.decode("utf-8")
        record.change_signature = base64.b64encode(signature).decode("ascii")
        session.flush()
    return KeyReplacement(
        record,
        old_record.fingerprint if old_record is not None else None,
        old_signer is not None,
        why_not,
    )


def statement_members(session: Session) -> dict[str, bytes]:
    """The chain of statements that ends at the current key, as package members."""
    record = current_key(session)
    chain: list[SigningKey] = []
    while record is not None and record.change_statement and len(chain) < MAX_CHAIN:
        chain.append(record)
        old = json.loads(record.change_statement).get("old_fingerprint")
        record = session.scalars(select(SigningKey).where(SigningKey.fingerprint == old)).first()
    members: dict[str, bytes] = {}
    for n, link in enumerate(reversed(chain), start=1):
        assert link.change_statement is not None and link.change_signature is not None
        members[f"key-change-{n}.json"] = link.change_statement.encode("utf-8")
        members[f"key-change-{n}.sig"] = base64.b64decode(link.change_signature)
    return members


class StatementError(ValueError):
    """A statement in a package that cannot be trusted; ``message`` says why."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.message = BAD_STATEMENT(reason=reason)


def read_chain(package: VerifiedPackage) -> list[KeyChange]:
    """The statements the package carries, each checked and linked to the next, the last
    naming the package's own key; [] when it carries none.  Raises StatementError."""
    numbers = sorted({int(m.group(1)) for n in package.members if (m := _MEMBER.fullmatch(n))})
    if not numbers:
        return []
    if numbers != list(range(1, len(numbers) + 1)) or len(numbers) > MAX_CHAIN:
        raise StatementError("numbering")
    chain = [_read_link(package, n) for n in numbers]
    for before, after in itertools.pairwise(chain):
        if before.new_fingerprint != after.old_fingerprint:
            raise StatementError("broken chain")
    sender = package.manifest.sender
    for link in chain:
        if link.code != sender.code or link.role != sender.role:
            raise StatementError("another sender")
    if chain[-1].new_fingerprint != package.fingerprint:
        raise StatementError("not this package's key")
    return chain


def _read_link(package: VerifiedPackage, n: int) -> KeyChange:
    raw = package.members.get(f"key-change-{n}.json")
    signature = package.members.get(f"key-change-{n}.sig")
    if raw is None or signature is None or len(raw) > 4096 or len(signature) != 64:
        raise StatementError(f"key-change-{n}")
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise StatementError(f"key-change-{n}.json") from None
    if not isinstance(data, dict) or dump_manifest(data) != raw:
        raise StatementError(f"key-change-{n}.json")
    fields = _fields(data)
    if fields is None:
        raise StatementError(f"key-change-{n}.json")
    old_key, new_key, code, role, created = fields
    try:
        public_key_from_b64(old_key).verify(signature, raw)
        new_raw = base64.b64decode(new_key, validate=True)
        old_raw = base64.b64decode(old_key, validate=True)
    except (InvalidSignature, ValueError, binascii.Error):
        raise StatementError(f"key-change-{n}.sig") from None
    if fingerprint_of(old_raw) != data["old_fingerprint"]:
        raise StatementError(f"key-change-{n}: old_fingerprint")
    if fingerprint_of(new_raw) != data["new_fingerprint"]:
        raise StatementError(f"key-change-{n}: new_fingerprint")
    return KeyChange(code, role, data["old_fingerprint"], data["new_fingerprint"], new_raw, created)


def _fields(data: dict[str, Any]) -> tuple[str, str, str, str, datetime] | None:
    if data.get("format") != STATEMENT_FORMAT or data.get("format_version") != STATEMENT_VERSION:
        return None
    sender = data.get("sender")
    old_key, new_key = data.get("old_public_key"), data.get("new_public_key")
    if not (
        isinstance(sender, dict)
        and isinstance(sender.get("code"), str)
        and isinstance(sender.get("role"), str)
        and isinstance(old_key, str)
        and isinstance(new_key, str)
        and _B64_KEY.fullmatch(old_key)
        and _B64_KEY.fullmatch(new_key)
        and isinstance(data.get("old_fingerprint"), str)
        and isinstance(data.get("new_fingerprint"), str)
        and isinstance(data.get("created_at"), str)
    ):
        return None
    try:
        created = datetime.fromisoformat(str(data["created_at"]).replace("Z", "+00:00"))
    except ValueError:
        return None
    return old_key, new_key, str(sender["code"]), str(sender["role"]), created


def link_from(chain: list[KeyChange], fingerprint: str) -> list[KeyChange] | None:
    """The part of ``chain`` that starts at the key ``fingerprint`` (None: not in it)."""
    for n, link in enumerate(chain):
        if link.old_fingerprint == fingerprint:
            return chain[n:]
    return None
