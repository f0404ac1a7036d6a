"""Undoing the deletion of a training (Ctrl+Z on the training page)."""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy import select
from sqlalchemy.orm import Session

from cxdesk.models import Counselor, TrainingEvent
from cxdesk.services.records import TrainingInput
from cxdesk.services.training import add_training


def restore_training(session: Session, *, school_id: int, data: TrainingInput) -> TrainingEvent:
    """The deleted event back, as ``data`` (what :func:`delete_training` returned) held it;
    counselors deleted meanwhile cannot attend any more, so they are left out."""
    existing = set(
        session.scalars(
            select(Counselor.id).where(
                Counselor.school_id == school_id, Counselor.id.in_(data.counselor_ids)
            )
        )
    )
    kept = [i for i in data.counselor_ids if i in existing]
    return add_training(session, school_id=school_id, data=replace(data, counselor_ids=kept))
