"""Reviewing one school's package: its data, the findings, what changed, accept or return.

:func:`review_school` gathers what the clerk looks at (plain rows, never ORM objects, so a
GUI table model can hold them): the school's figures, its counselors (identity numbers
masked), rooms and training, the check findings kept at import with the school's own
explanations, and the comparison with the school's counted package of the previous period
(or, when there is none, with the package of this period it replaced).

:func:`accept_submission` writes a signed receipt (回执) and :func:`return_submission` a
signed return (退回) with comments per record, through :mod:`cxdesk.exchange.replies`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from cxdesk import reference as ref
from cxdesk.bureau.clerk import clerk_name
from cxdesk.bureau.people import SharedPerson, duplicate_comment_text, shared_with_school
from cxdesk.bureau.provenance import PackageRow, package_row
from cxdesk.bureau.stored_reason import stored_reason
from cxdesk.bureau.submissions import now
from cxdesk.errors import InputError, NotFoundError
from cxdesk.exchange.fingerprints import format_fingerprint
from cxdesk.exchange.keys import keys_dir, load_signer
from cxdesk.exchange.manifest import Comment, Period, Subject
from cxdesk.exchange.records import KEYED_TABLES, mask_name, record_key
from cxdesk.exchange.replies import Party, write_receipt, write_return
from cxdesk.figures import FIGURE_KEYS, FIGURE_LABELS, jsonable, school_figures
from cxdesk.i18n import Text
from cxdesk.models import (
    CounsellingRoom,
    Counselor,
    School,
    Submission,
    TrainingEvent,
)
from cxdesk.services.bureau_identity import Bureau
from cxdesk.services.bureaus import own_bureau
from cxdesk.services.periods import get_period, previous_period
from cxdesk.storage.changes import Changes, changes_of
from cxdesk.storage.db import Database
from cxdesk.validation import mask_identity_number

NO_PACKAGE = Text(
    "学校 {code} 在期次 {period} 没有已接收的上报包。",
    "School {code} has no counted package for {period}.",
)
UNKNOWN_RECORD = Text(
    "意见所指的记录不存在：{table} {id}",
    "The comment names no record of this package: {table} {id}",
)
NO_COMMENT = Text(
    "退回时请至少写一条说明或意见。", "A return needs a message or at least one comment."
)


@dataclass(frozen=True)
class Change:
    """One figure that differs between the two packages compared."""

    key: str
    before: Any
    now: Any


@dataclass
class SchoolReview:
    """What the clerk sees of one school's counted package."""

    submission_id: int
    code: str
    name: str
    county_code: str
    kind: str
    period: str
    sequence: int
    received_at: datetime
    review: str
    review_comment: str | None
    figures: dict[str, Any]
    counselors: list[dict[str, Any]]
    rooms: list[dict[str, Any]]
    training: list[dict[str, Any]]
    findings: list[dict[str, Any]]
    #: What the comparison is with: "previous_period", "previous_sequence" or None.
    compared_with: str | None = None
    compared_label: str | None = None
    changes: list[Change] = field(default_factory=list)
    counselors_added: list[str] = field(default_factory=list)
    counselors_gone: list[str] = field(default_factory=list)
    #: Packages of this school and period that no longer count (their key was revoked):
    #: ``sequence``, ``fingerprint``, ``received_at``, ``reason`` (both languages).
    withdrawn: list[dict[str, Any]] = field(default_factory=list)
    #: People of this roster who are also in post on another school's roster in scope.
    shared: list[SharedPerson] = field(default_factory=list)
    #: The exact package counted (sender, sequence, SHA-256, who collected it, ...).
    package: PackageRow | None = None

    def to_json(self, lang: str | None = None) -> dict[str, Any]:
        en = lang == "en"
        return {
            "submission_id": self.submission_id,
            "school": {
                "code": self.code,
                "name": self.name,
                "county": self.county_code,
                "kind": self.kind,
            },
            "period": self.period,
            "sequence": self.sequence,
            "received_at": self.received_at.isoformat(),
            "review": self.review,
            "review_comment": self.review_comment,
            "figures": jsonable(self.figures),
            "counselors": self.counselors,
            "rooms": self.rooms,
            "training": self.training,
            "findings": [
                {**f, "message": f.get("message_en") if en else f.get("message")}
                for f in self.findings
            ],
            "compared_with": self.compared_with,
            "compared_label": self.compared_label,
            "changes": [
                {"figure": c.key, "before": _plain(c.before), "now": _plain(c.now)}
                for c in self.changes
            ],
            "counselors_added": self.counselors_added,
            "counselors_gone": self.counselors_gone,
            "withdrawn": [
                {**w, "reason": w["reason_en"] if en else w["reason"]} for w in self.withdrawn
            ],
            "counted_elsewhere": [p.to_json() for p in self.shared],
            "package": self.package.to_json() if self.package else None,
        }

    def text_lines(self, lang: str = "zh") -> list[str]:
        i = 1 if lang == "en" else 0
        lines = [
            f"{self.code} {self.name}  {self.period} #{self.sequence}  ({self.review})",
        ]
        for key in FIGURE_KEYS:
            value = self.figures.get(key)
            if key == "schools_expected":
                continue
            lines.append(f"  {FIGURE_LABELS[key][i]}: {_plain(value)}")
        for f in self.findings:
            message = f.get("message_en") if lang == "en" else f.get("message")
            line = f"  [{f['severity']} {f['rule']}] {f['record']}: {message}"
            if f.get("explanation"):
                line += f"  ({f['explanation']})"
            lines.append(line)
        for w in self.withdrawn:
            lines.append(f"  × #{w['sequence']}: {w['reason_en'] if i else w['reason']}")
        if self.compared_label:
            lines.append(f"  ~ {self.compared_label}")
            for c in self.changes:
                lines.append(f"    {FIGURE_LABELS[c.key][i]}: {_plain(c.before)} → {_plain(c.now)}")
            for name in self.counselors_added:
                lines.append(f"    + {name}")
            for name in self.counselors_gone:
                lines.append(f"    - {name}")
        for person in self.shared:
            mine = next(e for e in person.entries if e.school_code == self.code)
            others = ", ".join(f"{e.school_code} {e.school_name}" for e in person.others(self.code))
            lines.append(f"  = {mine.name} {mine.masked_id} [{person.shown_key}] ↔ {others}")
        return lines


