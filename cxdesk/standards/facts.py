"""What the standards' rules read about each school, as of the period's reference date.

Two queries for any set of schools (a school's own database, or a bureau's counted
snapshots of its scope): the schools with their counselors in post counted per post type,
and their rooms in use.  The definitions of "in post" and "in use" are the figures' own
(:func:`cxdesk.figures.in_post_at`, :func:`cxdesk.figures.room_in_use_at`), so a standard
and a figure never disagree about who or what is there.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import ColumnElement, case, func, select
from sqlalchemy.orm import Session

from cxdesk.figures import in_post_at, room_in_use_at
from cxdesk.models import CounsellingRoom, Counselor, ReportingPeriod, School
from cxdesk.models.room import provided_areas


@dataclass(frozen=True)
class RoomFact:
    """A room in use: its function, area and the basic areas it provides."""

    name: str
    function: str
    area_tenths: int
    areas: frozenset[str]
    grade: str | None


@dataclass
class SchoolFacts:
    """One school as the rules see it."""

    school_id: int
    code: str
    name: str
    county_code: str
    kind: str
    enrolment: int | None
    boarders: int | None
    #: The bureau's received package the snapshot came from (None in a school's database).
    submission_id: int | None
    counselors: int = 0
    full_time: int = 0
    rooms: list[RoomFact] = field(default_factory=list)
    #: The basic areas the school's rooms in use provide together (kept by add_room).
    areas: frozenset[str] = field(init=False, default=frozenset())

    def __post_init__(self) -> None:
        self.areas = frozenset().union(*(r.areas for r in self.rooms))

    def add_room(self, room: RoomFact) -> None:
        self.rooms.append(room)
        self.areas |= room.areas


def school_facts(
    session: Session, *, period: ReportingPeriod, school_filter: ColumnElement[bool]
) -> list[SchoolFacts]:
    """The facts of every school matching ``school_filter``, ordered by code."""
    in_scope = select(School.id).where(school_filter)
    people = (
        select(
            Counselor.school_id.label("school_id"),
            func.count().label("counselors"),
            func.sum(case((Counselor.post_type == "full_time", 1), else_=0)).label("full_time"),
        )
        .where(in_post_at(period), Counselor.school_id.in_(in_scope))
        .group_by(Counselor.school_id)
        .subquery()
    )
    query = (
        select(
            School.id,
            School.code,
            School.name,
            School.county_code,
            School.kind,
            School.enrolment,
            School.boarders,
            School.submission_id,
            func.coalesce(people.c.counselors, 0),
            func.coalesce(people.c.full_time, 0),
        )
        .outerjoin(people, people.c.school_id == School.id)
        .where(school_filter)
        .order_by(School.code)
    )
    facts: dict[int, SchoolFacts] = {}
    for row in session.execute(query):
        facts[row[0]] = SchoolFacts(
            school_id=row[0],
            code=row[1],
            name=row[2],
            county_code=row[3],
            kind=row[4],
            enrolment=row[5],
            boarders=row[6],
            submission_id=row[7],
            counselors=int(row[8]),
            full_time=int(row[9]),
        )
    rooms = select(
        CounsellingRoom.school_id,
        CounsellingRoom.name,
        CounsellingRoom.function,
        CounsellingRoom.area_tenths,
        CounsellingRoom.has_individual,
        CounsellingRoom.has_group,
        CounsellingRoom.has_reception,
        CounsellingRoom.grade,
    ).where(room_in_use_at(period), CounsellingRoom.school_id.in_(in_scope))
    for school_id, name, function, area, individual, group, reception, grade in session.execute(
        rooms.order_by(CounsellingRoom.id)
    ):
        school = facts.get(school_id)
        if school is None:
            continue
        areas = provided_areas(function, individual, group, reception)
        school.add_room(RoomFact(name, function, int(area), areas, grade))
    return list(facts.values())
