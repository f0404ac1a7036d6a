"""The same person on two schools' rosters: identity numbers compared by a keyed hash.

A counselor who moved mid-year and is still "in post" on the old school's roster, or a
part-time counselor two schools share, is one person on two roster entries.  The bureau
compares identity numbers by HMAC-SHA256 under its own secret (:class:`BureauSecret`,
made on first use): the keys (:class:`PersonKey`, one per roster entry of a received
snapshot, written when the package is taken into the count) are compared in SQL, and what
the clerk sees is the short key and the masked number, never a full identity number.  A
plain hash would not do: identity numbers are few enough (address, birth date, sequence)
to be found again from their hash by trying them all; without the secret they cannot.

A county sees the people shared among its schools; the prefecture among all schools,
across counties.  Roster entries without an identity number cannot be matched and count
as one person each.  See docs/figures.md ("people counted more than once").
"""

from __future__ import annotations

import base64
import functools
import hashlib
import hmac
import secrets
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Select, bindparam, func, select
from sqlalchemy.orm import Session

from cxdesk import reference as ref
from cxdesk.figures import in_post_at
from cxdesk.i18n import Text
from cxdesk.models import BureauSecret, Counselor, PersonKey, ReportingPeriod, School, Submission
from cxdesk.storage.inserts import insert_into
from cxdesk.storage.locks import lock_for_transaction
from cxdesk.validation import mask_identity_number

#: How much of the key is shown to tell people apart on screen and on paper.
SHOWN_KEY = 10

ALSO_AT = Text(
    "此人（身份证号 {masked}）同时在{schools}的名册上，被重复统计：请核实其在本校的任职情况"
    "（已调离的请标为已离岗并填写离岗日期；两校共用的兼职教师请与对方学校商定由哪一方填报）。",
    "This person (identity number {masked}) is also on the roster of {schools} and is "
    "counted twice: check their post at this school (someone who moved away is marked as "
    "left, with the date; for a part-timer the schools share, agree which one reports them).",
)
AND_MORE = Text("等 {total} 所学校", " and {more} more schools")
SCHOOL_IN = Text("{name}（{code}，{county}）", "{name} ({code}, {county})")


def person_key(secret: bytes, identity_number: str) -> str:
    """HMAC-SHA256 of the identity number (upper-case X) under ``secret``, hex."""
    number = identity_number.strip().upper().encode("ascii", "replace")
    return hmac.new(secret, number, hashlib.sha256).hexdigest()


def bureau_secret(session: Session) -> bytes:
    """The bureau's secret, made (32 random bytes) the first time it is needed.

    Kept for the rest of the session once it is found stored (a collect asks it for every
    package); one made now is not kept: the savepoint of the package that made it may
    still be rolled back, and the next package looks again."""
    kept = session.info.get(_SECRET)
    if isinstance(kept, bytes):
        return kept
    row = session.get(BureauSecret, 1)
    if row is not None:
        session.info[_SECRET] = secret = base64.b64decode(row.hmac_key)
        return secret
    if row is None:
        lock_for_transaction(session, "bureau-secret")  # two clerks on a server take turns
        row = session.get(BureauSecret, 1)
    if row is None:
        row = BureauSecret(id=1, hmac_key=base64.b64encode(secrets.token_bytes(32)).decode())
        session.add(row)
        session.flush()
    return base64.b64decode(row.hmac_key)


_SECRET = "cxdesk.bureau_secret"


def store_person_keys(session: Session, counselors: Iterable[Any]) -> int:
    """Write the keys of the roster entries of a snapshot just stored (``counselors``: its
    counselors as :func:`cxdesk.school_snapshot.store_snapshot` wrote them, with their ids);
    returns how many."""
    rows = [(c.id, c.identity_number) for c in counselors if c.identity_number is not None]
    if not rows:
        return 0
    secret = bureau_secret(session)
    session.connection().execute(
        insert_into(PersonKey),
        [{"counselor_id": cid, "key": person_key(secret, str(number))} for cid, number in rows],
    )
    return len(rows)


@dataclass(slots=True)
class RosterEntry:
    """One roster entry of a person counted more than once."""

    counselor_id: int
    name: str
    masked_id: str
    post_type: str
    school_id: int
    school_code: str
    school_name: str
    county_code: str
    school_kind: str
    submission_id: int | None


