"""At collect: the people of a package just counted who are on another school's roster too.

Called by :func:`cxdesk.bureau.collect.collect` after each commit, for the packages it
holds (one reading transaction for them all): for each school package
it took into the count (those inside a county package too), a note per person who is also
in post on the roster of another counted school of the bureau's scope (compared by keyed
hash, :mod:`cxdesk.bureau.people`).  The clerk sees the notes in the results list and
in ``cxdesk collect``'s output; the review page lists the same people.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select

from cxdesk.bureau.outcomes import CollectResult
from cxdesk.bureau.people import SharedPerson, other_schools, shared_with_schools
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
    db: Database, results: Sequence[CollectResult], *, bureau: Bureau | None = None
) -> None:
    """Add a note to each of ``results`` (and their inner results) per person counted
    twice, all read in one transaction (``bureau``: this bureau, when the caller knows it
    already)."""
    targets = [r for result in results for r in [result, *result.inner]]
    targets = [r for r in targets if r.outcome == "accepted" and r.submission_id is not None]
    if not targets:
        return
    try:
        _note(db, targets, bureau)
    except UserError as error:  # the packages are in; only the check could not be made
        for target in targets:
            target.notes.append(NOT_CHECKED(reason=error.message))


def _note(db: Database, targets: list[CollectResult], bureau: Bureau | None) -> None:
    with db.reading() as session:
        if bureau is None:
            bureau = own_bureau(session)
        snapshots = {
            submission_id: (school_id, label)
            for submission_id, school_id, label in session.execute(
                select(Submission.id, School.id, Submission.period_label)
                .join(School, School.submission_id == Submission.id)
                .where(
                    Submission.id.in_([t.submission_id for t in targets]),
                    Submission.sender_role == "school",
                )
            )
        }
        # One query per period for the whole group, not one per package (issue 16).
        shared: dict[int, list[SharedPerson]] = {}
        for label in dict.fromkeys(label for _, label in snapshots.values()):
            shared |= shared_with_schools(
                session,
                period=get_period(session, label),
                county_code=bureau.county_code,
                school_ids=[sid for sid, of in snapshots.values() if of == label],
            )
        for target in targets:
            if target.submission_id not in snapshots:
                continue  # a county's own package: its schools are noted one by one
            school_id, _ = snapshots[target.submission_id]
            for person in shared[school_id]:
                mine = next(e for e in person.entries if e.school_id == school_id)
                schools = other_schools(person, mine.school_code, limit=NAMED)
                target.notes.append(ALSO_ON(name=mine.name, masked=mine.masked_id, schools=schools))
