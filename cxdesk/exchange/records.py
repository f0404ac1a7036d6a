"""Naming a record the same way on both sides: the school's database and the bureau's.

Record ids differ between installations, so a return comment names its record by the
fields a person would use, the same ones the workbook import matches on: a counselor by
identity number (else name and birth date), a room by name, a training event by title and
start date, the school by its code.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from cxdesk.models import CounsellingRoom, Counselor, School, TrainingEvent

#: The kinds of record a comment can name by key.
KEYED_TABLES = ("school", "counselor", "counselling_room", "training_event")


def record_key(table: str, record: Any) -> dict[str, str]:
    """The fields that name ``record`` (a model instance of ``table``) on both sides."""
    if table == "school":
        return {"code": record.code}
    if table == "counselor":
        if record.identity_number:
            return {"identity_number": record.identity_number}
        birth = record.birth_date.isoformat() if record.birth_date else ""
        return {"name": record.name, "birth_date": birth}
    if table == "counselling_room":
        return {"name": record.name}
    if table == "training_event":
        return {"title": record.title, "start_date": record.start_date.isoformat()}
    raise ValueError(f"records of {table!r} have no key")


def find_record(
    session: Session, *, school: School, table: str | None, key: dict[str, str]
) -> int | None:
    """The id of the school's record that ``key`` names, or None if there is none now."""
    if table == "school":
        return school.id if key.get("code") == school.code else None
    if table == "counselor":
        query = select(Counselor.id).where(Counselor.school_id == school.id)
        if key.get("identity_number"):
            query = query.where(Counselor.identity_number == key["identity_number"])
        elif key.get("name"):
            query = query.where(Counselor.name == key["name"])
            birth = _date(key.get("birth_date") or "")
            query = query.where(
                Counselor.birth_date.is_(None) if birth is None else Counselor.birth_date == birth
            )
        else:
            return None
    elif table == "counselling_room" and key.get("name"):
        query = select(CounsellingRoom.id).where(
            CounsellingRoom.school_id == school.id, CounsellingRoom.name == key["name"]
        )
    elif table == "training_event" and key.get("title"):
        start = _date(key.get("start_date") or "")
        if start is None:
            return None
        query = select(TrainingEvent.id).where(
            TrainingEvent.school_id == school.id,
            TrainingEvent.title == key["title"],
            TrainingEvent.start_date == start,
        )
    else:
        return None
    return session.scalars(query.limit(1)).first()


def _date(text: str) -> date | None:
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def dump_key(key: dict[str, str]) -> str:
    return json.dumps(key, ensure_ascii=False, sort_keys=True)
