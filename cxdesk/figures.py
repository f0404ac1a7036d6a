"""The figures of ``domain.md`` for any set of schools, computed by SQL aggregation.

One query per call: per-school aggregates (counselors, certificates, rooms, training) are
joined to the schools in scope and summed per group (county, kind, school) and in total.
Areas are summed as integer tenths of m², so the total is exact.
"""

from __future__ import annotations

import functools
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any, Literal

from sqlalchemy import (
    ColumnElement,
    Dialect,
    Select,
    TextClause,
    and_,
    case,
    func,
    literal,
    literal_column,
    select,
    text,
)
from sqlalchemy.orm import Session

from cxdesk import reference as ref
from cxdesk.as_of import AsOf
from cxdesk.models import (
    Attendance,
    Certificate,
    CounsellingRoom,
    Counselor,
    ReportingPeriod,
    School,
    TrainingEvent,
)
from cxdesk.percentage import percent

GroupBy = Literal["county", "kind", "school"]

#: The keys of a summary, in the order of domain.md.
FIGURE_KEYS = (
    "schools_expected",
    "schools_reported",
    "counselors",
    "full_time",
    "part_time",
    "cert_level2",
    "cert_level3",
    "cert_other",
    "recruited_since_2020",
    "studio_hosts",
    "studio_members",
    "rooms",
    "room_area_m2",
    "schools_with_room",
    "schools_with_room_pct",
    "training_person_times",
)

#: Chinese and English names of the figures, for tables, forms and workbooks.
FIGURE_LABELS: dict[str, tuple[str, str]] = {
    "schools_expected": ("应报学校数", "Schools expected"),
    "schools_reported": ("已报学校数", "Schools reported"),
    "counselors": ("心理健康教育教师", "Counselors"),
    "full_time": ("专职教师", "Full-time"),
    "part_time": ("兼职教师", "Part-time"),
    "cert_level2": ("国家心理咨询师二级", "National counsellor level 2"),
    "cert_level3": ("国家心理咨询师三级", "National counsellor level 3"),
    "cert_other": ("其他认可证书", "Other recognised certificate"),
    "recruited_since_2020": ("2020年以来招聘", "Recruited since 2020"),
    "studio_hosts": ("工作室主持人", "Studio hosts"),
    "studio_members": ("工作室成员", "Studio members"),
    "rooms": ("心理辅导室（间）", "Counselling rooms"),
    "room_area_m2": ("辅导室面积（平方米）", "Room area (m²)"),
    "schools_with_room": ("有辅导室的学校", "Schools with a room"),
    "schools_with_room_pct": ("有辅导室学校占比（%）", "Schools with a room (%)"),
    "training_person_times": ("培训人次", "Training person-times"),
}


@dataclass(frozen=True)
class Summary:
    """Figures for a scope and per group, the shape of ``summary --json``."""

    period: str
    scope_code: str
    scope_name: str
    totals: dict[str, Any]
    rows: list[dict[str, Any]]
    #: A bureau's roster entries against people (cxdesk.bureau.people.PeopleCount.to_json):
    #: ``counselors`` counts roster entries; this says how many people they are.
    people: dict[str, int] | None = None

    def to_json(self) -> dict[str, Any]:
        result = {
            "period": self.period,
            "scope": {"code": self.scope_code, "name": self.scope_name},
            "totals": jsonable(self.totals),
            "rows": [jsonable(r) for r in self.rows],
        }
        if self.people is not None:
            result["people"] = self.people
        return result


def jsonable(figures: dict[str, Any]) -> dict[str, Any]:
    """Decimals as JSON numbers (their shortest float is the same decimal)."""
    return {k: float(v) if isinstance(v, Decimal) else v for k, v in figures.items()}


def in_post_at(period: ReportingPeriod) -> ColumnElement[bool]:
    """Counselors in post at the period's reference date (:meth:`AsOf.in_post`)."""
    return AsOf.of(period).sql_in_post()


def room_in_use_at(period: ReportingPeriod) -> ColumnElement[bool]:
    """Rooms in use at the period's reference date (:meth:`AsOf.room_in_use`)."""
    return AsOf.of(period).sql_room_in_use()


def _count_if(condition: ColumnElement[bool]) -> Any:
    return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)


