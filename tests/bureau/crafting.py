"""Crafting real packages for the trust tests: re-signed, edited, re-exported, signed by
keys made here or by a school's own key (a stolen key is the school's key).

Every package made here is a real cxdesk package: a zip with the manifest, its Ed25519
signature by the key named, the public key and the members with their hashes.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy.orm import Session

from cxdesk.exchange.bureau_keyfile import export_encryption
from cxdesk.exchange.export import export_report, outbox_dir
from cxdesk.exchange.keys import Signer, keys_dir, load_signer
from cxdesk.exchange.package import package_bytes
from cxdesk.exchange.verify import verify_package_bytes
from cxdesk.sample.prefecture import SchoolPlan
from cxdesk.sample.prefecture_build import school_db_path
from cxdesk.storage.db import Database, open_database


def new_signer() -> Signer:
    """A key made here: a second installation, a stranger, a thief's own key."""
    return Signer.from_private_key(Ed25519PrivateKey.generate())


def school_copy(root: Path, plan: SchoolPlan, workdir: Path, name: str = "") -> Path:
    """A copy of the school's installation (database and keys): its database path."""
    source = school_db_path(root, plan).parent
    target = workdir / f"school-{plan.code}{name}"
    if not target.exists():
        shutil.copytree(source, target)
    return target / "cxdesk.db"


def school_signer(root: Path, plan: SchoolPlan) -> Signer:
    """The school's own private key (what a thief of its laptop has)."""
    db = open_database(school_db_path(root, plan))
    try:
        with db.reading() as session:
            return load_signer(session, key_dir=keys_dir(db.path))
    finally:
        db.close()


def export_from(
    db_path: Path, out: Path, change: Callable[[Session, Database], Any] | None = None
) -> Path:
    """Change the school's data (or key), then export its next package with its key."""
    db = open_database(db_path)
    try:
        if change is not None:
            with db.transaction() as session:
                change(session, db)
        out.mkdir(parents=True, exist_ok=True)
        with db.transaction() as session:
            signer = load_signer(session, key_dir=keys_dir(db.path))
            # A school moved to a county whose key file it never registered exports
            # unencrypted (as a bureau may explicitly allow); the others encrypt.
            result = export_report(
                session,
                period_label="2026",
                out_dir=out,
                outbox=outbox_dir(db.path),
                signer=signer,
                unencrypted=export_encryption(session) is None,
            )
    finally:
        db.close()
    return result.path


def recraft(
    data: bytes,
    signer: Signer,
    *,
    manifest: Callable[[dict[str, Any]], None] | None = None,
    members: Callable[[dict[str, bytes]], None] | None = None,
) -> bytes:
    """``data`` (a package) with its manifest and members changed, signed by ``signer``."""
    package = verify_package_bytes(data)
    content = json.loads(package.manifest_bytes)
    files = dict(package.members)
    if members is not None:
        members(files)
    if manifest is not None:
        manifest(content)
    content["sender"]["public_key"] = signer.public_key_b64
    content["sender"]["fingerprint"] = signer.fingerprint
    from cxdesk.exchange.package import sha256_hex

    content["members"] = [
        {"name": name, "size": len(body), "sha256": sha256_hex(body)}
        for name, body in files.items()
    ]
    return package_bytes(content, files, signer)


def write(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path
