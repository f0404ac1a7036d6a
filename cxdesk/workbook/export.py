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
from sqlalchemy.orm import Session

from cxdesk.figures import FIGURE_KEYS, FIGURE_LABELS, school_figures
from cxdesk.models import ReportingPeriod, School
from cxdesk.reference import TRAINING_LEVELS
from cxdesk.school_snapshot import CERTIFICATE_FIELDS, SchoolSnapshot, snapshot_of_school
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
    snapshot: SchoolSnapshot | None = None,
) -> None:
    """Write ``school``'s data to ``path`` in the template layout.

    The data is ``snapshot`` when given (a report package: the period's records as they
    stood at its reference date, :func:`cxdesk.period_records.period_snapshot`), else
    everything stored.  With ``include_summary`` a 汇总 sheet holds the figures of
    ``period`` (``cxdesk.figures.school_figures``; the importer ignores it).  The time
    inside the file is the period's reference date, so the bytes depend on the data only.
    """
    book = _school_book(
        session, school=school, period=period, include_summary=include_summary, snapshot=snapshot
    )
    save_workbook(book, Path(path), timestamp=datetime.combine(period.reference_date, time()))


def school_workbook_bytes(
    session: Session,
    *,
    school: School,
    period: ReportingPeriod,
    snapshot: SchoolSnapshot | None = None,
) -> bytes:
    """The same workbook, with the summary sheet, as bytes: made in memory, never written
    to a disk (a report package encrypts it)."""
    book = _school_book(
        session, school=school, period=period, include_summary=True, snapshot=snapshot
    )
    return workbook_bytes(book, timestamp=datetime.combine(period.reference_date, time()))


def _school_book(
    session: Session,
    *,
    school: School,
    period: ReportingPeriod,
    include_summary: bool,
    snapshot: SchoolSnapshot | None,
) -> Any:
    rows = snapshot_rows(snapshot or snapshot_of_school(session, school))
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
    """The school's stored records as rows of each sheet (values by column field)."""
    return snapshot_rows(snapshot_of_school(session, school))


def snapshot_rows(snapshot: SchoolSnapshot) -> dict[str, list[dict[str, Any]]]:
    """A snapshot's records as rows of each sheet (values by column field), by sheet key.

    Counselors and rooms in their order, training by start date; a certificate or an
    attendance names its counselor by name, identity number and birth date.
    """
    reference = {p.key: _reference(p.values) for p in snapshot.counselors}
    events = sorted(
        enumerate(snapshot.events), key=lambda item: (item[1].values["start_date"], item[0])
    )
    return {
        SCHOOL.key: [
            {column.field: snapshot.school.get(column.field) for column in SCHOOL.columns}
        ],
        COUNSELORS.key: [
            {column.field: p.values.get(column.field) for column in COUNSELORS.columns}
            for p in snapshot.counselors
        ],
        CERTIFICATES.key: [
            {**reference[p.key], **{k: c.get(k) for k in CERTIFICATE_FIELDS}}
            for p in snapshot.counselors
            for c in p.certificates
        ],
        ROOMS.key: [
            {column.field: r.values.get(column.field) for column in ROOMS.columns}
            for r in snapshot.rooms
        ],
        EVENTS.key: [
            {column.field: e.values.get(column.field) for column in EVENTS.columns}
            for _n, e in events
        ],
        ATTENDANCE.key: [
            {
                "event_title": e.values["title"],
                "event_start": e.values["start_date"],
                **reference[key],
            }
            for _n, e in events
            for key in sorted(dict.fromkeys(e.attendees), key=_numeric_first)
        ],
    }


def _numeric_first(key: str) -> tuple[int, str]:
    """Keys in the order of the ids they are (stored snapshots), else as text."""
    return (int(key), "") if key.isdigit() else (1 << 62, key)


def _reference(values: dict[str, Any]) -> dict[str, Any]:
    """How a certificate or attendance row names its counselor: all three, for people."""
    return {
        "counselor_name": values.get("name"),
        "counselor_identity": values.get("identity_number"),
        "counselor_birth_date": values.get("birth_date"),
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
