"""The bureau key notice as an A4 PDF (the page is the core's, cxdesk.exchange.bureau_notice).

Used by the bureau's key page and by ``cxdesk key bureau-file``; the command line has no
window, so :func:`ensure_application` starts a Qt application off screen where there is no
display.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import QSizeF
from PySide6.QtGui import QTextDocument
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication

from cxdesk.exchange.bureau_keyfile import KeyFile
from cxdesk.exchange.bureau_notice import NOTICE_TITLE, render_notice_html
from cxdesk.ui.shell import paper
from cxdesk.ui.shell.registration_print import FONT_FAMILIES, MARGINS_MM

#: The application made for the command line, kept for the life of the process.
_application: QApplication | None = None


def ensure_application() -> None:
    """A Qt application for printing; off screen on a Linux machine without a display.

    A QApplication (not only a QGuiApplication), so that the process can still show
    widgets later: Qt allows one application object per process, and a window needs
    QApplication (pytest-qt's, in the tests of one process).
    """
    global _application
    if QApplication.instance() is not None:
        return
    headless = not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    if sys.platform.startswith("linux") and headless:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    _application = QApplication(["cxdesk"])


def notice_document(key_file: KeyFile, file_name: str) -> QTextDocument:
    return paper.html_document(render_notice_html(key_file, file_name), FONT_FAMILIES, 10)


def save_notice_pdf(key_file: KeyFile, file_name: str, path: Path) -> Path:
    """Write the notice of ``key_file`` (delivered as ``file_name``) to ``path`` (A4 PDF)."""
    ensure_application()
    printer = paper.pdf_printer(paper.a4_printer(NOTICE_TITLE, MARGINS_MM), path)
    document = notice_document(key_file, file_name)
    rect = printer.pageRect(QPrinter.Unit.Point)
    document.setPageSize(QSizeF(rect.width(), rect.height()))
    document.print_(printer)
    return path


def notice_pdf_name(key_file_name: str) -> str:
    """``532301_bureau_key_20260302.cxkey`` → ``532301_bureau_key_20260302_通知.pdf``."""
    return Path(key_file_name).stem + "_通知.pdf"
