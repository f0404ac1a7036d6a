"""Answers a collect's transaction asks once and then knows (issue 16).

A collect asks the same few questions for every package of a group (which period has
this label, which period comes before it), and their answers change only when the
transaction itself changes them.  On a SQLite file a writing transaction holds the only
write lock: what it has read, no one else can change before it ends.  A transaction that
calls :func:`keep_answers` therefore keeps each answer :func:`remembered` gives, until:

* the transaction changes what an answer was read from: the code that changes it calls
  :func:`forget` (``define_period`` does);
* any savepoint of it rolls back (a refused package): what was read may have been written
  by the rolled-back part;
* the transaction ends.

A group of packages can also have questions answered for all of its packages at once
(:func:`look_up_ahead`: four queries for the group instead of four for each package):
each such answer is given once, to the package it was looked up for, and forgotten the
same way.

Elsewhere, and always on a server (other clerks commit while a transaction runs), every
question is asked again.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping
from typing import Any, TypeVar

from sqlalchemy import event
from sqlalchemy.orm import Session, SessionTransaction

from cxdesk.storage.locks import is_server

T = TypeVar("T")

_KEY = "cxdesk_kept_answers"
#: Where :func:`look_up_ahead` keeps its answers, among the kept ones.
_AHEAD = "looked up ahead"


def keep_answers(session: Session) -> None:
    """Let ``session``'s transaction keep the answers :func:`remembered` gives (SQLite)."""
    if not is_server(session):
        session.info[_KEY] = {}


def remembered(session: Session, key: Hashable, ask: Callable[[], T]) -> T:
    """``ask()``, or its answer kept from the same question earlier in the transaction."""
    kept: dict[Hashable, Any] | None = session.info.get(_KEY)
    if kept is None:
        return ask()
    if key not in kept:
        kept[key] = ask()
    answer: T = kept[key]
    return answer


def look_up_ahead(session: Session, answers: Mapping[Hashable, Any]) -> None:
    """Answers looked up for a whole group of packages at once, before the first of them
    is decided: each is given once by :func:`looked_up` (then the question is asked
    again).  The caller looks up only what no other package of the group can change."""
    kept: dict[Hashable, Any] | None = session.info.get(_KEY)
    if kept is not None:
        kept.setdefault(_AHEAD, {}).update(answers)


def looked_up(session: Session, key: Hashable, ask: Callable[[], T]) -> T:
    """The answer to ``key`` looked up ahead (:func:`look_up_ahead`), taken; else
    ``ask()``, which is not kept."""
    kept: dict[Hashable, Any] | None = session.info.get(_KEY)
    ahead = kept.get(_AHEAD) if kept is not None else None
    if not ahead or key not in ahead:
        return ask()
    answer: T = ahead.pop(key)
    return answer


def forget(session: Session) -> None:
    """Forget every answer kept (what they were read from has changed)."""
    kept = session.info.get(_KEY)
    if kept is not None:
        kept.clear()


@event.listens_for(Session, "after_soft_rollback")
def _rolled_back(session: Session, previous_transaction: SessionTransaction) -> None:
    forget(session)


@event.listens_for(Session, "after_transaction_end")
def _ended(session: Session, transaction: SessionTransaction) -> None:
    if transaction.parent is None:  # the outermost: the next transaction asks again
        session.info.pop(_KEY, None)
