"""From a figure to the schools that make it up, and from each school to its package.

:func:`explain_figure` takes any figure of a bureau's summary (a key of ``FIGURE_KEYS``,
``training.<level>``, ``training``, or the people figures ``persons`` and
``counted_more_than_once``) for the bureau's scope, optionally narrowed to one county,
one kind of school or one school, and lists each contributing school with its own value
and the exact signed package that was counted (:mod:`cxdesk.bureau.provenance`).  The
schools' values add up to the figure (a percentage: its numerator and denominator do).
:func:`explain_standard` does the same for one standard of the compliance table.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from sqlalchemy import ColumnElement, and_, select
from sqlalchemy.orm import Session

from cxdesk import reference as ref
from cxdesk.bureau.people import SharedPerson, people_count_of, shared_people
from cxdesk.bureau.provenance import PackageRow, package_rows, packages_of_schools
from cxdesk.errors import InputError
from cxdesk.figures import FIGURE_KEYS, FIGURE_LABELS, figure_query
from cxdesk.i18n import Text, current_language
from cxdesk.models import RegisterEntry, ReportingPeriod, School, Submission
from cxdesk.percentage import percent
from cxdesk.services.bureau_identity import Bureau
from cxdesk.services.bureaus import counted_schools, own_bureau
from cxdesk.standards.compliance import bureau_scope, compliance_report, scope_filter
from cxdesk.standards.rules import OUTCOME_LABELS, Outcome

#: Figures the summary shows as one tile that are the sum of two keys.
SUMS: dict[str, tuple[tuple[str, str], tuple[str, ...]]] = {
    "cert_national": (
        ("国家心理咨询师（二级+三级）", "National counsellors (levels 2 + 3)"),
        ("cert_level2", "cert_level3"),
    ),
    "training.national_provincial": (
        ("国家级+省级培训人次", "National + provincial training person-times"),
        ("training.national", "training.provincial"),
    ),
}
PEOPLE_LABELS: dict[str, tuple[str, str]] = {
    "persons": ("教师人数（按人）", "Counselors (persons)"),
    "counted_more_than_once": ("被重复统计的人数", "People counted more than once"),
}
TRAINING_ALL = ("培训人次（合计）", "Training person-times (all levels)")

UNKNOWN_FIGURE = Text(
    "没有名为“{figure}”的数字。可选：{choices}", "No figure {figure!r}. Choices: {choices}"
)
UNKNOWN_COUNTY = Text("县市代码“{code}”不是楚雄州的县市", "{code!r} is not a county of Chuxiong")
UNKNOWN_KIND = Text("学校类别“{code}”不存在", "{code!r} is not a kind of school")
OTHER_COUNTY = Text(
    "{county}不在本局的范围内（{own}）", "{county} is outside this bureau's scope ({own})"
)


def figure_names() -> list[str]:
    """Every figure :func:`explain_figure` accepts."""
    keys = [k for k in FIGURE_KEYS if k != "training_person_times"]
    keys += ["training", *(f"training.{lv}" for lv in ref.TRAINING_LEVELS.codes)]
    return keys + list(SUMS) + list(PEOPLE_LABELS)


def figure_label(figure: str, lang: str | None = None) -> str:
    i = 1 if (lang or current_language()) == "en" else 0
    if figure in FIGURE_LABELS:
        return FIGURE_LABELS[figure][i]
    if figure in PEOPLE_LABELS:
        return PEOPLE_LABELS[figure][i]
    if figure == "training":
        return TRAINING_ALL[i]
    if figure in SUMS:
        return SUMS[figure][0][i]
    level = figure.removeprefix("training.")
    return f"{FIGURE_LABELS['training_person_times'][i]}·{ref.TRAINING_LEVELS.label(level, lang or current_language())}"


@dataclass(slots=True)
class Contribution:
    """One school's part of a figure, and the package it came from (None: not received)."""

    code: str
    name: str
    county_code: str
    kind: str
    value: Any
    package: PackageRow | None
    #: For a standard: why the school falls short (in the current language).
    detail: str | None = None

    def to_json(self) -> dict[str, Any]:
        value = float(self.value) if isinstance(self.value, Decimal) else self.value
        return {
            "school": self.code,
            "name": self.name,
            "county": self.county_code,
            "kind": self.kind,
            "value": value,
            "detail": self.detail,
            "package": self.package.to_json() if self.package else None,
        }