def _plain(value: Any) -> Any:
    from decimal import Decimal

    if isinstance(value, Decimal):
        return float(value)
    return value


def counted_submission_of(session: Session, bureau: Bureau, code: str, period: str) -> Submission:
    sub = session.scalars(
        select(Submission).where(
            Submission.sender_code == code,
            Submission.period_label == period,
            Submission.status == "accepted",
            Submission.sender_role == "school",
        )
    ).first()
    if sub is None or (bureau.county_code is not None and sub.county_code != bureau.county_code):
        raise NotFoundError(NO_PACKAGE(code=code, period=period))
    return sub


def _snapshot_school(session: Session, submission_id: int) -> School:
    school = session.scalars(select(School).where(School.submission_id == submission_id)).first()
    assert school is not None, "a counted submission has its snapshot"
    return school


def review_school(session: Session, *, code: str, period_label: str) -> SchoolReview:
    """Everything the clerk reviews of the school's counted package for the period."""
    bureau = own_bureau(session)
    sub = counted_submission_of(session, bureau, code, period_label)
    school = _snapshot_school(session, sub.id)
    period = get_period(session, period_label)
    figures = school_figures(session, school=school, period=period)
    people = session.scalars(
        select(Counselor).where(Counselor.school_id == school.id).order_by(Counselor.id)
    ).all()
    counselors = [
        {
            "id": c.id,
            "name": c.name,
            "identity_number": mask_identity_number(c.identity_number)
            if c.identity_number
            else None,
            "post_type": c.post_type,
            "main_subject": c.main_subject,
            "start_date": c.start_date.isoformat() if c.start_date else None,
            "studio_role": c.studio_role,
            "status": c.status,
            "certificates": [k.kind for k in c.certificates],
        }
        for c in people
    ]
    rooms = [
        {
            "id": r.id,
            "name": r.name,
            "function": r.function,
            "area_m2": float(r.area_m2),
            "year_opened": r.year_opened,
            "status": r.status,
            "areas": [a for a in ref.BASIC_AREAS if a in r.provided_areas()],
            "grade": r.grade,
        }
        for r in session.scalars(
            select(CounsellingRoom)
            .where(CounsellingRoom.school_id == school.id)
            .order_by(CounsellingRoom.id)
        )
    ]
    training = [
        {
            "id": e.id,
            "title": e.title,
            "level": e.level,
            "place": e.place,
            "start_date": e.start_date.isoformat(),
            "attendees": len(e.attendances),
        }
        for e in session.scalars(
            select(TrainingEvent)
            .where(TrainingEvent.school_id == school.id)
            .order_by(TrainingEvent.id)
        )
    ]
    review = SchoolReview(
        submission_id=sub.id,
        code=school.code,
        name=school.name,
        county_code=school.county_code,
        kind=school.kind,
        period=period_label,
        sequence=sub.sequence,
        received_at=sub.received_at,
        review=sub.review,
        review_comment=sub.review_comment,
        figures=figures,
        counselors=counselors,
        rooms=rooms,
        training=training,
        findings=json.loads(sub.findings_json or "[]"),
    )
    review.withdrawn = _withdrawn(session, school.code, period_label)
    _compare(session, review, school, period)
    review.shared = shared_with_school(
        session, period=period, county_code=bureau.county_code, school_id=school.id
    )
    review.package = package_row(session, sub.id)
    return review


