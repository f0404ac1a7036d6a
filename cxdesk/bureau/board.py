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
from typing import TYPE_CHECKING, Any

from cxdesk import reference as ref
from cxdesk.i18n import Text, colon, in_parentheses
from cxdesk.percentage import percent
from cxdesk.services.bureau_identity import Bureau, this_bureau
from cxdesk.storage.rows import Rows, as_date, as_datetime

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

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


DEADLINE_SQL = "SELECT deadline FROM collection_deadline WHERE period_label = :period"
#: The register's schools (the whole register at the prefecture, a county's own schools).
REGISTER_SQL = (
    "SELECT code, name, county_code, kind, contact_person, contact_phone FROM register_entry"
)
IN_COUNTY = " WHERE county_code = :county"
#: The schools' packages that decide their state, with the school as the package describes it.
SCHOOL_PACKAGES_SQL = """
SELECT s.id, s.sender_code, s.sender_name, s.county_code, s.status, s.sequence, s.received_at,
       s.review, s.hard_findings, s.soft_findings, s.correction,
       sc.id, sc.kind, sc.contact_person, sc.contact_phone
FROM submission s LEFT OUTER JOIN school sc ON sc.submission_id = s.id
WHERE s.period_label = :period AND s.sender_role = 'school'
  AND s.status IN ('accepted', 'held', 'revoked')
ORDER BY s.id
"""
#: At the prefecture: the counties' packages.
COUNTY_PACKAGES_SQL = """
SELECT sender_code, status, sequence, received_at FROM submission
WHERE period_label = :period AND sender_role = 'county' AND status IN ('accepted', 'held')
ORDER BY id
"""


def deadline_for(rows: Rows, period_label: str) -> date | None:
    """The collection deadline of the period, if one was set."""
    found = rows(DEADLINE_SQL, {"period": period_label})
    return as_date(found[0][0]) if found else None


def completeness_board(session: Session, *, period_label: str, today: date | None = None) -> Board:
    """The board of the bureau's scope for the period (:func:`board_of` in ``session``)."""
    from cxdesk.storage.session_rows import session_rows

    return board_of(session_rows(session), period_label=period_label, today=today)


def board_of(rows: Rows, *, period_label: str, today: date | None = None) -> Board:
    """The board of the bureau's scope for the period, from the rows of its database."""
    bureau = this_bureau(rows)
    today = today or date.today()
    deadline = deadline_for(rows, period_label)
    schools = _register(rows, bureau)
    _apply_packages(schools, bureau, rows(SCHOOL_PACKAGES_SQL, {"period": period_label}))
    if deadline is not None:
        for row in schools.values():
            if row.state in REPORTED and row.received_at is not None:
                late = (row.received_at.date() - deadline).days
            else:
                late = (today - deadline).days
            row.days_late = late if late > 0 else None
    ordered = sorted(schools.values(), key=lambda r: (_county_order(r.county_code), r.code))
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
        board.counties = _county_packages(
            rows(COUNTY_PACKAGES_SQL, {"period": period_label}), ordered
        )
    return board


def _register(rows: Rows, bureau: Bureau) -> dict[str, BoardRow]:
    """The register's schools of the bureau's scope, nothing received yet."""
    county = bureau.county_code
    found = rows(REGISTER_SQL + IN_COUNTY, {"county": county}) if county else rows(REGISTER_SQL)
    return {
        code: BoardRow(code, name, county_code, kind, person, phone, "not_received")
        for code, name, county_code, kind, person, phone in found
    }


def _apply_packages(
    schools: dict[str, BoardRow], bureau: Bureau, packages: list[tuple[Any, ...]]
) -> None:
    """Each school's state from its packages (:data:`SCHOOL_PACKAGES_SQL`), in the order
    received; a school outside the register that sent one is added."""
    withdrawn: dict[str, list[int]] = {}
    for package in packages:
        ident, code, name, county_code, status, sequence, received, review = package[:8]
        hard, soft, correction, school_id, kind, person, phone = package[8:]
        if bureau.county_code is not None and county_code != bureau.county_code:
            continue
        if status == "revoked":
            withdrawn.setdefault(code, []).append(sequence)
            continue
        has_school = school_id is not None
        row = schools.get(code)
        if row is None:
            row = BoardRow(
                code,
                name,
                county_code,
                kind if has_school else "",
                person if has_school else None,
                phone if has_school else None,
                "not_received",
                in_register=False,
            )
            schools[code] = row
        if status == "held":
            if row.state == "not_received":
                row.state = "held"
                row.submission_id, row.sequence = ident, sequence
                row.received_at = as_datetime(received)
            continue
        row.state = {"pending": "received", "accepted": "accepted", "returned": "returned"}[review]
        row.submission_id, row.sequence, row.received_at = ident, sequence, as_datetime(received)
        row.hard_findings, row.soft_findings = hard, soft
        row.correction = bool(correction)
        if has_school:  # the package's contact is the freshest
            row.contact_person = person or row.contact_person
            row.contact_phone = phone or row.contact_phone
    for code, sequences in withdrawn.items():
        if code in schools:
            schools[code].withdrawn = sorted(sequences)


def _county_order(code: str) -> int:
    codes = ref.COUNTIES.codes
    return codes.index(code) if code in codes else len(codes)


def _county_packages(
    packages: list[tuple[Any, ...]], rows: list[BoardRow]
) -> list[CountyPackageRow]:
    """Each county's package (:data:`COUNTY_PACKAGES_SQL`: the latest counts) and how many
    of its schools reported."""
    latest = {code: (status, sequence, received) for code, status, sequence, received in packages}
    result = []
    for county in ref.COUNTIES:
        package = latest.get(county.code)
        state = "not_received"
        sequence, received_at = None, None
        if package is not None:
            status, sequence, received = package
            state = "held" if status == "held" else "received"
            received_at = as_datetime(received)
        reported = sum(1 for r in rows if r.county_code == county.code and r.state in REPORTED)
        result.append(
            CountyPackageRow(county.code, county.zh, state, sequence, received_at, reported)
        )
    return result
