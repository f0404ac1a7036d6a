"""A verified school package's workbook as a :class:`SchoolSnapshot`.

The workbook is read by the workbook's own importer (:func:`cxdesk.workbook.plan.plan_import`)
— the same reader, value parsing and record rules as a school's import — planned against an
empty school, so every row is an addition.  Its items become the snapshot.
"""

from __future__ import annotations

import tempfile
from dataclasses import asdict
from pathlib import Path

from sqlalchemy.orm import Session

from cxdesk.bureau.snapshot import (
    CounselorRecord,
    EventRecord,
    RoomRecord,
    SchoolSnapshot,
)
from cxdesk.exchange.verify import VerifiedPackage
from cxdesk.exchange.workbook_check import WORKBOOK_NAME, package_workbook
from cxdesk.models import School

_tmp_dir: Path | None = None


def _scratch_dir() -> Path:
    """One temporary folder per process for the workbook the importer reads by path."""
    global _tmp_dir
    if _tmp_dir is None or not _tmp_dir.exists():
        _tmp_dir = Path(tempfile.mkdtemp(prefix="cxdesk-collect-"))
    return _tmp_dir


def read_snapshot(session: Session, package: VerifiedPackage) -> SchoolSnapshot:
    """The snapshot in ``package``; raises InputError listing the workbook's problems."""
    from cxdesk.workbook.apply import refusal
    from cxdesk.workbook.plan import plan_import

    content = package_workbook(package)
    sender = package.manifest.sender
    path = _scratch_dir() / f"{package.file_sha256}-{WORKBOOK_NAME}"
    path.write_bytes(content)
    try:
        # A transient school that is not in the session: nothing stored matches it.
        blank = School(id=-1, code=sender.code, name=sender.name, county_code=sender.county or "")
        plan = plan_import(session, school=blank, path=path)
    finally:
        path.unlink(missing_ok=True)
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
        data = asdict(item.data)
        certificates = data.pop("certificates", [])
        snapshot.counselors.append(CounselorRecord(item.target, data, certificates))
    for n, room in enumerate(plan.rooms):
        snapshot.rooms.append(RoomRecord(str(n), asdict(room.data)))
    for n, event in enumerate(plan.events):
        data = asdict(event.data)
        data.pop("counselor_ids", None)
        snapshot.events.append(EventRecord(str(n), data, list(event.attendees)))
    return snapshot
