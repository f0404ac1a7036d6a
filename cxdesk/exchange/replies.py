"""Receipts (回执) and returns (退回): the bureau's signed answer to one package.

The bureau writes them (:func:`write_receipt`, :func:`write_return`); the school imports
them (:func:`receive_file`).  A receipt marks that export accepted; a return attaches the
bureau's comments to the records they concern, shown until the school exports again
(:func:`current_return_comments`).  No network: the files travel like the packages.

Which bureau key the school trusts: the one it registered from the bureau's stamped form
(its key file confirmed by the notice's fingerprint, :mod:`cxdesk.exchange.bureau_keyfile`,
or the fingerprint typed, :func:`register_bureau_key`), or else, when it has registered no
key at all for its county bureau, the key of the first valid reply it imports (trust on
first use); that key is then recorded, said to the user with its fingerprint, and from then
on any other key for that bureau is refused until registered by hand.  Registering from
the form revokes a key trusted on first use (:mod:`cxdesk.exchange.bureau_trust`).

A reply answers in the format of the package it answers: format 2 names counselors by a
keyed hash and masks their names, format 1 (an earlier cxdesk at the school) by name and
birth date; neither ever carries an identity number (:mod:`cxdesk.exchange.records`).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from cxdesk.exchange.archive import Limits
from cxdesk.exchange.bureau_trust import trust_bureau_from_form
from cxdesk.exchange.errors import refuse
from cxdesk.exchange.keys import Signer
from cxdesk.exchange.limits import REPLY_LIMITS
from cxdesk.exchange.manifest import FORMAT_VERSION, Comment, Period, Subject
from cxdesk.exchange.package import build_manifest, package_bytes, write_atomically
from cxdesk.exchange.records import dump_key, find_record, label_of
from cxdesk.exchange.trust import find_key, register_key
from cxdesk.exchange.verify import VerifiedPackage, verify_package
from cxdesk.i18n import Text
from cxdesk.logs import mask_identity_numbers
from cxdesk.models import (
    ExportLog,
    ReceivedReply,
    ReportingPeriod,
    ReturnComment,
    School,
    TrustedKey,
)
from cxdesk.services.bureaus import bureau_name
from cxdesk.services.setup import own_school

REPLY_SUFFIX = ".cxreply"

NOT_FOR_US = Text(
    "这份{kind}是发给学校 {code} 的，不是本校（{own}）的。",
    "This {kind} is for school {code}, not for this school ({own}).",
)
NO_SUCH_EXPORT = Text(
    "这份{kind}针对 {period} 期次第 {sequence} 次上报，但本机没有导出过该上报包（文件指纹不符）。",
    "This {kind} answers package {sequence} of period {period}, which was not exported from "
    "this installation (the file hash does not match).",
)
NOT_OUR_BUREAU = Text(
    "这份{kind}由“{name}”（{code}）签发，不是本校所属的县市教育体育局（{county}）。",
    "This {kind} was signed by {name} ({code}), not by this school's county bureau ({county}).",
)
REVOKED_BUREAU_KEY = Text(
    "签发这份{kind}的密钥（指纹 {fingerprint}）已作废，已拒收。",
    "The key that signed this {kind} (fingerprint {fingerprint}) has been revoked; refused.",
)
UNREGISTERED_BUREAU_KEY = Text(
    "这份{kind}的签名密钥（指纹 {fingerprint}）不是本校登记的教育局密钥，已拒收。"
    "如教育局更换了密钥，请按其通知用 cxdesk trust add 登记新指纹。",
    "The {kind} is signed by a key (fingerprint {fingerprint}) that is not the bureau key "
    "registered here; refused. If the bureau replaced its key, register the new fingerprint "
    "with cxdesk trust add.",
)
KIND_WORDS = {"receipt": Text("回执", "receipt"), "return": Text("退回通知", "return")}


@dataclass(frozen=True)
class Party:
    """Who signs a reply: the bureau's role (county/prefecture), code and name."""

    role: str
    code: str
    name: str


def subject_of(package: VerifiedPackage) -> tuple[Subject, Period]:
    """What a reply to ``package`` names: its sender, period, sequence and file hash."""
    m = package.manifest
    subject = Subject(m.sender.code, m.period.label, m.sequence, package.file_sha256)
    return subject, m.period


def reply_file_name(subject: Subject, kind: str) -> str:
    return f"{subject.sender_code}_{subject.period}_{subject.sequence:03d}_{kind}{REPLY_SUFFIX}"


