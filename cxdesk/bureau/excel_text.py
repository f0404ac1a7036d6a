"""Text cells of the bureau's workbooks: they stay text, and show nothing hidden.

Every bureau workbook (the summary, the completeness board, the register) passes through
:func:`protect_text_cells` before it is saved.  Each text cell is stored as text (never a
formula, whatever it starts with), with anything invisible escaped
(:func:`cxdesk.safe_text.safe_text`: a school name from a package cannot reorder or hide
what the clerk reads), and a text that begins with ``= + - @`` gets the quote prefix
(``quotePrefix``), so that it stays text even when a clerk edits the cell in Excel or WPS
and presses Enter.
"""

from __future__ import annotations

from typing import Any

from cxdesk.safe_text import safe_text

#: What makes Excel, WPS and LibreOffice read a typed cell as a formula.
FORMULA_STARTS = ("=", "+", "-", "@")


def protect_text_cells(book: Any) -> None:
    """Make every text cell of the openpyxl workbook ``book`` safe (see the module)."""
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str):
                    protect_text_cell(cell)


def protect_text_cell(cell: Any) -> None:
    text = safe_text(cell.value, multiline=True)
    cell.value = text
    cell.data_type = "s"
    if text.startswith(FORMULA_STARTS):
        cell.quotePrefix = True
