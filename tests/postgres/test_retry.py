"""A deadlock between two clerks is rolled back by the server and run again, not a crash."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from sqlalchemy.engine import URL
from sqlalchemy.exc import OperationalError

from cxdesk.storage.db import open_database
from cxdesk.storage.locks import lock_for_transaction
from cxdesk.storage.retry import retryable, run_retrying

from .server import as_text


def test_the_deadlock_victim_is_run_again_and_both_complete(pg_url: URL, tmp_path: Path) -> None:
    db = open_database(as_text(pg_url), local_path=tmp_path / "pc" / "x.db")
    holder_has_first = threading.Event()
    attempts: list[int] = []
    errors: list[BaseException] = []

    def holder() -> None:
        # Takes A, waits, then wants B: it asks last, so the server's deadlock check
        # (deadlock_timeout after each wait began) fires first in the victim below.
        try:
            with db.transaction() as session:
                lock_for_transaction(session, "test", "A")
                holder_has_first.set()
                time.sleep(0.6)
                lock_for_transaction(session, "test", "B")
        except BaseException as exc:  # reported to the test below
            errors.append(exc)

    def victim() -> str:
        attempts.append(len(attempts) + 1)
        with db.transaction() as session:
            lock_for_transaction(session, "test", "B")
            if len(attempts) == 1:
                time.sleep(0.2)
            lock_for_transaction(session, "test", "A")
        return "done"

    try:
        thread = threading.Thread(target=holder)
        thread.start()
        assert holder_has_first.wait(10)
        assert run_retrying(victim) == "done"
        thread.join(30)
    finally:
        db.close()
    assert errors == []
    assert len(attempts) == 2  # the first one was the server's deadlock victim


def test_a_deadlock_without_retry_is_the_servers_verdict(pg_url: URL, tmp_path: Path) -> None:
    db = open_database(as_text(pg_url), local_path=tmp_path / "pc" / "x.db")
    ready = threading.Event()

    def holder() -> None:
        with db.transaction() as session:
            lock_for_transaction(session, "test", "A")
            ready.set()
            time.sleep(0.6)
            lock_for_transaction(session, "test", "B")

    thread = threading.Thread(target=holder)
    try:
        thread.start()
        assert ready.wait(10)
        with pytest.raises(OperationalError) as caught, db.transaction() as session:
            lock_for_transaction(session, "test", "B")
            time.sleep(0.2)
            lock_for_transaction(session, "test", "A")
        assert retryable(caught.value) == "deadlock detected"
        thread.join(30)
    finally:
        db.close()


def test_other_errors_are_not_retried() -> None:
    calls: list[int] = []

    def broken() -> None:
        calls.append(1)
        raise ValueError("a bug")

    with pytest.raises(ValueError):
        run_retrying(broken)
    assert calls == [1]