@dataclass
class Explanation:
    """A figure (or a standard's rate) and the schools that make it up."""

    figure: str
    label: str
    period: str
    scope: str
    #: The figure's value over the rows (a percentage: computed from the two sums).
    total: Any
    rows: list[Contribution]
    #: For a percentage: the numerator and denominator the rows add up to.
    part: int | None = None
    whole: int | None = None
    #: For the people figures: the people on more than one roster.
    people: list[SharedPerson] = field(default_factory=list)

    @property
    def is_percent(self) -> bool:
        return self.figure.endswith("_pct") or self.figure.startswith("standard:")

    @property
    def rows_sum(self) -> Any:
        values = [r.value for r in self.rows if not isinstance(r.value, str)]
        return (
            sum(values, Decimal(0)) if any(isinstance(v, Decimal) for v in values) else sum(values)
        )

    def to_json(self) -> dict[str, Any]:
        total = float(self.total) if isinstance(self.total, Decimal) else self.total
        return {
            "figure": self.figure,
            "label": self.label,
            "period": self.period,
            "scope": self.scope,
            "value": total,
            "part": self.part,
            "whole": self.whole,
            "schools": [r.to_json() for r in self.rows],
            "people": [p.to_json() for p in self.people],
        }


def _check_scope(bureau: Bureau, county: str | None, kind: str | None) -> None:
    if county is not None:
        if county not in ref.COUNTIES:
            raise InputError(UNKNOWN_COUNTY(code=county))
        if bureau.county_code is not None and county != bureau.county_code:
            raise InputError(OTHER_COUNTY(county=ref.COUNTIES.label(county), own=bureau.name))
    if kind is not None and kind not in ref.SCHOOL_KINDS:
        raise InputError(UNKNOWN_KIND(code=kind))


def _scope_text(bureau: Bureau, county: str | None, kind: str | None, school: str | None) -> str:
    lang = current_language()
    parts = [ref.COUNTIES.label(county, lang) if county else bureau.name]
    if kind:
        parts.append(ref.SCHOOL_KINDS.label(kind, lang))
    if school:
        parts.append(school)
    return " · ".join(parts)


def _filter(
    bureau: Bureau,
    period: ReportingPeriod,
    county: str | None,
    kind: str | None,
    school: str | None,
) -> ColumnElement[bool]:
    condition = scope_filter(counted_schools(bureau, period.label), county=county, kind=kind)
    return and_(condition, School.code == school) if school else condition


def _schools(
    session: Session, school_filter: ColumnElement[bool]
) -> dict[str, tuple[str, str, str, int | None]]:
    """code -> (name, county, kind, submission id) of the schools of the filter."""
    query = select(School.code, School.name, School.county_code, School.kind, School.submission_id)
    return {
        code: (name, county, kind, sub)
        for code, name, county, kind, sub in session.execute(query.where(school_filter))
    }


def explain_figure(
    session: Session,
    *,
    period: ReportingPeriod,
    figure: str,
    county: str | None = None,
    kind: str | None = None,
    school: str | None = None,
) -> Explanation:
    """The schools (and packages) that make up ``figure`` in the bureau's scope."""
    if figure not in figure_names():
        raise InputError(UNKNOWN_FIGURE(figure=figure, choices=", ".join(figure_names())))
    bureau = own_bureau(session)
    _check_scope(bureau, county, kind)
    scope = _scope_text(bureau, county, kind, school)
    label = figure_label(figure)
    school_filter = _filter(bureau, period, county, kind, school)
    if figure == "schools_expected":
        return _expected(session, bureau, period, label, scope, county, kind, school)
    if figure in PEOPLE_LABELS:
        return _people(session, period, figure, label, scope, school_filter)
    schools = _schools(session, school_filter)
    packages = packages_of_schools(session, school_filter)
    # The figures' own SQL, per school, only the part the figure needs; the one column read.
    query = figure_query(
        period=period, school_filter=school_filter, group_by="school", parts=_parts(figure)
    )
    rows = []
    for figures in session.execute(query).mappings():
        name, county_code, school_kind, sub = schools[figures["code"]]
        value = _value(figures, figure)
        if figure == "schools_with_room_pct" or value:
            package = packages.get(sub) if sub is not None else None
            rows.append(
                Contribution(figures["code"], name, county_code, school_kind, value, package)
            )
    explanation = Explanation(figure, label, period.label, scope, None, rows)
    if figure == "schools_with_room_pct":
        explanation.part = sum(int(r.value) for r in rows)
        explanation.whole = len(rows)
        explanation.total = percent(explanation.part, explanation.whole)
    else:
        explanation.total = explanation.rows_sum
    return explanation


def _parts(figure: str) -> tuple[str, ...]:
    """The part of the figures' SQL a figure needs (cxdesk.figures.PARTS)."""
    if figure.startswith("training"):
        return ("training",)
    if figure in ("rooms", "room_area_m2", "schools_with_room", "schools_with_room_pct"):
        return ("rooms",)
    if figure == "schools_reported":
        return ()
    return ("people",)


