"""Whether a failed transaction may be run again is read from its chain of causes, which can
loop: ``Database.transaction`` re-raises an error it does not know ``from`` itself."""

from __future__ import annotations

import pytest
from sqlalchemy.exc import OperationalError

from cxdesk.storage.retry import retryable, run_retrying


def _looping() -> OperationalError:
    error = OperationalError("INSERT", {}, Exception("disk I/O error"))
    error.__cause__ = error  # what `raise exc from exc` leaves
    return error


def test_a_cause_that_loops_is_not_retryable_and_is_read_once() -> None:
    assert retryable(_looping()) is None


def test_run_retrying_raises_it_at_once() -> None:
    calls: list[int] = []

    def work() -> None:
        calls.append(1)
        raise _looping()

    with pytest.raises(OperationalError):
        run_retrying(work)
    assert calls == [1]
