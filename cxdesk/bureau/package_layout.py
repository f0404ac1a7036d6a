"""Where packages live: the suffix of a package file, the bureau's package store, and the
members of a county package.

Shared by the collector, the intake, the held list and the county package's writer and
reader; it imports nothing of the bureau.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cxdesk.storage.db import Database

PACKAGE_SUFFIX = ".cxpkg"
#: The package store: beside the bureau's database, one folder per period.
STORE_DIRNAME = "received"
#: A county package's members (cxdesk.bureau.county): the county's index of its schools'
#: packages, its register, and the folder of the school packages themselves.
SCHOOLS_INDEX = "schools.json"
REGISTER_MEMBER = "register.json"
SCHOOLS_FOLDER = "schools/"


def store_dir(db: Database) -> Path:
    """The package store of the bureau database ``db``."""
    return Path(db.path).resolve().parent / STORE_DIRNAME


def resolved_store_dir(db: Database) -> Path:
    """:func:`store_dir`, every link in it followed: where the files really go (resolved
    once per database, not for every package a collect stores)."""
    return _resolved(str(db.path))


@functools.lru_cache(maxsize=16)
def _resolved(db_path: str) -> Path:
    return (Path(db_path).resolve().parent / STORE_DIRNAME).resolve()
