"""What the school wing adds to the shell: its pages, its role in the first-start wizard,
and the summary form's printing in the File menu.  :func:`register` is called when the app
starts (:func:`cxdesk.ui.desktop.install_wings`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtGui import QKeySequence

from cxdesk.ui.shell import registry
from cxdesk.ui.shell.registry import FileAction, PageEntry, RoleEntry

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from cxdesk.ui.shell.context import AppContext
    from cxdesk.ui.shell.page import Page
    from cxdesk.ui.shell.wizard.base import RoleSetupPage


# --- the classes, imported when first used ------------------------------------------------


def _overview_page() -> type[Page]:
    from cxdesk.ui.school.overview import OverviewPage

    return OverviewPage


def _school_page() -> type[Page]:
    from cxdesk.ui.school.school_page import SchoolPage

    return SchoolPage


def _roster_page() -> type[Page]:
    from cxdesk.ui.school.roster.page import RosterPage

    return RosterPage


def _rooms_page() -> type[Page]:
    from cxdesk.ui.school.rooms.page import RoomsPage

    return RoomsPage


def _training_page() -> type[Page]:
    from cxdesk.ui.school.training.page import TrainingPage

    return TrainingPage


def _checks_page() -> type[Page]:
    from cxdesk.ui.school.checks_page import ChecksPage

    return ChecksPage


def _excel_page() -> type[Page]:
    from cxdesk.ui.school.excel_page import ExcelPage

    return ExcelPage


def _report_page() -> type[Page]:
    from cxdesk.ui.school.report_page import ReportPage

    return ReportPage


def _school_setup_page() -> type[RoleSetupPage]:
    from cxdesk.ui.school.wizard import SchoolSetupPage

    return SchoolSetupPage


def _save_summary_pdf(window: QWidget, ctx: AppContext) -> object:
    from cxdesk.ui.school.print_actions import save_pdf_interactive

    return save_pdf_interactive(window, ctx)


def _print_summary(window: QWidget, ctx: AppContext) -> object:
    from cxdesk.ui.school.print_actions import print_interactive

    return print_interactive(window, ctx)


# The titles are marked for lupdate here and translated when shown.
PAGES = [
    PageEntry(
        "overview", str(QT_TRANSLATE_NOOP("Navigation", "Overview")), _overview_page, order=100
    ),
    PageEntry("school", str(QT_TRANSLATE_NOOP("Navigation", "School")), _school_page, order=200),
    PageEntry("roster", str(QT_TRANSLATE_NOOP("Navigation", "Roster")), _roster_page, order=300),
    PageEntry("rooms", str(QT_TRANSLATE_NOOP("Navigation", "Rooms")), _rooms_page, order=400),
    PageEntry(
        "training", str(QT_TRANSLATE_NOOP("Navigation", "Training")), _training_page, order=500
    ),
    PageEntry("checks", str(QT_TRANSLATE_NOOP("Navigation", "Checks")), _checks_page, order=600),
    PageEntry("excel", str(QT_TRANSLATE_NOOP("Navigation", "Excel")), _excel_page, order=650),
    PageEntry("report", str(QT_TRANSLATE_NOOP("Navigation", "Report")), _report_page, order=700),
]

ROLES = [
    RoleEntry(
        "school", str(QT_TRANSLATE_NOOP("SetupWizard", "School")), _school_setup_page, order=100
    ),
]

FILE_ACTIONS = [
    FileAction(
        "summary_pdf",
        str(QT_TRANSLATE_NOOP("MainWindow", "Save the summary form as &PDF…")),
        _save_summary_pdf,
        order=100,
    ),
    FileAction(
        "summary_print",
        str(QT_TRANSLATE_NOOP("MainWindow", "&Print the summary form…")),
        _print_summary,
        shortcut=QKeySequence.StandardKey.Print,
        order=200,
    ),
]


def register() -> None:
    registry.register(pages=PAGES, roles=ROLES, file_actions=FILE_ACTIONS)