COUNTED_KEYS = (
    "counselors",
    "full_time",
    "part_time",
    "cert_level2",
    "cert_level3",
    "cert_other",
    "recruited_since_2020",
    "studio_hosts",
    "studio_members",
)


#: The per-school parts of the figures: counselors (and their certificates), rooms, training.
PARTS = ("people", "rooms", "training")


def figure_rows(
    session: Session,
    *,
    period: ReportingPeriod,
    school_filter: ColumnElement[bool] | None = None,
    group_by: GroupBy | None = None,
    parts: Collection[str] = PARTS,
) -> list[dict[str, Any]]:
    """Aggregate the figures of the schools matching ``school_filter``, per group.

    Without ``group_by`` the result is one row: the totals.  Rows carry ``code`` and
    ``name`` of the group.  ``schools_expected`` is left to the caller (it needs a register).
    Only the ``parts`` asked for are computed, the others' figures are 0 (the drill-down
    of one figure over a province's schools, cxdesk.bureau.drilldown).
    """
    query = figure_query(period=period, school_filter=school_filter, group_by=group_by, parts=parts)
    return _read_figures(session.execute(query).mappings(), group_by)


def figure_query(
    *,
    period: ReportingPeriod,
    school_filter: ColumnElement[bool] | None = None,
    group_by: GroupBy | None = None,
    parts: Collection[str] = PARTS,
) -> Select[Any]:
    """The SQL of :func:`figure_rows` (built, not run)."""
    # The per-school subqueries only look at the schools of the filter: without this,
    # SQLite materialises them over every school of the file, so one school's figures
    # (run at every package a bureau collects) would cost as much as the whole province's.
    in_scope: dict[str, list[ColumnElement[bool]]] = {
        "counselor": [],
        "certificate": [],
        "room": [],
        "event": [],
    }
    if school_filter is not None:
        schools = select(School.id).where(school_filter)
        in_scope = {
            "counselor": [Counselor.school_id.in_(schools)],
            "certificate": [
                Certificate.counselor_id.in_(
                    select(Counselor.id).where(Counselor.school_id.in_(schools))
                )
            ],
            "room": [CounsellingRoom.school_id.in_(schools)],
            "event": [TrainingEvent.school_id.in_(schools)],
        }
    as_of = AsOf.of(period)
    # Highest certificate per counselor: 2 = level 2, 3 = level 3, 9 = another one.
    best_cert = (
        select(
            Certificate.counselor_id.label("counselor_id"),
            func.min(
                case(
                    (Certificate.kind == ref.CERT_LEVEL2, 2),
                    (Certificate.kind == ref.CERT_LEVEL3, 3),
                    else_=9,
                )
            ).label("rank"),
        )
        .where(as_of.sql_certificate_issued(), *in_scope["certificate"])
        .group_by(Certificate.counselor_id)
        .subquery()
    )
    people = (
        select(
            Counselor.school_id.label("school_id"),
            func.count().label("counselors"),
            _count_if(Counselor.post_type == "full_time").label("full_time"),
            _count_if(Counselor.post_type == "part_time").label("part_time"),
            _count_if(best_cert.c.rank == 2).label("cert_level2"),
            _count_if(best_cert.c.rank == 3).label("cert_level3"),
            _count_if(best_cert.c.rank == 9).label("cert_other"),
            _count_if(
                and_(
                    Counselor.recruited_as_psych.is_(True),
                    Counselor.start_date >= ref.RECRUITED_SINCE,
                )
            ).label("recruited_since_2020"),
            _count_if(Counselor.studio_role == "host").label("studio_hosts"),
            _count_if(Counselor.studio_role == "member").label("studio_members"),
        )
        .outerjoin(best_cert, best_cert.c.counselor_id == Counselor.id)
        .where(as_of.sql_in_post(), *in_scope["counselor"])
        .group_by(Counselor.school_id)
        .subquery()
    )
    rooms = (
        select(
            CounsellingRoom.school_id.label("school_id"),
            func.count().label("rooms"),
            func.sum(CounsellingRoom.area_tenths).label("area_tenths"),
        )
        .where(as_of.sql_room_in_use(), *in_scope["room"])
        .group_by(CounsellingRoom.school_id)
        .subquery()
    )
    levels = ref.TRAINING_LEVELS.codes
    training = (
        select(
            TrainingEvent.school_id.label("school_id"),
            *(_count_if(TrainingEvent.level == lv).label(f"t_{lv}") for lv in levels),
        )
        .join(Attendance, Attendance.event_id == TrainingEvent.id)
        .where(as_of.sql_training_in_period(), *in_scope["event"])
        .group_by(TrainingEvent.school_id)
        .subquery()
    )

    def total(column: Any) -> Any:
        return func.coalesce(func.sum(column), 0)

    if group_by == "county":
        group_cols: list[Any] = [School.county_code.label("code"), literal("").label("name")]
    elif group_by == "kind":
        group_cols = [School.kind.label("code"), literal("").label("name")]
    elif group_by == "school":
        group_cols = [School.code.label("code"), School.name.label("name")]
    else:
        group_cols = [literal("").label("code"), literal("").label("name")]

    def of(part: str, column: Any) -> Any:
        return column if part in parts else literal(0)

    counted = COUNTED_KEYS
    query = select(
        *group_cols,
        func.count(School.id).label("schools_reported"),
        *(of("people", total(people.c[k])).label(k) for k in counted),
        of("rooms", total(rooms.c.rooms)).label("rooms"),
        of("rooms", total(rooms.c.area_tenths)).label("area_tenths"),
        of("rooms", _count_if(rooms.c.rooms > 0)).label("schools_with_room"),
        *(of("training", total(training.c[f"t_{lv}"])).label(f"t_{lv}") for lv in levels),
    ).select_from(School)
    for part, subquery in (("people", people), ("rooms", rooms), ("training", training)):
        if part in parts:
            query = query.outerjoin(subquery, subquery.c.school_id == School.id)
    if school_filter is not None:
        query = query.where(school_filter)
    if group_by is not None:
        query = query.group_by(group_cols[0], group_cols[1]).order_by(group_cols[0])
    return query


