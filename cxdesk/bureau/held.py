"""Packages held for the clerk's decision (``cxdesk held list|accept|reject``).

A package is held when its key is not registered, or its school is not in the register or
not in this county.  Accepting registers the key (when it was unknown) and, if the school
is outside the register, adds it from the package's own details; then the stored file is
verified again and taken like any collected package (accepted, or superseded by a newer
one).  Rejecting keeps the record (status ``rejected``) and counts nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import select

from cxdesk.bureau.collect import CollectResult, now
from cxdesk.bureau.intake import (
    BUREAU_LIMITS,
    _Refused,
    _take,
    stored_reason,
)
from cxdesk.bureau.roles import own_bureau
from cxdesk.db import Database
from cxdesk.errors import InputError, NotFoundError
from cxdesk.exchange.archive import read_file_bounded
from cxdesk.exchange.errors import PackageError
from cxdesk.exchange.keys import format_fingerprint
from cxdesk.exchange.trust import find_key, register_key
from cxdesk.exchange.verify import verify_package_bytes
from cxdesk.i18n import Text, current_language
from cxdesk.models import RegisterEntry, Submission
from cxdesk.pg.locks import is_server, lock_sender

NOT_HELD = Text(
    "编号 {id} 的上报包不在待确认列表中。", "Package {id} is not waiting for a decision."
)
STORED_CHANGED = Text(
    "待确认的上报包文件“{path}”已被改动或损坏，不能接收：{reason}",
    "The held package file {path} has been changed or damaged and cannot be taken: {reason}",
)


@dataclass(frozen=True)
class HeldPackage:
    """A package waiting for the clerk, as the held list shows it."""

    submission_id: int
    sender_code: str
    sender_name: str
    sender_role: str
    county_code: str
    period: str
    sequence: int
    fingerprint: str
    reason: str
    received_at: datetime
    stored_path: str

    def to_json(self) -> dict[str, object]:
        return {
            "id": self.submission_id,
            "sender": self.sender_code,
            "name": self.sender_name,
            "role": self.sender_role,
            "county": self.county_code,
            "period": self.period,
            "sequence": self.sequence,
            "fingerprint": format_fingerprint(self.fingerprint),
            "reason": self.reason,
            "received_at": self.received_at.isoformat(),
            "file": self.stored_path,
        }


def held_packages(db: Database) -> list[HeldPackage]:
    lang = current_language()
    with db.reading() as session:
        own_bureau(session)
        rows = session.scalars(
            select(Submission).where(Submission.status == "held").order_by(Submission.id)
        ).all()
        return [
            HeldPackage(
                s.id,
                s.sender_code,
                s.sender_name,
                s.sender_role,
                s.county_code,
                s.period_label,
                s.sequence,
                s.sender_fingerprint,
                stored_reason(s.status_reason, lang) or "",
                s.received_at,
                s.stored_path,
            )
            for s in rows
        ]


def accept_held(db: Database, *, submission_id: int) -> CollectResult:
    """Trust the held package's sender and take it; one transaction.

    The result notes the people it puts on a second roster (cxdesk.bureau.collect_notes).
    """
    from cxdesk.bureau.collect_notes import note_shared_people

    result = _take_held(db, submission_id=submission_id)
    note_shared_people(db, result)
    return result


def _take_held(db: Database, *, submission_id: int) -> CollectResult:
    with db.transaction() as session:
        session.info["changelog"] = False
        bureau = own_bureau(session)
        sub = session.get(Submission, submission_id)
        if sub is not None and is_server(session):
            # Another clerk may be taking a package of the same sender (cxdesk.pg.locks):
            # wait for them, then look at the submission again.
            lock_sender(session, sub.sender_code)
            session.refresh(sub)
        if sub is None or sub.status != "held":
            raise NotFoundError(NOT_HELD(id=submission_id))
        path = Path(sub.stored_path)
        try:
            data = read_file_bounded(path, BUREAU_LIMITS.max_file_bytes)
            package = verify_package_bytes(data, limits=BUREAU_LIMITS, file_name=path.name)
        except PackageError as exc:
            raise InputError(STORED_CHANGED(path=path, reason=exc.render())) from exc
        m = package.manifest
        if find_key(session, package.fingerprint) is None and sub.via_submission_id is None:
            register_key(
                session,
                fingerprint=package.fingerprint,
                code=m.sender.code,
                name=m.sender.name,
                role=m.sender.role,
                source="first_use",
                public_key=package.public_key,
                note=f"accepted from held package #{sub.id}",
            )
        if m.sender.role == "school":
            has_register = session.scalar(select(RegisterEntry.id).limit(1)) is not None
            in_register = session.scalar(
                select(RegisterEntry.id).where(RegisterEntry.code == m.sender.code)
            )
            if has_register and in_register is None:
                session.add(
                    RegisterEntry(
                        code=m.sender.code,
                        name=m.sender.name,
                        county_code=sub.county_code,
                        kind=_kind_from_code(m.sender.code),
                        source="local",
                    )
                )
                session.flush()
        if m.kind == "county-report":
            # Let the ordinary path take it now that its key is registered.
            session.delete(sub)
            session.flush()
            from cxdesk.bureau.intake import receive_county

            try:
                return receive_county(session, db, bureau, package, data, str(path))
            except _Refused as refused:
                return refused.result
        try:
            result = _take(
                session,
                db,
                package,
                data,
                str(path),
                stored=path,
                county=sub.county_code,
                vouched=None,
                submission=sub,
            )
        except _Refused as refused:
            return refused.result
        sub.received_at = sub.received_at or now()
        return result


def reject_held(db: Database, *, submission_id: int, note: str | None = None) -> None:
    """Do not take the held package; it stays listed as rejected, counted nowhere."""
    with db.transaction() as session:
        own_bureau(session)
        sub = session.get(Submission, submission_id)
        if sub is None or sub.status != "held":
            raise NotFoundError(NOT_HELD(id=submission_id))
        sub.status = "rejected"
        if note:
            sub.review_comment = note.strip()
        session.flush()


def _kind_from_code(code: str) -> str:
    """A first guess of the kind from the code prefix; the clerk can correct it."""
    from cxdesk import reference as ref

    return ref.SCHOOL_CODE_KIND_PREFIXES.get(code[:2], ("primary",))[0]
