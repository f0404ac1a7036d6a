"""Receiving one package file: verify, decide its outcome, store it — one transaction.

The signature and every member's hash are checked by :mod:`cxdesk.exchange.verify` before
the workbook inside is read at all.  A county package (at the prefecture) carries its
schools' packages unchanged: each is verified again with its own school signature, and the
county's signed index must name the same file hash and key; the prefecture's figures come
from those school snapshots only, never from the county's totals.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from cxdesk import reference as ref
from cxdesk.bureau.collect import (
    BAD_WORKBOOK,
    NOT_FOR_COUNTY,
    REVOKED_KEY,
    SAME_SEQUENCE,
    UNKNOWN_KEY,
    WRONG_SENDER,
    CollectResult,
    counted_submission,
    findings_summary,
    now,
    scope_problem,
    store_dir,
)
from cxdesk.bureau.opening import encryption_problem, open_received
from cxdesk.bureau.roles import Bureau, own_bureau
from cxdesk.bureau.snapshot import SchoolSnapshot, store_snapshot
from cxdesk.db import Database
from cxdesk.errors import UserError
from cxdesk.exchange.archive import MIB, Limits, read_file_bounded
from cxdesk.exchange.errors import PackageError
from cxdesk.exchange.keys import format_fingerprint
from cxdesk.exchange.package import write_atomically
from cxdesk.exchange.trust import trust_status
from cxdesk.exchange.verify import VerifiedPackage, verify_package_bytes
from cxdesk.i18n import Message, Text
from cxdesk.models import Submission
from cxdesk.pg.locks import lock_for_transaction, lock_sender
from cxdesk.pg.retry import run_retrying
from cxdesk.services.periods import define_period

#: A county package holds up to a few hundred school packages of well under 1 MB each.
BUREAU_LIMITS = Limits(
    max_file_bytes=512 * MIB,
    max_entries=2_100,
    max_member_bytes=48 * MIB,
    max_total_bytes=512 * MIB,
)
SCHOOLS_INDEX = "schools.json"
REGISTER_MEMBER = "register.json"
SCHOOLS_FOLDER = "schools/"

BAD_INDEX = Text(
    "县级上报包的学校清单（schools.json）无效：{reason}，已拒收。",
    "The county package's list of schools (schools.json) is not valid: {reason}; refused.",
)
NOT_LISTED = Text(
    "学校上报包“{name}”与县级清单记录的不一致（文件哈希或密钥不符），已拒收。",
    "The school package {name} does not match the county's list (file hash or key); refused.",
)
OUTSIDE_SENDING_COUNTY = Text(
    "学校 {code} 属于{county}，不能由{sender}上报，已拒收。",
    "School {code} belongs to {county} and cannot be reported by {sender}; refused.",
)


@dataclass(frozen=True)
class Vouched:
    """A school package that came inside a county package the prefecture trusts."""

    county_submission_id: int
    county_code: str
    fingerprint: str


def receive_file(db: Database, path: Path) -> CollectResult:
    """Verify and store one package file; never raises for a bad package."""
    shown = str(path)
    try:
        data = read_file_bounded(Path(path), BUREAU_LIMITS.max_file_bytes)
        package = verify_package_bytes(
            data,
            limits=BUREAU_LIMITS,
            kinds=("report", "county-report"),
            file_name=Path(path).name,
        )
    except PackageError as exc:
        return CollectResult(shown, "refused", reason=exc.message)

    def store() -> CollectResult:
        try:
            with db.transaction() as session:
                session.info["changelog"] = False  # the submission table is the history
                bureau = own_bureau(session)
                if package.manifest.kind == "county-report":
                    return receive_county(session, db, bureau, package, data, shown)
                return receive_school(session, db, bureau, package, data, shown)
        except _Refused as refused:
            return refused.result

    # On a server, a transaction the server rolled back (deadlock, serialization) changed
    # nothing and is run again (cxdesk.pg.retry); SQLite never reports those.
    return run_retrying(store) if db.is_server else store()


class _Refused(Exception):
    """Refuse the package: roll its transaction back and report ``result``."""

    def __init__(self, result: CollectResult) -> None:
        super().__init__(result.outcome)
        self.result = result


def _result(package: VerifiedPackage, path: str, outcome: Any, **kw: Any) -> CollectResult:
    m = package.manifest
    return CollectResult(
        path,
        outcome,
        sender_code=m.sender.code,
        sender_name=m.sender.name,
        period=m.period.label,
        sequence=m.sequence,
        **kw,
    )


def _already_had(session: Session, sha256: str) -> Submission | None:
    return session.scalars(select(Submission).where(Submission.file_sha256 == sha256)).first()


def _stored_file(db: Database, package: VerifiedPackage) -> Path:
    m = package.manifest
    name = f"{m.sender.code}_{m.period.label}_{m.sequence:03d}_{package.file_sha256[:12]}.cxpkg"
    return store_dir(db) / m.period.label / name


def _trust_problem(session: Session, package: VerifiedPackage) -> tuple[str, Message] | None:
    """("refused"|"held", why) when the key is not registered for this sender."""
    status = trust_status(session, package)
    shown = format_fingerprint(package.fingerprint)
    if status.state == "registered":
        return None
    if status.state == "unknown":
        return "held", UNKNOWN_KEY(fingerprint=shown)
    if status.state == "revoked":
        return "refused", REVOKED_KEY(fingerprint=shown)
    assert status.entry is not None
    return "refused", WRONG_SENDER(
        fingerprint=shown,
        owner=f"{status.entry.party_name}（{status.entry.party_code}）",
        claimed=f"{package.manifest.sender.name}（{package.manifest.sender.code}）",
    )


def _new_submission(
    package: VerifiedPackage,
    stored: Path,
    *,
    status: str,
    reason: Message | None = None,
    county: str,
    via: int | None = None,
) -> Submission:
    m = package.manifest
    return Submission(
        sender_code=m.sender.code,
        sender_role=m.sender.role,
        sender_name=m.sender.name,
        county_code=county,
        period_label=m.period.label,
        sequence=m.sequence,
        file_sha256=package.file_sha256,
        sender_fingerprint=package.fingerprint,
        status=status,
        status_reason=_both(reason),
        received_at=now(),
        stored_path=str(stored),
        via_submission_id=via,
        hard_findings=0,
        soft_findings=0,
        review="pending",
    )


def _both(message: Message | None) -> str | None:
    """A reason kept in both languages (the clerk may switch)."""
    if message is None:
        return None
    return json.dumps({"zh": message.render("zh"), "en": message.render("en")}, ensure_ascii=False)


def stored_reason(text: str | None, lang: str) -> str | None:
    if not text:
        return None
    try:
        return str(json.loads(text).get(lang) or "")
    except (ValueError, AttributeError):
        return text


def _ensure_period(session: Session, package: VerifiedPackage) -> None:
    from datetime import date

    from cxdesk.models import ReportingPeriod

    p = package.manifest.period
    exists = session.scalar(select(ReportingPeriod.id).where(ReportingPeriod.label == p.label))
    if exists is None:
        # The first package of a period: on a server, clerks defining it at once take turns
        # (the second then finds it); later packages never wait here.
        lock_for_transaction(session, "period", p.label)
        exists = session.scalar(select(ReportingPeriod.id).where(ReportingPeriod.label == p.label))
    if exists is None:
        define_period(
            session, label=p.label, start=date.fromisoformat(p.start), end=date.fromisoformat(p.end)
        )


def receive_school(
    session: Session,
    db: Database,
    bureau: Bureau,
    package: VerifiedPackage,
    data: bytes,
    path: str,
    *,
    vouched: Vouched | None = None,
) -> CollectResult:
    """Decide and store one school package inside the caller's transaction."""
    m = package.manifest
    if m.kind != "report" or m.sender.role != "school":
        raise _Refused(CollectResult(path, "refused", reason=NOT_FOR_COUNTY()))
    # Several clerks on one server: packages of one school take turns from here on, so the
    # reads below see the other clerk's committed submission (cxdesk.pg.locks).
    lock_sender(session, m.sender.code)
    previous = _already_had(session, package.file_sha256)
    if previous is not None:
        return _result(package, path, "already_had", submission_id=previous.id)
    county = m.sender.county or ""
    held: Message | None = None
    if vouched is None:
        problem = _trust_problem(session, package)
        if problem is not None and problem[0] == "refused":
            raise _Refused(_result(package, path, "refused", reason=problem[1]))
        held = problem[1] if problem is not None else None
    elif county != vouched.county_code:
        reason = OUTSIDE_SENDING_COUNTY(
            code=m.sender.code,
            county=ref.COUNTIES.label(county) or county,
            sender=ref.COUNTIES.label(vouched.county_code),
        )
        return _result(package, path, "refused", reason=reason)
    scope = scope_problem(session, bureau, code=m.sender.code, name=m.sender.name, county=county)
    # A package of a school in scope that this bureau could never open is refused now.
    if scope is None and (unopenable := encryption_problem(session, bureau, package)):
        raise _Refused(_result(package, path, "refused", reason=unopenable))
    if held is None:
        held = scope
    stored = _stored_file(db, package)
    if held is not None:
        write_atomically(stored, data)
        sub = _new_submission(
            package,
            stored,
            status="held",
            reason=held,
            county=county,
            via=vouched.county_submission_id if vouched else None,
        )
        session.add(sub)
        session.flush()
        return _result(package, path, "held", reason=held, submission_id=sub.id)
    return _take(session, db, package, data, path, stored=stored, county=county, vouched=vouched)


