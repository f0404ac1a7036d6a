"""The school's export of its report package as one user action, for the desktop app and
the command line alike: the signing key opened (made on first need) and the package
written, its outbox copy and its log entry stored, in one transaction."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from cxdesk.exchange.export import ExportResult, export_report, outbox_dir
from cxdesk.exchange.keys import keys_dir, load_signer
from cxdesk.services.setup import own_school
from cxdesk.storage.changes import Changes, changes_of

if TYPE_CHECKING:
    from cxdesk.storage.db import Database


@dataclass(frozen=True)
class SchoolExport:
    """What an export wrote, the fingerprint of the key that signed it (30 digits), and
    the tables it changed."""

    result: ExportResult
    fingerprint: str
    changes: Changes


def export_school_package(
    db: Database,
    *,
    period_label: str,
    out_dir: Path,
    passphrase: str | None = None,
    correction: bool = False,
    unencrypted: bool = False,
) -> SchoolExport:
    """Export this school's package of ``period_label`` into ``out_dir``.

    ``passphrase`` opens a protected signing key (None: the environment, the session or
    the keyring; see :func:`~cxdesk.exchange.keys.load_signer`).  Refused, with nothing
    written, when the installation is not a school's that is set up, when the checks
    block the export, or when a correction is not confirmed (``correction``).
    """
    with db.transaction() as session:
        own_school(session)  # before a key is made for an installation not set up
        signer = load_signer(session, key_dir=keys_dir(db.path), passphrase=passphrase)
        result = export_report(
            session,
            period_label=period_label,
            out_dir=out_dir,
            outbox=outbox_dir(db.path),
            signer=signer,
            correction=correction,
            unencrypted=unencrypted,
        )
    return SchoolExport(result, signer.fingerprint, changes_of(session))
