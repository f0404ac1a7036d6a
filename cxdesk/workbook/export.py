"""The school's data as a workbook in the template's layout, plus the 汇总 summary sheet.

An export imports again unchanged (the round trip is tested), so a school can send its
workbook to someone who fixes it in Excel and import it back.  The output is deterministic:
the same data gives the same bytes (the report package hashes it).
"""

from __future__ import annotations

from datetime import datetime, time
from decimal import Decimal
from pathlib import Path
from typing import Any

from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet
from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from cxdesk.figures import FIGURE_KEYS, FIGURE_LABELS, school_figures
from cxdesk.models import CounsellingRoom, Counselor, ReportingPeriod, School, TrainingEvent
from cxdesk.reference import TRAINING_LEVELS
from cxdesk.workbook.layout import (
    ATTENDANCE,
    CERTIFICATES,
    COUNSELORS,
    EVENTS,
    LISTS_SHEET,
    ROOMS,
    SCHOOL,
    SUMMARY_SHEET,
)
from cxdesk.workbook.writing import (
    new_workbook,
    save_workbook,
    text_cell,
    workbook_bytes,
    write_rows,
)

SUMMARY_HEADERS = ("项目", "数值", "键")


def write_school_workbook(
    session: Session,
    *,
    school: School,
    period: ReportingPeriod,
    path: Path,
    include_summary: bool = True,
) -> None:
    """Write ``school``'s current data to ``path`` in the template layout.

    With ``include_summary`` a 汇总 sheet holds the figures of ``period``
    (``cxdesk.figures.school_figures``; the importer ignores it).  The time inside the
    file is the period's reference date, so the bytes depend on the data only.
    """
    book = _school_book(session, school=school, period=period, include_summary=include_summary)
    save_workbook(book, Path(path), timestamp=datetime.combine(period.reference_date, time()))


def school_workbook_bytes(session: Session, *, school: School, period: ReportingPeriod) -> bytes:
    """The same workbook, with the summary sheet, as bytes: made in memory, never written
    to a disk (a report package encrypts it)."""
    book = _school_book(session, school=school, period=period, include_summary=True)
    return workbook_bytes(book, timestamp=datetime.combine(period.reference_date, time()))


def _school_book(
    session: Session, *, school: School, period: ReportingPeriod, include_summary: bool
) -> Any:
    rows = school_rows(session, school=school)
    book = new_workbook(data_rows=max(len(r) for r in rows.values()))
    for sheet in (SCHOOL, COUNSELORS, CERTIFICATES, ROOMS, EVENTS, ATTENDANCE):
        write_rows(book[sheet.name], sheet, rows[sheet.key])
    if include_summary:
        figures = school_figures(session, school=school, period=period)
        summary = book.create_sheet(SUMMARY_SHEET, index=1)
        _write_summary(summary, period.label, school, figures)
        book.move_sheet(LISTS_SHEET, offset=len(book.sheetnames))
    return book


def school_rows(session: Session, *, school: School) -> dict[str, list[dict[str, Any]]]:
    """The school's records as rows of each sheet (values by column field), by sheet key."""
    counselors = list(
        session.scalars(
            select(Counselor)
            .where(Counselor.school_id == school.id)
            .options(selectinload(Counselor.certificates))
            .order_by(Counselor.id)
        )
    )
    rooms = session.scalars(
        select(CounsellingRoom)
        .where(CounsellingRoom.school_id == school.id)
        .order_by(CounsellingRoom.id)
    )
    events = list(
        session.scalars(
            select(TrainingEvent)
            .where(TrainingEvent.school_id == school.id)
            .options(selectinload(TrainingEvent.attendances))
            .order_by(TrainingEvent.start_date, TrainingEvent.id)
        )
    )
    reference = {c.id: _reference(c) for c in counselors}
    return {
        SCHOOL.key: [
            {
                "code": school.code,
                "name": school.name,
                "county_code": school.county_code,
                "kind": school.kind,
                "mountain": school.mountain,
                "enrolment": school.enrolment,
                "contact_person": school.contact_person,
                "contact_phone": school.contact_phone,
            }
        ],
        COUNSELORS.key: [
            {column.field: getattr(c, column.field) for column in COUNSELORS.columns}
            for c in counselors
        ],
        CERTIFICATES.key: [
            {
                **reference[c.id],
                "kind": k.kind,
                "other_name": k.other_name,
                "number": k.number,
                "issuer": k.issuer,
                "issued_on": k.issued_on,
            }
            for c in counselors
            for k in c.certificates
        ],
        ROOMS.key: [
            {column.field: getattr(r, column.field) for column in ROOMS.columns} for r in rooms
        ],
        EVENTS.key: [
            {column.field: getattr(e, column.field) for column in EVENTS.columns} for e in events
        ],
        ATTENDANCE.key: [
            {"event_title": e.title, "event_start": e.start_date, **reference[a.counselor_id]}
            for e in events
            for a in sorted(e.attendances, key=lambda a: a.counselor_id)
        ],
    }


def _reference(counselor: Counselor) -> dict[str, Any]:
    """How a certificate or attendance row names its counselor: all three, for people."""
    return {
        "counselor_name": counselor.name,
        "counselor_identity": counselor.identity_number,
        "counselor_birth_date": counselor.birth_date,
    }


def _write_summary(ws: Worksheet, period: str, school: School, figures: dict[str, Any]) -> None:
    bold = Font(bold=True)
    for n, header in enumerate(SUMMARY_HEADERS, start=1):
        ws.cell(1, n, header).font = bold
    lines: list[tuple[str, Any, str]] = [
        ("期次", period, "period"),
        ("学校标识码", school.code, "scope_code"),
        ("学校名称", school.name, "scope_name"),
    ]
    for key in FIGURE_KEYS:
        value = figures[key]
        label = FIGURE_LABELS[key][0]
        if isinstance(value, dict):
            for level, count in value.items():
                lines.append(
                    (f"{label}（{TRAINING_LEVELS.label(level)}）", count, f"{key}.{level}")
                )
        else:
            lines.append((label, value, key))
    for r, (label, value, key) in enumerate(lines, start=2):
        text_cell(ws.cell(r, 1), label)
        if isinstance(value, str):
            text_cell(ws.cell(r, 2), value)
        elif isinstance(value, Decimal) or value is not None:
            ws.cell(r, 2, value)
        text_cell(ws.cell(r, 3), key)
    ws.column_dimensions["A"].width = 30
    ws.column_dimensions["B"].width = 16
    ws.column_dimensions["C"].width = 28
    ws.freeze_panes = "A2"
