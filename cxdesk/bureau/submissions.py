"""The ``submission`` row's small helpers: the time it is stamped with, and the counted one
of a school and period (its reasons in both languages: :mod:`cxdesk.bureau.stored_reason`).

Shared by the intake, the held list, review and revocation; it imports nothing of the
bureau.
"""

from __future__ import annotations

import functools
from datetime import UTC, datetime

from sqlalchemy import Select, bindparam, select
from sqlalchemy.orm import Session

from cxdesk.models import Submission


def now() -> datetime:
    """UTC, to the second, without a zone: as every time of the bureau's tables."""
    return datetime.now(UTC).replace(tzinfo=None, microsecond=0)


def counted_submission(session: Session, code: str, period: str) -> Submission | None:
    """The accepted (counted) package of school or county ``code`` for ``period``."""
    return session.scalars(_counted(), {"code": code, "period": period}).first()


@functools.cache
def _counted() -> Select[Submission]:
    # Built once: collect asks this for every package (issue 16).
    return select(Submission).where(
        Submission.sender_code == bindparam("code"),
        Submission.period_label == bindparam("period"),
        Submission.status == "accepted",
    )
