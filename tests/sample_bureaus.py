"""The sample bureaus' keys in tests: built once per session, shared by every test.

``sample_bureaus`` (tests/conftest.py) holds the prefecture's and three counties' databases,
keys and key files (:mod:`cxdesk.sample.bureau_keys`).  A test opens a package as one of
those bureaus, signs as one, or gives a fresh bureau database its keys, with the helpers
below.
"""

from __future__ import annotations

from pathlib import Path

from cxdesk.exchange.encryption import DecryptionKeys, open_package
from cxdesk.exchange.keys import keys_dir
from cxdesk.exchange.verify import VerifiedPackage
from cxdesk.sample.bureau_keys import (
    PREFECTURE,
    SAMPLE_PASSPHRASE,
    adopt_sample_keys,
    register_county_key_file,
    sample_decryption_keys,
    sample_signer,
)
from cxdesk.services.bureaus import init_bureau
from cxdesk.storage.db import Database

#: The counties whose keys the session builds: the schools' fixture (楚雄市), and the
#: bureau tests' 牟定县 and 永仁县.
SAMPLE_COUNTIES = ("532301", "532323", "532327")

__all__ = [
    "PREFECTURE",
    "SAMPLE_COUNTIES",
    "SAMPLE_PASSPHRASE",
    "bureau_with_sample_keys",
    "open_as",
    "register_county_key_file",
    "sample_keys",
    "sample_signer",
]


def sample_keys(bureaus: Path, code: str) -> DecryptionKeys:
    """The decryption keys of the sample bureau ``code``."""
    return sample_decryption_keys(bureaus, code)


def open_as(bureaus: Path, code: str, package: VerifiedPackage) -> VerifiedPackage:
    """``package`` with its members decrypted by the sample bureau ``code``."""
    return open_package(package, sample_keys(bureaus, code))


def bureau_with_sample_keys(db: Database, bureaus: Path, *, role: str, code: str) -> Database:
    """Set the fresh database ``db`` up as the bureau ``code`` holding the sample's keys."""
    with db.transaction() as session:
        init_bureau(session, role=role, code=code)
        adopt_sample_keys(session, key_dir=keys_dir(Path(db.path)), out=bureaus, code=code)
    return db
