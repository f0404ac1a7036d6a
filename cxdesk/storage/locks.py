"""Locks that let several clerks collect into one PostgreSQL database at once.

The design (``docs/postgres.md``, "Concurrency"): every package is one transaction at
READ COMMITTED, and before it reads anything about its sender it takes a transaction-scoped
advisory lock on that sender (the school, or the county of a county package).  Two clerks
collecting packages of the same school therefore take turns: the second one's reads start
after the first committed, so it sees the first's submission (same file: "already had";
another sequence: superseded or superseding) and nothing is counted twice or overwritten.
Packages of different schools do not wait for each other.

On SQLite these are no-ops: ``Database.transaction()`` begins with ``BEGIN IMMEDIATE``,
which already makes every writing transaction wait for the one before it.
"""

from __future__ import annotations

import hashlib

from sqlalchemy import text
from sqlalchemy.orm import Session


def is_server(session: Session) -> bool:
    """Whether ``session`` works on PostgreSQL (not SQLite)."""
    return session.get_bind().dialect.name == "postgresql"


def lock_key(*parts: str) -> int:
    """A stable signed 64-bit key for ``parts`` (the same in every process and machine)."""
    digest = hashlib.sha256("\x1f".join(("cxdesk", *parts)).encode()).digest()
    return int.from_bytes(digest[:8], "big", signed=True)


def lock_for_transaction(session: Session, *parts: str) -> None:
    """Wait for, then hold until commit or rollback, the lock named by ``parts``.

    Waiting is bounded by the connection's ``lock_timeout`` (:mod:`cxdesk.storage.server.engine`); past
    it the action fails as "busy" and nothing is saved.
    """
    if is_server(session):
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": lock_key(*parts)})


def lock_sender(session: Session, code: str) -> None:
    """The lock of one sender's packages (a school code, or a county code)."""
    lock_for_transaction(session, "sender", code)
