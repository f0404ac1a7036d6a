"""The roster of a bureau's whole scope, one page at a time, for a lazy table.

A prefecture bureau holds the rosters of 900 schools (a province: 20,000 schools and
100,000 counselors), so a table of them never loads every row: :func:`roster_count` says
how many there are and :func:`roster_page` returns one window of them, sorted in SQL by
any column of :data:`ROSTER_COLUMNS` (ties broken by id, so pages never overlap).  Only the
counselors of counted snapshots (the accepted package of each school for the period) are
listed, within the bureau's scope.  Identity numbers are not part of it (personal data).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from cxdesk import reference as ref
from cxdesk.bureau.roles import Bureau, own_bureau
from cxdesk.bureau.summary import counted_schools
from cxdesk.i18n import Text
from cxdesk.models import Counselor, School


@dataclass(frozen=True, slots=True)
class RosterColumn:
    """A column of the roster: its key, its header in both languages, its code list."""

    key: str
    header: Text
    codes: ref.CodeList | None = None


ROSTER_COLUMNS: tuple[RosterColumn, ...] = (
    RosterColumn("county", Text("县市", "County"), ref.COUNTIES),
    RosterColumn("school_code", Text("学校标识码", "School code")),
    RosterColumn("school_name", Text("学校", "School")),
    RosterColumn("name", Text("姓名", "Name")),
    RosterColumn("gender", Text("性别", "Gender"), ref.GENDERS),
    RosterColumn("post_type", Text("专兼职", "Post"), ref.POST_TYPES),
    RosterColumn("main_subject", Text("主教学科", "Main subject"), ref.SUBJECTS),
    RosterColumn("education", Text("学历", "Education"), ref.EDUCATION_LEVELS),
    RosterColumn("title", Text("职称", "Title"), ref.TITLES),
    RosterColumn("start_date", Text("任职日期", "Start date")),
    RosterColumn("studio_role", Text("工作室", "Studio"), ref.STUDIO_ROLES),
)
COLUMN_KEYS = tuple(c.key for c in ROSTER_COLUMNS)

_SQL_COLUMNS: dict[str, Any] = {
    "county": School.county_code,
    "school_code": School.code,
    "school_name": School.name,
    "name": Counselor.name,
    "gender": Counselor.gender,
    "post_type": Counselor.post_type,
    "main_subject": Counselor.main_subject,
    "education": Counselor.education,
    "title": Counselor.title,
    "start_date": Counselor.start_date,
    "studio_role": Counselor.studio_role,
}


@dataclass(frozen=True, slots=True)
class RosterRow:
    """One counselor as the roster shows it (plain values, codes not yet labelled)."""

    counselor_id: int
    county: str
    school_code: str
    school_name: str
    name: str
    gender: str | None
    post_type: str
    main_subject: str | None
    education: str | None
    title: str | None
    start_date: date | None
    studio_role: str

    def value(self, key: str) -> Any:
        return getattr(self, key)


def _scoped(query: Select[Any], bureau: Bureau, period_label: str) -> Select[Any]:
    return query.join(School, School.id == Counselor.school_id).where(
        counted_schools(bureau, period_label)
    )


def roster_count(session: Session, *, period_label: str) -> int:
    """How many counselors the counted snapshots of the period hold."""
    bureau = own_bureau(session)
    query = _scoped(select(func.count(Counselor.id)), bureau, period_label)
    return int(session.scalar(query) or 0)


def roster_page(
    session: Session,
    *,
    period_label: str,
    sort: str = "school_code",
    descending: bool = False,
    offset: int = 0,
    limit: int = 200,
) -> list[RosterRow]:
    """Rows ``offset`` to ``offset + limit`` of the roster sorted by ``sort``."""
    if sort not in _SQL_COLUMNS:
        raise ValueError(f"not a roster column: {sort!r}")
    bureau = own_bureau(session)
    column = _SQL_COLUMNS[sort]
    order = [column.desc(), Counselor.id.desc()] if descending else [column, Counselor.id]
    query = _scoped(
        select(Counselor.id, *(_SQL_COLUMNS[k] for k in COLUMN_KEYS)), bureau, period_label
    )
    query = query.order_by(*order).offset(max(0, offset)).limit(max(0, limit))
    return [RosterRow(*row) for row in session.execute(query)]


def shown_value(column: RosterColumn, value: Any, lang: str) -> str:
    """A cell as the user reads it: a code list's label, a date as YYYY-MM-DD."""
    if value is None:
        return ""
    if column.codes is not None:
        return column.codes.label(str(value), lang)
    if isinstance(value, date):
        return value.isoformat()
    return str(value)
