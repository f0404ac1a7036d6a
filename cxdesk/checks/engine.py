"""Running the rules over a school's data, and keeping soft findings with an explanation."""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Select, bindparam, select
from sqlalchemy.orm import Session

from cxdesk.as_of import AsOf
from cxdesk.checks.rules import RULES, RULES_BY_ID, Rule, RuleContext
from cxdesk.errors import InputError
from cxdesk.figures import school_figures
from cxdesk.i18n import Message, Text
from cxdesk.models import FindingExplanation, ReportingPeriod, School
from cxdesk.period_records import records_as_of
from cxdesk.school_records import SchoolRecords, load_records

NOT_SOFT = Text(
    "只有经验校验（软规则）的问题可以填写说明后保留；{rule}是必须修正的逻辑错误",
    "Only soft findings can be kept with an explanation; {rule} is a hard rule to fix",
)
EMPTY_EXPLANATION = Text("请填写说明", "Please write the explanation")
WRONG_TABLE = Text(
    "规则{rule}检查的是{expected}，不是{given}",
    "Rule {rule} checks {expected_en}, not {given}",
)

#: The kinds of record, as their table names, with Chinese and English names.
TABLE_LABELS = {
    "school": ("学校", "School"),
    "counselor": ("教师", "Counselor"),
    "certificate": ("证书", "Certificate"),
    "counselling_room": ("辅导室", "Room"),
    "training_event": ("培训", "Training"),
    "attendance": ("参训记录", "Attendance"),
}


@dataclass(frozen=True)
class Finding:
    """One broken rule on one record and field."""

    rule_id: str
    severity: str
    table_name: str
    record_id: int
    field: str | None
    #: A readable name of the record: the counselor's name, the room's name, ...
    record_label: str
    message: Message
    #: For a soft finding kept by the school: why it is right as it is.
    explanation: str | None = None
    #: The counselor a certificate or attendance belongs to (to open the right form).
    owner_id: int | None = None

    @property
    def open(self) -> bool:
        """Hard findings are always open; soft ones until explained."""
        return self.severity == "hard" or not (self.explanation or "").strip()

    def to_json(self, lang: str | None = None) -> dict[str, Any]:
        return {
            "rule": self.rule_id,
            "severity": self.severity,
            "table": self.table_name,
            "record_id": self.record_id,
            "field": self.field,
            "record": self.record_label,
            "message": self.message.render(lang),
            "explanation": self.explanation,
        }


@functools.cache
def _rules_for(table: str, scope: str | None = None) -> tuple[Rule, ...]:
    """The rules of one table (and scope): found once, not for every record checked."""
    return tuple(r for r in RULES if r.table == table and (scope is None or r.scope == scope))


def record_problems(table: str, record: Any, severity: str = "hard") -> list[Message]:
    """The messages of the record rules that ``record`` (stored or typed) breaks."""
    return [message for _field, message in _problems(table, record, severity, ("record",))]


def field_problems(
    table: str, record: Any, severity: str = "hard", *, form: bool = True
) -> list[tuple[str | None, Message]]:
    """Like :func:`record_problems`, each message with the field it is about (a form
    shows it under that field, before anything is stored).  For a ``form``, with the
    rules asked of what is typed today (scope ``"entry"``) too; not for a workbook, which
    may be an older cxdesk's package."""
    return _problems(table, record, severity, ("record", "entry") if form else ("record",))


def _problems(
    table: str, record: Any, severity: str, scopes: tuple[str, ...]
) -> list[tuple[str | None, Message]]:
    problems = []
    for rule in (r for scope in scopes for r in _rules_for(table, scope)):
        if rule.severity != severity:
            continue
        params = rule.test(record, None)
        if params is not None:
            problems.append((rule.field, rule.text(**params)))
    return problems


def _evaluate(
    rules: tuple[Rule, ...], records: Iterable[tuple[Any, int, str, int | None]], ctx: RuleContext
) -> list[Finding]:
    findings = []
    for record, record_id, label, owner_id in records:
        for rule in rules:
            params = rule.test(record, ctx)
            if params is not None:
                findings.append(
                    Finding(
                        rule.id,
                        rule.severity,
                        rule.table,
                        record_id,
                        rule.field,
                        label,
                        rule.text(**params),
                        owner_id=owner_id,
                    )
                )
    return findings