def _write_reply(
    out_dir: Path,
    *,
    kind: str,
    signer: Signer,
    bureau: Party,
    subject: Subject,
    period: Period,
    message: str | None,
    comments: Sequence[Comment],
    created_at: datetime | None,
    format_version: int,
) -> Path:
    extra: dict[str, object] = {
        "subject": {
            "sender_code": subject.sender_code,
            "period": subject.period,
            "sequence": subject.sequence,
            "package_sha256": subject.package_sha256,
        }
    }
    # The clerk's own words travel in the clear too: an identity number typed into them
    # is masked (532301********123X), as in the logs.
    if message and message.strip():
        extra["message"] = mask_identity_numbers(message.strip())
    if kind == "return":
        extra["comments"] = [
            {
                "table": c.table,
                "key": c.key,
                "record": c.record,
                "comment": mask_identity_numbers(c.comment),
            }
            for c in comments
        ]
    manifest = build_manifest(
        kind=kind,
        signer=signer,
        sender_role=bureau.role,
        sender_code=bureau.code,
        sender_name=bureau.name,
        period=period,
        sequence=subject.sequence,
        members={},
        created_at=created_at,
        extra=extra,
        format_version=format_version,
    )
    path = Path(out_dir) / reply_file_name(subject, kind)
    write_atomically(path, package_bytes(manifest, {}, signer))
    return path


def write_receipt(
    out_dir: Path,
    *,
    signer: Signer,
    bureau: Party,
    subject: Subject,
    period: Period,
    message: str | None = None,
    created_at: datetime | None = None,
    format_version: int = FORMAT_VERSION,
) -> Path:
    """Write a signed receipt for the package ``subject`` into ``out_dir``; its path
    (``format_version``: the answered package's, so that its school can read it)."""
    return _write_reply(
        out_dir,
        kind="receipt",
        signer=signer,
        bureau=bureau,
        subject=subject,
        period=period,
        message=message,
        comments=(),
        created_at=created_at,
        format_version=format_version,
    )


def write_return(
    out_dir: Path,
    *,
    signer: Signer,
    bureau: Party,
    subject: Subject,
    period: Period,
    comments: Sequence[Comment],
    message: str | None = None,
    created_at: datetime | None = None,
    format_version: int = FORMAT_VERSION,
) -> Path:
    """Write a signed return with ``comments`` (one per record, see records.record_key)."""
    return _write_reply(
        out_dir,
        kind="return",
        signer=signer,
        bureau=bureau,
        subject=subject,
        period=period,
        message=message,
        comments=comments,
        created_at=created_at,
        format_version=format_version,
    )


@dataclass(frozen=True)
class ReceiveResult:
    """What importing a reply did."""

    kind: str
    file_name: str
    sequence: int
    period: str
    bureau_name: str
    bureau_fingerprint: str
    comments: int
    #: The bureau key was not registered and has been trusted on first use.
    first_use: bool = False
    #: The same file was imported before; nothing changed.
    already_had: bool = False


def receive_file(session: Session, *, path: Path, limits: Limits = REPLY_LIMITS) -> ReceiveResult:
    """Verify and import a receipt or return for one of this school's exports."""
    package = verify_package(path, limits=limits, kinds=("receipt", "return"))
    m = package.manifest
    assert m.subject is not None
    kind_word = KIND_WORDS[m.kind].render()
    school = own_school(session)
    if m.subject.sender_code != school.code:
        raise refuse(
            "not_for_us", NOT_FOR_US, kind=kind_word, code=m.subject.sender_code, own=school.code
        )
    export = session.scalars(
        select(ExportLog).where(
            ExportLog.sender_code == school.code,
            ExportLog.package_sha256 == m.subject.package_sha256,
        )
    ).first()
    if export is None or export.sequence != m.subject.sequence:
        raise refuse(
            "no_such_export",
            NO_SUCH_EXPORT,
            kind=kind_word,
            period=m.subject.period,
            sequence=m.subject.sequence,
        )
    first_use = _check_bureau_key(session, package, school, kind_word)
    result = ReceiveResult(
        kind=m.kind,
        file_name=export.file_name,
        sequence=export.sequence,
        period=m.subject.period,
        bureau_name=m.sender.name,
        bureau_fingerprint=package.fingerprint,
        comments=len(m.comments),
        first_use=first_use,
    )
    if session.scalars(
        select(ReceivedReply.id).where(ReceivedReply.file_sha256 == package.file_sha256)
    ).first():
        return ReceiveResult(**{**result.__dict__, "already_had": True})
    issued = m.created_at.replace(tzinfo=None)
    reply = ReceivedReply(
        kind=m.kind,
        file_sha256=package.file_sha256,
        bureau_code=m.sender.code,
        bureau_name=m.sender.name,
        bureau_fingerprint=package.fingerprint,
        issued_at=issued,
        received_at=datetime.now(UTC).replace(tzinfo=None, microsecond=0),
        message=m.message,
        comments=[
            ReturnComment(
                table_name=c.table,
                record_key=dump_key(c.key),
                record_label=c.record,
                comment=c.comment,
            )
            for c in m.comments
        ],
    )
    latest = max((r.issued_at for r in export.replies), default=None)
    export.replies.append(reply)
    if latest is None or issued >= latest:
        export.status = "accepted" if m.kind == "receipt" else "returned"
        export.status_at = issued
    session.flush()
    return result


