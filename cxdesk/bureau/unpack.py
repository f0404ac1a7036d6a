"""A verified school package's workbook as a :class:`SchoolSnapshot`.

The workbook is read by the workbook's own importer (:func:`cxdesk.workbook.plan.plan_import`)
— the same reader, value parsing and record rules as a school's import — planned against an
empty school, so every row is an addition.  Its items become the snapshot.

The importer reads a file, so the workbook (decrypted, for a format-2 package) is written
for that moment into ``tmp/`` of the bureau's data folder, never the system's temporary
folder, and removed at once; anything a killed process left there is swept at the next
collect (:func:`sweep_scratch`).
"""

from __future__ import annotations

import contextlib
import os
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

SCRATCH_DIRNAME = "tmp"


def scratch_dir(data_folder: Path) -> Path:
    """Where workbooks are put for the importer: ``tmp/`` in the bureau's data folder."""
    return Path(data_folder) / SCRATCH_DIRNAME


def sweep_scratch(data_folder: Path) -> None:
    """Remove workbooks a killed collect left behind."""
    folder = scratch_dir(data_folder)
    if folder.is_dir():
        for leftover in folder.glob(f"*-{WORKBOOK_NAME}"):
            with contextlib.suppress(OSError):
                leftover.unlink()


def read_snapshot(
    session: Session, package: VerifiedPackage, *, data_folder: Path
) -> SchoolSnapshot:
    """The snapshot in ``package`` (its members in the clear); raises InputError listing
    the workbook's problems."""
    from cxdesk.workbook.apply import refusal
    from cxdesk.workbook.plan import plan_import

    content = package_workbook(package)
    sender = package.manifest.sender
    folder = scratch_dir(data_folder)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{package.file_sha256[:16]}-{os.getpid()}-{WORKBOOK_NAME}"
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as f:
        f.write(content)
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
