"""A school's complete data for one period as received in a package, and storing it.

:class:`SchoolSnapshot` is the neutral shape between the package's workbook (read by the
workbook's importer) and the bureau's tables: plain values under the models' attribute
names, with the school's own record keys so that certificates, attendances and the
explanations of soft findings can point at the records they belong to.

:func:`store_snapshot` writes one snapshot with a handful of multi-row INSERTs and ids
chosen in advance, all found by one query (the caller's transaction holds SQLite's write
lock), so collecting hundreds of packages does not pay the ORM's per-object cost; it hands
back the rows as the rules read them, so that the package's checks do not read them again.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from types import SimpleNamespace
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from cxdesk.models import (
    Attendance,
    Certificate,
    CounsellingRoom,
    Counselor,
    FindingExplanation,
    School,
    TrainingEvent,
)
from cxdesk.school_records import SchoolRecords
from cxdesk.storage.ids import new_ids_of
from cxdesk.storage.inserts import insert_into

SCHOOL_FIELDS = (
    "code",
    "name",
    "county_code",
    "kind",
    "mountain",
    "enrolment",
    "contact_person",
    "contact_phone",
    "boarders",
)
COUNSELOR_FIELDS = (
    "name",
    "gender",
    "ethnic_group",
    "identity_number",
    "birth_date",
    "post_type",
    "main_subject",
    "education",
    "psychology_degree",
    "title",
    "start_date",
    "recruited_as_psych",
    "studio_role",
    "status",
    "left_date",
)
CERTIFICATE_FIELDS = ("kind", "other_name", "number", "issuer", "issued_on")
ROOM_FIELDS = (
    "name",
    "function",
    "area_tenths",
    "year_opened",
    "status",
    "has_individual",
    "has_group",
    "has_reception",
    "grade",
    "closed_on",
)
EVENT_FIELDS = ("title", "level", "organiser", "place", "start_date", "end_date", "hours")


@dataclass
class CounselorRecord:
    """A counselor and the certificates they hold; ``key`` is unique within the snapshot."""

    key: str
    values: dict[str, Any]
    certificates: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class EventRecord:
    key: str
    values: dict[str, Any]
    #: Keys of the counselors who attended.
    attendees: list[str] = field(default_factory=list)


@dataclass
class RoomRecord:
    key: str
    values: dict[str, Any]


@dataclass
class ExplanationRecord:
    """A soft finding the school kept, on the record ``table_name`` / ``record_key``."""

    rule_id: str
    table_name: str
    record_key: str
    explanation: str


@dataclass
class SchoolSnapshot:
    """Everything a school reported for one period (one package)."""

    school: dict[str, Any]
    counselors: list[CounselorRecord] = field(default_factory=list)
    rooms: list[RoomRecord] = field(default_factory=list)
    events: list[EventRecord] = field(default_factory=list)
    explanations: list[ExplanationRecord] = field(default_factory=list)

    @property
    def code(self) -> str:
        return str(self.school["code"])


@dataclass(frozen=True)
class StoredSnapshot:
    """What :func:`store_snapshot` wrote: the school's record and its records as the rules
    read them (transient copies of the rows, with their ids and links), so that the checks
    of the package need not load them again."""

    school: School
    records: SchoolRecords


def store_snapshot(
    session: Session, snapshot: SchoolSnapshot, *, submission_id: int
) -> StoredSnapshot:
    """Insert the snapshot as a new school record of ``submission_id``.

    Must run inside a writing transaction.  The ids come from :func:`cxdesk.storage.ids.new_ids_of`:
    on SQLite the transaction holds the write lock (taken at BEGIN), so ``max(id) + 1``
    cannot be taken by anyone else before the INSERTs; on PostgreSQL, where several clerks
    write at once, from the tables' sequences.
    """
    attendees = [list(dict.fromkeys(e.attendees)) for e in snapshot.events]
    new = new_ids_of(
        session,
        {
            School: 1,
            Counselor: len(snapshot.counselors),
            Certificate: sum(len(p.certificates) for p in snapshot.counselors),
            CounsellingRoom: len(snapshot.rooms),
            TrainingEvent: len(snapshot.events),
            Attendance: sum(len(a) for a in attendees),
        },
    )
    school_id = new[School][0]
    school_row = {k: snapshot.school.get(k) for k in SCHOOL_FIELDS}
    school_row["mountain"] = bool(school_row["mountain"])
    school_row.update(id=school_id, submission_id=submission_id)
    # Core INSERTs on the session's connection: one statement per table, without the ORM's
    # bulk machinery (nothing here is an object of the session).
    connection = session.connection()
    connection.execute(insert_into(School), [school_row])

    ids: dict[tuple[str, str], int] = {("school", ""): school_id}
    counselor_ids, certificate_ids = iter(new[Counselor]), iter(new[Certificate])
    counselors, certificates = [], []
    for person in snapshot.counselors:
        counselor_id = next(counselor_ids)
        ids[("counselor", person.key)] = counselor_id
        row = {k: person.values.get(k) for k in COUNSELOR_FIELDS}
        row["psychology_degree"] = bool(row["psychology_degree"])
        row["recruited_as_psych"] = bool(row["recruited_as_psych"])
        row["studio_role"] = row["studio_role"] or "none"
        row["status"] = row["status"] or "in_post"
        counselors.append({**row, "id": counselor_id, "school_id": school_id})
        for n, cert in enumerate(person.certificates):
            certificate_id = next(certificate_ids)
            ids[("certificate", f"{person.key}/{n}")] = certificate_id
            certificates.append(
                {
                    **{k: cert.get(k) for k in CERTIFICATE_FIELDS},
                    "id": certificate_id,
                    "counselor_id": counselor_id,
                }
            )

    room_ids = iter(new[CounsellingRoom])
    rooms = []
    for room in snapshot.rooms:
        room_id = next(room_ids)
        ids[("counselling_room", room.key)] = room_id
        row = {k: room.values.get(k) for k in ROOM_FIELDS}
        row["status"] = row["status"] or "in_use"
        for flag in ("has_individual", "has_group", "has_reception"):
            row[flag] = bool(row[flag])
        rooms.append({**row, "id": room_id, "school_id": school_id})

    event_ids, attendance_ids = iter(new[TrainingEvent]), iter(new[Attendance])
    events, attendances = [], []
    for event, people in zip(snapshot.events, attendees, strict=True):
        event_id = next(event_ids)
        ids[("training_event", event.key)] = event_id
        events.append(
            {
                **{k: event.values.get(k) for k in EVENT_FIELDS},
                "id": event_id,
                "school_id": school_id,
            }
        )
        for person_key in people:
            attendance_id = next(attendance_ids)
            ids[("attendance", f"{event.key}/{person_key}")] = attendance_id
            attendances.append(
                {
                    "id": attendance_id,
                    "event_id": event_id,
                    "counselor_id": ids[("counselor", person_key)],
                }
            )

    explanations = []
    for note in snapshot.explanations:
        record_id = ids.get((note.table_name, note.record_key))
        if record_id is None:
            continue  # the record it was about is not in this snapshot any more
        explanations.append(
            {
                "school_id": school_id,
                "rule_id": note.rule_id,
                "table_name": note.table_name,
                "record_id": record_id,
                "explanation": note.explanation,
                "updated_at": _now(),
            }
        )

    for model, rows in (
        (Counselor, counselors),
        (Certificate, certificates),
        (CounsellingRoom, rooms),
        (TrainingEvent, events),
        (Attendance, attendances),
        (FindingExplanation, explanations),
    ):
        if rows:
            connection.execute(insert_into(model), rows)
    records = _as_records(counselors, certificates, rooms, events, attendances)
    written = {
        (x["rule_id"], x["table_name"], x["record_id"]): x["explanation"] for x in explanations
    }
    return StoredSnapshot(School(**school_row), replace(records, explanations=written))


def _as_records(
    counselors: list[dict[str, Any]],
    certificates: list[dict[str, Any]],
    rooms: list[dict[str, Any]],
    events: list[dict[str, Any]],
    attendances: list[dict[str, Any]],
) -> SchoolRecords:
    """The rows just inserted as the rules read them: plain objects with the models'
    attribute names, linked as loading links the models (building model instances would
    cost more than the rules)."""
    people = {
        row["id"]: SimpleNamespace(**row, certificates=[], attendances=[]) for row in counselors
    }
    for row in certificates:
        people[row["counselor_id"]].certificates.append(SimpleNamespace(**row))
    trainings = {row["id"]: SimpleNamespace(**row, attendances=[]) for row in events}
    for row in attendances:
        event = trainings[row["event_id"]]
        attendance = SimpleNamespace(**row, event=event)
        event.attendances.append(attendance)
        people[row["counselor_id"]].attendances.append(attendance)
    return SchoolRecords(
        list(people.values()), [_Room(**row) for row in rooms], list(trainings.values())
    )


class _Room(SimpleNamespace):
    """A room's row with the model's ``area_m2`` (the rules show the area in m²)."""

    area_m2 = vars(CounsellingRoom)["area_m2"]  # the model's own property


def _now() -> Any:
    return datetime.now(UTC).replace(tzinfo=None)


def snapshot_of_school(session: Session, school: School) -> SchoolSnapshot:
    """The snapshot of a stored school (its own database, or a snapshot at a bureau).

    Record keys are the stored ids, so a snapshot read here and stored elsewhere keeps
    every link (certificates, attendances, explanations).
    """
    snap = SchoolSnapshot(school={k: getattr(school, k) for k in SCHOOL_FIELDS})
    people = session.scalars(
        select(Counselor).where(Counselor.school_id == school.id).order_by(Counselor.id)
    ).all()
    certs: dict[int, list[Certificate]] = {}
    for cert in session.scalars(
        select(Certificate)
        .join(Counselor, Counselor.id == Certificate.counselor_id)
        .where(Counselor.school_id == school.id)
        .order_by(Certificate.id)
    ):
        certs.setdefault(cert.counselor_id, []).append(cert)
    cert_keys: dict[int, str] = {}
    for person in people:
        held = certs.get(person.id, [])
        for n, cert in enumerate(held):
            cert_keys[cert.id] = f"{person.id}/{n}"
        snap.counselors.append(
            CounselorRecord(
                key=str(person.id),
                values={k: getattr(person, k) for k in COUNSELOR_FIELDS},
                certificates=[{k: getattr(c, k) for k in CERTIFICATE_FIELDS} for c in held],
            )
        )
    for room in session.scalars(
        select(CounsellingRoom)
        .where(CounsellingRoom.school_id == school.id)
        .order_by(CounsellingRoom.id)
    ):
        snap.rooms.append(RoomRecord(str(room.id), {k: getattr(room, k) for k in ROOM_FIELDS}))
    attendance_keys: dict[int, str] = {}
    for event in session.scalars(
        select(TrainingEvent).where(TrainingEvent.school_id == school.id).order_by(TrainingEvent.id)
    ):
        attendees = session.scalars(
            select(Attendance).where(Attendance.event_id == event.id).order_by(Attendance.id)
        ).all()
        for a in attendees:
            attendance_keys[a.id] = f"{event.id}/{a.counselor_id}"
        snap.events.append(
            EventRecord(
                str(event.id),
                {k: getattr(event, k) for k in EVENT_FIELDS},
                [str(a.counselor_id) for a in attendees],
            )
        )
    for note in session.scalars(
        select(FindingExplanation).where(FindingExplanation.school_id == school.id)
    ):
        if note.table_name == "certificate":
            key = cert_keys.get(note.record_id)
        elif note.table_name == "attendance":
            key = attendance_keys.get(note.record_id)
        elif note.table_name == "school":
            key = ""
        else:
            key = str(note.record_id)
        if key is not None:
            snap.explanations.append(
                ExplanationRecord(note.rule_id, note.table_name, key, note.explanation)
            )
    return snap


def as_date(value: Any) -> date | None:
    return value if isinstance(value, date) or value is None else date.fromisoformat(str(value))