def _check_bureau_key(
    session: Session, package: VerifiedPackage, school: School, kind: str
) -> bool:
    """Refuse a reply not signed by the school's county bureau's trusted key; True when
    the key was trusted now, on first use."""
    sender = package.manifest.sender
    if sender.role != "county" or sender.code != school.county_code:
        raise refuse(
            "wrong_sender",
            NOT_OUR_BUREAU,
            kind=kind,
            name=sender.name,
            code=sender.code,
            county=school.county_code,
        )
    shown = package.fingerprint_display
    entry = find_key(session, package.fingerprint)
    if entry is not None:
        if entry.status == "revoked":
            raise refuse("revoked", REVOKED_BUREAU_KEY, kind=kind, fingerprint=shown)
        if entry.party_code != sender.code:
            raise refuse("wrong_sender", UNREGISTERED_BUREAU_KEY, kind=kind, fingerprint=shown)
        return False
    known = session.scalars(
        select(TrustedKey.id).where(TrustedKey.party_code == sender.code)
    ).first()
    if known is not None:
        raise refuse("unregistered", UNREGISTERED_BUREAU_KEY, kind=kind, fingerprint=shown)
    register_key(
        session,
        fingerprint=package.fingerprint,
        code=sender.code,
        name=sender.name,
        role="county",
        source="first_use",
        public_key=package.public_key,
    )
    return True


def register_bureau_key(
    session: Session, *, fingerprint: str, note: str | None = None
) -> TrustedKey:
    """At a school: register its county bureau's key from the bureau's stamped form.

    From then on replies signed by another key are refused (see :func:`_check_bureau_key`).
    A key already trusted on first use with the same fingerprint is confirmed (its source
    becomes the form); any other key of the bureau (one trusted on first use, perhaps a
    forger's) is revoked.
    """
    school = own_school(session)
    return trust_bureau_from_form(
        session,
        role="county",
        code=school.county_code,
        name=bureau_name("county", school.county_code),
        fingerprint=fingerprint,
        note=note,
    ).entry


@dataclass(frozen=True)
class CommentView:
    """A return comment as the school sees it, with the record it concerns now."""

    table: str | None
    record_id: int | None
    record_label: str
    comment: str
    key: dict[str, str]


@dataclass(frozen=True)
class ReturnView:
    """The latest export of a period that was returned, with the bureau's comments."""

    export_file: str
    sequence: int
    bureau_name: str
    issued_at: datetime
    message: str | None
    comments: list[CommentView]


def latest_export(
    session: Session, *, sender_code: str, period: ReportingPeriod
) -> ExportLog | None:
    return session.scalars(
        select(ExportLog)
        .where(ExportLog.sender_code == sender_code, ExportLog.period_id == period.id)
        .order_by(ExportLog.sequence.desc())
    ).first()


def current_return(
    session: Session, *, school: School, period: ReportingPeriod
) -> ReturnView | None:
    """The bureau's return of the school's latest export of ``period``, if it was returned.

    Once the school exports again the latest export is the new one, and the comments are
    no longer shown (they stay in the history).
    """
    export = latest_export(session, sender_code=school.code, period=period)
    if export is None or export.status != "returned":
        return None
    returns = [r for r in export.replies if r.kind == "return"]
    if not returns:
        return None
    reply = max(returns, key=lambda r: (r.issued_at, r.id))
    comments = []
    for c in reply.comments:
        key = json.loads(c.record_key)
        record_id = find_record(
            session, school=school, table=c.table_name, key=key, secret=export.record_secret
        )
        # A found record is shown by its own name here (the return masks people's names).
        label = (
            label_of(session, c.table_name, record_id) if record_id else None
        ) or c.record_label
        comments.append(CommentView(c.table_name, record_id, label, c.comment, key))
    return ReturnView(
        export.file_name,
        export.sequence,
        reply.bureau_name,
        reply.issued_at,
        reply.message,
        comments,
    )


def current_return_comments(
    session: Session, *, school: School, period: ReportingPeriod
) -> list[CommentView]:
    view = current_return(session, school=school, period=period)
    return view.comments if view else []