@dataclass
class SharedPerson:
    """A person (one key) on several roster entries, in school-code order."""

    key: str
    entries: list[RosterEntry] = field(default_factory=list)

    @property
    def shown_key(self) -> str:
        return self.key[:SHOWN_KEY]

    @property
    def across_counties(self) -> bool:
        return len({e.county_code for e in self.entries}) > 1

    @property
    def extra_counts(self) -> int:
        """How many times more than once the person is counted."""
        return len(self.entries) - 1

    def others(self, school_code: str) -> list[RosterEntry]:
        return [e for e in self.entries if e.school_code != school_code]

    def to_json(self) -> dict[str, Any]:
        return {
            "person": self.shown_key,
            "across_counties": self.across_counties,
            "entries": [
                {
                    "school": e.school_code,
                    "school_name": e.school_name,
                    "county": e.county_code,
                    "name": e.name,
                    "identity_number": e.masked_id,
                    "post_type": e.post_type,
                    "counselor_id": e.counselor_id,
                }
                for e in self.entries
            ],
        }


def _keyed_in_post(period: ReportingPeriod, school_filter: ColumnElement[bool]) -> Any:
    """Key and school of every keyed counselor in post at the schools of the filter."""
    return (
        select(PersonKey.key, Counselor.id, Counselor.school_id)
        .join(Counselor, Counselor.id == PersonKey.counselor_id)
        .where(in_post_at(period), Counselor.school_id.in_(select(School.id).where(school_filter)))
    )


_ENTRY_COLUMNS = (
    PersonKey.key,
    Counselor.id,
    Counselor.name,
    Counselor.identity_number,
    Counselor.post_type,
    School.id,
    School.code,
    School.name,
    School.county_code,
    School.kind,
    School.submission_id,
)


def _people(rows: Any) -> list[SharedPerson]:
    """The people of ``rows`` (ordered by key) on more than one of them."""
    people: list[SharedPerson] = []
    person: SharedPerson | None = None
    for row in rows:
        key = row[0]
        if person is None or person.key != key:
            person = SharedPerson(key)
            people.append(person)
        cid, name, number, post, sid, code, school_name, county, kind, sub = row[1:]
        person.entries.append(
            RosterEntry(
                cid,
                name,
                mask_identity_number(number),
                post,
                sid,
                code,
                school_name,
                county,
                kind,
                sub,
            )
        )
    shared = [p for p in people if len(p.entries) > 1]
    return sorted(shared, key=lambda p: (p.entries[0].school_code, p.key))


def shared_people(
    session: Session, *, period: ReportingPeriod, school_filter: ColumnElement[bool]
) -> list[SharedPerson]:
    """People in post on more than one roster among the schools of ``school_filter``.

    One pass over the keyed roster entries of the scope, in key order, those of one key
    kept when there are several: a bureau's whole roster costs one index walk from its
    schools (issue 15: 0.15 s for the 49,460 entries of 20,000 schools), where looking each
    shared key up again cost a random read per entry.
    """
    query = (
        select(*_ENTRY_COLUMNS)
        .join(Counselor, Counselor.id == PersonKey.counselor_id)
        .join(School, School.id == Counselor.school_id)
        .where(in_post_at(period), school_filter)
        .order_by(PersonKey.key, School.code, Counselor.id)
    )
    return _people(session.execute(query))


def shared_with_school(
    session: Session, *, period: ReportingPeriod, county_code: str | None, school_id: int
) -> list[SharedPerson]:
    """The people of one counted snapshot who are in post on other counted rosters too.

    Found by the index on the keys, so its cost is the school's size, not the bureau's
    (it runs for every package collected).  ``county_code`` None: across every county.
    """
    found = shared_with_schools(
        session, period=period, county_code=county_code, school_ids=[school_id]
    )
    return found[school_id]


def shared_with_schools(
    session: Session,
    *,
    period: ReportingPeriod,
    county_code: str | None,
    school_ids: Sequence[int],
) -> dict[int, list[SharedPerson]]:
    """:func:`shared_with_school` for several counted snapshots of ``period`` at once (a
    collect's group of packages): one query, each school's people as that function
    gives them."""
    query = _shared_query(period.label, period.start_date, period.end_date, county_code)
    found: dict[int, list[SharedPerson]] = {school_id: [] for school_id in school_ids}
    for person in _people(session.execute(query, {"school_ids": list(found)})):
        for school_id in dict.fromkeys(entry.school_id for entry in person.entries):
            if school_id in found:
                found[school_id].append(person)
    return found


