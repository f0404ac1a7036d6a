"""The page a QTextDocument is laid out on before it is printed on A4.

A QTextDocument lays its text out in pixels of 1/96 inch: its page must be given in that
unit too, or a 10.5 pt font prints a third larger than meant (a page given in points, as
the forms did, is only three quarters as wide in those pixels).
"""

from __future__ import annotations

from PySide6.QtCore import QSizeF
from PySide6.QtPrintSupport import QPrinter

#: Layout pixels per point (96 per inch against 72).
PIXELS_PER_POINT = 96 / 72


def layout_page_size(printer: QPrinter) -> QSizeF:
    """The printer's page area in the document's layout unit."""
    rect = printer.pageRect(QPrinter.Unit.Point)
    return QSizeF(rect.width() * PIXELS_PER_POINT, rect.height() * PIXELS_PER_POINT)
