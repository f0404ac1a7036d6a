"""Running one package's transaction again when PostgreSQL chose it as a victim.

With the sender locks of :mod:`cxdesk.storage.locks` two collectors never race on the same
school; still, a deadlock between two county packages that (wrongly) list the same school,
or a unique index that caught what a lock should have, is rolled back by the server.  Such
a transaction changed nothing, so it is simply run again, a few times, before the error
is shown.  Only these server verdicts are retried; every other error goes straight up.
"""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Callable
from typing import TypeVar

from sqlalchemy.exc import DBAPIError

log = logging.getLogger(__name__)

T = TypeVar("T")

#: SQLSTATEs after which the whole transaction may simply be run again.
RETRYABLE = {
    "40001": "serialization failure",
    "40P01": "deadlock detected",
    "23505": "unique violation",
}
ATTEMPTS = 5


def retryable(exc: BaseException) -> str | None:
    """The name of the server's verdict if ``exc`` (or its cause) may be retried.

    The chain of causes may loop (``Database.transaction`` re-raises an error it does not
    know ``from`` itself): each exception is looked at once."""
    seen: BaseException | None = exc
    looked_at: set[int] = set()
    while seen is not None and id(seen) not in looked_at:
        looked_at.add(id(seen))
        if isinstance(seen, DBAPIError):
            state = getattr(seen.orig, "sqlstate", None)
            if state in RETRYABLE:
                return RETRYABLE[state]
        seen = seen.__cause__
    return None


def run_retrying(work: Callable[[], T], *, attempts: int = ATTEMPTS) -> T:
    """``work()``, run again (after a short random pause) on a retryable server verdict."""
    for attempt in range(1, attempts + 1):
        try:
            return work()
        except Exception as exc:
            verdict = retryable(exc)
            if verdict is None or attempt == attempts:
                raise
            log.info("transaction rolled back by the server (%s); attempt %d", verdict, attempt)
            time.sleep(random.uniform(0.01, 0.05) * attempt)
    raise AssertionError("unreachable")