def _read_figures(
    rows: Any, group_by: GroupBy | None, levels: tuple[str, ...] = ref.TRAINING_LEVELS.codes
) -> list[dict[str, Any]]:
    counted = COUNTED_KEYS
    result = []
    for row in rows:
        if group_by is not None and row["schools_reported"] == 0:
            continue
        figures: dict[str, Any] = {"code": row["code"], "name": row["name"]}
        if group_by == "county":
            figures["name"] = ref.COUNTIES.label(row["code"])
        elif group_by == "kind":
            figures["name"] = ref.SCHOOL_KINDS.label(row["code"])
        figures["schools_expected"] = None
        figures["schools_reported"] = int(row["schools_reported"])
        for key in counted:
            figures[key] = int(row[key])
        figures["rooms"] = int(row["rooms"])
        figures["room_area_m2"] = Decimal(int(row["area_tenths"])) / 10
        figures["schools_with_room"] = int(row["schools_with_room"])
        figures["schools_with_room_pct"] = percent(
            figures["schools_with_room"], figures["schools_reported"]
        )
        figures["training_person_times"] = {lv: int(row[f"t_{lv}"]) for lv in levels}
        result.append(figures)
    return result


@functools.lru_cache(maxsize=16)
def _one_school_sql(dialect: Dialect, start: date, end: date) -> TextClause:
    """The figures' SQL for one school (a bound ``school_id``) in the period start–end,
    as the text ``dialect`` runs.

    Its constants (the period's dates, the codes it counts) are written into the text, so
    that a run binds one parameter instead of about ninety; built once per period and
    kept: building and binding this statement cost more than running it, and a bureau
    runs it for every package it collects (issue 16).
    """
    period = ReportingPeriod(label="", start_date=start, end_date=end)
    query = figure_query(period=period, school_filter=School.id == literal_column(":school_id"))
    return text(str(query.compile(dialect=dialect, compile_kwargs={"literal_binds": True})))


def school_figures(session: Session, *, school: School, period: ReportingPeriod) -> dict[str, Any]:
    """The figures of one school (its own summary)."""
    query = _one_school_sql(session.get_bind().dialect, period.start_date, period.end_date)
    rows = _read_figures(session.execute(query, {"school_id": school.id}).mappings(), None)
    totals = rows[0]
    del totals["code"], totals["name"]
    return totals
