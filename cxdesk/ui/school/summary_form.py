"""The school's summary form 学校心理健康教育基本情况表, printed or saved as PDF (A4).

What the form shows and its HTML are the core's (:mod:`cxdesk.exchange.summary_form`);
here Qt lays the HTML out in a QTextDocument on A4: the roster's columns fitted to the
page, the signatures kept together.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMarginsF
from PySide6.QtGui import (
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextLength,
    QTextTable,
)
from PySide6.QtPrintSupport import QPrinter

from cxdesk.exchange.summary_form import (
    FORM_TITLE,
    PEOPLE_TITLE,
    STATEMENT,
    SummaryFormData,
    summary_form_data,
    summary_form_html,
)
from cxdesk.ui.shell import paper
from cxdesk.ui.shell.context import AppContext
from cxdesk.ui.shell.paper import layout_page_size

MARGINS_MM = QMarginsF(18, 15, 18, 15)
SERIF_FAMILIES = ["SimSun", "宋体", "Songti SC", "Noto Serif CJK SC", "Noto Sans CJK SC"]


def load_summary_form(ctx: AppContext) -> SummaryFormData:
    """What the form shows, for the current period (the period may be created)."""
    with ctx.db.transaction() as session:
        return summary_form_data(session, school=ctx.school(session), period=ctx.period(session))


def _roster_table(document: QTextDocument) -> QTextTable | None:
    for frame in document.rootFrame().childFrames():
        if not isinstance(frame, QTextTable) or frame.rows() <= 2:
            continue
        if frame.cellAt(0, 0).firstCursorPosition().block().text() == PEOPLE_TITLE:
            return frame
    return None


def _lines(table: QTextTable, row: int, column: int) -> int:
    return table.cellAt(row, column).firstCursorPosition().block().layout().lineCount()


def fit_people_columns(document: QTextDocument) -> None:
    """Make every row of the roster one line on the document's own page layout (the one
    printed), so that a page break never splits a row: the columns are widened until no
    name, date or 专兼职 breaks, and a certificate too long for what is left is set a
    little smaller (down to 8 pt; a longer name of its own may still take two lines)."""
    table = _roster_table(document)
    if table is None:
        return
    table_format = table.format()
    percents = [c.rawValue() for c in table_format.columnWidthConstraints()]
    last = table.columns() - 1
    for _round in range(200):
        document.size()  # lays the document out
        wrapped = [
            column
            for column in range(last)
            if any(_lines(table, row, column) > 1 for row in range(1, table.rows()))
        ]
        if not wrapped or percents[-1] <= 15:
            break
        for column in wrapped:
            percents[column] += 0.5
            percents[-1] -= 0.5
        table_format.setColumnWidthConstraints(
            [QTextLength(QTextLength.Type.PercentageLength, p) for p in percents]
        )
        table.setFormat(table_format)
    size = document.defaultFont().pointSizeF()
    for row in range(2, table.rows()):
        cell = table.cellAt(row, last)
        points = size
        while _lines(table, row, last) > 1 and points > 8:
            points -= 0.5
            cursor = cell.firstCursorPosition()
            cursor.setPosition(
                cell.lastCursorPosition().position(), QTextCursor.MoveMode.KeepAnchor
            )
            smaller = QTextCharFormat()
            smaller.setFontPointSize(points)
            cursor.mergeCharFormat(smaller)
            document.size()


def keep_signatures_together(document: QTextDocument) -> None:
    """The statement, the signature lines and the seal's box on one page: when a page
    break would cut them apart, they all go to the next page."""
    statement = document.find(STATEMENT)
    frames = [f for f in document.rootFrame().childFrames() if isinstance(f, QTextTable)]
    if statement.isNull() or not frames:
        return
    document.size()
    layout = document.documentLayout()
    height = document.pageSize().height()
    top = layout.blockBoundingRect(statement.block()).top()
    bottom = layout.frameBoundingRect(frames[-1]).bottom()
    if int(top // height) != int(bottom // height):
        block_format = statement.blockFormat()
        block_format.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
        statement.setBlockFormat(block_format)


def form_document(data: SummaryFormData) -> QTextDocument:
    return paper.html_document(summary_form_html(data), SERIF_FAMILIES, 10.5)


def a4_printer(mode: QPrinter.PrinterMode = QPrinter.PrinterMode.HighResolution) -> QPrinter:
    return paper.a4_printer(FORM_TITLE, MARGINS_MM, mode)


def printable_document(data: SummaryFormData, printer: QPrinter) -> QTextDocument:
    """The form laid out on the printer's pages, as it will print."""
    document = form_document(data)
    document.setPageSize(layout_page_size(printer))  # 10.5 pt prints as 10.5 pt
    fit_people_columns(document)
    keep_signatures_together(document)
    return document


def print_form(data: SummaryFormData, printer: QPrinter) -> None:
    printable_document(data, printer).print_(printer)


def save_form_pdf(data: SummaryFormData, path: Path) -> Path:
    """Write the form to ``path`` as an A4 PDF."""
    print_form(data, paper.pdf_printer(a4_printer(), path))
    return path
