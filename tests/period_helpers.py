"""Helpers of the period tests: a school's export and the county bureau's receipt for it."""

from __future__ import annotations

from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from cxdesk.exchange.keys import Signer
from cxdesk.exchange.replies import Party, receive_file, subject_of, write_receipt
from cxdesk.exchange.school_export import export_school_package
from cxdesk.exchange.verify import verify_package
from cxdesk.storage.db import Database

#: The county bureau of the test schools (楚雄市), with a key of its own.
BUREAU = Party("county", "532301", "楚雄市教育体育局")


def export(db: Database, period: str, out: Path, *, correction: bool = False) -> Path:
    """The school exports ``period`` into ``out`` (a correction when told).

    The period tests' schools have no bureau key file: their packages are exported
    unencrypted, as the bureau may explicitly allow (encryption: tests/exchange)."""
    out.mkdir(parents=True, exist_ok=True)
    done = export_school_package(
        db, period_label=period, out_dir=out, correction=correction, unencrypted=True
    )
    return done.result.path


def receipt_for(package: Path, out: Path, bureau_signer: Signer | None = None) -> Path:
    """The county bureau's signed receipt for ``package``, written into ``out``."""
    signer = bureau_signer or Signer.from_private_key(Ed25519PrivateKey.generate())
    subject, period = subject_of(verify_package(package))
    out.mkdir(parents=True, exist_ok=True)
    return write_receipt(out, signer=signer, bureau=BUREAU, subject=subject, period=period)


def accept(db: Database, package: Path, out: Path, bureau_signer: Signer) -> None:
    """The bureau accepts ``package`` and the school imports the receipt."""
    path = receipt_for(package, out, bureau_signer)
    with db.transaction() as session:
        receive_file(session, path=path)
