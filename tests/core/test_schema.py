"""Schema migrations: fresh files, the v1 fixture upgraded, newer files refused, failures undone."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory

from cxdesk.errors import DatabaseError, DatabaseTooNewError, MigrationFailedError
from cxdesk.models import Base
from cxdesk.storage import schema
from cxdesk.storage.backup import BACKUP_DIRNAME
from cxdesk.storage.db import Database, open_database
from cxdesk.storage.sqlite_engine import create_sqlite_engine

FIXTURE_V1 = Path(__file__).parents[1] / "fixtures" / "schema_v1.db"


def _script() -> ScriptDirectory:
    config = Config()
    config.set_main_option("script_location", str(schema.MIGRATIONS_DIR))
    return ScriptDirectory.from_config(config)


def _rows(path: Path) -> dict[str, list[dict[str, object]]]:
    """Every row of every table (but alembic's), as column -> value, in rowid order."""
    conn = sqlite3.connect(path)
    conn.row_factory = sqlite3.Row
    try:
        tables = [
            r[0]
            for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type='table' "
                "AND name NOT LIKE 'sqlite_%' AND name != 'alembic_version' ORDER BY name"
            )
        ]
        return {
            t: [dict(r) for r in conn.execute(f'SELECT * FROM "{t}" ORDER BY rowid')]
            for t in tables
        }
    finally:
        conn.close()


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_revisions_are_alembics_in_order() -> None:
    script = _script()
    in_order = [rev.revision for rev in script.walk_revisions()][::-1]
    assert list(schema.REVISIONS) == in_order
    assert script.get_current_head() == schema.HEAD
    # Each revision follows the one before it: one straight line, no branches.
    for before, after in zip(schema.REVISIONS, schema.REVISIONS[1:], strict=False):
        assert script.get_revision(after).down_revision == before


def test_the_migrations_make_exactly_the_models(db_path: Path) -> None:
    open_database(db_path).close()
    engine = create_sqlite_engine(db_path)
    try:
        with engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={"compare_type": True})
            assert compare_metadata(context, Base.metadata) == []
    finally:
        engine.dispose()


def test_each_migration_runs_on_its_own(tmp_path: Path) -> None:
    """Upgrading one revision at a time gives the same schema as upgrading at once."""
    stepwise, at_once = tmp_path / "stepwise.db", tmp_path / "at_once.db"
    for revision in schema.REVISIONS:
        schema.upgrade(stepwise, revision)
        assert schema.database_revision(stepwise) == (True, revision)
    schema.upgrade(at_once, schema.HEAD)

    def ddl(path: Path) -> list[tuple[str, list[str]]]:
        conn = sqlite3.connect(path)
        try:
            rows = conn.execute("SELECT name, sql FROM sqlite_master WHERE sql NOT NULL")
            # A table rebuilt by alembic's batch mode lists its constraints in no fixed
            # order: the lines are compared as a set, their order means nothing to SQLite.
            return sorted(
                (name, sorted(line.strip().rstrip(",").strip() for line in sql.split("\n")))
                for name, sql in rows
            )
        finally:
            conn.close()

    assert ddl(stepwise) == ddl(at_once)


def test_the_v1_fixture_upgrades_with_nothing_lost(tmp_path: Path) -> None:
    fixture_hash = _sha256(FIXTURE_V1)
    path = tmp_path / "school.db"
    shutil.copyfile(FIXTURE_V1, path)
    assert schema.database_revision(path) == (True, "0001")
    before = _rows(path)
    assert sum(len(rows) for rows in before.values()) >= 10  # the fixture holds real data

    db = open_database(path)
    db.close()

    assert schema.database_revision(path) == (True, schema.HEAD)
    after = _rows(path)
    for table, rows in before.items():
        kept = [{column: row[column] for column in rows[0]} for row in after[table]] if rows else []
        assert kept == rows, table
    # What the fixture holds, by name, as a user would look for it.
    assert [r["name"] for r in after["counselor"]] == ["张丽", "李明"]
    assert [r["area_tenths"] for r in after["counselling_room"]] == [286, 625]
    assert len(after["attendance"]) == 2 and len(after["certificate"]) == 2
    # A backup of the old file was taken before the migration; the fixture is untouched.
    backups = list((tmp_path / BACKUP_DIRNAME).glob("school-before-migration-0001-*.db"))
    assert len(backups) == 1
    assert _rows(backups[0]) == before
    assert _sha256(FIXTURE_V1) == fixture_hash


