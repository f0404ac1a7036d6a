"""How schools stand against the enabled standards, per school and per group.

:func:`compliance_report` evaluates every enabled standard in force at the period's
reference date on every school of a scope (a bureau's counted snapshots, filtered by
county and kind) and sums the outcomes per group (county, kind, school or none): schools
the standard concerns, how many meet it, the rate (decimal, rounded half-up to two
places, as the figures' percentages) and the standard's target.  :func:`school_standing`
is one school's own view (the overview page).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any, Literal

from sqlalchemy import ColumnElement, and_
from sqlalchemy.orm import Session

from cxdesk import reference as ref
from cxdesk.i18n import current_language
from cxdesk.models import ReportingPeriod, School
from cxdesk.percentage import percent
from cxdesk.services.bureaus import counted_schools, own_bureau
from cxdesk.standards.as_of import evaluation_date
from cxdesk.standards.catalogue import StandardDef, list_standards
from cxdesk.standards.facts import SchoolFacts, school_facts
from cxdesk.standards.rules import NOT_APPLICABLE, OUTCOMES, RULE_KINDS, Evaluation, Outcome

GroupBy = Literal["county", "kind", "school"]


#: One school against one standard: its outcome and why (a rule's verdict).
Standing = Evaluation


@dataclass
class SchoolCompliance:
    """One school's facts and its outcome on each standard of the report."""

    facts: SchoolFacts
    standings: dict[str, Standing] = field(default_factory=dict)

    def outcome(self, key: str) -> Outcome:
        return self.standings[key].outcome


@dataclass
class Cell:
    """A group's schools against one standard."""

    key: str
    target_pct: int | None
    met: int = 0
    not_met: int = 0
    unknown: int = 0
    not_applicable: int = 0

    @property
    def concerned(self) -> int:
        """Schools the standard applies to and whose outcome is known."""
        return self.met + self.not_met

    @property
    def rate(self) -> Decimal | None:
        return percent(self.met, self.concerned)

    @property
    def meets_target(self) -> bool | None:
        rate = self.rate
        if rate is None or self.target_pct is None:
            return None
        return rate >= self.target_pct

    def to_json(self) -> dict[str, Any]:
        rate = self.rate
        return {
            "standard": self.key,
            "schools": self.concerned,
            "met": self.met,
            "not_met": self.not_met,
            "unknown": self.unknown,
            "not_applicable": self.not_applicable,
            "rate_pct": None if rate is None else float(rate),
            "target_pct": self.target_pct,
            "meets_target": self.meets_target,
        }


@dataclass
class GroupRow:
    code: str
    name: str
    schools: int
    cells: dict[str, Cell]

    def to_json(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "name": self.name,
            "schools": self.schools,
            "standards": [c.to_json() for c in self.cells.values()],
        }


@dataclass
class ComplianceReport:
    """The standards in force, every school's standing, and the sums per group."""

    period: str
    reference_date: date
    scope_code: str
    scope_name: str
    standards: list[StandardDef]
    #: Enabled standards not yet in force at the reference date (listed, not evaluated).
    not_in_force: list[StandardDef]
    schools: list[SchoolCompliance]
    rows: list[GroupRow]
    totals: GroupRow

    def standard(self, key: str) -> StandardDef:
        return next(s for s in self.standards if s.key == key)

    def schools_with(
        self, key: str, outcomes: Iterable[Outcome] = ("not_met",)
    ) -> list[SchoolCompliance]:
        """The schools whose outcome on ``key`` is one of ``outcomes`` ("schools without X")."""
        wanted = set(outcomes)
        return [s for s in self.schools if s.outcome(key) in wanted]

    def to_json(self, lang: str | None = None) -> dict[str, Any]:
        lang = lang or current_language()
        return {
            "period": self.period,
            "reference_date": self.reference_date.isoformat(),
            "scope": {"code": self.scope_code, "name": self.scope_name},
            "standards": [
                {
                    **s.to_json(),
                    "rule_text": s.rule_text().render(lang),
                }
                for s in self.standards
            ],
            "not_in_force": [s.key for s in self.not_in_force],
            "totals": self.totals.to_json(),
            "rows": [r.to_json() for r in self.rows],
            "schools": [
                {
                    "code": s.facts.code,
                    "name": s.facts.name,
                    "county": s.facts.county_code,
                    "kind": s.facts.kind,
                    "standards": {
                        key: {
                            "outcome": st.outcome,
                            "detail": st.detail_en if lang == "en" else st.detail,
                        }
                        for key, st in s.standings.items()
                    },
                }
                for s in self.schools
            ],
        }


