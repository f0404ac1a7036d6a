"""The ``submission`` row's small helpers: the time it is stamped with, and the counted one
of a school and period (its reasons in both languages: :mod:`cxdesk.bureau.stored_reason`).

Shared by the intake, the held list, review and revocation; it imports nothing of the
bureau.
"""

from __future__ import annotations

import functools
from collections.abc import Collection
from datetime import UTC, datetime

from sqlalchemy import Select, bindparam, select
from sqlalchemy.orm import Session

from cxdesk.models import Submission
from cxdesk.storage.transaction_memo import look_up_ahead, looked_up


def now() -> datetime:
    """UTC, to the second, without a zone: as every time of the bureau's tables."""
    return datetime.now(UTC).replace(tzinfo=None, microsecond=0)


def counted_submission(session: Session, code: str, period: str) -> Submission | None:
    """The accepted (counted) package of school or county ``code`` for ``period``."""
    return looked_up(
        session,
        ("counted", code, period),
        lambda: session.scalars(_counted(), {"code": code, "period": period}).first(),
    )


def look_up_counted(session: Session, wanted: Collection[tuple[str, str]]) -> None:
    """The counted packages of the ``(code, period)`` pairs, looked up at once for a group
    of packages (cxdesk.storage.transaction_memo.look_up_ahead)."""
    codes = {code for code, _ in wanted}
    found = {
        (s.sender_code, s.period_label): s
        for s in session.scalars(
            select(Submission).where(
                Submission.sender_code.in_(codes), Submission.status == "accepted"
            )
        )
    }
    look_up_ahead(session, {("counted", *pair): found.get(pair) for pair in wanted})


@functools.cache
def _counted() -> Select[Submission]:
    # Built once: collect asks this for every package (issue 16).
    return select(Submission).where(
        Submission.sender_code == bindparam("code"),
        Submission.period_label == bindparam("period"),
        Submission.status == "accepted",
    )