def _take(
    session: Session,
    db: Database,
    package: VerifiedPackage,
    data: bytes,
    path: str,
    *,
    stored: Path,
    county: str,
    vouched: Vouched | None,
    submission: Submission | None = None,
) -> CollectResult:
    """Store the snapshot of a trusted package in scope: accepted or superseded."""
    from cxdesk.bureau.unpack import read_snapshot

    m = package.manifest
    try:
        opened = open_received(session, db, package)
    except PackageError as exc:
        if submission is not None:
            raise
        raise _Refused(_result(package, path, "refused", reason=exc.message)) from None
    try:
        snapshot: SchoolSnapshot = read_snapshot(
            session, opened.package, data_folder=Path(db.path).resolve().parent
        )
    except UserError as exc:
        shown = [exc.message.render(), *(d.render() for d in exc.details[:2])]
        reason = BAD_WORKBOOK(reason=" ".join(shown))
        if submission is not None:
            raise
        raise _Refused(_result(package, path, "refused", reason=reason)) from None
    _ensure_period(session, package)
    counted = counted_submission(session, m.sender.code, m.period.label)
    status = "accepted"
    if counted is not None:
        if counted.sequence > m.sequence:
            status = "superseded"
        elif counted.sequence == m.sequence:
            reason = SAME_SEQUENCE(sequence=m.sequence)
            if submission is not None:
                raise _Refused(_result(package, path, "held", reason=reason))
            write_atomically(stored, data)
            sub = _new_submission(package, stored, status="held", reason=reason, county=county)
            session.add(sub)
            session.flush()
            return _result(package, path, "held", reason=reason, submission_id=sub.id)
        else:
            counted.status = "superseded"
            session.flush()
    if submission is None:
        write_atomically(stored, data)
        submission = _new_submission(
            package,
            stored,
            status=status,
            county=county,
            via=vouched.county_submission_id if vouched else None,
        )
        session.add(submission)
    else:
        submission.status = status
        submission.status_reason = None
    submission.record_secret = opened.record_secret
    session.flush()
    school_id = store_snapshot(session, snapshot, submission_id=submission.id)
    for key, value in findings_summary(
        session,
        school_id=school_id,
        period_label=m.period.label,
        school_findings=opened.school_findings,
    ).items():
        setattr(submission, key, value)
    session.flush()
    return _result(package, path, status, submission_id=submission.id)