@functools.lru_cache(maxsize=16)
def _shared_query(label: str, start: date, end: date, county_code: str | None) -> Select[Any]:
    """The statement of :func:`shared_with_schools` for one period (a bound list
    ``school_ids``): built once per period and kept, as building it costs more than
    running it."""
    period = ReportingPeriod(label=label, start_date=start, end_date=end)
    mine = (
        select(PersonKey.key)
        .join(Counselor, Counselor.id == PersonKey.counselor_id)
        .where(Counselor.school_id.in_(bindparam("school_ids", expanding=True)), in_post_at(period))
    )
    columns: list[Any] = [*_ENTRY_COLUMNS]
    query = (
        select(*columns)
        .join(Counselor, Counselor.id == PersonKey.counselor_id)
        .join(School, School.id == Counselor.school_id)
        .join(Submission, Submission.id == School.submission_id)
        .where(
            PersonKey.key.in_(mine),
            in_post_at(period),
            Submission.period_label == period.label,
            Submission.status == "accepted",
            Submission.sender_role == "school",
        )
        .order_by(PersonKey.key, School.code, Counselor.id)
    )
    if county_code is not None:
        query = query.where(School.county_code == county_code)
    return query


@dataclass(frozen=True)
class PeopleCount:
    """Roster entries against people, for a summary."""

    roster_entries: int
    persons: int
    #: People on more than one roster entry.
    counted_more_than_once: int
    #: Roster entries without an identity number (each counted as one person).
    without_identity_number: int

    def to_json(self) -> dict[str, int]:
        return {
            "roster_entries": self.roster_entries,
            "persons": self.persons,
            "counted_more_than_once": self.counted_more_than_once,
            "without_identity_number": self.without_identity_number,
        }


def _entries(
    session: Session, period: ReportingPeriod, school_filter: ColumnElement[bool]
) -> tuple[int, int]:
    """Roster entries in post in the scope, and how many of them have no identity number."""
    in_scope = Counselor.school_id.in_(select(School.id).where(school_filter))
    entries, with_number = session.execute(
        select(func.count(), func.count(Counselor.identity_number)).where(
            in_post_at(period), in_scope
        )
    ).one()
    return int(entries), int(entries) - int(with_number)


def people_count(
    session: Session, *, period: ReportingPeriod, school_filter: ColumnElement[bool]
) -> PeopleCount:
    """How many people the counted roster entries of the scope are."""
    entries, without = _entries(session, period, school_filter)
    keyed = _keyed_in_post(period, school_filter).subquery()
    per_key = select(func.count().label("n")).select_from(keyed).group_by(keyed.c.key).subquery()
    shared, extra = session.execute(
        select(func.count(), func.coalesce(func.sum(per_key.c.n - 1), 0)).where(per_key.c.n > 1)
    ).one()
    return PeopleCount(entries, entries - int(extra), int(shared), without)


def people_count_of(
    session: Session,
    *,
    period: ReportingPeriod,
    school_filter: ColumnElement[bool],
    shared: list[SharedPerson],
) -> PeopleCount:
    """:func:`people_count` when the people counted more than once are at hand."""
    entries, without = _entries(session, period, school_filter)
    extra = sum(p.extra_counts for p in shared)
    return PeopleCount(entries, entries - extra, len(shared), without)


def other_schools(person: SharedPerson, school_code: str, *, limit: int = 0) -> Text:
    """The other schools whose rosters hold ``person``, in both languages (the first
    ``limit`` of them and how many more, when ``limit`` is given)."""
    others = person.others(school_code)
    shown = others[:limit] if limit else others

    def listed(lang: str, sep: str) -> str:
        text = sep.join(
            SCHOOL_IN.render(
                lang,
                name=e.school_name,
                code=e.school_code,
                county=ref.COUNTIES.label(e.county_code, lang),
            )
            for e in shown
        )
        more = len(others) - len(shown)
        return text + (AND_MORE.render(lang, total=len(others), more=more) if more else "")

    return Text(listed("zh", "、"), listed("en", ", "))


def duplicate_comment_text(person: SharedPerson, school_code: str) -> str:
    """The return comment on this school's entry of ``person`` (Chinese: the school reads it)."""
    masked = next(e.masked_id for e in person.entries if e.school_code == school_code)
    return ALSO_AT.render("zh", masked=masked, schools=other_schools(person, school_code))
