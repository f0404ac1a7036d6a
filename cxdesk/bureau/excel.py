"""Workbooks for clerks: the summary with native charts, and the completeness board.

The summary workbook has a formatted table (one row per group, a totals row) and native
Excel charts (openpyxl.chart, so they stay live in Excel, WPS and LibreOffice): counselors
per group (full-time and part-time stacked), the full-time share, the certificate mix, and
rooms with the share of schools that have one.  Every text cell is written as text, so a
school name starting with ``=`` is never a formula, and gets the quote prefix so that it
stays text when a clerk edits it (cxdesk.bureau.excel_text).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from cxdesk import reference as ref
from cxdesk.bureau.board import STATE_LABELS, Board, withdrawn_text
from cxdesk.bureau.excel_text import protect_text_cells
from cxdesk.figures import FIGURE_LABELS, Summary

#: Columns of the summary table: figure keys, then the training levels.
TABLE_KEYS = (
    "schools_expected",
    "schools_reported",
    "counselors",
    "full_time",
    "part_time",
    "cert_level2",
    "cert_level3",
    "cert_other",
    "recruited_since_2020",
    "studio_hosts",
    "studio_members",
    "rooms",
    "room_area_m2",
    "schools_with_room",
    "schools_with_room_pct",
)
TITLE = (
    "{scope} {period} 年度中小学心理健康教育教师配备情况汇总",
    "{scope}: psychological-health staffing, {period}",
)
GROUP_HEADERS = {
    "county": ("县市", "County"),
    "kind": ("学校类别", "Kind"),
    "school": ("学校", "School"),
    None: ("范围", "Scope"),
}
TOTAL = ("合计", "Total")
FULL_TIME_SHARE = ("专职占比（%）", "Full-time share (%)")
CHART_TITLES = {
    "counselors": ("各县市心理健康教育教师人数", "Counselors per group"),
    "share": ("专职教师占比（%）", "Full-time share (%)"),
    "certs": ("证书构成（人）", "Certificate mix (persons)"),
    "rooms": ("辅导室间数", "Counselling rooms"),
    "coverage": ("有辅导室学校占比（%）", "Schools with a room (%)"),
}


def _lang_index(lang: str) -> int:
    return 1 if lang == "en" else 0


def _text_cell(cell: Any, value: str) -> None:
    cell.value = value
    cell.data_type = "s"  # never a formula, whatever it starts with


def _number(value: Any) -> Any:
    if isinstance(value, Decimal):
        return float(value)
    return value


def write_summary_xlsx(
    path: Path,
    summary: Summary,
    *,
    group_by: str | None,
    lang: str = "zh",
    sections: Sequence[Callable[[Any, str], None]] = (),
) -> None:
    """The summary as a formatted workbook with charts (sheet 1 table, sheet 2 charts).

    ``sections`` add sheets after those, each called with the workbook and the language
    (the compliance, package and people sheets: cxdesk.bureau.excel_sections).
    """
    from openpyxl import Workbook
    from openpyxl.chart import BarChart, Reference
    from openpyxl.chart.label import DataLabelList
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    i = _lang_index(lang)
    book = Workbook()
    sheet = book.active
    sheet.title = "汇总" if i == 0 else "Summary"
    levels = ref.TRAINING_LEVELS.codes
    headers = [GROUP_HEADERS.get(group_by, GROUP_HEADERS[None])[i], "代码" if i == 0 else "Code"]
    headers += [FIGURE_LABELS[k][i] for k in TABLE_KEYS]
    headers.append(FULL_TIME_SHARE[i])
    headers += [
        f"{FIGURE_LABELS['training_person_times'][i]}·{ref.TRAINING_LEVELS.label(lv, lang)}"
        for lv in levels
    ]
    title = TITLE[i].format(scope=summary.scope_name, period=summary.period)
    _text_cell(sheet.cell(1, 1), title)
    sheet.cell(1, 1).font = Font(bold=True, size=14)
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(headers))
    header_row = 3
    thin = Side(style="thin", color="999999")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    fill = PatternFill("solid", fgColor="DDEBF7")
    for n, text in enumerate(headers, start=1):
        cell = sheet.cell(header_row, n)
        _text_cell(cell, text)
        cell.font = Font(bold=True)
        cell.fill = fill
        cell.border = border
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
    rows = summary.rows or [
        {**summary.totals, "code": summary.scope_code, "name": summary.scope_name}
    ]
    body = [*rows, {**summary.totals, "code": "", "name": TOTAL[i]}]
    for r, row in enumerate(body, start=header_row + 1):
        _text_cell(sheet.cell(r, 1), str(row.get("name") or row.get("code") or ""))
        _text_cell(sheet.cell(r, 2), str(row.get("code") or ""))
        for n, key in enumerate(TABLE_KEYS, start=3):
            sheet.cell(r, n).value = _number(row.get(key))
            if key == "room_area_m2":
                sheet.cell(r, n).number_format = "0.0"
            elif key == "schools_with_room_pct":
                sheet.cell(r, n).number_format = "0.00"
        counselors = row.get("counselors") or 0
        share = (
            (Decimal(100 * row["full_time"]) / counselors).quantize(Decimal("0.01"))
            if counselors
            else None
        )
        share_col = 3 + len(TABLE_KEYS)
        sheet.cell(r, share_col).value = _number(share)
        sheet.cell(r, share_col).number_format = "0.00"
        training = row.get("training_person_times") or {}
        for n, lv in enumerate(levels, start=share_col + 1):
            sheet.cell(r, n).value = training.get(lv, 0)
        for n in range(1, len(headers) + 1):
            sheet.cell(r, n).border = border
        if row is body[-1]:
            for n in range(1, len(headers) + 1):
                sheet.cell(r, n).font = Font(bold=True)
    sheet.freeze_panes = sheet.cell(header_row + 1, 3)
    sheet.row_dimensions[header_row].height = 48
    sheet.column_dimensions["A"].width = 26 if group_by == "school" else 16
    sheet.column_dimensions["B"].width = 12
    for n in range(3, len(headers) + 1):
        sheet.column_dimensions[get_column_letter(n)].width = 11

    first, last = header_row + 1, header_row + len(rows)
    if rows:
        charts = book.create_sheet("图表" if i == 0 else "Charts")
        names = Reference(sheet, min_col=1, min_row=first, max_row=last)
        col = {key: 3 + n for n, key in enumerate(TABLE_KEYS)}
        share_col = 3 + len(TABLE_KEYS)

        def bar(
            title: str, columns: list[int], *, stacked: bool = False, percent: bool = False
        ) -> Any:
            chart = BarChart()
            chart.type = "col"
            chart.title = title
            chart.height, chart.width = 8, 16
            for c in columns:
                chart.add_data(
                    Reference(sheet, min_col=c, min_row=header_row, max_row=last),
                    titles_from_data=True,
                )
            chart.set_categories(names)
            if stacked:
                chart.grouping = "stacked"
                chart.overlap = 100
            if percent:
                chart.y_axis.scaling.min = 0
                chart.y_axis.scaling.max = 100
            chart.dataLabels = DataLabelList()
            chart.dataLabels.showVal = len(rows) <= 12
            return chart

        charts.add_chart(
            bar(CHART_TITLES["counselors"][i], [col["full_time"], col["part_time"]], stacked=True),
            "A1",
        )
        charts.add_chart(bar(CHART_TITLES["share"][i], [share_col], percent=True), "K1")
        charts.add_chart(
            bar(
                CHART_TITLES["certs"][i],
                [col["cert_level2"], col["cert_level3"], col["cert_other"]],
                stacked=True,
            ),
            "A18",
        )
        charts.add_chart(bar(CHART_TITLES["rooms"][i], [col["rooms"]]), "K18")
        charts.add_chart(
            bar(CHART_TITLES["coverage"][i], [col["schools_with_room_pct"]], percent=True), "A35"
        )
    protect_text_cells(book)
    for section in sections:
        section(book, lang)
    book.save(path)


def write_board_xlsx(path: Path, board: Board, *, lang: str = "zh") -> None:
    """The board as a workbook: rates by county and kind, every school, and the chase list."""
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill

    i = _lang_index(lang)
    book = Workbook()
    rates = book.active
    rates.title = "报送率" if i == 0 else "Rates"
    head = ["", "应报", "已报", "待确认", "退回", "未报", "报送率（%）"]
    if i:
        head = ["", "Expected", "Reported", "Held", "Returned", "Missing", "Rate (%)"]
    bold = Font(bold=True)
    for block_title, block in (
        (("县市", "County"), board.by_county),
        (("学校类别", "Kind"), board.by_kind),
    ):
        rates.append([])
        rates.append([block_title[i], *head[1:]])
        for cell in rates[rates.max_row]:
            cell.font = bold
        for r in [*block, board.totals]:
            name = r.name if r.code else TOTAL[i]
            if i and r.code in ref.COUNTIES:
                name = ref.COUNTIES.label(r.code, "en")
            elif i and r.code in ref.SCHOOL_KINDS:
                name = ref.SCHOOL_KINDS.label(r.code, "en")
            rates.append(
                [name, r.expected, r.reported, r.held, r.returned, r.missing, _number(r.rate)]
            )
            for cell in rates[rates.max_row][:1]:
                cell.data_type = "s"
    rates.column_dimensions["A"].width = 20

    columns = (
        ("学校标识码", "School code"),
        ("学校名称", "School"),
        ("县市", "County"),
        ("学校类别", "Kind"),
        ("状态", "State"),
        ("序号", "Sequence"),
        ("收到时间", "Received"),
        ("逾期天数", "Days late"),
        ("逻辑错误", "Hard findings"),
        ("未说明的提示", "Open soft findings"),
        ("联系人", "Contact"),
        ("联系电话", "Phone"),
    )
    alert = PatternFill("solid", fgColor="FCE4D6")
    for title, rows in (
        (("催报名单", "To chase"), board.chase),
        (("全部学校", "All schools"), board.rows),
    ):
        sheet = book.create_sheet(title[i])
        sheet.append([c[i] for c in columns])
        for cell in sheet[1]:
            cell.font = bold
        for row in rows:
            values = [
                row.code,
                row.name,
                ref.COUNTIES.label(row.county_code, lang),
                ref.SCHOOL_KINDS.label(row.kind, lang),
                " · ".join(x for x in (STATE_LABELS[row.state][i], withdrawn_text(row, lang)) if x),
                row.sequence,
                row.received_at.strftime("%Y-%m-%d %H:%M") if row.received_at else "",
                row.days_late,
                row.hard_findings,
                row.soft_findings,
                row.contact_person or "",
                row.contact_phone or "",
            ]
            sheet.append(values)
            current = sheet[sheet.max_row]
            for n in (0, 1, 2, 3, 4, 6, 10, 11):
                current[n].data_type = "s"
                current[n].number_format = "@"
            if row.state != "accepted" and row.state != "received":
                for cell in current:
                    cell.fill = alert
        for letter, width in zip(
            "ABCDEFGHIJKL", (14, 30, 10, 14, 12, 6, 17, 8, 8, 10, 10, 15), strict=True
        ):
            sheet.column_dimensions[letter].width = width
        sheet.freeze_panes = "C2"
    protect_text_cells(book)
    book.save(path)
