"""A collect's transaction asks for a period once (cxdesk.storage.transaction_memo), and
never keeps an answer that its own changes, a rolled-back savepoint or another clerk's
commit have made wrong."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import event
from sqlalchemy.orm import Session

from cxdesk.services.periods import define_period, find_period, previous_period
from cxdesk.storage.db import Database, open_database
from cxdesk.storage.transaction_memo import keep_answers


@contextmanager
def period_queries(db: Database) -> Iterator[list[str]]:
    """The SELECTs of the ``reporting_period`` table run meanwhile."""
    seen: list[str] = []

    def record(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        if statement.lstrip().upper().startswith("SELECT") and "reporting_period" in statement:
            seen.append(statement)

    event.listen(db.engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(db.engine, "before_cursor_execute", record)


def _define(session: Session, label: str, start: date, end: date) -> None:
    define_period(session, label=label, start=start, end=end)


def _bureau_db(tmp_path: Path) -> Database:
    db = open_database(tmp_path / "bureau.db")
    with db.transaction() as session:
        _define(session, "2025", date(2025, 1, 1), date(2025, 12, 31))
        _define(session, "2026", date(2026, 1, 1), date(2026, 12, 31))
    return db


def test_a_kept_transaction_asks_once_on_sqlite_and_every_time_on_a_server(
    tmp_path: Path,
) -> None:
    db = _bureau_db(tmp_path)
    with period_queries(db) as seen, db.transaction() as session:
        keep_answers(session)
        for _ in range(3):
            period = find_period(session, "2026")
            assert period is not None and period.label == "2026"
            before = previous_period(session, period)
            assert before is not None and before.label == "2025"
    assert len(seen) == (6 if db.is_server else 2)
    # A transaction that did not ask to keep them asks every time.
    with period_queries(db) as seen, db.transaction() as session:
        find_period(session, "2026")
        find_period(session, "2026")
    assert len(seen) == 2
    db.close()


def test_defining_a_period_forgets_what_was_kept(tmp_path: Path) -> None:
    db = _bureau_db(tmp_path)
    with db.transaction() as session:
        keep_answers(session)
        assert find_period(session, "2027") is None
        period_2026 = find_period(session, "2026")
        assert period_2026 is not None
        assert previous_period(session, period_2026).label == "2025"  # type: ignore[union-attr]
        _define(session, "2027", date(2027, 1, 1), date(2027, 12, 31))
        assert find_period(session, "2027") is not None
        # 2025 shortened to its first half and its second half defined: the period before
        # 2026 (the same question: it starts on the same day) is now the second half.
        _define(session, "2025", date(2025, 1, 1), date(2025, 6, 30))
        _define(session, "2025H2", date(2025, 7, 1), date(2025, 12, 31))
        assert previous_period(session, period_2026).label == "2025H2"  # type: ignore[union-attr]
    db.close()


def test_a_rolled_back_savepoint_forgets_what_it_may_have_written(tmp_path: Path) -> None:
    db = _bureau_db(tmp_path)
    with db.transaction() as session:
        keep_answers(session)
        savepoint = session.begin_nested()
        _define(session, "2027", date(2027, 1, 1), date(2027, 12, 31))
        assert find_period(session, "2027") is not None  # kept, inside the savepoint
        savepoint.rollback()  # a refused package
        assert find_period(session, "2027") is None
        # A savepoint that is released keeps what was learnt in it.
        with session.begin_nested():
            _define(session, "2027", date(2027, 1, 1), date(2027, 12, 31))
            kept = find_period(session, "2027")
        assert kept is not None and find_period(session, "2027") is kept
    with db.reading() as session:
        assert find_period(session, "2027") is not None
    db.close()


def test_the_next_transaction_asks_again(tmp_path: Path) -> None:
    db = _bureau_db(tmp_path)
    with db.transaction() as session:
        keep_answers(session)
        assert find_period(session, "2027") is None
    with db.transaction() as session:
        _define(session, "2027", date(2027, 1, 1), date(2027, 12, 31))
    with period_queries(db) as seen, db.transaction() as session:
        keep_answers(session)
        assert find_period(session, "2027") is not None
    assert len(seen) == 1
    db.close()


def test_new_ids_are_counted_on_in_a_kept_transaction_and_asked_again_after_a_rollback(
    tmp_path: Path,
) -> None:
    from sqlalchemy import func, select

    from cxdesk.models import School
    from cxdesk.storage.ids import new_ids_of

    db = _bureau_db(tmp_path)
    asked: list[str] = []

    def record(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        if "max(id)" in statement:
            asked.append(statement)

    event.listen(db.engine, "before_cursor_execute", record)
    with db.transaction() as session:
        keep_answers(session)
        first = new_ids_of(session, {School: 2})[School]
        second = new_ids_of(session, {School: 3})[School]
        assert second[0] == first[-1] + 1 and len(second) == 3
        savepoint = session.begin_nested()
        new_ids_of(session, {School: 4})
        savepoint.rollback()
        again = new_ids_of(session, {School: 1})[School]
        highest = session.scalar(select(func.coalesce(func.max(School.id), 0)))
        # SQLite: the highest id (no row was written) asked again; a server: its sequence.
        assert again == [int(highest or 0) + 1] or db.is_server
    event.remove(db.engine, "before_cursor_execute", record)
    assert len(asked) == (0 if db.is_server else 2)
    db.close()