def test_a_database_from_a_newer_cxdesk_is_refused_untouched(db_path: Path) -> None:
    open_database(db_path).close()
    conn = sqlite3.connect(db_path)
    conn.execute("UPDATE alembic_version SET version_num = '9999'")
    conn.commit()
    conn.close()
    untouched = db_path.read_bytes()
    with pytest.raises(DatabaseTooNewError) as caught:
        open_database(db_path)
    assert caught.value.message.text is schema.TOO_NEW
    assert "9999" in caught.value.render("zh") and "文件未作任何改动" in caught.value.render("zh")
    assert "newer cxdesk" in caught.value.render("en")
    assert db_path.read_bytes() == untouched
    assert not (db_path.parent / BACKUP_DIRNAME).exists() or not any(
        (db_path.parent / BACKUP_DIRNAME).iterdir()
    )


def test_another_programs_sqlite_file_is_refused_untouched(db_path: Path) -> None:
    conn = sqlite3.connect(db_path)
    conn.execute("CREATE TABLE songs (id INTEGER PRIMARY KEY, title TEXT)")
    conn.execute("INSERT INTO songs VALUES (1, '小河淌水')")
    conn.commit()
    conn.close()
    untouched = db_path.read_bytes()
    with pytest.raises(DatabaseError) as caught:
        open_database(db_path)
    assert "不是 cxdesk 数据库" in caught.value.render("zh")
    assert db_path.read_bytes() == untouched


def test_a_file_that_is_not_a_database_gives_a_plain_message(db_path: Path) -> None:
    db_path.write_text("姓名,身份证号\n张丽,532301198503120026\n", encoding="utf-8")
    untouched = db_path.read_bytes()
    with pytest.raises(DatabaseError) as caught:
        open_database(db_path)
    message = caught.value.render("zh")
    assert str(db_path) in message
    assert "Traceback" not in message and "sqlite3" not in message
    assert db_path.read_bytes() == untouched


FAILING_REVISION = '''"""a migration that fails half-way

Revision ID: 9001
Revises: {down}
"""

from alembic import op

revision = "9001"
down_revision = "{down}"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Damage the data and make it stick (as a non-transactional step would), then fail:
    # only the backup taken before the migration can put the data back.
    op.execute("DELETE FROM counselor")
    op.execute("UPDATE school SET name = 'broken'")
    op.execute("COMMIT")
    raise RuntimeError("disk full while rebuilding a table")


def downgrade() -> None:
    pass
'''


def test_a_failing_migration_restores_the_backup(
    tmp_path: Path, school_db: Database, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from cxdesk.services.counselors import add_counselor
    from tests.core.helpers import counselor

    with school_db.transaction() as session:
        add_counselor(session, school_id=1, data=counselor())
    school_db.close()
    before = _rows(db_path)

    migrations = tmp_path / "migrations"
    shutil.copytree(schema.MIGRATIONS_DIR, migrations, ignore=shutil.ignore_patterns("__pycache__"))
    (migrations / "versions" / "9001_fails.py").write_text(
        FAILING_REVISION.format(down=schema.HEAD), encoding="utf-8"
    )
    monkeypatch.setattr(schema, "MIGRATIONS_DIR", migrations)
    monkeypatch.setattr(schema, "REVISIONS", (*schema.REVISIONS, "9001"))
    monkeypatch.setattr(schema, "HEAD", "9001")

    with pytest.raises(MigrationFailedError) as caught:
        open_database(db_path)
    assert "disk full while rebuilding a table" in caught.value.render("en")
    assert "备份已恢复" in caught.value.render("zh")

    monkeypatch.undo()
    assert schema.database_revision(db_path) == (True, schema.HEAD)
    assert _rows(db_path) == before
    backups = list((db_path.parent / BACKUP_DIRNAME).glob(f"*before-migration-{schema.HEAD}-*.db"))
    assert len(backups) == 1
    # The restored file opens normally with the real migrations.
    open_database(db_path).close()


OPEN_AND_REPORT = """
import sys
from pathlib import Path
from cxdesk.storage.db import open_database
from cxdesk.errors import UserError
try:
    open_database(Path(sys.argv[1])).close()
    print("ok")
except UserError as exc:
    print(exc.render("en").splitlines()[0])
"""


@pytest.mark.parametrize("start", ["v1", "fresh"])
def test_processes_starting_at_once_upgrade_once(tmp_path: Path, start: str) -> None:
    """The GUI and a command started together on an old (or new) file: both open it."""
    import subprocess
    import sys

    path = tmp_path / "school.db"
    if start == "v1":
        shutil.copyfile(FIXTURE_V1, path)
        before = _rows(path)
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", OPEN_AND_REPORT, str(path)], stdout=subprocess.PIPE, text=True
        )
        for _ in range(3)
    ]
    outputs = [p.communicate(timeout=120)[0].strip() for p in processes]
    assert outputs == ["ok"] * 3
    assert schema.database_revision(path) == (True, schema.HEAD)
    if start == "v1":
        after = _rows(path)
        for table, rows in before.items():
            assert len(after[table]) == len(rows), table
