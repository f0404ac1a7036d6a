"""A period's records: the school's data as it stood at the period's reference date.

:func:`select_period` decides, for records of any shape (ORM rows at the school, plain
values in a snapshot), which of them exist at the reference date, by the rules of
:class:`cxdesk.as_of.AsOf`; the records left out get a note each.  The checks run over the
records it keeps (:func:`period_records`); the report package carries them, with their
fields as they stood at the reference date (:func:`snapshot_as_of`, :func:`period_snapshot`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from types import SimpleNamespace
from typing import Any

from sqlalchemy.orm import Session

from cxdesk.as_of import AsOf
from cxdesk.i18n import Message
from cxdesk.models import School
from cxdesk.school_records import SchoolRecords, load_records
from cxdesk.school_snapshot import (
    CounselorRecord,
    EventRecord,
    RoomRecord,
    SchoolSnapshot,
    snapshot_of_school,
)


@dataclass(frozen=True)
class PersonItem:
    key: str
    record: Any
    name: str
    #: (key, certificate) pairs
    certificates: Sequence[tuple[str, Any]]


@dataclass(frozen=True)
class EventItem:
    key: str
    record: Any
    title: str
    attendee_keys: Sequence[str]


@dataclass
class Selection:
    """The keys of the records a period keeps, and a note for each one it leaves out."""

    counselors: set[str] = field(default_factory=set)
    certificates: set[str] = field(default_factory=set)
    rooms: set[str] = field(default_factory=set)
    events: set[str] = field(default_factory=set)
    notes: list[Message] = field(default_factory=list)


def select_period(
    as_of: AsOf,
    *,
    people: Sequence[PersonItem],
    rooms: Sequence[tuple[str, Any, str]],
    events: Sequence[EventItem],
) -> Selection:
    """Which records exist at ``as_of``'s reference date (see the module's docstring)."""
    chosen = Selection()
    attending: set[str] = set()
    for event in events:
        if as_of.training_started(event.record):
            chosen.events.add(event.key)
            attending.update(event.attendee_keys)
        else:
            chosen.notes.append(
                as_of.left_out("training_event", event.title, event.record.start_date)
            )
    for person in people:
        if not as_of.keeps_counselor(person.record, attended=person.key in attending):
            chosen.notes.append(as_of.left_out("counselor", person.name, person.record.start_date))
            continue
        chosen.counselors.add(person.key)
        for key, certificate in person.certificates:
            if as_of.certificate_issued(certificate):
                chosen.certificates.add(key)
            else:
                chosen.notes.append(
                    as_of.left_out("certificate", person.name, certificate.issued_on)
                )
    for key, room, name in rooms:
        if as_of.room_opened(room):
            chosen.rooms.add(key)
        else:
            chosen.notes.append(as_of.left_out("counselling_room", name, room.year_opened))
    return chosen


# --- the school's stored records (the checks) -----------------------------------------


@dataclass(frozen=True)
class PeriodRecords:
    """The records of a school that exist at a period's reference date."""

    counselors: list[Any]
    rooms: list[Any]
    events: list[Any]
    #: The certificate ids kept (a certificate issued later is left out).
    certificate_ids: frozenset[int]
    notes: list[Message]


def period_records(session: Session, *, school: School, as_of: AsOf) -> PeriodRecords:
    """The school's stored records as of the reference date, each kind in id order."""
    return records_as_of(load_records(session, school), as_of)


def records_as_of(records: SchoolRecords, as_of: AsOf) -> PeriodRecords:
    """Those of ``records`` (models, or plain objects with their attribute names) that
    exist at ``as_of``'s reference date."""
    counselors, rooms, events = records.counselors, records.rooms, records.events
    chosen = select_period(
        as_of,
        people=[
            PersonItem(str(c.id), c, c.name, [(str(k.id), k) for k in c.certificates])
            for c in counselors
        ],
        rooms=[(str(r.id), r, r.name) for r in rooms],
        events=[
            EventItem(str(e.id), e, e.title, [str(a.counselor_id) for a in e.attendances])
            for e in events
        ],
    )
    return PeriodRecords(
        counselors=[c for c in counselors if str(c.id) in chosen.counselors],
        rooms=[r for r in rooms if str(r.id) in chosen.rooms],
        events=[e for e in events if str(e.id) in chosen.events],
        certificate_ids=frozenset(int(k) for k in chosen.certificates),
        notes=chosen.notes,
    )


# --- a snapshot (the report package) ---------------------------------------------------


def snapshot_as_of(snapshot: SchoolSnapshot, as_of: AsOf) -> tuple[SchoolSnapshot, list[Message]]:
    """The snapshot's records that exist at the reference date, as they stood then."""

    def ns(values: dict[str, Any]) -> SimpleNamespace:
        return SimpleNamespace(**values)

    chosen = select_period(
        as_of,
        people=[
            PersonItem(
                p.key,
                ns(p.values),
                str(p.values.get("name") or ""),
                [(f"{p.key}/{n}", ns(c)) for n, c in enumerate(p.certificates)],
            )
            for p in snapshot.counselors
        ],
        rooms=[(r.key, ns(r.values), str(r.values.get("name") or "")) for r in snapshot.rooms],
        events=[
            EventItem(e.key, ns(e.values), str(e.values.get("title") or ""), e.attendees)
            for e in snapshot.events
        ],
    )
    kept = SchoolSnapshot(school=dict(snapshot.school))
    renumbered: dict[str, str] = {}
    for person in snapshot.counselors:
        if person.key not in chosen.counselors:
            continue
        certificates: list[dict[str, Any]] = []
        for n, certificate in enumerate(person.certificates):
            if f"{person.key}/{n}" in chosen.certificates:
                renumbered[f"{person.key}/{n}"] = f"{person.key}/{len(certificates)}"
                certificates.append(dict(certificate))
        kept.counselors.append(
            CounselorRecord(person.key, as_of.counselor_values(dict(person.values)), certificates)
        )
    for room in snapshot.rooms:
        if room.key in chosen.rooms:
            kept.rooms.append(RoomRecord(room.key, as_of.room_values(dict(room.values))))
    for event in snapshot.events:
        if event.key in chosen.events:
            kept.events.append(EventRecord(event.key, dict(event.values), list(event.attendees)))
    keys = {
        "school": {""},
        "counselor": chosen.counselors,
        "counselling_room": chosen.rooms,
        "training_event": chosen.events,
        "certificate": set(renumbered),
        "attendance": {f"{e.key}/{a}" for e in kept.events for a in e.attendees},
    }
    for note in snapshot.explanations:
        if note.record_key in keys.get(note.table_name, set()):
            key = renumbered.get(note.record_key, note.record_key)
            kept.explanations.append(replace(note, record_key=key))
    return kept, chosen.notes


def period_snapshot(
    session: Session, *, school: School, as_of: AsOf
) -> tuple[SchoolSnapshot, list[Message]]:
    """The school's stored data as it stood at the reference date, with the notes."""
    return snapshot_as_of(snapshot_of_school(session, school), as_of)
