"""The completeness board (报送进度): every expected school × the period, and who to chase.

A school's state for a period, from its submissions:

* ``not_received`` — nothing received (or only rejected packages);
* ``held`` — a package waits for the clerk's decision;
* ``received`` — a package is counted, not yet reviewed;
* ``returned`` — the counted package was returned for correction;
* ``accepted`` — the counted package was reviewed and accepted (receipt written).

The schools are the register's, plus any school that sent a package without being in it.
Reporting rate = schools with a counted package / schools expected, per county and per
kind.  At the prefecture, the board also lists each county's package.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from cxdesk import reference as ref
from cxdesk.i18n import Text, colon, in_parentheses
from cxdesk.models import CollectionDeadline, RegisterEntry, School, Submission
from cxdesk.percentage import percent
from cxdesk.services.bureaus import own_bureau

STATES = ("not_received", "held", "received", "returned", "accepted")
STATE_LABELS: dict[str, tuple[str, str]] = {
    "not_received": ("未报送", "not received"),
    "held": ("待确认", "held"),
    "received": ("已收到待审核", "received"),
    "returned": ("已退回", "returned"),
    "accepted": ("已审核接收", "accepted"),
}
#: States that count as "reported" for the rate: a package is counted.
REPORTED = ("received", "returned", "accepted")
#: States of schools to chase: nothing counted yet, or sent back.
TO_CHASE = ("not_received", "held", "returned")

HEADLINE = Text(
    "{name} {period}：应报 {expected} 所，已报 {reported} 所（{rate}%），待确认 {held}，退回 {returned}，未报 {missing}",
    "{name} {period}: {expected} expected, {reported} reported ({rate}%), {held} held, "
    "{returned} returned, {missing} missing",
)
HEADLINE_NO_REGISTER = Text(
    "{name} {period}：未载入应报学校名册；已报 {reported} 所，待确认 {held}，退回 {returned}",
    "{name} {period}: no register of schools loaded; {reported} reported, {held} held, "
    "{returned} returned",
)
DEADLINE_LINE = Text("截止日期 {deadline}", "Deadline {deadline}")
CORRECTION_LINE = Text(
    "  更正 {code} {name}：第 {sequence} 次上报是已接收期次的更正",
    "  correction {code} {name}: package no. {sequence} corrects a period already accepted",
)
LATE = Text("逾期 {days} 天", "{days} days late")
WITHDRAWN = Text(
    "第 {sequences} 次上报因密钥作废不再计入", "no. {sequences} no longer counted (key revoked)"
)


@dataclass
class BoardRow:
    """One school's state for the period."""

    code: str
    name: str
    county_code: str
    kind: str
    contact_person: str | None
    contact_phone: str | None
    state: str
    in_register: bool = True
    submission_id: int | None = None
    sequence: int | None = None
    received_at: datetime | None = None
    #: Days after the deadline the counted package came (or, if none came, days so far).
    days_late: int | None = None
    hard_findings: int = 0
    soft_findings: int = 0
    #: Sequences of packages that no longer count because their key was revoked
    #: (cxdesk.bureau.revocation): what changed, for the clerk to see.
    withdrawn: list[int] = field(default_factory=list)
    #: The counted package is a correction (更正) of a period the bureau had accepted.
    correction: bool = False

    def to_json(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "name": self.name,
            "county": self.county_code,
            "kind": self.kind,
            "contact_person": self.contact_person,
            "contact_phone": self.contact_phone,
            "state": self.state,
            "in_register": self.in_register,
            "submission_id": self.submission_id,
            "sequence": self.sequence,
            "received_at": self.received_at.isoformat() if self.received_at else None,
            "days_late": self.days_late,
            "hard_findings": self.hard_findings,
            "soft_findings": self.soft_findings,
            "withdrawn": self.withdrawn,
            "correction": self.correction,
        }


@dataclass
class RateRow:
    """Reporting rate of one county or kind."""

    code: str
    name: str
    #: Schools expected; None while no register is loaded (nobody knows who is missing).
    expected: int | None
    reported: int
    held: int
    returned: int
    #: Expected schools with nothing received; None while no register is loaded.
    missing: int | None

    @property
    def rate(self) -> Decimal | None:
        return percent(self.reported, self.expected) if self.expected is not None else None

    def to_json(self) -> dict[str, Any]:
        rate = self.rate
        return {
            "code": self.code,
            "name": self.name,
            "expected": self.expected,
            "reported": self.reported,
            "held": self.held,
            "returned": self.returned,
            "missing": self.missing,
            "rate_pct": float(rate) if rate is not None else None,
        }


@dataclass
class CountyPackageRow:
    """At the prefecture: the county package counted for the period, if any."""

    county_code: str
    name: str
    state: str
    sequence: int | None
    received_at: datetime | None
    schools: int

    def to_json(self) -> dict[str, Any]:
        return {
            "county": self.county_code,
            "name": self.name,
            "state": self.state,
            "sequence": self.sequence,
            "received_at": self.received_at.isoformat() if self.received_at else None,
            "schools": self.schools,
        }


