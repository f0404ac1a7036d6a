"""A migration that fails puts the pre-migration backup back (the backup side of it)."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

import cxdesk.storage.schema
from cxdesk.errors import MigrationFailedError
from cxdesk.storage.backup import list_backups
from cxdesk.storage.db import open_database
from cxdesk.storage.integrity import quick_check
from cxdesk.storage.schema import HEAD, database_revision

V1 = Path(__file__).parent.parent / "fixtures" / "schema_v1.db"


def table_dump(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


def test_failed_migration_restores_the_backup_taken_before(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "cxdesk.db"
    shutil.copy(V1, path)
    before = table_dump(path)
    real_upgrade = cxdesk.storage.schema.upgrade

    def upgrade_then_fail(target: Path, revision: str) -> None:
        real_upgrade(target, revision)  # the file is fully changed ...
        raise RuntimeError("power cut")  # ... and then the step counts as failed

    monkeypatch.setattr(cxdesk.storage.schema, "upgrade", upgrade_then_fail)
    with pytest.raises(MigrationFailedError):
        open_database(path)
    assert table_dump(path) == before
    assert quick_check(path).ok
    [backup] = list_backups(path)
    assert backup.reason == "before-migration-0001"
    assert table_dump(backup.path) == before

    monkeypatch.setattr(cxdesk.storage.schema, "upgrade", real_upgrade)
    open_database(path).close()
    assert database_revision(path)[1] == HEAD
    assert len(list_backups(path)) == 2  # each attempt backs up first
