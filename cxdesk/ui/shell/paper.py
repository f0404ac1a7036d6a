"""Printing HTML on A4: the printer, the document, the page it is laid out on, a PDF.

The registration form, the bureau key notice (shell), the summary form and the changes
since the last package (school) are printed with these.

A QTextDocument lays its text out in pixels of 1/96 inch: its page must be given in that
unit too, or a 10.5 pt font prints a third larger than meant (a page given in points, as
the forms did, is only three quarters as wide in those pixels).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMarginsF, QSizeF
from PySide6.QtGui import QFont, QPageLayout, QPageSize, QTextDocument
from PySide6.QtPrintSupport import QPrinter

#: Layout pixels per point (96 per inch against 72).
PIXELS_PER_POINT = 96 / 72


def layout_page_size(printer: QPrinter) -> QSizeF:
    """The printer's page area in the document's layout unit."""
    rect = printer.pageRect(QPrinter.Unit.Point)
    return QSizeF(rect.width() * PIXELS_PER_POINT, rect.height() * PIXELS_PER_POINT)


def a4_printer(
    doc_name: str,
    margins_mm: QMarginsF,
    mode: QPrinter.PrinterMode = QPrinter.PrinterMode.HighResolution,
) -> QPrinter:
    """A portrait A4 printer with these margins; ``doc_name`` names the print job."""
    printer = QPrinter(mode)
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    printer.setPageOrientation(QPageLayout.Orientation.Portrait)
    printer.setPageMargins(margins_mm, QPageLayout.Unit.Millimeter)
    printer.setDocName(doc_name)
    return printer


def pdf_printer(printer: QPrinter, path: Path) -> QPrinter:
    """``printer`` set to write a PDF to ``path``."""
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    return printer


def html_document(html: str, families: list[str], point_size: float) -> QTextDocument:
    """``html`` in a QTextDocument whose default font is the first of ``families`` found."""
    document = QTextDocument()
    font = QFont()
    font.setFamilies(families)
    font.setPointSizeF(point_size)
    document.setDefaultFont(font)
    document.setHtml(html)
    return document
