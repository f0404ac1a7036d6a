"""Naming a record the same way on both sides: the school's database and the bureau's.

Record ids differ between installations, so a return comment names its record by the
fields a person would use, the same ones the workbook import matches on: a room by name, a
training event by title and start date, the school by its code.  A counselor is never
named by identity number (a return travels in the clear): in answer to a format-2 package
by ``ref``, an HMAC-SHA256 of the identity number (else name and birth date) under the
record key the school sent inside the encrypted package, which means nothing to whoever
finds the file; in answer to a format-1 package by name and birth date.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from cxdesk.models import CounsellingRoom, Counselor, School, TrainingEvent

#: The kinds of record a comment can name by key.
KEYED_TABLES = ("school", "counselor", "counselling_room", "training_event")


def counselor_ref(secret: str, counselor: Any) -> str:
    """The counselor's name in a return: HMAC-SHA256 under the package's record key."""
    natural = counselor.identity_number or (
        f"{counselor.name}\n{counselor.birth_date.isoformat() if counselor.birth_date else ''}"
    )
    message = f"counselor\n{natural}".encode()
    return hmac.new(base64.b64decode(secret), message, hashlib.sha256).hexdigest()


def mask_name(name: str) -> str:
    """A person's name in a file that travels in the clear: the first character only."""
    return name[:1] + "*" * max(1, len(name) - 1) if name else ""


def record_key(table: str, record: Any, *, secret: str | None = None) -> dict[str, str]:
    """The fields that name ``record`` (a model instance of ``table``) on both sides;
    ``secret``: the record key of the package answered (format 2)."""
    if table == "school":
        return {"code": record.code}
    if table == "counselor":
        if secret:
            return {"ref": counselor_ref(secret, record)}
        birth = record.birth_date.isoformat() if record.birth_date else ""
        return {"name": record.name, "birth_date": birth}
    if table == "counselling_room":
        return {"name": record.name}
    if table == "training_event":
        return {"title": record.title, "start_date": record.start_date.isoformat()}
    raise ValueError(f"records of {table!r} have no key")


def find_record(
    session: Session,
    *,
    school: School,
    table: str | None,
    key: dict[str, str],
    secret: str | None = None,
) -> int | None:
    """The id of the school's record that ``key`` names, or None if there is none now
    (``secret``: the record key of the export the return answers)."""
    if table == "school":
        return school.id if key.get("code") == school.code else None
    if table == "counselor" and key.get("ref"):
        if not secret:
            return None
        people = session.scalars(select(Counselor).where(Counselor.school_id == school.id))
        return next((c.id for c in people if counselor_ref(secret, c) == key["ref"]), None)
    if table == "counselor":
        query = select(Counselor.id).where(Counselor.school_id == school.id)
        if key.get("identity_number"):  # a return written by an earlier cxdesk
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


def label_of(session: Session, table: str | None, record_id: int) -> str | None:
    """How the school names its record ``record_id`` of ``table`` (None: not found)."""
    model: Any = {
        "school": School,
        "counselor": Counselor,
        "counselling_room": CounsellingRoom,
        "training_event": TrainingEvent,
    }.get(table or "")
    record = session.get(model, record_id) if model is not None else None
    if record is None:
        return None
    return str(getattr(record, "name", None) or getattr(record, "title", ""))


def dump_key(key: dict[str, str]) -> str:
    return json.dumps(key, ensure_ascii=False, sort_keys=True)