def _withdrawn(session: Session, code: str, period_label: str) -> list[dict[str, Any]]:
    return [
        {
            "submission_id": s.id,
            "sequence": s.sequence,
            "fingerprint": format_fingerprint(s.sender_fingerprint),
            "received_at": s.received_at.isoformat(),
            "reason": stored_reason(s.status_reason, "zh") or "",
            "reason_en": stored_reason(s.status_reason, "en") or "",
        }
        for s in session.scalars(
            select(Submission)
            .where(
                Submission.sender_code == code,
                Submission.period_label == period_label,
                Submission.status == "revoked",
            )
            .order_by(Submission.sequence.desc())
        )
    ]


def duplicate_comments(review: SchoolReview) -> list[ReturnComment]:
    """A return comment on each roster entry that is also counted at another school."""
    comments = []
    for person in review.shared:
        for entry in person.entries:
            if entry.school_code == review.code:
                text = duplicate_comment_text(person, review.code)
                comments.append(ReturnComment("counselor", entry.counselor_id, text))
    return comments


def _compare(session: Session, review: SchoolReview, school: School, period: Any) -> None:
    """Fill the comparison: after a revocation, the package that counted before it (what
    changed); else the previous period's counted package, else the replaced one."""
    before_school: School | None = None
    withdrawn = [w for w in review.withdrawn if w["sequence"] > review.sequence]
    if withdrawn:
        sub = session.get(Submission, withdrawn[0]["submission_id"])
        snapshot = session.scalars(
            select(School).where(School.submission_id == withdrawn[0]["submission_id"])
        ).first()
        if sub is not None and snapshot is not None:
            before_school = snapshot
            review.compared_with = "withdrawn"
            review.compared_label = f"{period.label} #{sub.sequence} ×"
            old_figures = school_figures(session, school=before_school, period=period)
    before = previous_period(session, period) if before_school is None else None
    if before is not None:
        sub = session.scalars(
            select(Submission).where(
                Submission.sender_code == school.code,
                Submission.period_label == before.label,
                Submission.status == "accepted",
            )
        ).first()
        if sub is not None:
            before_school = _snapshot_school(session, sub.id)
            review.compared_with, review.compared_label = "previous_period", before.label
            old_figures = school_figures(session, school=before_school, period=before)
    if before_school is None:
        sub = session.scalars(
            select(Submission)
            .where(
                Submission.sender_code == school.code,
                Submission.period_label == period.label,
                Submission.status == "superseded",
                Submission.sequence < review.sequence,
            )
            .order_by(Submission.sequence.desc())
        ).first()
        if sub is None:
            return
        before_school = _snapshot_school(session, sub.id)
        review.compared_with = "previous_sequence"
        review.compared_label = f"{period.label} #{sub.sequence}"
        old_figures = school_figures(session, school=before_school, period=period)
    for key in FIGURE_KEYS:
        if key in ("schools_expected", "schools_reported"):
            continue
        if old_figures.get(key) != review.figures.get(key):
            review.changes.append(Change(key, old_figures.get(key), review.figures.get(key)))
    old_people = _people_keys(session, before_school.id)
    new_people = _people_keys(session, school.id)
    review.counselors_added = sorted(new_people[k] for k in new_people.keys() - old_people.keys())
    review.counselors_gone = sorted(old_people[k] for k in old_people.keys() - new_people.keys())


