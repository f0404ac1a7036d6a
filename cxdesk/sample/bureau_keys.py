"""The sample prefecture's bureaus set up their keys first, as real bureaus must.

Before a school can export (format 2 encrypts to its county and the prefecture), the
prefecture bureau sets its keys up and writes its key file; each county registers that
file, sets its own keys up and writes its key file, which carries the prefecture's key to
the schools.  :func:`ensure_sample_bureaus` does that once into the sample's folder; the
bureau databases it makes are the ones the chain later collects with.

The sample's bureau keys are protected by :data:`SAMPLE_PASSPHRASE` (printed by ``cxdesk
demo --prefecture``; a real bureau chooses its own).  :func:`adopt_sample_keys` gives a new
bureau database the keys of a sample bureau, as a bureau's keys come back from a backup
onto a new database: tests and benchmarks collect the sample's packages with it.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

if TYPE_CHECKING:
    from cxdesk.exchange.encryption import DecryptionKeys
    from cxdesk.exchange.keys import Signer

PREFECTURE = "532300"
SAMPLE_PASSPHRASE = "cxdesk 示例教育局密钥"
KEY_FILES_DIR = "bureau-keys"


def bureau_db_path(out: Path, code: str) -> Path:
    """The sample bureau database of ``code`` (a county's, or the prefecture's)."""
    if code == PREFECTURE:
        return Path(out) / "prefecture.db"
    return Path(out) / "counties" / code / "county.db"


def key_file_path(out: Path, code: str) -> Path:
    return Path(out) / KEY_FILES_DIR / f"{code}.cxkey"


def _set_up(out: Path, role: str, code: str) -> None:
    """One bureau: its database, keys protected, the prefecture's file registered (a
    county), its own key file written."""
    from cxdesk.exchange.bureau_keyfile import (
        build_key_file,
        read_key_file_at,
        register_key_file,
    )
    from cxdesk.exchange.bureau_keys import protect_bureau_keys
    from cxdesk.exchange.keys import keys_dir, load_signer
    from cxdesk.exchange.package import write_atomically
    from cxdesk.services.bureaus import init_bureau
    from cxdesk.storage.db import open_database

    path = bureau_db_path(out, code)
    if path.parent.exists() and path.parent != Path(out):
        shutil.rmtree(path.parent)
    for stale in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        stale.unlink(missing_ok=True)
    db = open_database(path)
    try:
        key_dir = keys_dir(path)
        with db.transaction() as session:
            init_bureau(session, role=role, code=code)
            if role == "county":
                prefecture = key_file_path(out, PREFECTURE)
                # The clerk types the fingerprint from the prefecture's stamped notice.
                typed = read_key_file_at(prefecture).fingerprint
                register_key_file(session, data=prefecture.read_bytes(), fingerprint=typed)
            protect_bureau_keys(session, key_dir=key_dir, passphrase=SAMPLE_PASSPHRASE)
        with db.reading() as session:
            signer = load_signer(session, key_dir=key_dir)
            data, _key_file = build_key_file(session, signer=signer)
        write_atomically(key_file_path(out, code), data)
    finally:
        db.close()


def _set_up_county(args: tuple[Path, str]) -> str:
    out, county = args
    _set_up(out, "county", county)
    return county


def ensure_sample_bureaus(out: Path, counties: Iterable[str], *, workers: int = 1) -> None:
    """The prefecture and ``counties`` with their keys and key files (made once)."""
    out = Path(out)
    if not key_file_path(out, PREFECTURE).exists():
        _set_up(out, "prefecture", PREFECTURE)
    missing = [(out, c) for c in dict.fromkeys(counties) if not key_file_path(out, c).exists()]
    if workers > 1 and len(missing) > 1:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        context = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
            list(pool.map(_set_up_county, missing))
    else:
        for job in missing:
            _set_up_county(job)


def register_county_key_file(session: Session, out: Path, county: str) -> None:
    """A sample school registers its county's key file, fingerprint typed from the notice."""
    from cxdesk.exchange.bureau_keyfile import read_key_file_at, register_key_file

    path = key_file_path(out, county)
    typed = read_key_file_at(path).fingerprint
    register_key_file(session, data=path.read_bytes(), fingerprint=typed)


def sample_decryption_keys(out: Path, code: str) -> DecryptionKeys:
    """The decryption keys of the sample bureau ``code`` (to open its packages)."""
    from cxdesk.exchange.decryption_keys import load_decryption_keys
    from cxdesk.exchange.keys import keys_dir
    from cxdesk.storage.db import open_database

    path = bureau_db_path(out, code)
    db = open_database(path)
    try:
        with db.reading() as session:
            return load_decryption_keys(
                session, key_dir=keys_dir(path), passphrase=SAMPLE_PASSPHRASE
            )
    finally:
        db.close()


def sample_signer(out: Path, code: str) -> Signer:
    """The signing key of the sample bureau ``code`` (to sign as it)."""
    from cxdesk.exchange.keys import keys_dir, load_signer
    from cxdesk.storage.db import open_database

    path = bureau_db_path(out, code)
    db = open_database(path)
    try:
        with db.reading() as session:
            return load_signer(session, key_dir=keys_dir(path), passphrase=SAMPLE_PASSPHRASE)
    finally:
        db.close()


def adopt_sample_keys(session: Session, *, key_dir: Path, out: Path, code: str) -> None:
    """Give the (just initialised) bureau of ``session`` the sample bureau ``code``'s keys:
    its signing and decryption keys, the key files it registered, their trust; and open
    them for this session."""
    from cxdesk.exchange.bureau_keys import unlock_bureau_keys
    from cxdesk.exchange.keys import keys_dir
    from cxdesk.models import BureauKey, EncryptionKey, SigningKey, TrustedKey
    from cxdesk.storage.db import open_database

    source = bureau_db_path(out, code)
    source_keys = keys_dir(source)
    db = open_database(source)
    try:
        with db.reading() as theirs:
            for model in (SigningKey, EncryptionKey, BureauKey, TrustedKey):
                query = select(model)
                if model is TrustedKey:  # the bureaus' keys, not the schools' it collected
                    query = query.where(TrustedKey.role != "school")
                for row in theirs.scalars(query):
                    values = {c.key: getattr(row, c.key) for c in model.__table__.columns}
                    values.pop("id")
                    session.add(model(**values))
    finally:
        db.close()
    key_dir.mkdir(parents=True, exist_ok=True)
    for file in source_keys.iterdir():
        shutil.copy2(file, key_dir / file.name)
    session.flush()
    unlock_bureau_keys(session, key_dir=key_dir, passphrase=SAMPLE_PASSPHRASE)
