"""This installation's Ed25519 key pair.

The private key is a PKCS8 PEM file in the ``keys`` folder beside the database, sealed
with a passphrase when the user chose one (:mod:`cxdesk.exchange.key_protection`: an age
passphrase-encrypted ``.pem.age`` file); the database records which key is current
(:class:`~cxdesk.models.SigningKey`), so a lost or replaced key leaves its fingerprint in
the history.  Its fingerprint, the text people read aloud, is
:mod:`cxdesk.exchange.fingerprints`.
"""

from __future__ import annotations

import base64
import os
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from cryptography.exceptions import UnsupportedAlgorithm
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from sqlalchemy import select
from sqlalchemy.orm import Session

from cxdesk.exchange.errors import SigningKeyError
from cxdesk.exchange.fingerprints import fingerprint_of
from cxdesk.exchange.key_protection import (
    SEALED_SUFFIX,
    WRONG_PASSPHRASE,
    PassphraseNeeded,
    known_passphrase,
    open_key_file,
    remember_passphrase,
    seal,
)
from cxdesk.i18n import Text
from cxdesk.models import SigningKey
from cxdesk.paths import PASSPHRASE_ENV

NO_KEY_FILE = Text(
    "找不到本机的签名密钥文件“{path}”。如果电脑或文件已丢失，请用“更换密钥”生成新密钥并重新备案。",
    "This installation's signing key file {path} is missing. If it was lost, replace the key "
    "(cxdesk key replace) and register the new fingerprint with the bureau.",
)
BAD_KEY_FILE = Text(
    "签名密钥文件“{path}”已损坏，无法使用。请更换密钥并重新备案。",
    "The signing key file {path} is damaged. Replace the key and register the new fingerprint.",
)
NEED_PASSPHRASE = Text(
    "签名密钥受密码保护，请输入密钥密码。",
    "The signing key is protected by a passphrase: please give the passphrase.",
)


def raw_public_key(public_key: Ed25519PublicKey) -> bytes:
    """The 32 bytes of an Ed25519 public key (RFC 8032), the input of the fingerprint."""
    return public_key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def public_key_from_b64(value: str) -> Ed25519PublicKey:
    return Ed25519PublicKey.from_public_bytes(base64.b64decode(value, validate=True))


@dataclass(frozen=True)
class Signer:
    """A loaded private key ready to sign, with its public half and fingerprint."""

    private_key: Ed25519PrivateKey
    public_raw: bytes
    fingerprint: str

    @classmethod
    def from_private_key(cls, key: Ed25519PrivateKey) -> Signer:
        raw = raw_public_key(key.public_key())
        return cls(key, raw, fingerprint_of(raw))

    @property
    def public_key_b64(self) -> str:
        return base64.b64encode(self.public_raw).decode("ascii")

    def public_pem(self) -> bytes:
        return self.private_key.public_key().public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        )

    def sign(self, data: bytes) -> bytes:
        return self.private_key.sign(data)


def keys_dir(db_path: Path) -> Path:
    """The folder of private keys: ``keys`` beside the database file."""
    return Path(db_path).resolve().parent / "keys"


def current_key(session: Session) -> SigningKey | None:
    """This installation's current key record, if one was created."""
    return session.scalars(
        select(SigningKey).where(SigningKey.retired_at.is_(None)).order_by(SigningKey.id.desc())
    ).first()


def create_key(session: Session, *, key_dir: Path, passphrase: str | None = None) -> SigningKey:
    """Create a new key pair, store the private key, and make it the current key.

    A previous current key is retired (its file stays, for the history); the bureau must
    be told to revoke its fingerprint.
    """
    key = Ed25519PrivateKey.generate()
    signer = Signer.from_private_key(key)
    file_name = _store_private_key(key_dir, signer, passphrase)
    now = datetime.now(UTC).replace(tzinfo=None)
    old = current_key(session)
    if old is not None:
        old.retired_at = now
    record = SigningKey(
        fingerprint=signer.fingerprint,
        public_key=signer.public_key_b64,
        file_name=file_name,
        encrypted=bool(passphrase),
        created_at=now,
    )
    session.add(record)
    session.flush()
    return record


