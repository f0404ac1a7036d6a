"""The comparison of two periods as a workbook (``cxdesk summary --compare --xlsx``).

One sheet, one line per group and figure: the group (the total first), the figure, its
value in each period and the change, with a filter on every column so a clerk can pick a
county or a figure.  Numbers are numbers (a percentage's change is in points), texts are
text cells (a school name starting with ``=`` is never a formula).
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill

from cxdesk.bureau.compare import COMPARED_KEYS, ComparedRow, Comparison, figure_label
from cxdesk.bureau.excel import GROUP_HEADERS, TOTAL
from cxdesk.workbook.writing import save_workbook, text_cell

SHEET = ("对比", "Comparison")
TITLE = ("{scope}：{base} 与 {now} 对比", "{scope}: {base} compared with {now}")
HEADERS = (("指标", "Figure"), ("变化", "Change"))
UP = PatternFill("solid", fgColor="E2F0D9")
DOWN = PatternFill("solid", fgColor="FCE4D6")


def write_comparison_xlsx(path: Path, comparison: Comparison, *, lang: str = "zh") -> Path:
    """Write the comparison to ``path`` (atomically); returns the path."""
    i = 1 if lang == "en" else 0
    book = Workbook()
    ws = book.active
    assert ws is not None
    ws.title = SHEET[i]
    title = TITLE[i].format(
        scope=comparison.scope_name, base=comparison.base_period, now=comparison.period
    )
    text_cell(ws.cell(1, 1), title)
    ws.cell(1, 1).font = Font(bold=True, size=14)
    group = GROUP_HEADERS.get(comparison.group_by, GROUP_HEADERS[None])
    headers = [
        group[i],
        HEADERS[0][i],
        comparison.base_period,
        comparison.period,
        HEADERS[1][i],
    ]
    for column, header in enumerate(headers, start=1):
        text_cell(ws.cell(3, column), header)
        ws.cell(3, column).font = Font(bold=True)
    row = 4
    for compared in [comparison.totals, *comparison.rows]:
        name = TOTAL[i] if compared is comparison.totals else _group_name(compared)
        for key in COMPARED_KEYS:
            before, after, delta = compared.values(key)
            if before is None and after is None:
                continue
            text_cell(ws.cell(row, 1), name)
            text_cell(ws.cell(row, 2), figure_label(key, lang))
            for column, value in ((3, before), (4, after), (5, delta)):
                ws.cell(row, column, _number(value))
            if delta:
                ws.cell(row, 5).fill = UP if delta > 0 else DOWN
            row += 1
    ws.auto_filter.ref = f"A3:E{max(row - 1, 3)}"
    ws.freeze_panes = "A4"
    for letter, width in zip("ABCDE", (30, 34, 12, 12, 12), strict=True):
        ws.column_dimensions[letter].width = width
    save_workbook(book, Path(path))
    return Path(path)


def _group_name(row: ComparedRow) -> str:
    return f"{row.code} {row.name}".strip() if row.name else row.code


def _number(value: Any) -> Any:
    return float(value) if isinstance(value, Decimal) else value
