"""Correcting the school code after setup: allowed until the first package is exported.

The code identifies the school's packages at the bureau, so once one has been sent it
cannot change here (the bureau would see a new school).  Before that, a code mistyped in
the first-start wizard can be corrected.  The signing key belongs to the installation, not
to the code, so it stays (the registration form printed from the 上报 page then shows the
new code: one printed with the old code must be printed again); the outbox is empty, as
nothing was exported yet.
"""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from cxdesk.errors import InputError
from cxdesk.i18n import Text
from cxdesk.models import ExportLog, School
from cxdesk.services.setup import get_installation, own_school
from cxdesk.validation import check_school_code, normalize_typed

CODE_LOCKED = Text(
    "本校已导出过 {count} 个上报包，学校标识码不能再更改。如确实有误，请联系县市教育体育局。",
    "This school has exported {count} package(s): its code can no longer change. If it is "
    "wrong, contact the county education bureau.",
)
SAME_CODE = Text("新的学校标识码与现在的相同（{code}）", "The new code is the current one ({code})")
CODE_TAKEN = Text(
    "学校标识码 {code} 已被本数据库中的其他记录使用", "The code {code} is used by another record"
)


def exported_packages(session: Session) -> int:
    """How many packages this installation has exported."""
    return int(session.scalar(select(func.count(ExportLog.id))) or 0)


def code_change_allowed(session: Session) -> bool:
    return exported_packages(session) == 0


def change_school_code(session: Session, *, new_code: str) -> School:
    """Give the school a corrected code (raises InputError once a package was exported)."""
    school = own_school(session)
    exported = exported_packages(session)
    if exported:
        raise InputError(CODE_LOCKED(count=exported))
    code = normalize_typed(new_code).strip()
    if (problem := check_school_code(code)) is not None:
        raise InputError(problem)
    if code == school.code:
        raise InputError(SAME_CODE(code=code))
    taken = session.scalar(
        select(School.id).where(School.code == code, School.id != school.id).limit(1)
    )
    if taken is not None:
        raise InputError(CODE_TAKEN(code=code))
    school.code = code
    get_installation(session).code = code
    session.flush()
    return school
