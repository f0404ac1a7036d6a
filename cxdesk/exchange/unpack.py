"""A verified school package's workbook as a :class:`SchoolSnapshot`.

The workbook is read by the workbook's own importer (:func:`cxdesk.workbook.plan.plan_import`)
— the same reader, value parsing and record rules as a school's import — planned against an
empty school, so every row is an addition.  Its items become the snapshot.

The workbook (decrypted, for a format-2 package) is read in memory: it is never written
to a file in the clear.
"""

from __future__ import annotations

from dataclasses import fields
from pathlib import Path
from typing import Any

from cxdesk.exchange.verify import VerifiedPackage
from cxdesk.exchange.workbook_check import WORKBOOK_NAME, workbook_parts
from cxdesk.models import School
from cxdesk.school_snapshot import (
    CounselorRecord,
    EventRecord,
    RoomRecord,
    SchoolSnapshot,
)
from cxdesk.workbook.apply import refusal
from cxdesk.workbook.plan import plan_import


def read_snapshot(package: VerifiedPackage) -> SchoolSnapshot:
    """The snapshot in ``package`` (its members in the clear, :mod:`cxdesk.bureau.opening`),
    read in memory; raises InputError listing the workbook's problems."""
    content, parts = workbook_parts(package)
    return snapshot_of_workbook(package.manifest.sender, content, parts)


def snapshot_of_workbook(
    sender: Any, content: bytes, parts: dict[str, bytes] | None = None
) -> SchoolSnapshot:
    """The snapshot in the workbook ``content`` of ``sender`` (a manifest's sender).

    It needs no database (a collect reads packages ahead in other processes:
    :mod:`cxdesk.bureau.read_ahead`): the workbook is planned for a school that is not
    stored, so nothing stored matches it and every row is an addition."""
    blank = School(id=-1, code=sender.code, name=sender.name, county_code=sender.county or "")
    plan = plan_import(None, school=blank, path=Path(WORKBOOK_NAME), content=content, parts=parts)
    if plan.problems:
        raise refusal(plan)
    values = dict(plan.school_values or {})
    school = {
        "code": sender.code,
        "name": values.get("name") or sender.name,
        "county_code": values.get("county") or values.get("county_code") or sender.county,
        "kind": values.get("kind"),
        "mountain": bool(values.get("mountain")),
        "enrolment": values.get("enrolment"),
        "boarders": values.get("boarders"),
        "contact_person": values.get("contact_person"),
        "contact_phone": values.get("contact_phone"),
    }
    snapshot = SchoolSnapshot(school=school)
    for item in plan.counselors:
        data = _fields(item.data)
        certificates = [_fields(c) for c in data.pop("certificates", [])]
        snapshot.counselors.append(CounselorRecord(item.target, data, certificates))
    for n, room in enumerate(plan.rooms):
        snapshot.rooms.append(RoomRecord(str(n), _fields(room.data)))
    for n, event in enumerate(plan.events):
        data = _fields(event.data)
        data.pop("counselor_ids", None)
        snapshot.events.append(EventRecord(str(n), data, list(event.attendees)))
    return snapshot


def _fields(record: Any) -> dict[str, Any]:
    """A record's fields by name, one level deep (``dataclasses.asdict`` copies deeply)."""
    return {f.name: getattr(record, f.name) for f in fields(record)}
