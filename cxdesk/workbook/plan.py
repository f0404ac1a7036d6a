"""Planning an import: read and check a whole workbook and say what it would change.

``plan_import`` writes nothing.  It returns an :class:`ImportPlan` with every problem
(sheet, row, column, reason) and, when there are none, what would be added, updated or
left unchanged; ``cxdesk.workbook.apply.apply_import`` then stores exactly that.  Each
sheet has its planner (``plan_school.py``, ``plan_counselors.py``, ``plan_rooms.py``,
``plan_events.py``), run here in the workbook's order.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, cast

from sqlalchemy.orm import Session

from cxdesk.errors import InputError
from cxdesk.models import School
from cxdesk.standards.standard_set import StandardSet, check_issuer
from cxdesk.workbook.import_plan import ImportPlan, Removal
from cxdesk.workbook.layout import (
    ATTENDANCE,
    CERTIFICATES,
    COUNSELORS,
    DATA_SHEETS,
    EVENTS,
    ROOMS,
    SCHOOL,
    Sheet,
)
from cxdesk.workbook.plan_counselors import CounselorPlanner
from cxdesk.workbook.plan_events import EventPlanner
from cxdesk.workbook.plan_rooms import plan_rooms
from cxdesk.workbook.plan_school import plan_school
from cxdesk.workbook.planning import PlanContext, SheetRow
from cxdesk.workbook.problems import Problem
from cxdesk.workbook.reading import UNREADABLE, RawSheet, WorkbookRefused, read_workbook
from cxdesk.workbook.sheet_rows import (
    AttendanceValues,
    CertificateValues,
    CounselorValues,
    EventValues,
    RoomValues,
    SchoolValues,
)
from cxdesk.workbook.standards_sheet import DATA_SHEET, read_standard_set
from cxdesk.workbook.values import parse_value, parser_for


def plan_import(
    session: Session | None,
    *,
    school: School,
    path: Path,
    replace: bool = False,
    content: bytes | None = None,
    parts: dict[str, bytes] | None = None,
) -> ImportPlan:
    """Read and check the workbook at ``path`` for ``school``; writes nothing.

    With ``replace`` the workbook is the school's complete data: every stored counselor,
    room and training event it does not list is planned for removal (``removals``, and a
    "remove" change each), and its certificates and attendance may name only what it lists.
    ``content`` is the workbook's bytes when they are in memory already (a report package's
    workbook at the bureau), and ``parts`` its parts when they are unpacked already:
    ``path`` then only names it.  A ``school`` that is not stored (transient) has no stored
    records to match: every row is an addition; nor has a workbook planned without a
    ``session`` (a report package's, at a bureau).
    """
    plan = ImportPlan(Path(path), school.id)
    try:
        raw = read_workbook(Path(path), content, parts)
    except WorkbookRefused as refused:
        plan.problems.append(refused.problem)
        return plan
    plan.problems.extend(raw.problems)
    rows = {key: _parse(sheet, plan.problems) for key, sheet in raw.sheets.items()}
    if len(rows) != len(DATA_SHEETS):
        return plan  # a sheet is missing or unreadable: its problems say which
    absent = {key: sheet.absent for key, sheet in raw.sheets.items()}
    _plan_sheets(PlanContext(session, school, plan, absent=absent, replace=replace), rows)
    if session is not None and school in session:  # a school's own import, not a package
        plan.standards = template_standards(session, Path(path), plan.problems)
    if plan.problems:
        plan.changes.clear()
        plan.removals.clear()
    plan.problems.sort(key=lambda p: _place(p.sheet, p.row))
    plan.changes.sort(key=lambda c: _place(c.sheet, c.row))
    return plan


def template_standards(session: Session, path: Path, problems: list[Problem]) -> StandardSet | None:
    """The standard set of a bureau's template, checked; its problems go to ``problems``."""
    try:
        found = read_standard_set(path)
        if found is not None:
            check_issuer(session, found)
    except InputError as exc:
        problems += [Problem(m, DATA_SHEET) for m in (exc.message, *exc.details)]
        return None
    return found


def _place(sheet: str | None, row: int | None) -> tuple[int, int]:
    """Sort by sheet in workbook order, then by row (rows without a number last)."""
    sheets = [s.name for s in DATA_SHEETS]
    return (sheets.index(sheet) + 1 if sheet in sheets else 0, row or 10**9)


def _parse(raw: RawSheet, problems: list[Problem]) -> list[SheetRow[dict[str, Any]]]:
    """The sheet's rows, one value per column of its layout (the keys of its class in
    :mod:`cxdesk.workbook.sheet_rows`)."""
    parsed = []
    columns = [(column, parser_for(column)) for column in raw.sheet.columns]
    for raw_row in raw.rows:
        row: SheetRow[dict[str, Any]] = SheetRow(raw_row.number, {}, set())
        for column, parser in columns:
            cell = raw_row.values.get(column.field)
            if cell is UNREADABLE:  # its problem is listed already
                row.values[column.field] = None
                row.bad.add(column.field)
                continue
            value, problem = parse_value(column, cell, parser)
            row.values[column.field] = value
            if problem is not None:
                row.bad.add(column.field)
                problems.append(Problem(problem, raw.sheet.name, row.number, column.header))
        parsed.append(row)
    return parsed


def _plan_sheets(ctx: PlanContext, rows: dict[str, list[SheetRow[dict[str, Any]]]]) -> None:
    """Every sheet's planner, in the workbook's order; then, with ``replace``, what the
    workbook no longer lists.  Each sheet's rows are handed over typed by its class in
    :mod:`cxdesk.workbook.sheet_rows`, whose keys are the sheet's columns (tested)."""
    plan_school(ctx, cast(list[SheetRow[SchoolValues]], rows[SCHOOL.key]))
    counselors = CounselorPlanner(ctx)
    counselors.plan(cast(list[SheetRow[CounselorValues]], rows[COUNSELORS.key]))
    counselors.plan_certificates(cast(list[SheetRow[CertificateValues]], rows[CERTIFICATES.key]))
    stored_rooms = plan_rooms(ctx, cast(list[SheetRow[RoomValues]], rows[ROOMS.key]))
    events = EventPlanner(ctx, counselors)
    events.plan(
        cast(list[SheetRow[EventValues]], rows[EVENTS.key]),
        cast(list[SheetRow[AttendanceValues]], rows[ATTENDANCE.key]),
    )
    ctx.plan.counselors = list(counselors.items.values())
    if not ctx.replace:
        return
    plan = ctx.plan
    kept = {item.existing_id for item in plan.counselors}
    for counselor in counselors.stored.values():
        if counselor.id not in kept:
            _remove(ctx, COUNSELORS, counselor.id, counselor.name)
    kept = {item.existing_id for item in plan.rooms}
    for room in stored_rooms:
        if room.id not in kept:
            _remove(ctx, ROOMS, room.id, room.name)
    kept = {item.existing_id for item in plan.events}
    for event in events.stored:
        if event.id not in kept:
            _remove(ctx, EVENTS, event.id, f"{event.title}（{event.start_date.isoformat()}）")


def _remove(ctx: PlanContext, sheet: Sheet, record_id: int, label: str) -> None:
    ctx.plan.removals.append(Removal(sheet.table, record_id, label))
    ctx.change(sheet, None, "remove", label)
