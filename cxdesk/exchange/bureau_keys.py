"""A bureau's own keys as one thing: set up, protected, opened once per session.

A county or prefecture bureau has a signing key (receipts, returns, county packages, its
key file) and a decryption key (the packages schools encrypt to it).  Both are sealed with
one passphrase, which the clerk types once per session or keeps in the system keyring
(:mod:`cxdesk.exchange.key_protection`).  What a bureau must back up, and why losing the
decryption key loses no collected data, is in docs/bureau.md ("Keys and backups").
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from sqlalchemy.orm import Session

from cxdesk.exchange.decryption_keys import (
    all_encryption_keys,
    create_encryption_key,
    current_encryption_key,
    load_decryption_keys,
    reseal_encryption_keys,
)
from cxdesk.exchange.encryption import DecryptionKeys
from cxdesk.exchange.key_protection import (
    check_new_passphrase,
    forget_keyring_passphrase,
    is_sealed,
    keyring_passphrase,
    known_passphrase,
    remember_passphrase,
    save_keyring_passphrase,
)
from cxdesk.exchange.keys import current_key, load_signer, protect_signing_key
from cxdesk.services.bureaus import own_bureau


@dataclass(frozen=True)
class KeySetup:
    """What :func:`protect_bureau_keys` did; ``leftovers`` are the unprotected (or
    old-passphrase) files to remove once its transaction has committed."""

    signing_fingerprint: str
    encryption_key: str
    in_keyring: bool
    leftovers: tuple[Path, ...] = field(default=())

    def remove_leftovers(self) -> None:
        """Overwrite, then delete, the files the new ones replace."""
        for path in self.leftovers:
            with contextlib.suppress(OSError):
                size = path.stat().st_size
                with open(path, "r+b") as f:
                    f.write(b"\0" * size)
                    f.flush()
                    os.fsync(f.fileno())
                path.unlink()


@dataclass(frozen=True)
class KeyStatus:
    """What the bureau's key page shows."""

    signing_fingerprint: str | None
    signing_protected: bool
    encryption_key: str | None
    encryption_created: datetime | None
    replaced_encryption_keys: int
    in_keyring: bool

    @property
    def ready(self) -> bool:
        """Keys made and protected: the key file can be exported."""
        return self.encryption_key is not None and self.signing_protected


def _sealed(path: Path) -> bool:
    try:
        with open(path, "rb") as f:
            return is_sealed(f.read(64))
    except OSError:
        return False


def key_status(session: Session, *, key_dir: Path) -> KeyStatus:
    own_bureau(session)
    signing = current_key(session)
    encryption = current_encryption_key(session)
    return KeyStatus(
        signing_fingerprint=signing.fingerprint if signing else None,
        signing_protected=bool(signing and _sealed(key_dir / signing.file_name)),
        encryption_key=encryption.public_key if encryption else None,
        encryption_created=encryption.created_at if encryption else None,
        replaced_encryption_keys=max(0, len(all_encryption_keys(session)) - 1),
        in_keyring=keyring_passphrase(key_dir) is not None,
    )


def protect_bureau_keys(
    session: Session, *, key_dir: Path, passphrase: str, keyring: bool = False
) -> KeySetup:
    """Make the bureau's keys where missing and seal them all with ``passphrase``.

    Used to set the keys up, to protect a signing key made by an earlier cxdesk, and to
    change the passphrase (the old one must be known: typed before in this session, or in
    the keyring).  With ``keyring`` the passphrase is also kept in the system keyring
    (refused quietly where there is none: ``in_keyring`` says what happened).
    """
    own_bureau(session)
    check_new_passphrase(passphrase)
    leftovers: list[Path] = []
    signing, old = protect_signing_key(session, key_dir=key_dir, passphrase=passphrase)
    if old is not None:
        leftovers.append(old)
    if current_encryption_key(session) is None:
        create_encryption_key(session, key_dir=key_dir, passphrase=passphrase)
    else:
        leftovers += reseal_encryption_keys(session, key_dir=key_dir, passphrase=passphrase)
    encryption = current_encryption_key(session)
    assert encryption is not None
    remember_passphrase(key_dir, passphrase)
    in_keyring = save_keyring_passphrase(key_dir, passphrase) if keyring else False
    if not keyring:
        forget_keyring_passphrase(key_dir)
    return KeySetup(signing.fingerprint, encryption.public_key, in_keyring, tuple(leftovers))


def needs_passphrase(session: Session, *, key_dir: Path) -> bool:
    """Whether the bureau's keys are sealed and no passphrase is known for this session."""
    if known_passphrase(key_dir) is not None:
        return False
    signing = current_key(session)
    files = [key_dir / k.file_name for k in all_encryption_keys(session)[:1]]
    if signing is not None:
        files.append(key_dir / signing.file_name)
    return any(_sealed(p) for p in files)


def unlock_bureau_keys(session: Session, *, key_dir: Path, passphrase: str | None = None) -> None:
    """Open the signing and decryption keys (checks the passphrase; it is kept for the
    session).  Raises a :class:`~cxdesk.exchange.errors.SigningKeyError` when it is wrong."""
    if current_key(session) is not None:
        load_signer(session, key_dir=key_dir, passphrase=passphrase)
    load_decryption_keys(session, key_dir=key_dir, passphrase=passphrase)
    if passphrase:
        remember_passphrase(key_dir, passphrase)


def bureau_decryption_keys(session: Session, *, key_dir: Path) -> DecryptionKeys:
    """The keys to open received packages with (none: the bureau has not set them up)."""
    if current_encryption_key(session) is None:
        return DecryptionKeys()
    return load_decryption_keys(session, key_dir=key_dir)