def _people_keys(session: Session, school_id: int) -> dict[str, str]:
    result = {}
    for name, number, birth in session.execute(
        select(Counselor.name, Counselor.identity_number, Counselor.birth_date).where(
            Counselor.school_id == school_id
        )
    ):
        result[number or f"{name}/{birth}"] = name
    return result


# --- accept and return -----------------------------------------------------------------


@dataclass(frozen=True)
class ReturnComment:
    """The clerk's comment on one record of the package (``table`` None: the whole)."""

    table: str | None
    record_id: int | None
    comment: str


def _reply_context(session: Session, db: Database, sub: Submission) -> tuple[Any, Any, Any, Any]:
    bureau = own_bureau(session)
    signer = load_signer(session, key_dir=keys_dir(Path(db.path)))
    period = get_period(session, sub.period_label)
    subject = Subject(sub.sender_code, sub.period_label, sub.sequence, sub.file_sha256)
    period_info = Period.of(period)
    return signer, Party(bureau.role, bureau.code, bureau.name), subject, period_info


def _answer_format(sub: Submission) -> int:
    """A reply is written in the format of the package it answers (an earlier cxdesk at
    the school reads format 1 only); a format-2 package brought its record key."""
    return 2 if sub.record_secret else 1


@dataclass(frozen=True)
class ReviewReply:
    """A review decision: the signed receipt or return written, and what storing the
    decision changed."""

    path: Path
    changes: Changes


def accept_submission(
    db: Database, *, code: str, period_label: str, out_dir: Path, message: str | None = None
) -> ReviewReply:
    """Mark the school's counted package accepted and write its signed receipt."""
    with db.transaction() as session:
        bureau = own_bureau(session)
        sub = counted_submission_of(session, bureau, code, period_label)
        signer, party, subject, period = _reply_context(session, db, sub)
        path = write_receipt(
            Path(out_dir),
            signer=signer,
            bureau=party,
            subject=subject,
            period=period,
            message=message,
            format_version=_answer_format(sub),
        )
        sub.review, sub.reviewed_at, sub.review_file = "accepted", now(), str(path)
        sub.reviewed_by = clerk_name(session)
        sub.review_comment = (message or "").strip() or None
    return ReviewReply(path, changes_of(session))


def return_submission(
    db: Database,
    *,
    code: str,
    period_label: str,
    out_dir: Path,
    comments: list[ReturnComment],
    message: str | None = None,
) -> ReviewReply:
    """Return the school's counted package for correction: a signed return file.

    The package stays counted until the school sends a corrected one (the figures should
    not drop a school because a phone number was wrong); the board shows it as returned.
    """
    if not comments and not (message or "").strip():
        raise InputError(NO_COMMENT())
    models = {
        "school": School,
        "counselor": Counselor,
        "counselling_room": CounsellingRoom,
        "training_event": TrainingEvent,
    }
    with db.transaction() as session:
        bureau = own_bureau(session)
        sub = counted_submission_of(session, bureau, code, period_label)
        school = _snapshot_school(session, sub.id)
        notes: list[Comment] = []
        for c in comments:
            if c.table is None:
                notes.append(Comment(None, {}, school.name, c.comment))
                continue
            model = models.get(c.table)
            record = session.get(model, c.record_id) if model and c.record_id else None
            owner = getattr(record, "school_id", getattr(record, "id", None))
            if record is None or c.table not in KEYED_TABLES or owner != school.id:
                raise InputError(UNKNOWN_RECORD(table=c.table, id=c.record_id))
            label = str(getattr(record, "name", None) or getattr(record, "title", ""))
            if c.table == "counselor":
                label = mask_name(label)  # the return travels in the clear
            key = record_key(c.table, record, secret=sub.record_secret)
            notes.append(Comment(c.table, key, label, c.comment))
        signer, party, subject, period = _reply_context(session, db, sub)
        path = write_return(
            Path(out_dir),
            signer=signer,
            bureau=party,
            subject=subject,
            period=period,
            comments=notes,
            message=message,
            format_version=_answer_format(sub),
        )
        sub.review, sub.reviewed_at, sub.review_file = "returned", now(), str(path)
        sub.reviewed_by = clerk_name(session)
        sub.review_comment = (message or "").strip() or None
    return ReviewReply(path, changes_of(session))


def kind_label(code: str, lang: str = "zh") -> str:
    return ref.SCHOOL_KINDS.label(code, lang)
