"""Revoking a key undoes what it did from a point on: its packages stop counting, and each
school's last good package counts again.

A stolen key can send sequence 999999; the school's genuine sequence 4 is then superseded.
Revoking the key *since* the theft (a date, or "all its packages") marks every package it
signed that arrived from then on ``revoked`` (counted nowhere, kept in history with the
reason), and for each school and period whose counted package was one of them, the highest
remaining good package is counted again.  The next package must exceed that one's
sequence, not the thief's.  When a package arrived is the bureau's own record
(``received_at``), which a thief cannot backdate.

One transaction; the board and the review show what changed (``revoked`` submissions).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal

from sqlalchemy import select
from sqlalchemy.orm import Session

from cxdesk.bureau.stored_reason import both_languages
from cxdesk.errors import InputError, NotFoundError
from cxdesk.exchange.fingerprints import format_fingerprint, parse_fingerprint
from cxdesk.exchange.trust import UNKNOWN_FINGERPRINT, revoke_key, shown_time
from cxdesk.i18n import Text
from cxdesk.models import Submission, TrustedKey

REVOKED_SINCE = Text(
    "签名密钥 {fingerprint} 已作废（自 {since} 起不再信任），本包不再计入。",
    "The signing key {fingerprint} was revoked (not trusted since {since}): this package "
    "no longer counts.",
)
REVOKED_ALL = Text(
    "签名密钥 {fingerprint} 已作废（其所有上报包均不再信任），本包不再计入。",
    "The signing key {fingerprint} was revoked (none of its packages is trusted): this "
    "package no longer counts.",
)
VIA_REVOKED = Text(
    "带来本包的县级上报包的签名密钥 {fingerprint} 已作废，本包不再计入。",
    "The county package that brought this package was signed by the revoked key "
    "{fingerprint}: this package no longer counts.",
)
NO_KEY_FOR = Text(
    "登记册中没有“{target}”的密钥（可输入学校代码、县市代码或 30 位指纹）。",
    "The registry holds no key of {target!r} (give a school code, a county code or the "
    "30-digit fingerprint).",
)
SUMMARY = Text(
    "已作废：{name}（{code}）指纹 {fingerprint}，{since}",
    "Revoked: {name} ({code}) fingerprint {fingerprint}, {since}",
)
SINCE_ALL = Text("其所有上报包均不再计入", "none of its packages counts")
SINCE_POINT = Text(
    "自 {since} 起收到的上报包不再计入", "packages received since {since} no longer count"
)
WITHDRAWN_LINE = Text(
    "  不再计入：{code} {name} {period} 第 {sequence} 次（{received} 收到）",
    "  no longer counts: {code} {name} {period} no. {sequence} (received {received})",
)
RESTORED_LINE = Text(
    "  恢复计入：{code} {period} 第 {sequence} 次", "  counts again: {code} {period} no. {sequence}"
)
NOTHING_COUNTED = Text(
    "  {code} {period}：没有其他可计入的上报包，现为未报送",
    "  {code} {period}: no other package to count; now not received",
)


@dataclass(frozen=True)
class Withdrawn:
    """A package of the revoked key that no longer counts (it may not have counted)."""

    submission_id: int
    code: str
    name: str
    period: str
    sequence: int
    received_at: datetime
    was_counted: bool


@dataclass(frozen=True)
class Recounted:
    """For a school and period whose counted package was withdrawn: what counts now."""

    code: str
    period: str
    sequence: int | None  # None: nothing left to count
    submission_id: int | None


@dataclass
class Revocation:
    """What revoking a key did."""

    fingerprint: str
    code: str
    name: str
    since: datetime | None  # None: all its packages
    withdrawn: list[Withdrawn] = field(default_factory=list)
    recounted: list[Recounted] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "fingerprint": format_fingerprint(self.fingerprint),
            "code": self.code,
            "name": self.name,
            "since": self.since.isoformat() if self.since else "all",
            "withdrawn": [
                {
                    "submission_id": w.submission_id,
                    "code": w.code,
                    "period": w.period,
                    "sequence": w.sequence,
                    "received_at": w.received_at.isoformat(),
                    "was_counted": w.was_counted,
                }
                for w in self.withdrawn
            ],
            "counted_again": [
                {"code": r.code, "period": r.period, "sequence": r.sequence} for r in self.recounted
            ],
        }

    def text_lines(self, lang: str | None = None) -> list[str]:
        since = (
            SINCE_ALL.render(lang)
            if self.since is None
            else SINCE_POINT.render(lang, since=shown_time(self.since))
        )
        lines = [
            SUMMARY.render(
                lang,
                name=self.name,
                code=self.code,
                fingerprint=format_fingerprint(self.fingerprint),
                since=since,
            )
        ]
        for w in self.withdrawn:
            lines.append(
                WITHDRAWN_LINE.render(
                    lang,
                    code=w.code,
                    name=w.name,
                    period=w.period,
                    sequence=w.sequence,
                    received=shown_time(w.received_at),
                )
            )
        for r in self.recounted:
            if r.sequence is None:
                lines.append(NOTHING_COUNTED.render(lang, code=r.code, period=r.period))
            else:
                lines.append(
                    RESTORED_LINE.render(lang, code=r.code, period=r.period, sequence=r.sequence)
                )
        return lines


def find_revocable(session: Session, target: str) -> TrustedKey:
    """The key named by a party's code (its valid key, else its latest) or a fingerprint."""
    text = (target or "").strip()
    if text.isdigit() and len(text) in (6, 10):
        keys = session.scalars(
            select(TrustedKey)
            .where(TrustedKey.party_code == text)
            .order_by((TrustedKey.status == "registered").desc(), TrustedKey.registered_at.desc())
        ).all()
        if keys:
            return keys[0]
        raise NotFoundError(NO_KEY_FOR(target=text))
    digits = parse_fingerprint(text)
    entry = session.scalars(select(TrustedKey).where(TrustedKey.fingerprint == digits)).first()
    if entry is None:
        raise NotFoundError(UNKNOWN_FINGERPRINT(fingerprint=format_fingerprint(digits)))
    return entry


