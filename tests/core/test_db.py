"""Opening the SQLite file: the durability PRAGMAs on every connection, transactions."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Connection, text

from cxdesk.paths import DB_FILENAME
from cxdesk.storage.db import Database, open_database
from cxdesk.storage.schema import HEAD, database_revision
from cxdesk.storage.sqlite_engine import BUSY_TIMEOUT_MS


def _pragmas(conn: Connection) -> dict[str, object]:
    run = conn.exec_driver_sql
    return {
        "foreign_keys": run("PRAGMA foreign_keys").scalar(),
        "journal_mode": run("PRAGMA journal_mode").scalar(),
        "synchronous": run("PRAGMA synchronous").scalar(),
        "busy_timeout": run("PRAGMA busy_timeout").scalar(),
    }


EXPECTED = {
    "foreign_keys": 1,
    "journal_mode": "wal",
    "synchronous": 2,  # FULL: a commit that was reported survives a power cut
    "busy_timeout": BUSY_TIMEOUT_MS,
}


def test_every_connection_has_the_durable_pragmas(db: Database) -> None:
    # Two connections at once, so the pool has to make a second one.
    with db.engine.connect() as first, db.engine.connect() as second:
        assert _pragmas(first) == EXPECTED
        assert _pragmas(second) == EXPECTED
    db.engine.dispose()  # fresh connections again
    with db.transaction() as session:
        assert _pragmas(session.connection()) == EXPECTED
    with db.reading() as session:
        assert _pragmas(session.connection()) == EXPECTED


def test_the_settings_hold_after_reopening(db_path: Path) -> None:
    open_database(db_path).close()
    again = open_database(db_path)
    try:
        with again.engine.connect() as conn:
            assert _pragmas(conn) == EXPECTED
    finally:
        again.close()


def test_foreign_keys_are_enforced(school_db: Database) -> None:
    from sqlalchemy.exc import IntegrityError

    with pytest.raises(IntegrityError), school_db.transaction() as session:
        session.execute(
            text("INSERT INTO certificate (counselor_id, kind) VALUES (4242, 'nc_level2')")
        )


def test_a_fresh_file_is_made_by_the_migrations(db_path: Path) -> None:
    assert not db_path.exists()
    open_database(db_path).close()
    assert database_revision(db_path) == (True, HEAD)


def test_the_default_file_is_in_the_data_folder(tmp_path: Path) -> None:
    # conftest points CXDESK_DATA_DIR at tmp_path / "data" for every test.
    db = open_database()
    try:
        assert db.path == tmp_path / "data" / DB_FILENAME
        assert db.path.exists()
    finally:
        db.close()


def test_a_transaction_commits_at_the_end_and_rolls_back_on_error(db: Database) -> None:
    with db.transaction() as session:
        session.execute(
            text("INSERT INTO reporting_period VALUES (1, '2026', '2026-01-01', '2026-12-31')")
        )
    with pytest.raises(ZeroDivisionError), db.transaction() as session:
        session.execute(
            text("INSERT INTO reporting_period VALUES (2, '2027', '2027-01-01', '2027-12-31')")
        )
        _ = 1 / 0
    with db.reading() as session:
        labels = session.execute(text("SELECT label FROM reporting_period")).scalars().all()
    assert labels == ["2026"]


def test_reading_never_writes(db: Database) -> None:
    with db.reading() as session:
        session.execute(
            text("INSERT INTO reporting_period VALUES (1, '2026', '2026-01-01', '2026-12-31')")
        )
    with db.reading() as session:
        assert session.execute(text("SELECT count(*) FROM reporting_period")).scalar() == 0


def test_two_writers_wait_for_each_other(db: Database) -> None:
    """The second writer waits for the first (busy timeout) instead of failing."""
    import threading

    other = open_database(db.path)
    started = threading.Event()
    errors: list[BaseException] = []

    def second_writer() -> None:
        started.wait()
        try:
            with other.transaction() as session:
                session.execute(
                    text(
                        "INSERT INTO reporting_period VALUES (2, '2027', '2027-01-01', '2027-12-31')"
                    )
                )
        except BaseException as exc:  # reported to the test below
            errors.append(exc)

    thread = threading.Thread(target=second_writer)
    thread.start()
    with db.transaction() as session:
        session.execute(
            text("INSERT INTO reporting_period VALUES (1, '2026', '2026-01-01', '2026-12-31')")
        )
        started.set()
        thread.join(0.3)  # the other writer is now waiting for our lock
    thread.join()
    other.close()
    assert errors == []
    with db.reading() as session:
        assert session.execute(text("SELECT count(*) FROM reporting_period")).scalar() == 2


def test_a_database_kept_busy_by_another_program_is_a_plain_error(
    school_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sqlite3

    import cxdesk.storage.sqlite_engine
    from cxdesk.errors import DatabaseError

    monkeypatch.setattr(cxdesk.storage.sqlite_engine, "BUSY_TIMEOUT_MS", 1000)
    impatient = open_database(school_db.path)
    holder = sqlite3.connect(school_db.path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    holder.execute("INSERT INTO reporting_period VALUES (9, '2030', '2030-01-01', '2030-12-31')")
    try:
        with pytest.raises(DatabaseError) as caught, impatient.transaction() as session:
            session.execute(
                text("INSERT INTO reporting_period VALUES (1, '2026', '2026-01-01', '2026-12-31')")
            )
    finally:
        holder.execute("ROLLBACK")
        holder.close()
        impatient.close()
    assert "正被另一个 cxdesk 窗口或命令占用" in caught.value.render("zh")
    assert "Nothing was saved" in caught.value.render("en")
    with school_db.reading() as session:
        assert session.execute(text("SELECT count(*) FROM reporting_period")).scalar() == 0


def test_a_full_disk_is_a_plain_error(school_db: Database) -> None:
    from cxdesk.errors import DatabaseError

    with pytest.raises(DatabaseError) as caught, school_db.transaction() as session:
        pages = session.execute(text("PRAGMA page_count")).scalar()
        # SQLite's own limit on this connection behaves as a disk that is full.
        session.execute(text(f"PRAGMA max_page_count = {pages}"))
        for n in range(2000):
            session.execute(
                text(
                    "INSERT INTO change_log (at, table_name, action, new_values) "
                    "VALUES ('2026-01-01', 'x', 'insert', :v)"
                ),
                {"v": "数据" * 200 + str(n)},
            )
    school_db.engine.dispose()  # the limit goes with the connection
    assert "磁盘已满" in caught.value.render("zh")
    with school_db.transaction() as session:
        assert (
            session.execute(text("SELECT count(*) FROM change_log WHERE table_name = 'x'")).scalar()
            == 0
        )
