"""Sheets the summary workbook carries besides the figures (issue 15).

* 达标情况 — the compliance table (each group against each standard: schools meeting it,
  of how many, the rate, the target) with a native chart of the rates;
* 未达标学校 — the schools that fall short of a standard (or lack the data), and why;
* 学校与上报包 — every counted school with the exact package counted: sequence, SHA-256,
  key fingerprint, when and by whom it was collected, the review — so that a printed
  table can be traced back to files;
* 重复统计 — the people on more than one roster, by the short key of their keyed hash.

:func:`summary_sections` gathers them for :func:`cxdesk.bureau.excel.write_summary_xlsx`
(its ``sections``); :func:`write_compliance_xlsx` writes the compliance sheets alone
(``cxdesk compliance --xlsx``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from cxdesk import reference as ref
from cxdesk.bureau.people import SharedPerson, people_count_of, shared_people
from cxdesk.bureau.provenance import PackageRow, packages_of_schools
from cxdesk.models import ReportingPeriod
from cxdesk.services.bureaus import counted_schools, own_bureau
from cxdesk.standards.catalogue import LEVELS
from cxdesk.standards.compliance import ComplianceReport, GroupBy, compliance_report
from cxdesk.standards.rules import OUTCOME_LABELS

Section = Callable[[Any, str], None]

COMPLIANCE_SHEET = ("达标情况", "Compliance")
SHORT_SHEET = ("未达标学校", "Schools falling short")
PACKAGES_SHEET = ("学校与上报包", "Schools and packages")
PEOPLE_SHEET = ("重复统计", "Counted twice")
TOTAL = ("合计", "Total")
GROUP = {"county": ("县市", "County"), "kind": ("学校类别", "Kind"), "school": ("学校", "School")}


def _i(lang: str) -> int:
    return 1 if lang == "en" else 0


def _text(cell: Any, value: str) -> None:
    cell.value = value
    cell.data_type = "s"  # never a formula, whatever it starts with


def _bold_row(sheet: Any, row: int) -> None:
    from openpyxl.styles import Font

    for cell in sheet[row]:
        cell.font = Font(bold=True)


def write_compliance(
    book: Any, report: ComplianceReport, group_by: GroupBy | None, lang: str
) -> None:
    """The compliance table and its chart, and the schools falling short."""
    from openpyxl.chart import BarChart, Reference

    i = _i(lang)
    sheet = book.create_sheet(COMPLIANCE_SHEET[i])
    title = (
        f"{report.scope_name} {report.period} 达标情况（统计时点 {report.reference_date}）",
        f"{report.scope_name} {report.period}: compliance (as on {report.reference_date})",
    )[i]
    _text(sheet.cell(1, 1), title)
    _bold_row(sheet, 1)
    header = [GROUP.get(group_by or "", ("范围", "Scope"))[i], ("学校数", "Schools")[i]]
    for s in report.standards:
        name = s.label(lang)
        target = "" if s.target_pct is None else f"（{('目标', 'target')[i]} {s.target_pct}%）"
        header += [
            f"{name}·{('达标', 'met')[i]}",
            f"{name}·{('涉及', 'of')[i]}",
            f"{name}·%{target}",
        ]
    for n, text in enumerate(header, start=1):
        _text(sheet.cell(3, n), text)
    _bold_row(sheet, 3)
    rows = report.rows or []
    body = [*rows, report.totals]
    for r, row in enumerate(body, start=4):
        name = row.name if row is not report.totals else TOTAL[i]
        if lang == "en" and group_by == "county":
            name = ref.COUNTIES.label(row.code, "en") if row.code in ref.COUNTIES else name
        _text(sheet.cell(r, 1), name)
        sheet.cell(r, 2).value = row.schools
        for n, s in enumerate(report.standards):
            cell = row.cells[s.key]
            col = 3 + 3 * n
            sheet.cell(r, col).value = cell.met
            sheet.cell(r, col + 1).value = cell.concerned
            rate = cell.rate
            sheet.cell(r, col + 2).value = None if rate is None else float(rate)
            sheet.cell(r, col + 2).number_format = "0.00"
    _bold_row(sheet, 3 + len(body))
    sheet.column_dimensions["A"].width = 26 if group_by == "school" else 16
    sheet.freeze_panes = "C4"
    if rows and report.standards:
        chart = BarChart()
        chart.type = "col"
        chart.title = ("达标率（%）", "Compliance rate (%)")[i]
        chart.height, chart.width = 9, 24
        chart.y_axis.scaling.min, chart.y_axis.scaling.max = 0, 100
        for n, s in enumerate(report.standards):
            if s.level != "required":
                continue
            col = 5 + 3 * n
            data = Reference(sheet, min_col=col, min_row=3, max_row=3 + len(rows))
            chart.add_data(data, titles_from_data=True)
        chart.set_categories(Reference(sheet, min_col=1, min_row=4, max_row=3 + len(rows)))
        sheet.add_chart(chart, f"A{6 + len(body)}")

    short = book.create_sheet(SHORT_SHEET[i])
    heads = (
        ("标准", "Standard"),
        ("要求或提示", "Level"),
        ("学校标识码", "School code"),
        ("学校名称", "School"),
        ("县市", "County"),
        ("学校类别", "Kind"),
        ("情况", "Outcome"),
        ("原因", "Why"),
    )
    for n, head in enumerate(heads, start=1):
        _text(short.cell(1, n), head[i])
    _bold_row(short, 1)
    r = 2
    for s in report.standards:
        for school in report.schools_with(s.key, ("not_met", "unknown")):
            standing = school.standings[s.key]
            values = (
                s.label(lang),
                LEVELS.label(s.level, lang),
                school.facts.code,
                school.facts.name,
                ref.COUNTIES.label(school.facts.county_code, lang),
                ref.SCHOOL_KINDS.label(school.facts.kind, lang),
                OUTCOME_LABELS[standing.outcome][i],
                (standing.detail_en if lang == "en" else standing.detail) or "",
            )
            for n, value in enumerate(values, start=1):
                _text(short.cell(r, n), value)
            r += 1
    for letter, width in zip("ABCDEFGH", (40, 8, 13, 30, 10, 14, 10, 40), strict=True):
        short.column_dimensions[letter].width = width
    short.freeze_panes = "A2"


def write_packages(book: Any, rows: list[tuple[str, str, str, str, PackageRow]], lang: str) -> None:
    """Every counted school with the package counted (sequence, SHA-256, ...)."""
    i = _i(lang)
    sheet = book.create_sheet(PACKAGES_SHEET[i])
    heads = (
        ("学校标识码", "School code"),
        ("学校名称", "School"),
        ("县市", "County"),
        ("学校类别", "Kind"),
        ("序号", "Sequence"),
        ("SHA-256", "SHA-256"),
        ("密钥指纹", "Key fingerprint"),
        ("收取时间", "Collected"),
        ("收取人", "Collected by"),
        ("审核", "Review"),
        ("审核人", "Reviewed by"),
        ("经县级上报包（序号）", "Via county package (sequence)"),
    )
    for n, head in enumerate(heads, start=1):
        _text(sheet.cell(1, n), head[i])
    _bold_row(sheet, 1)
    review = {"pending": ("待审核", "pending"), "accepted": ("已回执", "accepted")}
    review["returned"] = ("已退回", "returned")
    for r, (code, name, county, kind, p) in enumerate(rows, start=2):
        values: list[Any] = [
            code,
            name,
            ref.COUNTIES.label(county, lang),
            ref.SCHOOL_KINDS.label(kind, lang),
            p.sequence,
            p.file_sha256,
            p.shown_fingerprint,
            p.received_at.strftime("%Y-%m-%d %H:%M"),
            p.collected_by or "",
            review.get(p.review, (p.review, p.review))[i],
            p.reviewed_by or "",
            f"{p.via_code} #{p.via_sequence}" if p.via_code else "",
        ]
        for n, value in enumerate(values, start=1):
            if isinstance(value, str):
                _text(sheet.cell(r, n), value)
            else:
                sheet.cell(r, n).value = value
    widths = (13, 30, 10, 14, 6, 66, 36, 17, 20, 8, 20, 18)
    for n, width in enumerate(widths, start=1):
        from openpyxl.utils import get_column_letter

        sheet.column_dimensions[get_column_letter(n)].width = width
    sheet.freeze_panes = "C2"


def write_people(book: Any, people: list[SharedPerson], counts: dict[str, int], lang: str) -> None:
    """The people counted more than once, and the count of people against roster entries."""
    i = _i(lang)
    sheet = book.create_sheet(PEOPLE_SHEET[i])
    lines = (
        (("名册记录（教师人数）", "Roster entries (counselors)"), counts["roster_entries"]),
        (("按人计", "Persons"), counts["persons"]),
        (("被重复统计的人", "People counted more than once"), counts["counted_more_than_once"]),
        (
            ("无身份证号的记录", "Entries without an identity number"),
            counts["without_identity_number"],
        ),
    )
    for r, (label, value) in enumerate(lines, start=1):
        _text(sheet.cell(r, 1), label[i])
        sheet.cell(r, 2).value = value
    heads = (
        ("人员编号（密钥哈希）", "Person (keyed hash)"),
        ("姓名", "Name"),
        ("身份证号", "Identity number"),
        ("学校标识码", "School code"),
        ("学校名称", "School"),
        ("县市", "County"),
        ("专兼职", "Post"),
    )
    start = len(lines) + 2
    for n, head in enumerate(heads, start=1):
        _text(sheet.cell(start, n), head[i])
    _bold_row(sheet, start)
    r = start + 1
    for person in people:
        for e in person.entries:
            values = (
                person.shown_key,
                e.name,
                e.masked_id,
                e.school_code,
                e.school_name,
                ref.COUNTIES.label(e.county_code, lang),
                ref.POST_TYPES.label(e.post_type, lang),
            )
            for n, text in enumerate(values, start=1):
                _text(sheet.cell(r, n), text)
            r += 1
    for letter, width in zip("ABCDEFG", (22, 12, 21, 13, 30, 10, 8), strict=True):
        sheet.column_dimensions[letter].width = width


@dataclass
class SummarySections:
    """What the summary workbook adds, read in the caller's session."""

    report: ComplianceReport
    group_by: GroupBy | None
    packages: list[tuple[str, str, str, str, PackageRow]]
    people: list[SharedPerson]
    counts: dict[str, int]

    def sections(self) -> list[Section]:
        return [
            lambda book, lang: write_compliance(book, self.report, self.group_by, lang),
            lambda book, lang: write_packages(book, self.packages, lang),
            lambda book, lang: write_people(book, self.people, self.counts, lang),
        ]


def summary_sections(
    session: Session, *, period: ReportingPeriod, group_by: GroupBy | None
) -> SummarySections:
    """Read everything the extra sheets need (the bureau's scope, ``period``)."""
    bureau = own_bureau(session)
    report = compliance_report(session, period=period, group_by=group_by)
    school_filter = counted_schools(bureau, period.label)
    packages = packages_of_schools(session, school_filter)
    rows = [
        (
            s.facts.code,
            s.facts.name,
            s.facts.county_code,
            s.facts.kind,
            packages[s.facts.submission_id],
        )
        for s in report.schools
        if s.facts.submission_id in packages
    ]
    people = shared_people(session, period=period, school_filter=school_filter)
    counts = people_count_of(
        session, period=period, school_filter=school_filter, shared=people
    ).to_json()
    return SummarySections(report, group_by, rows, people, counts)


def write_compliance_xlsx(
    path: Path, report: ComplianceReport, *, group_by: GroupBy | None, lang: str
) -> None:
    """The compliance sheets alone, as a workbook (``cxdesk compliance --xlsx``)."""
    from openpyxl import Workbook

    book = Workbook()
    default = book.active
    write_compliance(book, report, group_by, lang)
    if default is not None:
        book.remove(default)
    book.save(path)
