"""Builders of valid inputs for the core tests (plain functions, imported by the tests)."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from cxdesk.models import ChangeLogEntry
from cxdesk.services.records import CertificateInput, CounselorInput, RoomInput, TrainingInput
from cxdesk.validation import identity_check_character


def identity_number(born: date, *, sequence: int = 12, address: str = "532301") -> str:
    """A valid GB 11643 number; an odd sequence is a man, an even one a woman."""
    first17 = f"{address}{born:%Y%m%d}{sequence:03d}"
    return first17 + identity_check_character(first17)


def counselor(name: str = "张丽", **changes: Any) -> CounselorInput:
    """A valid full-time counselor in post (a woman born 1985-03-12), with ``changes``."""
    born = changes.pop("birth_date", date(1985, 3, 12))
    values: dict[str, Any] = {
        "name": name,
        "post_type": "full_time",
        "gender": "F",
        "ethnic_group": "07",
        "identity_number": born and identity_number(born, sequence=changes.pop("sequence", 2)),
        "birth_date": born,
        "education": "master",
        "psychology_degree": True,
        "title": "first",
        "start_date": date(2021, 9, 1),
        "recruited_as_psych": True,
    }
    values.update(changes)
    return CounselorInput(**values)


def part_timer(name: str = "李明", **changes: Any) -> CounselorInput:
    values: dict[str, Any] = {
        "post_type": "part_time",
        "main_subject": "chinese",
        "identity_number": None,
        "gender": "M",
        "recruited_as_psych": False,
        "start_date": date(2010, 9, 1),
    }
    values.update(changes)
    return counselor(name, **values)


def certificate(kind: str = "nc_level2", **changes: Any) -> CertificateInput:
    values: dict[str, Any] = {
        "number": "ZX2019-0031",
        "issuer": "人力资源和社会保障部",
        "issued_on": date(2016, 5, 20),
    }
    values.update(changes)
    return CertificateInput(kind, **values)


def room(name: str = "心灵驿站", area_tenths: int = 286, **changes: Any) -> RoomInput:
    values: dict[str, Any] = {"function": "individual", "year_opened": 2019, "status": "in_use"}
    values.update(changes)
    return RoomInput(name=name, area_tenths=area_tenths, **values)


def training(
    title: str = "州级骨干教师培训",
    *,
    level: str = "prefecture",
    start: date = date(2026, 4, 10),
    end: date | None = None,
    counselor_ids: list[int] | None = None,
    **changes: Any,
) -> TrainingInput:
    values: dict[str, Any] = {"organiser": "楚雄州教育体育局", "place": "楚雄", "hours": 16}
    values.update(changes)
    return TrainingInput(
        title=title,
        level=level,
        start_date=start,
        end_date=end or start,
        counselor_ids=list(counselor_ids or []),
        **values,
    )


def log_entries(session: Session, table: str | None = None) -> list[dict[str, Any]]:
    """The change log, oldest first, with the JSON values decoded."""
    query = select(ChangeLogEntry).order_by(ChangeLogEntry.id)
    if table is not None:
        query = query.where(ChangeLogEntry.table_name == table)
    return [
        {
            "table": e.table_name,
            "record_id": e.record_id,
            "action": e.action,
            "old": json.loads(e.old_values) if e.old_values else None,
            "new": json.loads(e.new_values) if e.new_values else None,
        }
        for e in session.scalars(query)
    ]