@dataclass
class Board:
    period: str
    scope_code: str
    scope_name: str
    deadline: date | None
    today: date
    rows: list[BoardRow] = field(default_factory=list)
    by_county: list[RateRow] = field(default_factory=list)
    by_kind: list[RateRow] = field(default_factory=list)
    counties: list[CountyPackageRow] = field(default_factory=list)
    #: Whether the scope has a register of schools (else the received schools count).
    register_loaded: bool = True

    @property
    def totals(self) -> RateRow:
        return _rate_row("", self.scope_name, self.rows, self.register_loaded)

    @property
    def chase(self) -> list[BoardRow]:
        """Schools to chase, the latest first: nothing counted yet, held, or returned."""
        return sorted(
            (r for r in self.rows if r.state in TO_CHASE),
            key=lambda r: (STATES.index(r.state), r.county_code, r.code),
        )

    def to_json(self, lang: str | None = None) -> dict[str, Any]:
        return {
            "period": self.period,
            "scope": {"code": self.scope_code, "name": self.scope_name},
            "deadline": self.deadline.isoformat() if self.deadline else None,
            "register_loaded": self.register_loaded,
            "totals": self.totals.to_json(),
            "by_county": [r.to_json() for r in self.by_county],
            "by_kind": [r.to_json() for r in self.by_kind],
            "counties": [c.to_json() for c in self.counties],
            "schools": [r.to_json() for r in self.rows],
            "chase": [r.to_json() for r in self.chase],
        }

    def text_lines(self, lang: str = "zh") -> list[str]:
        t = self.totals
        headline = HEADLINE if self.register_loaded else HEADLINE_NO_REGISTER
        lines = [
            headline.render(
                lang,
                name=self.scope_name,
                period=self.period,
                expected=t.expected,
                reported=t.reported,
                rate=t.rate if t.rate is not None else "—",
                held=t.held,
                returned=t.returned,
                missing=t.missing,
            )
        ]
        if self.deadline:
            lines.append(DEADLINE_LINE.render(lang, deadline=self.deadline.isoformat()))
        for rates in self.by_county:
            shown = rates.rate if rates.rate is not None else "—"
            expected = rates.expected if rates.expected is not None else "—"
            rate = in_parentheses(f"{shown}%", lang)
            lines.append(f"  {rates.name}{colon(lang)}{rates.reported}/{expected}{rate}")
        for c in self.counties:
            state = STATE_LABELS[c.state][1 if lang == "en" else 0]
            lines.append(
                f"  [{c.county_code}] {c.name}{colon(lang)}{state} #{c.sequence or '-'}"
                + in_parentheses(c.schools, lang)
            )
        for r in self.rows:
            if r.correction:
                lines.append(
                    CORRECTION_LINE.render(lang, code=r.code, name=r.name, sequence=r.sequence)
                )
        for r in self.chase:
            state = STATE_LABELS[r.state][1 if lang == "en" else 0]
            late = f"  {LATE.render(lang, days=r.days_late)}" if r.days_late else ""
            lines.append(
                f"  ! {r.code} {r.name}  {state}{late}  {r.contact_person or ''} {r.contact_phone or ''}"
            )
        for r in self.rows:
            if r.withdrawn:
                state = STATE_LABELS[r.state][1 if lang == "en" else 0]
                lines.append(f"  ~ {r.code} {r.name}  {state}  {withdrawn_text(r, lang)}")
        return lines


def withdrawn_text(row: BoardRow, lang: str | None = None) -> str:
    """ "第 999999 次上报因密钥作废不再计入" for a row with withdrawn packages ("" if none)."""
    if not row.withdrawn:
        return ""
    return WITHDRAWN.render(lang, sequences="、".join(str(n) for n in row.withdrawn))


def counted_schools(rows: list[BoardRow], register_loaded: bool) -> list[BoardRow]:
    """The schools the rates count: the register's.  With no register loaded the schools
    that sent a package count, so the board never says "0 reported" right after a collect
    (issue 13); who is missing cannot be known then."""
    return [r for r in rows if r.in_register] if register_loaded else list(rows)


def _rate_row(code: str, name: str, rows: list[BoardRow], register_loaded: bool) -> RateRow:
    counted = counted_schools(rows, register_loaded)
    return RateRow(
        code,
        name,
        expected=len(counted) if register_loaded else None,
        reported=sum(r.state in REPORTED for r in counted),
        held=sum(r.state == "held" for r in counted),
        returned=sum(r.state == "returned" for r in counted),
        missing=sum(r.state == "not_received" for r in counted) if register_loaded else None,
    )


