"""Fixtures of the shipping tests: a school database with data, and ways to damage it."""

from __future__ import annotations

from pathlib import Path

import pytest

from cxdesk.storage.db import Database


def damage(path: Path) -> None:
    """Overwrite the middle of the file with garbage, as a failing disk or a cut copy does."""
    for suffix in ("-wal", "-shm"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)
    data = bytearray(path.read_bytes())
    page = 4096
    for start in range(page, len(data), page * 2):
        data[start : start + page] = b"\xa5" * min(page, len(data) - start)
    path.write_bytes(bytes(data))


@pytest.fixture
def school_file(school_db: Database) -> Path:
    """A closed database file of a set-up school (everything checkpointed into the file)."""
    path = school_db.path
    school_db.close()
    return path
