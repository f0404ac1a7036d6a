"""Bureau installations: a county (县市教育体育局) or the prefecture (州教育体育局).

The installation row says whose database it is; a bureau's scope is its county (the
schools whose county code is its own) or the whole prefecture, and within it the schools
whose accepted submission counts for a period (:func:`counted_schools`).

The vocabulary every side shares about bureaus (its name, its scope): packages, standards,
the bureau's own modules and the desktop app read it here, below them all.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import ColumnElement, and_, select
from sqlalchemy.orm import Session

from cxdesk import reference as ref
from cxdesk.errors import InputError
from cxdesk.i18n import Text
from cxdesk.models import Installation, School, Submission
from cxdesk.services.bureau_identity import Bureau, this_bureau
from cxdesk.services.setup import ALREADY_INITIALIZED
from cxdesk.storage.session_rows import session_rows

NOT_A_COUNTY = Text(
    "县市代码“{code}”不是楚雄州的县市。可选：{choices}",
    "{code!r} is not a county of Chuxiong prefecture. Choices: {choices}",
)
NOT_THE_PREFECTURE = Text(
    "州代码应为 {expected}（楚雄彝族自治州），而不是“{code}”",
    "The prefecture code is {expected} (Chuxiong), not {code!r}",
)
NOT_PREFECTURE = Text(
    "此操作只适用于州教育体育局（本数据库属于{name}）。",
    "This is for the prefecture bureau (this database belongs to {name}).",
)
NOT_COUNTY = Text(
    "此操作只适用于县市教育体育局（本数据库属于{name}）。",
    "This is for a county bureau (this database belongs to {name}).",
)

BUREAU_SUFFIX = ("教育体育局", " Education and Sports Bureau")


def bureau_name(role: str, code: str, lang: str = "zh") -> str:
    """楚雄市教育体育局 / Chuxiong City Education and Sports Bureau."""
    place = ref.PREFECTURE.label(lang) if role == "prefecture" else ref.COUNTIES.label(code, lang)
    return place + BUREAU_SUFFIX[1 if lang == "en" else 0]


def init_bureau(session: Session, *, role: str, code: str) -> Bureau:
    """Set the database up for a county (``code`` a county of COUNTIES) or the prefecture."""
    existing = session.get(Installation, 1)
    if existing is not None:
        raise InputError(
            ALREADY_INITIALIZED(role=existing.role, name=existing.name, code=existing.code)
        )
    code = code.strip()
    if role == "county":
        if code not in ref.COUNTIES:
            choices = "、".join(f"{c.code} {c.zh}" for c in ref.COUNTIES)
            raise InputError(NOT_A_COUNTY(code=code, choices=choices))
    elif role == "prefecture":
        if code != ref.PREFECTURE_CODE:
            raise InputError(NOT_THE_PREFECTURE(code=code, expected=ref.PREFECTURE_CODE))
    else:
        raise ValueError(f"not a bureau role: {role!r}")
    name = bureau_name(role, code)
    session.add(
        Installation(
            role=role, code=code, name=name, created_at=datetime.now(UTC).replace(tzinfo=None)
        )
    )
    session.flush()
    return Bureau(role, code, name)


def own_bureau(session: Session) -> Bureau:
    """This bureau; raises for a school's database or one not set up."""
    return this_bureau(session_rows(session))


def require_prefecture(session: Session) -> Bureau:
    bureau = own_bureau(session)
    if not bureau.is_prefecture:
        raise InputError(NOT_PREFECTURE(name=bureau.name))
    return bureau


def require_county(session: Session) -> Bureau:
    bureau = own_bureau(session)
    if bureau.role != "county":
        raise InputError(NOT_COUNTY(name=bureau.name))
    return bureau


def counted_submissions(period_label: str) -> Any:
    """The ids of the school submissions counted for the period (a subquery)."""
    return select(Submission.id).where(
        Submission.period_label == period_label,
        Submission.status == "accepted",
        Submission.sender_role == "school",
    )


def counted_schools(bureau: Bureau, period_label: str) -> ColumnElement[bool]:
    """The filter on ``school`` rows: the counted snapshots within the bureau's scope."""
    condition: ColumnElement[bool] = School.submission_id.in_(counted_submissions(period_label))
    if bureau.county_code is not None:
        condition = and_(condition, School.county_code == bureau.county_code)
    return condition