def _value(row: Any, figure: str) -> Any:
    """One school's value of ``figure`` from a row of cxdesk.figures.figure_query."""
    if figure in SUMS:
        return sum(_value(row, part) for part in SUMS[figure][1])
    if figure == "training":
        return sum(int(row[f"t_{lv}"]) for lv in ref.TRAINING_LEVELS.codes)
    if figure.startswith("training."):
        return int(row["t_" + figure.removeprefix("training.")])
    if figure == "room_area_m2":
        return Decimal(int(row["area_tenths"])) / 10  # exact, as cxdesk.figures reads it
    if figure == "schools_with_room_pct":
        return int(row["schools_with_room"])
    return int(row[figure])


def _expected(
    session: Session,
    bureau: Bureau,
    period: ReportingPeriod,
    label: str,
    scope: str,
    county: str | None,
    kind: str | None,
    school: str | None,
) -> Explanation:
    """The register's schools, each with its counted package if one arrived."""
    query = select(
        RegisterEntry.code, RegisterEntry.name, RegisterEntry.county_code, RegisterEntry.kind
    ).order_by(RegisterEntry.code)
    for column, value in (
        (RegisterEntry.county_code, county or bureau.county_code),
        (RegisterEntry.kind, kind),
        (RegisterEntry.code, school),
    ):
        if value:
            query = query.where(column == value)
    entries = session.execute(query).all()
    counted = dict(
        session.execute(
            select(Submission.sender_code, Submission.id).where(
                Submission.period_label == period.label,
                Submission.status == "accepted",
                Submission.sender_role == "school",
            )
        ).all()
    )
    packages = package_rows(session, [counted[e[0]] for e in entries if e[0] in counted])
    rows = [
        Contribution(code, name, county_code, school_kind, 1, packages.get(counted.get(code, -1)))
        for code, name, county_code, school_kind in entries
    ]
    return Explanation("schools_expected", label, period.label, scope, len(rows), rows)


def _people(
    session: Session,
    period: ReportingPeriod,
    figure: str,
    label: str,
    scope: str,
    school_filter: ColumnElement[bool],
) -> Explanation:
    """The people counted more than once, and (for ``persons``) the count itself.

    The schools' names, counties and kinds come with the roster entries; the packages
    are read for the entries' snapshots only.
    """
    people = shared_people(session, period=period, school_filter=school_filter)
    count = people_count_of(session, period=period, school_filter=school_filter, shared=people)
    total = count.persons if figure == "persons" else count.counted_more_than_once
    packages = package_rows(
        session, (e.submission_id for p in people for e in p.entries if e.submission_id)
    )
    rows = [
        Contribution(
            entry.school_code,
            entry.school_name,
            entry.county_code,
            entry.school_kind,
            person.shown_key,
            packages.get(entry.submission_id) if entry.submission_id is not None else None,
            detail=f"{entry.name} {entry.masked_id}",
        )
        for person in people
        for entry in person.entries
    ]
    return Explanation(figure, label, period.label, scope, total, rows, people=people)


def explain_standard(
    session: Session,
    *,
    period: ReportingPeriod,
    standard_key: str,
    outcomes: tuple[Outcome, ...] = ("met", "not_met", "unknown"),
    county: str | None = None,
    kind: str | None = None,
) -> Explanation:
    """The schools behind one standard's rate: each with its outcome and package."""
    bureau = own_bureau(session)
    _check_scope(bureau, county, kind)
    report = compliance_report(session, period=period, county=county, kind=kind)
    standard = report.standard(standard_key)
    lang = current_language()
    i = 1 if lang == "en" else 0
    chosen = report.schools_with(standard_key, outcomes)
    packages = packages_of_schools(
        session, bureau_scope(session, period=period, county=county, kind=kind)
    )
    rows = []
    for school in chosen:
        standing = school.standings[standard_key]
        rows.append(
            Contribution(
                school.facts.code,
                school.facts.name,
                school.facts.county_code,
                school.facts.kind,
                OUTCOME_LABELS[standing.outcome][i],
                packages.get(school.facts.submission_id or -1),
                detail=standing.detail_en if lang == "en" else standing.detail,
            )
        )
    cell = report.totals.cells[standard_key]
    return Explanation(
        f"standard:{standard_key}",
        standard.label(lang),
        period.label,
        _scope_text(bureau, county, kind, None),
        cell.rate,
        rows,
        part=cell.met,
        whole=cell.concerned,
    )
