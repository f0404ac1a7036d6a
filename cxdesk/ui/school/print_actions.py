"""Printing the summary form, or saving it as PDF, from any page."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QStandardPaths
from PySide6.QtPrintSupport import QPrintDialog
from PySide6.QtWidgets import QDialog, QWidget

from cxdesk.exchange.summary_form import FORM_TITLE
from cxdesk.ui.school.summary_form import a4_printer, load_summary_form, print_form, save_form_pdf
from cxdesk.ui.shell import file_dialogs
from cxdesk.ui.shell.context import AppContext


def suggested_pdf_path(ctx: AppContext) -> Path:
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    with ctx.db.reading() as session:
        school = ctx.school(session).name
    return Path(documents or ".") / f"{FORM_TITLE}-{school}.pdf"


def save_pdf_interactive(parent: QWidget, ctx: AppContext) -> Path | None:
    """Ask where to save, then write the A4 PDF; returns the path (None if cancelled)."""
    path = file_dialogs.save_file(
        parent,
        QCoreApplication.translate("PrintActions", "Save the summary form as PDF"),
        suggested_pdf_path(ctx).name,
        QCoreApplication.translate("PrintActions", "PDF document (*.pdf)"),
        "summary_form_pdf",
    )
    if not path:
        return None
    target = Path(path)
    if target.suffix.lower() != ".pdf":
        target = target.with_suffix(".pdf")
    return save_form_pdf(load_summary_form(ctx), target)


def print_interactive(parent: QWidget, ctx: AppContext) -> bool:
    """The system's print dialog (printer, copies), then print on A4."""
    printer = a4_printer()
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(QCoreApplication.translate("PrintActions", "Print the summary form"))
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    print_form(load_summary_form(ctx), printer)
    return True
