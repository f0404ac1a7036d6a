"""Opening a received package at a bureau: is it for us, and its members in the clear.

A format-2 package is verified (signature, every encrypted member's hash) before any of
this; :func:`encryption_problem` then refuses, before anything is stored, a package this
bureau could never open (not encrypted to it) or one the prefecture could not re-verify;
:func:`open_received` decrypts it with the bureau's keys (opened once per session,
:mod:`cxdesk.exchange.bureau_keys`) when its data is taken.  Format-1 packages (old
schools, old received files) pass through unchanged.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from cxdesk.exchange.bureau_keys import bureau_decryption_keys
from cxdesk.exchange.encryption import (
    DETAILS_NAME,
    NOT_FOR_US,
    DecryptionKeys,
    Details,
    open_package,
    parse_details,
    recipient_names,
    require_recipient,
)
from cxdesk.exchange.errors import PackageError
from cxdesk.exchange.keys import keys_dir
from cxdesk.exchange.verify import VerifiedPackage
from cxdesk.i18n import Message
from cxdesk.models import EncryptionKey
from cxdesk.services.bureau_identity import Bureau
from cxdesk.storage.db import Database


def encryption_problem(
    session: Session, bureau: Bureau, package: VerifiedPackage
) -> Message | None:
    """Why this bureau must refuse the package at once, or None."""
    encryption = package.manifest.encryption
    if encryption is None or not encryption.encrypted:
        return None
    ours = session.info.get(_OURS)
    if not isinstance(ours, frozenset):  # looked up once per session: asked for every package
        ours = frozenset(session.connection().execute(_public_keys()).scalars())
        session.info[_OURS] = ours
    if not ours & {r.public_key for r in encryption.recipients}:
        return NOT_FOR_US(names=recipient_names(encryption))
    if not bureau.is_prefecture and package.manifest.kind == "report":
        try:
            require_recipient(encryption, "prefecture")
        except PackageError as exc:
            return exc.message
    return None


_OURS = "cxdesk.encryption_public_keys"


@functools.cache
def _public_keys() -> Select[str]:
    return select(EncryptionKey.public_key)  # built once: asked for every package


@dataclass(frozen=True)
class Opened:
    """A received package with its members in the clear, and what format 2 adds."""

    package: VerifiedPackage
    details: Details | None

    @property
    def school_findings(self) -> list[Any] | None:
        """The soft findings the school listed (with its explanations), if any."""
        if self.details is not None:
            return self.details.findings
        value = self.package.manifest.data.get("findings")  # format 1: in the manifest
        return value if isinstance(value, list) else None

    @property
    def record_secret(self) -> str | None:
        return self.details.record_secret if self.details is not None else None


def open_received(
    session: Session, db: Database, package: VerifiedPackage, *, keys: DecryptionKeys | None = None
) -> Opened:
    """Decrypt the package with this bureau's keys (``keys``, when the caller has them
    already); raises PackageError when it cannot."""
    encryption = package.manifest.encryption
    if keys is None and encryption is not None and encryption.encrypted:
        keys = bureau_decryption_keys(session, key_dir=keys_dir(Path(db.path)))
    return open_with_keys(package, keys)


def open_with_keys(package: VerifiedPackage, keys: DecryptionKeys | None) -> Opened:
    """:func:`open_received` with this bureau's keys in hand (no database needed)."""
    encryption = package.manifest.encryption
    if encryption is not None and encryption.encrypted:
        package = open_package(package, keys)
    details = None
    if package.manifest.format_version >= 2 and package.manifest.kind == "report":
        details = parse_details(package.members.get(DETAILS_NAME))
    return Opened(package, details)