def receive_county(
    session: Session,
    db: Database,
    bureau: Bureau,
    package: VerifiedPackage,
    data: bytes,
    path: str,
) -> CollectResult:
    """A county package at the prefecture: its register, then each school package inside."""
    from cxdesk.bureau.county import read_county_contents
    from cxdesk.bureau.register import load_register

    m = package.manifest
    if not bureau.is_prefecture or m.sender.role != "county":
        raise _Refused(_result(package, path, "refused", reason=NOT_FOR_COUNTY()))
    lock_sender(session, m.sender.code)  # see receive_school
    previous = _already_had(session, package.file_sha256)
    if previous is not None:
        return _result(package, path, "already_had", submission_id=previous.id)
    problem = _trust_problem(session, package)
    if problem is not None and problem[0] == "refused":
        raise _Refused(_result(package, path, "refused", reason=problem[1]))
    if (unopenable := encryption_problem(session, bureau, package)) is not None:
        raise _Refused(_result(package, path, "refused", reason=unopenable))
    stored = _stored_file(db, package)
    if problem is not None:
        write_atomically(stored, data)
        sub = _new_submission(
            package, stored, status="held", reason=problem[1], county=m.sender.code
        )
        session.add(sub)
        session.flush()
        return _result(package, path, "held", reason=problem[1], submission_id=sub.id)
    try:
        contents = read_county_contents(open_received(session, db, package).package)
    except PackageError as exc:
        raise _Refused(_result(package, path, "refused", reason=exc.message)) from None
    _ensure_period(session, package)
    counted = counted_submission(session, m.sender.code, m.period.label)
    status = "accepted"
    if counted is not None and counted.sequence > m.sequence:
        status = "superseded"
    elif counted is not None:
        counted.status = "superseded"
        session.flush()
    write_atomically(stored, data)
    county_sub = _new_submission(package, stored, status=status, county=m.sender.code)
    session.add(county_sub)
    session.flush()
    if status == "accepted":
        load_register(session, contents.register, source=m.sender.code)
    vouch = Vouched(county_sub.id, m.sender.code, "")
    inner: list[CollectResult] = []
    for entry in contents.schools:
        inner_path = f"{path}!{entry.member}"
        try:
            school_package = verify_package_bytes(
                entry.data, kinds=("report",), file_name=entry.member.rsplit("/", 1)[-1]
            )
        except PackageError as exc:
            inner.append(CollectResult(inner_path, "refused", reason=exc.message))
            continue
        if (
            school_package.file_sha256 != entry.sha256
            or school_package.fingerprint != entry.fingerprint
        ):
            inner.append(CollectResult(inner_path, "refused", reason=NOT_LISTED(name=entry.member)))
            continue
        try:
            with session.begin_nested():
                inner.append(
                    receive_school(
                        session, db, bureau, school_package, entry.data, inner_path, vouched=vouch
                    )
                )
        except _Refused as refused:
            inner.append(refused.result)
    return _result(package, path, status, submission_id=county_sub.id, inner=inner)
