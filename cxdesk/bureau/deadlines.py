"""The collection deadline of a period, kept by the bureau for "how late" on the board
(:mod:`cxdesk.bureau.board`, which reads it with :func:`~cxdesk.bureau.board.deadline_for`)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from cxdesk.bureau.board import deadline_for
from cxdesk.models import CollectionDeadline
from cxdesk.services.bureaus import own_bureau
from cxdesk.storage.session_rows import session_rows


def set_deadline(session: Session, *, period_label: str, deadline: date) -> None:
    own_bureau(session)
    row = session.scalars(
        select(CollectionDeadline).where(CollectionDeadline.period_label == period_label)
    ).first()
    if row is None:
        session.add(CollectionDeadline(period_label=period_label, deadline=deadline))
    else:
        row.deadline = deadline
    session.flush()


def get_deadline(session: Session, period_label: str) -> date | None:
    return deadline_for(session_rows(session), period_label)
