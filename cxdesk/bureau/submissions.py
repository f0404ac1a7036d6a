"""The ``submission`` row's small helpers: the time it is stamped with, the counted one of a
school and period, a reason kept in both languages.

Shared by the intake, the held list, review and revocation; it imports nothing of the
bureau.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from cxdesk.i18n import Message
from cxdesk.models import Submission


def now() -> datetime:
    """UTC, to the second, without a zone: as every time of the bureau's tables."""
    return datetime.now(UTC).replace(tzinfo=None, microsecond=0)


def counted_submission(session: Session, code: str, period: str) -> Submission | None:
    """The accepted (counted) package of school or county ``code`` for ``period``."""
    return session.scalars(
        select(Submission).where(
            Submission.sender_code == code,
            Submission.period_label == period,
            Submission.status == "accepted",
        )
    ).first()


def both_languages(message: Message | None) -> str | None:
    """A reason kept in both languages (the clerk may switch)."""
    if message is None:
        return None
    return json.dumps({"zh": message.render("zh"), "en": message.render("en")}, ensure_ascii=False)


def stored_reason(text: str | None, lang: str) -> str | None:
    """A reason kept by :func:`both_languages`, in ``lang`` (older rows hold plain text)."""
    if not text:
        return None
    try:
        return str(json.loads(text).get(lang) or "")
    except (ValueError, AttributeError):
        return text