def revoke(
    session: Session,
    *,
    target: str,
    since: datetime | Literal["all"] | None = None,
    note: str | None = None,
) -> Revocation:
    """Revoke the key named by ``target`` from ``since`` (None: now; ``"all"``: all its
    packages) and withdraw what it signed from then on; see the module's docstring."""
    entry = find_revocable(session, target)
    revoke_key(session, fingerprint=entry.fingerprint, note=note, since=since)
    point = entry.revoked_from
    report = Revocation(entry.fingerprint, entry.party_code, entry.party_name, point)
    query = select(Submission).where(
        Submission.sender_fingerprint == entry.fingerprint,
        Submission.status.in_(("accepted", "superseded", "held")),
    )
    if point is not None:
        query = query.where(Submission.received_at >= point)
    fingerprint = format_fingerprint(entry.fingerprint)
    reason = (
        REVOKED_ALL(fingerprint=fingerprint)
        if point is None
        else REVOKED_SINCE(fingerprint=fingerprint, since=shown_time(point))
    )
    emptied: dict[tuple[str, str], None] = {}
    subs = list(session.scalars(query.order_by(Submission.id)))
    # A county's key vouched for the school packages its county packages carried.
    carried = [s.id for s in subs if s.sender_role == "county"]
    for start in range(0, len(carried), 500):
        subs += session.scalars(
            select(Submission)
            .where(
                Submission.via_submission_id.in_(carried[start : start + 500]),
                Submission.status.in_(("accepted", "superseded", "held")),
            )
            .order_by(Submission.id)
        ).all()
    via_reason = VIA_REVOKED(fingerprint=fingerprint)
    for sub in subs:
        was_counted = sub.status == "accepted"
        if was_counted:
            emptied[(sub.sender_code, sub.period_label)] = None
        sub.status = "revoked"
        carried_by = sub.sender_fingerprint != entry.fingerprint
        sub.status_reason = both_languages(via_reason if carried_by else reason)
        report.withdrawn.append(
            Withdrawn(
                sub.id,
                sub.sender_code,
                sub.sender_name,
                sub.period_label,
                sub.sequence,
                sub.received_at,
                was_counted,
            )
        )
    session.flush()
    for code, period in emptied:
        best = session.scalars(
            select(Submission)
            .where(
                Submission.sender_code == code,
                Submission.period_label == period,
                Submission.status == "superseded",
            )
            .order_by(Submission.sequence.desc(), Submission.received_at.desc())
        ).first()
        if best is not None:
            best.status = "accepted"
            session.flush()
        report.recounted.append(
            Recounted(
                code,
                period,
                best.sequence if best is not None else None,
                best.id if best is not None else None,
            )
        )
    return report


BAD_SINCE = Text(
    "“{value}”不是有效的起点：请写日期（2026-03-01，自当日 0 时起）、日期和时间（2026-03-01 14:30）、now（现在）或 all（所有上报包）。",
    "{value!r} is not a valid point: give a date (2026-03-01, from its start), a date and a "
    "time (2026-03-01 14:30), now, or all (every package).",
)


def parse_since(text: str | None) -> datetime | Literal["all"] | None:
    """``--since``: None for now, ``"all"``, or a local date / date and time as UTC."""
    from datetime import UTC

    value = (text or "").strip()
    if not value or value.lower() == "now":
        return None
    if value.lower() == "all":
        return "all"
    try:
        local = datetime.fromisoformat(value.replace("T", " "))
    except ValueError:
        raise InputError(BAD_SINCE(value=value)) from None
    if local.tzinfo is None:
        local = local.astimezone()  # the clerk's own clock
    return local.astimezone(UTC).replace(tzinfo=None)
