"""A bureau's figures: the counted snapshots of its scope, summed by SQL.

The schools counted for a period are the snapshots whose submission is ``accepted`` for
that period (one per school, enforced by a unique index); :func:`cxdesk.figures.figure_rows`
aggregates them unchanged.  ``schools_expected`` comes from the register.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from cxdesk import reference as ref
from cxdesk.bureau.people import people_count
from cxdesk.figures import GroupBy, Summary, figure_rows
from cxdesk.models import Attendance, RegisterEntry, ReportingPeriod, School, TrainingEvent
from cxdesk.services.bureau_identity import Bureau
from cxdesk.services.bureaus import counted_schools, own_bureau


def register_scope(bureau: Bureau) -> ColumnElement[bool] | None:
    if bureau.county_code is None:
        return None
    return RegisterEntry.county_code == bureau.county_code


def expected_counts(
    session: Session, bureau: Bureau, group_by: GroupBy | None
) -> dict[str, int] | None:
    """Register entries per group code ("" for the total); None when no register is loaded."""
    scope = register_scope(bureau)
    total_query = select(func.count(RegisterEntry.id))
    if scope is not None:
        total_query = total_query.where(scope)
    total = int(session.scalar(total_query) or 0)
    if total == 0:
        return None
    counts = {"": total}
    if group_by is not None:
        column = {
            "county": RegisterEntry.county_code,
            "kind": RegisterEntry.kind,
            "school": RegisterEntry.code,
        }[group_by]
        query = select(column, func.count(RegisterEntry.id)).group_by(column)
        if scope is not None:
            query = query.where(scope)
        counts.update({str(code): int(n) for code, n in session.execute(query)})
    return counts


def bureau_summary(
    session: Session,
    *,
    period: ReportingPeriod,
    group_by: GroupBy | None = None,
    bureau: Bureau | None = None,
) -> Summary:
    """The figures of the bureau's scope for ``period``, in total and per group.

    Groups with expected schools but no counted package still appear (all zeros), so a
    county that sent nothing is visible in the table.
    """
    bureau = bureau or own_bureau(session)
    school_filter = counted_schools(bureau, period.label)
    totals = figure_rows(session, period=period, school_filter=school_filter)[0]
    del totals["code"], totals["name"]
    rows = (
        figure_rows(session, period=period, school_filter=school_filter, group_by=group_by)
        if group_by
        else []
    )
    expected = expected_counts(session, bureau, group_by)
    if expected is not None:
        totals["schools_expected"] = expected[""]
        seen = {row["code"] for row in rows}
        for row in rows:
            row["schools_expected"] = expected.get(row["code"], 0)
        if group_by is not None:
            for code, count in expected.items():
                if code and code not in seen:
                    rows.append(_empty_row(session, group_by, code, count))
            rows.sort(key=lambda r: _group_order(group_by, r["code"]))
    people = people_count(session, period=period, school_filter=school_filter).to_json()
    return Summary(period.label, bureau.code, bureau.name, totals, rows, people)


def _group_order(group_by: GroupBy, code: str) -> tuple[int, str]:
    codes = {"county": ref.COUNTIES.codes, "kind": ref.SCHOOL_KINDS.codes}.get(group_by, ())
    return (codes.index(code) if code in codes else len(codes), code)


def _empty_row(session: Session, group_by: GroupBy, code: str, expected: int) -> dict[str, Any]:
    if group_by == "county":
        name = ref.COUNTIES.label(code)
    elif group_by == "kind":
        name = ref.SCHOOL_KINDS.label(code)
    else:
        name = session.scalar(select(RegisterEntry.name).where(RegisterEntry.code == code)) or ""
    from decimal import Decimal

    return {
        "code": code,
        "name": name,
        "schools_expected": expected,
        "schools_reported": 0,
        "counselors": 0,
        "full_time": 0,
        "part_time": 0,
        "cert_level2": 0,
        "cert_level3": 0,
        "cert_other": 0,
        "recruited_since_2020": 0,
        "studio_hosts": 0,
        "studio_members": 0,
        "rooms": 0,
        "room_area_m2": Decimal(0),
        "schools_with_room": 0,
        "schools_with_room_pct": None,
        "training_person_times": {lv: 0 for lv in ref.TRAINING_LEVELS.codes},
    }


def training_attendance_at(session: Session, *, period: ReportingPeriod, place: str) -> int:
    """Person-times of counted schools' training events held at ``place`` (e.g. 上海)."""
    bureau = own_bureau(session)
    query = (
        select(func.count(Attendance.id))
        .join(TrainingEvent, TrainingEvent.id == Attendance.event_id)
        .join(School, School.id == TrainingEvent.school_id)
        .where(
            counted_schools(bureau, period.label),
            TrainingEvent.place == place,
            TrainingEvent.start_date.between(period.start_date, period.end_date),
        )
    )
    return int(session.scalar(query) or 0)
