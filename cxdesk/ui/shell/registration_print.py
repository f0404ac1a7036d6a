"""Printing the registration form (备案表) of this installation's key, or saving it as PDF.

The form's content and layout are the core's (:mod:`cxdesk.exchange.registration`), so the
command line's HTML file and the printed page say the same; here Qt paginates it on A4.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMarginsF
from PySide6.QtGui import QTextDocument
from PySide6.QtPrintSupport import QPrinter

from cxdesk.exchange.registration import RegistrationForm, render_registration_html
from cxdesk.ui.shell import paper
from cxdesk.ui.shell.paper import layout_page_size

FORM_TITLE = "心理健康教育数据上报签名密钥备案表"
FONT_FAMILIES = ["Noto Sans CJK SC", "Microsoft YaHei", "SimSun", "宋体"]
MARGINS_MM = QMarginsF(20, 20, 20, 20)


def registration_document(form: RegistrationForm) -> QTextDocument:
    return paper.html_document(render_registration_html(form), FONT_FAMILIES, 12)


def a4_printer(mode: QPrinter.PrinterMode = QPrinter.PrinterMode.HighResolution) -> QPrinter:
    return paper.a4_printer(FORM_TITLE, MARGINS_MM, mode)


def print_registration(form: RegistrationForm, printer: QPrinter) -> None:
    document = registration_document(form)
    document.setPageSize(layout_page_size(printer))  # 12 pt prints as 12 pt, on one page
    document.print_(printer)


def save_registration_pdf(form: RegistrationForm, path: Path) -> Path:
    print_registration(form, paper.pdf_printer(a4_printer(), path))
    return path
