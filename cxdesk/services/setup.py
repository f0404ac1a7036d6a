"""Setting an installation up, and finding out whose it is."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from cxdesk.errors import InputError, NotInitializedError
from cxdesk.i18n import Message, Text
from cxdesk.models import Installation, School
from cxdesk.reference import COUNTIES, SCHOOL_KINDS
from cxdesk.services.bureau_identity import NOT_INITIALIZED
from cxdesk.services.records import INVALID_RECORD, require_code, require_text
from cxdesk.storage.placement import refuse_school_setup
from cxdesk.validation import check_phone, check_school_code, normalize_typed

ALREADY_INITIALIZED = Text(
    "该数据库已设置为{role}“{name}”（{code}），不能再次设置。",
    "This database is already set up for {role} {name} ({code}); it cannot be set up again.",
)
NOT_A_SCHOOL = Text(
    "该数据库属于{role}，此操作只适用于学校。",
    "This database belongs to a {role}; this is for schools.",
)
ENROLMENT_NEGATIVE = Text("在校生数不能为负数", "Enrolment cannot be negative")
BOARDERS_NEGATIVE = Text("寄宿生数不能为负数", "The number of boarders cannot be negative")
MORE_BOARDERS_THAN_PUPILS = Text(
    "寄宿生数（{boarders}）不能多于在校生数（{enrolment}）",
    "There cannot be more boarders ({boarders}) than pupils ({enrolment})",
)
SCHOOL_NAME = Text("学校名称", "School name")
COUNTY = Text("所在县市", "County")
SCHOOL_KIND = Text("学校类别", "Kind of school")


def boarders_problems(boarders: int | None, enrolment: int | None) -> list[Message]:
    """What is wrong with a number of boarders (negative, more than the pupils)."""
    if boarders is None:
        return []
    if boarders < 0:
        return [BOARDERS_NEGATIVE()]
    if enrolment is not None and boarders > enrolment:
        return [MORE_BOARDERS_THAN_PUPILS(boarders=boarders, enrolment=enrolment)]
    return []


def get_installation(session: Session) -> Installation:
    installation = session.get(Installation, 1)
    if installation is None:
        raise NotInitializedError(NOT_INITIALIZED())
    return installation


def is_initialized(session: Session) -> bool:
    return session.get(Installation, 1) is not None


def own_school(session: Session) -> School:
    """The school this installation belongs to (school role only)."""
    installation = get_installation(session)
    if installation.role != "school":
        raise InputError(NOT_A_SCHOOL(role=installation.role))
    school = session.scalars(select(School).where(School.code == installation.code)).one()
    return school


def init_school(
    session: Session,
    *,
    code: str,
    name: str,
    county: str,
    kind: str,
    mountain: bool = False,
    enrolment: int | None = None,
    contact_person: str | None = None,
    contact_phone: str | None = None,
    boarders: int | None = None,
) -> School:
    """Set the database up for one school and return its record."""
    refuse_school_setup(session)  # a school's data stays in a file on its PC (issue 8)
    existing = session.get(Installation, 1)
    if existing is not None:
        raise InputError(
            ALREADY_INITIALIZED(role=existing.role, name=existing.name, code=existing.code)
        )
    school = School(code=normalize_typed(code).strip())
    update_school(
        session,
        school,
        name=name,
        county=county,
        kind=kind,
        mountain=mountain,
        enrolment=enrolment,
        contact_person=contact_person,
        contact_phone=contact_phone,
        boarders=boarders,
    )
    session.add(
        Installation(
            role="school",
            code=school.code,
            name=school.name,
            created_at=datetime.now(UTC).replace(tzinfo=None),
        )
    )
    session.flush()
    return school


def update_school(
    session: Session,
    school: School,
    *,
    name: str,
    county: str,
    kind: str,
    mountain: bool = False,
    enrolment: int | None = None,
    contact_person: str | None = None,
    contact_phone: str | None = None,
    boarders: int | None = None,
) -> School:
    """Check and store a school's details; raises InputError listing every problem."""
    problems: list[Message] = []
    if (p := check_school_code(school.code)) is not None:
        problems.append(p)
    if contact_phone and (p := check_phone(contact_phone)) is not None:
        problems.append(p)
    if enrolment is not None and enrolment < 0:
        problems.append(ENROLMENT_NEGATIVE())
    problems += boarders_problems(boarders, enrolment)
    values = {
        "name": require_text(problems, SCHOOL_NAME, name, 100),
        "county_code": require_code(problems, COUNTY, COUNTIES, county),
        "kind": require_code(problems, SCHOOL_KIND, SCHOOL_KINDS, kind),
    }
    if problems:
        raise InputError(INVALID_RECORD(), details=problems)
    school.name = values["name"]
    school.county_code = values["county_code"]
    school.kind = values["kind"]
    school.mountain = mountain
    school.enrolment = enrolment
    school.boarders = boarders
    school.contact_person = (contact_person or "").strip() or None
    school.contact_phone = normalize_typed(contact_phone or "").strip() or None
    session.add(school)
    installation = session.get(Installation, 1)
    if installation is not None and installation.code == school.code:
        installation.name = school.name
    return school
