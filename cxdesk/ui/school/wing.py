"""What the school wing adds to the shell: its pages, its role in the first-start wizard,
and the summary form's printing in the File menu.  :func:`register` is called when the app
starts (:func:`cxdesk.ui.desktop.install_wings`).

The pages are a table (:data:`PAGES`) and their classes one function
(:func:`page_class`), which imports a page's module only when the page is first built.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtGui import QKeySequence

from cxdesk.ui.shell import registry
from cxdesk.ui.shell.registry import FileAction, PageRow, RoleRow, page_entries, role_entries

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from cxdesk.ui.shell.context import AppContext
    from cxdesk.ui.shell.page import Page
    from cxdesk.ui.shell.wizard.base import RoleSetupPage

SCHOOL = ("school",)

# Key, title (marked for lupdate here, translated when shown), order, roles.
PAGES: list[PageRow] = [
    ("overview", QT_TRANSLATE_NOOP("Navigation", "Overview"), 100, SCHOOL),
    ("school", QT_TRANSLATE_NOOP("Navigation", "School"), 200, SCHOOL),
    ("roster", QT_TRANSLATE_NOOP("Navigation", "Roster"), 300, SCHOOL),
    ("rooms", QT_TRANSLATE_NOOP("Navigation", "Rooms"), 400, SCHOOL),
    ("training", QT_TRANSLATE_NOOP("Navigation", "Training"), 500, SCHOOL),
    ("checks", QT_TRANSLATE_NOOP("Navigation", "Checks"), 600, SCHOOL),
    ("excel", QT_TRANSLATE_NOOP("Navigation", "Excel"), 650, SCHOOL),
    ("report", QT_TRANSLATE_NOOP("Navigation", "Report"), 700, SCHOOL),
]

ROLES: list[RoleRow] = [
    ("school", QT_TRANSLATE_NOOP("SetupWizard", "School"), 100),
]


def page_class(key: str) -> type[Page]:
    """The class of the page ``key``, its module imported now (when first built)."""
    page: type[Page]
    match key:
        case "overview":
            from cxdesk.ui.school.overview import OverviewPage as page
        case "school":
            from cxdesk.ui.school.school_page import SchoolPage as page
        case "roster":
            from cxdesk.ui.school.roster.page import RosterPage as page
        case "rooms":
            from cxdesk.ui.school.rooms.page import RoomsPage as page
        case "training":
            from cxdesk.ui.school.training.page import TrainingPage as page
        case "checks":
            from cxdesk.ui.school.checks_page import ChecksPage as page
        case "excel":
            from cxdesk.ui.school.excel_page import ExcelPage as page
        case "report":
            from cxdesk.ui.school.report_page import ReportPage as page
        case _:
            raise KeyError(key)
    return page


def setup_page(role: str) -> type[RoleSetupPage]:
    """The first-start wizard's page of ``role``, imported when the wizard is shown."""
    if role != "school":
        raise KeyError(role)
    from cxdesk.ui.school.wizard import SchoolSetupPage

    return SchoolSetupPage


def _save_summary_pdf(window: QWidget, ctx: AppContext) -> object:
    from cxdesk.ui.school.print_actions import save_pdf_interactive

    return save_pdf_interactive(window, ctx)


def _print_summary(window: QWidget, ctx: AppContext) -> object:
    from cxdesk.ui.school.print_actions import print_interactive

    return print_interactive(window, ctx)


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
    registry.register(
        pages=page_entries(PAGES, page_class),
        roles=role_entries(ROLES, setup_page),
        file_actions=FILE_ACTIONS,
    )
