"""This bureau's decryption keys: X25519 key pairs in age's format, passphrase-protected.

The private half is an age identity file (``AGE-SECRET-KEY-1…`` with the public key in a
comment) sealed with the bureau's passphrase, ``keys/decryption-key-<…>.age``: ``age -d -i``
reads it as it is, asking the passphrase.  The database lists every key the bureau ever
had (:class:`~cxdesk.models.EncryptionKey`); a replaced key is kept, so packages encrypted
to it stay readable.  Data already collected does not need any key: it is in the database.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from pathlib import Path

import pyrage
from sqlalchemy import select
from sqlalchemy.orm import Session

from cxdesk.exchange.encryption import DecryptionKeys
from cxdesk.exchange.errors import SigningKeyError
from cxdesk.exchange.key_protection import open_key_file, seal
from cxdesk.exchange.keys import write_private
from cxdesk.i18n import Text
from cxdesk.models import EncryptionKey

log = logging.getLogger(__name__)

IDENTITY_PREFIX = "AGE-SECRET-KEY-1"

BAD_IDENTITY = Text(
    "解密密钥文件“{path}”已损坏或与记录不符。请从备份中恢复 keys 文件夹。",
    "The decryption key file {path} is damaged or does not match the record. Restore the "
    "keys folder from a backup.",
)


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None, microsecond=0)


def current_encryption_key(session: Session) -> EncryptionKey | None:
    """The key schools encrypt to now (None: this bureau has not set its keys up)."""
    return session.scalars(
        select(EncryptionKey)
        .where(EncryptionKey.retired_at.is_(None))
        .order_by(EncryptionKey.id.desc())
    ).first()


def all_encryption_keys(session: Session) -> list[EncryptionKey]:
    """Every key, the current one first, then the replaced ones from the newest."""
    rows = session.scalars(select(EncryptionKey).order_by(EncryptionKey.id.desc())).all()
    return sorted(rows, key=lambda k: k.retired_at is not None)


def identity_text(identity: pyrage.x25519.Identity, created: datetime) -> bytes:
    """An age identity file, as ``age-keygen`` writes it."""
    public = str(identity.to_public())
    return (f"# created: {created.isoformat()}Z\n# public key: {public}\n{identity}\n").encode(
        "ascii"
    )


def create_encryption_key(session: Session, *, key_dir: Path, passphrase: str) -> EncryptionKey:
    """A new key pair sealed with ``passphrase``; it becomes the current key (the previous
    one is kept, retired, for the packages already encrypted to it)."""
    identity = pyrage.x25519.Identity.generate()
    public = str(identity.to_public())
    now = _now()
    file_name = _file_name(public, now)
    key_dir.mkdir(parents=True, exist_ok=True)
    write_private(key_dir / file_name, seal(identity_text(identity, now), passphrase))
    old = current_encryption_key(session)
    if old is not None:
        old.retired_at = now
    record = EncryptionKey(public_key=public, file_name=file_name, created_at=now)
    session.add(record)
    session.flush()
    return record


def _file_name(public: str, created: datetime) -> str:
    """``decryption-key-<created>-<start of the public key>-<sealed at>.age``."""
    return f"decryption-key-{created:%Y%m%d}-{public[4:14]}-{_now():%Y%m%d%H%M%S}.age"


def _identity(path: Path, record: EncryptionKey, passphrase: str | None) -> pyrage.x25519.Identity:
    text = open_key_file(path, given=passphrase).decode("ascii", errors="replace")
    lines = [line.strip() for line in text.splitlines() if line.startswith(IDENTITY_PREFIX)]
    try:
        identity = pyrage.x25519.Identity.from_str(lines[0]) if len(lines) == 1 else None
    except pyrage.IdentityError:
        identity = None
    if identity is None or str(identity.to_public()) != record.public_key:
        raise SigningKeyError(BAD_IDENTITY(path=path))
    return identity


def load_decryption_keys(
    session: Session, *, key_dir: Path, passphrase: str | None = None
) -> DecryptionKeys:
    """Every decryption key of this bureau, opened (the passphrase is asked for once per
    session: :func:`~cxdesk.exchange.key_protection.known_passphrase`).

    A replaced key whose file is gone is left out (its packages cannot be opened; the data
    collected from them is in the database); the current key's file must be there.
    """
    identities = []
    recipients = set()
    for n, record in enumerate(all_encryption_keys(session)):
        path = key_dir / record.file_name
        if n > 0 and not path.exists():
            log.warning("replaced decryption key file %s is missing", path.name)
            continue
        identities.append(_identity(path, record, passphrase))
        recipients.add(record.public_key)
    return DecryptionKeys(tuple(identities), frozenset(recipients))


def reseal_encryption_keys(session: Session, *, key_dir: Path, passphrase: str) -> list[Path]:
    """Seal every decryption key file again with a new ``passphrase`` (the old one must be
    known).  Returns the old files to remove once the transaction has committed."""
    leftovers = []
    for record in all_encryption_keys(session):
        path = key_dir / record.file_name
        if not path.exists():
            continue
        identity = _identity(path, record, None)
        new_name = _file_name(record.public_key, record.created_at)
        if new_name == record.file_name:
            continue  # sealed this very second: nothing to change
        sealed = seal(identity_text(identity, record.created_at), passphrase)
        write_private(key_dir / new_name, sealed)
        leftovers.append(path)
        record.file_name = new_name
    session.flush()
    return leftovers
