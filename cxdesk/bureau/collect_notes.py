"""At collect: the people of a package just counted who are on another school's roster too.

Called by :func:`cxdesk.bureau.collect.collect` after each package: for each school package
it took into the count (those inside a county package too), a note per person who is also
in post on the roster of another counted school of the bureau's scope (compared by keyed
hash, :mod:`cxdesk.bureau.people`).  The clerk sees the notes in the results list and
in ``cxdesk collect``'s output; the review page lists the same people.
"""

from __future__ import annotations

from sqlalchemy import select

from cxdesk.bureau.outcomes import CollectResult
from cxdesk.bureau.people import other_schools, shared_with_school
from cxdesk.errors import UserError
from cxdesk.i18n import Text
from cxdesk.models import School, Submission
from cxdesk.services.bureau_identity import Bureau
from cxdesk.services.bureaus import own_bureau
from cxdesk.services.periods import get_period
from cxdesk.storage.db import Database

#: Other schools named in a note (the rest counted): the review page lists them all.
NAMED = 3
NOT_CHECKED = Text(
    "未能检查是否有教师被重复统计：{reason}",
    "Could not check for people counted twice: {reason}",
)
ALSO_ON = Text(
    "{name}（{masked}）也在{schools}的名册上，被重复统计",
    "{name} ({masked}) is also on the roster of {schools}: counted twice",
)


def note_shared_people(
    db: Database, result: CollectResult, *, bureau: Bureau | None = None
) -> None:
    """Add a note to ``result`` (and its inner results) per person counted twice
    (``bureau``: this bureau, when the caller knows it already)."""
    targets = [r for r in [result, *result.inner] if r.outcome == "accepted"]
    targets = [r for r in targets if r.submission_id is not None]
    if not targets:
        return
    try:
        _note(db, targets, bureau)
    except UserError as error:  # the package is in; only the check could not be made
        for target in targets:
            target.notes.append(NOT_CHECKED(reason=error.message))


def _note(db: Database, targets: list[CollectResult], bureau: Bureau | None) -> None:
    with db.reading() as session:
        if bureau is None:
            bureau = own_bureau(session)
        for target in targets:
            sub = session.get(Submission, target.submission_id)
            if sub is None or sub.sender_role != "school":
                continue
            school_id = session.scalar(select(School.id).where(School.submission_id == sub.id))
            if school_id is None:
                continue
            period = get_period(session, sub.period_label)
            for person in shared_with_school(
                session, period=period, county_code=bureau.county_code, school_id=school_id
            ):
                mine = next(e for e in person.entries if e.school_id == school_id)
                schools = other_schools(person, mine.school_code, limit=NAMED)
                target.notes.append(ALSO_ON(name=mine.name, masked=mine.masked_id, schools=schools))
