"""The roster of a bureau's whole scope, one page at a time, for a lazy table.

A prefecture bureau holds the rosters of 900 schools (a province: 20,000 schools and
100,000 counselors), so a table of them never loads every row: :func:`roster_count` says
how many there are and :func:`roster_page` returns one window of them, sorted in SQL by
any column of :data:`ROSTER_COLUMNS` (ties broken by id, so pages never overlap).  Only the
counselors of counted snapshots (the accepted package of each school for the period) are
listed, within the bureau's scope.  A search text narrows the list in SQL (name, school
name or school code), so the table stays lazy while the clerk looks for someone.

Identity numbers leave this module masked only (532301********123X), and their column
sorts by the visible characters, so the order gives away none of the hidden digits.
Certificates are read for the rows of a page only (one query for its ids) and sort by
how many a counselor holds.  No SQL here is particular to SQLite (the bureau may run on
PostgreSQL).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Select, func, or_, select
from sqlalchemy.orm import Session

from cxdesk import reference as ref
from cxdesk.i18n import Text
from cxdesk.models import Certificate, Counselor, School
from cxdesk.services.bureau_identity import Bureau
from cxdesk.services.bureaus import counted_schools, own_bureau
from cxdesk.validation import mask_identity_number


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
    RosterColumn("ethnic_group", Text("民族", "Ethnic group"), ref.ETHNIC_GROUPS),
    RosterColumn("identity_masked", Text("身份证号", "Identity number")),
    RosterColumn("post_type", Text("专兼职", "Post"), ref.POST_TYPES),
    RosterColumn("main_subject", Text("主教学科", "Main subject"), ref.SUBJECTS),
    RosterColumn("certificates", Text("证书", "Certificates"), ref.CERTIFICATE_KINDS),
    RosterColumn("studio_role", Text("工作室", "Studio"), ref.STUDIO_ROLES),
    RosterColumn("education", Text("学历", "Education"), ref.EDUCATION_LEVELS),
    RosterColumn("title", Text("职称", "Title"), ref.TITLES),
    RosterColumn("start_date", Text("任职日期", "Start date")),
)
COLUMN_KEYS = tuple(c.key for c in ROSTER_COLUMNS)

#: The columns read from SQL for a row, in the order of :class:`RosterRow` (after the id).
_SQL_COLUMNS: dict[str, Any] = {
    "county": School.county_code,
    "school_code": School.code,
    "school_name": School.name,
    "name": Counselor.name,
    "gender": Counselor.gender,
    "ethnic_group": Counselor.ethnic_group,
    "identity_masked": Counselor.identity_number,  # masked in Python before it is kept
    "post_type": Counselor.post_type,
    "main_subject": Counselor.main_subject,
    "education": Counselor.education,
    "title": Counselor.title,
    "start_date": Counselor.start_date,
    "studio_role": Counselor.studio_role,
}

_FIRST_SIX = func.substr(Counselor.identity_number, 1, 6)
_LAST_FOUR = func.substr(Counselor.identity_number, func.length(Counselor.identity_number) - 3)
_CERTIFICATE_COUNT = (
    select(func.count(Certificate.id))
    .where(Certificate.counselor_id == Counselor.id)
    .correlate(Counselor)
    .scalar_subquery()
)

#: What a column sorts by, where that is not the column itself.
_SORT_KEYS: dict[str, tuple[Any, ...]] = {
    "identity_masked": (_FIRST_SIX, _LAST_FOUR),
    "certificates": (_CERTIFICATE_COUNT,),
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
    ethnic_group: str | None
    identity_masked: str
    post_type: str
    main_subject: str | None
    education: str | None
    title: str | None
    start_date: date | None
    studio_role: str
    #: Certificate codes of CERTIFICATE_KINDS; an "other" one by its own name.
    certificates: tuple[str, ...] = ()

    def value(self, key: str) -> Any:
        return getattr(self, key)


def _matching(search: str) -> ColumnElement[bool] | None:
    """Name or school name containing ``search``, or a school code starting with it."""
    text = search.strip()
    if not text:
        return None
    return or_(
        Counselor.name.contains(text, autoescape=True),
        School.name.contains(text, autoescape=True),
        School.code.startswith(text, autoescape=True),
    )


def _scoped(query: Select[Any], bureau: Bureau, period_label: str, search: str = "") -> Select[Any]:
    query = query.join(School, School.id == Counselor.school_id).where(
        counted_schools(bureau, period_label)
    )
    matching = _matching(search)
    return query if matching is None else query.where(matching)


def roster_count(session: Session, *, period_label: str, search: str = "") -> int:
    """How many counselors the counted snapshots of the period hold (that match ``search``)."""
    bureau = own_bureau(session)
    query = _scoped(select(func.count(Counselor.id)), bureau, period_label, search)
    return int(session.scalar(query) or 0)


def roster_page(
    session: Session,
    *,
    period_label: str,
    sort: str = "school_code",
    descending: bool = False,
    offset: int = 0,
    limit: int = 200,
    search: str = "",
) -> list[RosterRow]:
    """Rows ``offset`` to ``offset + limit`` of the roster (matching ``search``) by ``sort``."""
    if sort not in COLUMN_KEYS:
        raise ValueError(f"not a roster column: {sort!r}")
    bureau = own_bureau(session)
    keys = _SORT_KEYS[sort] if sort in _SORT_KEYS else (_SQL_COLUMNS[sort],)
    if descending:
        order = [*(k.desc() for k in keys), Counselor.id.desc()]
    else:
        order = [*keys, Counselor.id]
    query = _scoped(select(Counselor.id, *_SQL_COLUMNS.values()), bureau, period_label, search)
    query = query.order_by(*order).offset(max(0, offset)).limit(max(0, limit))
    rows = [row._mapping for row in session.execute(query)]
    held = _certificates(session, [row[Counselor.id] for row in rows])
    return [
        RosterRow(
            counselor_id=row[Counselor.id],
            **{key: row[column] for key, column in _SQL_COLUMNS.items()}
            | {
                "identity_masked": mask_identity_number(row[Counselor.identity_number]),
                "certificates": held.get(row[Counselor.id], ()),
            },
        )
        for row in rows
    ]


def _certificates(session: Session, ids: list[int]) -> dict[int, tuple[str, ...]]:
    """The certificates of the counselors ``ids`` (one page), in the order they were added."""
    if not ids:
        return {}
    held: dict[int, list[str]] = {}
    query = (
        select(Certificate.counselor_id, Certificate.kind, Certificate.other_name)
        .where(Certificate.counselor_id.in_(ids))
        .order_by(Certificate.counselor_id, Certificate.id)
    )
    for counselor_id, kind, other_name in session.execute(query):
        held.setdefault(counselor_id, []).append(
            other_name if kind == "other" and other_name else kind
        )
    return {k: tuple(v) for k, v in held.items()}


def shown_value(column: RosterColumn, value: Any, lang: str) -> str:
    """A cell as the user reads it: a code list's label, a date as YYYY-MM-DD."""
    if value is None or (column.key == "studio_role" and value == "none"):
        return ""  # no studio role: left blank, so the hosts and members stand out
    if isinstance(value, tuple):
        return "、".join(shown_value(column, item, lang) for item in value)
    if column.codes is not None:
        return column.codes.label(str(value), lang)
    if isinstance(value, date):
        return value.isoformat()
    return str(value)