def evaluate_schools(
    schools: Iterable[SchoolFacts], standards: list[StandardDef]
) -> list[SchoolCompliance]:
    """Every school against every standard (the rule functions looked up once: a province
    is 100,000 evaluations)."""
    plans = []
    for s in standards:
        kind = RULE_KINDS[s.rule_kind]
        verdicts: dict[Hashable, Evaluation] = {}
        plans.append(
            (s.key, frozenset(s.school_kinds), kind.evaluate, kind.reads, s.params, verdicts)
        )
    result = []
    for facts in schools:
        school = SchoolCompliance(facts)
        for key, kinds, evaluate, reads, params, verdicts in plans:
            if kinds and facts.kind not in kinds:
                school.standings[key] = NOT_APPLICABLE
                continue
            seen = reads(facts, params)
            verdict = verdicts.get(seen)
            if verdict is None:
                verdict = verdicts[seen] = evaluate(facts, params)
            school.standings[key] = verdict
        result.append(school)
    return result


def split_in_force(
    standards: list[StandardDef], on: date
) -> tuple[list[StandardDef], list[StandardDef]]:
    in_force = [s for s in standards if s.in_force(on)]
    return in_force, [s for s in standards if not s.in_force(on)]


def _group_key(facts: SchoolFacts, group_by: GroupBy | None) -> tuple[str, str]:
    if group_by == "county":
        return facts.county_code, ref.COUNTIES.label(facts.county_code)
    if group_by == "kind":
        return facts.kind, ref.SCHOOL_KINDS.label(facts.kind)
    if group_by == "school":
        return facts.code, facts.name
    return "", ""


def _group_order(group_by: GroupBy | None, code: str) -> tuple[int, str]:
    codes = {"county": ref.COUNTIES.codes, "kind": ref.SCHOOL_KINDS.codes}.get(group_by or "", ())
    return (codes.index(code) if code in codes else len(codes), code)


def summarise(
    schools: list[SchoolCompliance], standards: list[StandardDef], group_by: GroupBy | None
) -> tuple[list[GroupRow], GroupRow]:
    """The sums per group and in total."""

    # Tallied first (a province has 100,000 outcomes), then turned into cells.
    tally: Counter[tuple[str, str, str]] = Counter()
    names: dict[str, str] = {}
    sizes: Counter[str] = Counter()
    for school in schools:
        code, name = _group_key(school.facts, group_by)
        names.setdefault(code, name)
        sizes[code] += 1
        for key, standing in school.standings.items():
            tally[code, key, standing.outcome] += 1

    def row(code: str, name: str, codes: Iterable[str]) -> GroupRow:
        wanted = set(codes)
        cells = {}
        for s in standards:
            counts = {o: sum(tally[c, s.key, o] for c in wanted) for o in OUTCOMES}
            cells[s.key] = Cell(s.key, s.target_pct, **counts)
        return GroupRow(code, name, sum(sizes[c] for c in wanted), cells)

    totals = row("", "", names)
    groups = [row(code, name, [code]) for code, name in names.items()]
    rows = sorted(groups, key=lambda r: _group_order(group_by, r.code))
    return (rows if group_by else []), totals


def scope_filter(
    base: ColumnElement[bool], *, county: str | None = None, kind: str | None = None
) -> ColumnElement[bool]:
    """``base`` narrowed to one county and/or one kind of school."""
    parts = [base]
    if county:
        parts.append(School.county_code == county)
    if kind:
        parts.append(School.kind == kind)
    return and_(*parts) if len(parts) > 1 else base


def bureau_scope(
    session: Session, *, period: ReportingPeriod, county: str | None = None, kind: str | None = None
) -> ColumnElement[bool]:
    """The filter on ``school`` rows: the bureau's counted snapshots (one county, one kind)."""
    return scope_filter(
        counted_schools(own_bureau(session), period.label), county=county, kind=kind
    )


def compliance_report(
    session: Session,
    *,
    period: ReportingPeriod,
    group_by: GroupBy | None = None,
    county: str | None = None,
    kind: str | None = None,
) -> ComplianceReport:
    """A bureau's report: its counted schools of ``period`` (one county, one kind)."""
    bureau = own_bureau(session)
    school_filter = bureau_scope(session, period=period, county=county, kind=kind)
    return report_for(
        session,
        period=period,
        school_filter=school_filter,
        group_by=group_by,
        scope_code=bureau.code,
        scope_name=bureau.name,
    )


def report_for(
    session: Session,
    *,
    period: ReportingPeriod,
    school_filter: ColumnElement[bool],
    group_by: GroupBy | None,
    scope_code: str,
    scope_name: str,
) -> ComplianceReport:
    """The report over the schools of ``school_filter`` (any database)."""
    on = evaluation_date(period)
    standards, not_in_force = split_in_force(list_standards(session, enabled_only=True), on)
    facts = school_facts(session, period=period, school_filter=school_filter)
    schools = evaluate_schools(facts, standards)
    rows, totals = summarise(schools, standards, group_by)
    totals.code, totals.name = scope_code, scope_name
    return ComplianceReport(
        period.label, on, scope_code, scope_name, standards, not_in_force, schools, rows, totals
    )


def school_standing(
    session: Session, *, school: School, period: ReportingPeriod
) -> ComplianceReport:
    """One school's own standing (the school's database: its set, its data)."""
    return report_for(
        session,
        period=period,
        school_filter=School.id == school.id,
        group_by=None,
        scope_code=school.code,
        scope_name=school.name,
    )