def set_deadline(session: Session, *, period_label: str, deadline: date) -> None:
    own_bureau(session)
    row = session.scalars(
        select(CollectionDeadline).where(CollectionDeadline.period_label == period_label)
    ).first()
    if row is None:
        session.add(CollectionDeadline(period_label=period_label, deadline=deadline))
    else:
        row.deadline = deadline
    session.flush()


def get_deadline(session: Session, period_label: str) -> date | None:
    return session.scalar(
        select(CollectionDeadline.deadline).where(CollectionDeadline.period_label == period_label)
    )


def completeness_board(session: Session, *, period_label: str, today: date | None = None) -> Board:
    """The board of the bureau's scope for the period."""
    bureau = own_bureau(session)
    today = today or date.today()
    deadline = get_deadline(session, period_label)
    register = select(RegisterEntry)
    if bureau.county_code is not None:
        register = register.where(RegisterEntry.county_code == bureau.county_code)
    rows: dict[str, BoardRow] = {
        e.code: BoardRow(
            e.code, e.name, e.county_code, e.kind, e.contact_person, e.contact_phone, "not_received"
        )
        for e in session.scalars(register)
    }
    withdrawn: dict[str, list[int]] = {}
    subs = session.execute(
        select(Submission, School)
        .outerjoin(School, School.submission_id == Submission.id)
        .where(
            Submission.period_label == period_label,
            Submission.sender_role == "school",
            Submission.status.in_(("accepted", "held", "revoked")),
        )
        .order_by(Submission.id)
    ).all()
    for sub, school in subs:
        if bureau.county_code is not None and sub.county_code != bureau.county_code:
            continue
        if sub.status == "revoked":
            withdrawn.setdefault(sub.sender_code, []).append(sub.sequence)
            continue
        row = rows.get(sub.sender_code)
        if row is None:
            row = BoardRow(
                sub.sender_code,
                sub.sender_name,
                sub.county_code,
                school.kind if school is not None else "",
                school.contact_person if school is not None else None,
                school.contact_phone if school is not None else None,
                "not_received",
                in_register=False,
            )
            rows[sub.sender_code] = row
        if sub.status == "held":
            if row.state == "not_received":
                row.state = "held"
                row.submission_id, row.sequence, row.received_at = (
                    sub.id,
                    sub.sequence,
                    sub.received_at,
                )
            continue
        row.state = {"pending": "received", "accepted": "accepted", "returned": "returned"}[
            sub.review
        ]
        row.submission_id, row.sequence, row.received_at = sub.id, sub.sequence, sub.received_at
        row.hard_findings, row.soft_findings = sub.hard_findings, sub.soft_findings
        row.correction = sub.correction
        if school is not None:  # the package's contact is the freshest
            row.contact_person = school.contact_person or row.contact_person
            row.contact_phone = school.contact_phone or row.contact_phone
    for code, sequences in withdrawn.items():
        if code in rows:
            rows[code].withdrawn = sorted(sequences)
    if deadline is not None:
        for row in rows.values():
            if row.state in REPORTED and row.received_at is not None:
                late = (row.received_at.date() - deadline).days
            else:
                late = (today - deadline).days
            row.days_late = late if late > 0 else None
    ordered = sorted(rows.values(), key=lambda r: (_county_order(r.county_code), r.code))
    loaded = any(r.in_register for r in ordered)
    board = Board(period_label, bureau.code, bureau.name, deadline, today, ordered)
    board.register_loaded = loaded
    for county in ref.COUNTIES:
        members = [r for r in ordered if r.county_code == county.code]
        if members:
            board.by_county.append(_rate_row(county.code, county.zh, members, loaded))
    for kind in ref.SCHOOL_KINDS:
        members = [r for r in ordered if r.kind == kind.code]
        if members:
            board.by_kind.append(_rate_row(kind.code, kind.zh, members, loaded))
    if bureau.is_prefecture:
        board.counties = _county_packages(session, period_label, ordered)
    return board


def _county_order(code: str) -> int:
    codes = ref.COUNTIES.codes
    return codes.index(code) if code in codes else len(codes)


def _county_packages(
    session: Session, period_label: str, rows: list[BoardRow]
) -> list[CountyPackageRow]:
    subs = {
        s.sender_code: s
        for s in session.scalars(
            select(Submission)
            .where(
                Submission.period_label == period_label,
                Submission.sender_role == "county",
                Submission.status.in_(("accepted", "held")),
            )
            .order_by(Submission.id)
        )
    }
    result = []
    for county in ref.COUNTIES:
        sub = subs.get(county.code)
        state = "not_received" if sub is None else ("held" if sub.status == "held" else "received")
        reported = sum(1 for r in rows if r.county_code == county.code and r.state in REPORTED)
        result.append(
            CountyPackageRow(
                county.code,
                county.zh,
                state,
                sub.sequence if sub else None,
                sub.received_at if sub else None,
                reported,
            )
        )
    return result