def _store_private_key(key_dir: Path, signer: Signer, passphrase: str | None) -> str:
    """Write the private key, sealed with ``passphrase`` when one is given; its file name."""
    pem = signer.private_key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    file_name = f"signing-key-{signer.fingerprint}.pem"
    if passphrase:
        # A new name each time: the old file stays valid until the database points here.
        stamp = datetime.now(UTC).strftime("%Y%m%d%H%M%S")
        file_name = f"signing-key-{signer.fingerprint}-{stamp}.pem{SEALED_SUFFIX}"
        pem = seal(pem, passphrase)
        remember_passphrase(key_dir, passphrase)
    key_dir.mkdir(parents=True, exist_ok=True)
    write_private(key_dir / file_name, pem)
    return file_name


def protect_signing_key(
    session: Session, *, key_dir: Path, passphrase: str
) -> tuple[SigningKey, Path | None]:
    """Seal the current signing key (made now if there is none) with ``passphrase``.

    Its old passphrase, if it had one, must be known (given before, in the session or the
    keyring).  Returns the record and the old file, which the caller removes once the
    transaction pointing at the new file has committed.
    """
    record = current_key(session)
    if record is None:
        return create_key(session, key_dir=key_dir, passphrase=passphrase), None
    signer = load_signer(session, key_dir=key_dir)
    old = key_dir / record.file_name
    record.file_name = _store_private_key(key_dir, signer, passphrase)
    record.encrypted = True
    session.flush()
    return record, (old if old.name != record.file_name else None)


def write_private(path: Path, pem: bytes) -> None:
    """Write the key readable by its owner only, durably (it cannot be made again)."""
    tmp = path.with_suffix(".part")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        os.write(fd, pem)
        os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(tmp, path)


def ensure_key(session: Session, *, key_dir: Path, passphrase: str | None = None) -> SigningKey:
    """The current key, created now if this installation has none yet."""
    return current_key(session) or create_key(session, key_dir=key_dir, passphrase=passphrase)


def load_signer(session: Session, *, key_dir: Path, passphrase: str | None = None) -> Signer:
    """The current private key, ready to sign; creates it on first need (unprotected
    unless a passphrase is given, or ``CXDESK_KEY_PASSPHRASE`` is set).  A protected key
    is opened with the first passphrase :func:`~cxdesk.exchange.key_protection.
    known_passphrase` finds, and stays open for the session."""
    if current_key(session) is None:
        passphrase = passphrase or os.environ.get(PASSPHRASE_ENV) or None
    record = ensure_key(session, key_dir=key_dir, passphrase=passphrase)
    path = key_dir / record.file_name
    if not path.exists():
        raise SigningKeyError(NO_KEY_FILE(path=path))
    pem = open_key_file(path, given=passphrase)
    legacy = b"-----BEGIN ENCRYPTED PRIVATE KEY-----" in pem[:100]
    password: str | None = None
    if legacy:  # a key protected by an earlier cxdesk: a passphrase-encrypted PEM
        password = known_passphrase(key_dir, passphrase)
        if password is None:
            raise PassphraseNeeded(NEED_PASSPHRASE())
    try:
        key = serialization.load_pem_private_key(
            pem, password=password.encode("utf-8") if password else None
        )
    except (ValueError, TypeError, UnsupportedAlgorithm) as exc:
        if legacy:
            raise SigningKeyError(WRONG_PASSPHRASE()) from exc
        raise SigningKeyError(BAD_KEY_FILE(path=path)) from exc
    if password:
        remember_passphrase(key_dir, password)
    if not isinstance(key, Ed25519PrivateKey):
        raise SigningKeyError(BAD_KEY_FILE(path=path))
    signer = Signer.from_private_key(key)
    if signer.fingerprint != record.fingerprint:
        raise SigningKeyError(BAD_KEY_FILE(path=path))
    return signer
