"""A school's records as the rules read them (counselors, rooms, training events).

A leaf module: the checks (:mod:`cxdesk.checks.engine`), the period's selection
(:mod:`cxdesk.period_records`) and a bureau's snapshots (:mod:`cxdesk.school_snapshot`,
which builds them from the rows it has just written) all use it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from cxdesk.models import CounsellingRoom, Counselor, School, TrainingEvent


@dataclass(frozen=True)
class SchoolRecords:
    """A school's records as the rules read them, in id order: counselors with their
    certificates and attendances, rooms, training events with their attendances (each
    attendance with its ``event``).  Model instances when loaded; any objects with the
    models' attribute names otherwise (a bureau's collect builds them from its rows)."""

    counselors: Sequence[Any]
    rooms: Sequence[Any]
    events: Sequence[Any]
    #: The explanations of soft findings by (rule, table, record id), when the caller holds
    #: them already (a bureau's collect, which has just written them); None: read them.
    explanations: Mapping[tuple[str, str, int], str] | None = None


def load_records(session: Session, school: School) -> SchoolRecords:
    """The stored records of ``school``."""
    counselors = list(
        session.scalars(
            select(Counselor)
            .where(Counselor.school_id == school.id)
            .options(selectinload(Counselor.certificates), selectinload(Counselor.attendances))
            .order_by(Counselor.id)
        )
    )
    rooms = list(
        session.scalars(
            select(CounsellingRoom)
            .where(CounsellingRoom.school_id == school.id)
            .order_by(CounsellingRoom.id)
        )
    )
    events = list(
        session.scalars(
            select(TrainingEvent)
            .where(TrainingEvent.school_id == school.id)
            .options(selectinload(TrainingEvent.attendances))
            .order_by(TrainingEvent.id)
        )
    )
    return SchoolRecords(counselors, rooms, events)