@dataclass(frozen=True)
class PreviousFigures:
    """The figures of the period before, for the swing rule (S-S04).

    The caller decides which: a school compares with what it reported for that period, a
    bureau with the package it counted (:mod:`cxdesk.services.school_checks`,
    :func:`cxdesk.bureau.findings.findings_summary`).
    """

    label: str
    figures: Mapping[str, Any]


def run_checks(
    session: Session,
    *,
    school: School,
    period: ReportingPeriod,
    previous: PreviousFigures | None = None,
    records: SchoolRecords | None = None,
) -> list[Finding]:
    """Every finding of every rule on the school's data as of ``period``'s reference date.

    Only the records that exist at the reference date are checked (:mod:`cxdesk.as_of`):
    a counselor who started later, a certificate issued later, training that starts later
    belong to a later period.  Hard findings come first.  ``records`` are the school's
    records when the caller holds them already, exactly as stored (a bureau's collect,
    which has just written them): they are not loaded again.  The figures are always
    computed from the database.
    """
    chosen = records_as_of(records or load_records(session, school), AsOf.of(period))
    counselors, rooms, events = chosen.counselors, chosen.rooms, chosen.events
    ctx = RuleContext(
        reference_date=period.reference_date,
        period_start=period.start_date,
        enrolment=school.enrolment,
        counselors_by_id={c.id: c for c in counselors},
        figures=school_figures(session, school=school, period=period),
        previous_figures=previous.figures if previous else None,
        previous_label=previous.label if previous else None,
    )
    findings = _evaluate(_rules_for("school"), [(school, school.id, school.name, None)], ctx)
    findings += _evaluate(
        _rules_for("counselor"), ((c, c.id, c.name, None) for c in counselors), ctx
    )
    findings += _evaluate(
        _rules_for("certificate"),
        (
            (k, k.id, c.name, c.id)
            for c in counselors
            for k in c.certificates
            if k.id in chosen.certificate_ids
        ),
        ctx,
    )
    findings += _evaluate(
        _rules_for("counselling_room"), ((r, r.id, r.name, None) for r in rooms), ctx
    )
    findings += _evaluate(
        _rules_for("training_event"), ((e, e.id, e.title, None) for e in events), ctx
    )
    findings += _evaluate(
        _rules_for("attendance"),
        ((a, a.id, e.title, e.id) for e in events for a in e.attendances),
        ctx,
    )
    explanations = records.explanations if records is not None else None
    if explanations is None:
        explanations = {
            (x.rule_id, x.table_name, x.record_id): x.explanation
            for x in session.scalars(_explanations(), {"school_id": school.id})
        }
    findings = [
        _with_explanation(f, explanations.get((f.rule_id, f.table_name, f.record_id)))
        for f in findings
    ]
    return sorted(findings, key=lambda f: f.severity != "hard")


@functools.cache
def _explanations() -> Select[FindingExplanation]:
    # Built once: collect checks every package (issue 16).
    return select(FindingExplanation).where(FindingExplanation.school_id == bindparam("school_id"))


def _with_explanation(finding: Finding, explanation: str | None) -> Finding:
    if finding.severity != "soft" or explanation is None:
        return finding
    return replace(finding, explanation=explanation)


def explain_finding(
    session: Session,
    *,
    school_id: int,
    rule_id: str,
    table_name: str,
    record_id: int,
    explanation: str,
) -> FindingExplanation | None:
    """Keep a soft finding with a written explanation; an empty text withdraws it."""
    rule = RULES_BY_ID.get(rule_id)
    if rule is None or rule.severity != "soft":
        raise InputError(NOT_SOFT(rule=rule_id))
    if rule.table != table_name:
        zh, en = TABLE_LABELS[rule.table]
        raise InputError(WRONG_TABLE(rule=rule_id, expected=zh, expected_en=en, given=table_name))
    existing = session.scalars(
        select(FindingExplanation).where(
            FindingExplanation.school_id == school_id,
            FindingExplanation.rule_id == rule_id,
            FindingExplanation.table_name == table_name,
            FindingExplanation.record_id == record_id,
        )
    ).first()
    text = explanation.strip()
    if not text:
        if existing is not None:
            session.delete(existing)
            session.flush()
        return None
    now = datetime.now(UTC).replace(tzinfo=None)
    if existing is None:
        existing = FindingExplanation(
            school_id=school_id,
            rule_id=rule_id,
            table_name=table_name,
            record_id=record_id,
            explanation=text,
            updated_at=now,
        )
        session.add(existing)
    else:
        existing.explanation, existing.updated_at = text, now
    session.flush()
    return existing
