"""Where the main window and the first-start wizard learn their pages and roles.

Adding a page is one line in :data:`PAGES`; adding a role to the wizard is one line in
:data:`WIZARD_ROLES`.  An entry holds a function that returns its class: the type checker
sees the class, and the page's module (some import charts and the bureau's whole core) is
loaded only when the page is built, not at every start of the app.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

if TYPE_CHECKING:
    from cxdesk.ui.page import Page
    from cxdesk.ui.wizard.base import RoleSetupPage

ALL_ROLES = ("school", "county", "prefecture")


@dataclass(frozen=True)
class PageEntry:
    """One navigation entry of the main window."""

    # A stable key ("overview", "roster", ...): used to switch pages and in tests.
    key: str
    # The English title, translated at display time in the "Navigation" context.
    title: str
    # Returns the :class:`cxdesk.ui.page.Page` subclass, importing its module on first use.
    page: Callable[[], type[Page]]
    # The installation roles that see this page.
    roles: tuple[str, ...] = ("school",)
    # Pages are listed by ``order``; settings is last (1000).
    order: int = 500

    def translated_title(self) -> str:
        return QCoreApplication.translate("Navigation", self.title)

    def load(self) -> type[Page]:
        return self.page()


@dataclass(frozen=True)
class RoleEntry:
    """One role of the first-start wizard."""

    # The installation role code ("school", "county", "prefecture").
    role: str
    # The English label, translated in the "SetupWizard" context.
    label: str
    # Returns the :class:`cxdesk.ui.wizard.base.RoleSetupPage` subclass.
    setup_page: Callable[[], type[RoleSetupPage]]
    order: int = 500

    def translated_label(self) -> str:
        return QCoreApplication.translate("SetupWizard", self.label)

    def load(self) -> type[RoleSetupPage]:
        return self.setup_page()


# --- the classes, imported when first used ------------------------------------------------


def _overview_page() -> type[Page]:
    from cxdesk.ui.overview import OverviewPage

    return OverviewPage


def _school_page() -> type[Page]:
    from cxdesk.ui.school_page import SchoolPage

    return SchoolPage


def _roster_page() -> type[Page]:
    from cxdesk.ui.roster.page import RosterPage

    return RosterPage


def _rooms_page() -> type[Page]:
    from cxdesk.ui.rooms.page import RoomsPage

    return RoomsPage


def _training_page() -> type[Page]:
    from cxdesk.ui.training.page import TrainingPage

    return TrainingPage


def _checks_page() -> type[Page]:
    from cxdesk.ui.checks_page import ChecksPage

    return ChecksPage


def _excel_page() -> type[Page]:
    from cxdesk.ui.excel_page import ExcelPage

    return ExcelPage


def _report_page() -> type[Page]:
    from cxdesk.ui.report_page import ReportPage

    return ReportPage


def _collect_page() -> type[Page]:
    from cxdesk.ui.bureau.collect_page import CollectPage

    return CollectPage


def _board_page() -> type[Page]:
    from cxdesk.ui.bureau.board_page import BoardPage

    return BoardPage


def _review_page() -> type[Page]:
    from cxdesk.ui.bureau.review_page import ReviewPage

    return ReviewPage


def _summary_page() -> type[Page]:
    from cxdesk.ui.bureau.summary_page import SummaryPage

    return SummaryPage


def _bureau_roster_page() -> type[Page]:
    from cxdesk.ui.bureau.roster_page import BureauRosterPage

    return BureauRosterPage


def _dashboard_page() -> type[Page]:
    from cxdesk.ui.bureau.dashboard_page import DashboardPage

    return DashboardPage


def _compare_page() -> type[Page]:
    from cxdesk.ui.bureau.compare_page import ComparePage

    return ComparePage


def _county_package_page() -> type[Page]:
    from cxdesk.ui.bureau.county_page import CountyPackagePage

    return CountyPackagePage


def _register_page() -> type[Page]:
    from cxdesk.ui.bureau.register_page import RegisterPage

    return RegisterPage


def _compliance_page() -> type[Page]:
    from cxdesk.ui.bureau.compliance_page import CompliancePage

    return CompliancePage


def _standards_page() -> type[Page]:
    from cxdesk.ui.bureau.standards_page import StandardsPage

    return StandardsPage


def _keys_page() -> type[Page]:
    from cxdesk.ui.bureau.keys_page import KeysPage

    return KeysPage


def _trust_page() -> type[Page]:
    from cxdesk.ui.bureau.trust_page import TrustPage

    return TrustPage


def _settings_page() -> type[Page]:
    from cxdesk.ui.settings_page import SettingsPage

    return SettingsPage


def _school_setup_page() -> type[RoleSetupPage]:
    from cxdesk.ui.wizard.school import SchoolSetupPage

    return SchoolSetupPage


def _county_setup_page() -> type[RoleSetupPage]:
    from cxdesk.ui.bureau.wizard import CountySetupPage

    return CountySetupPage


def _prefecture_setup_page() -> type[RoleSetupPage]:
    from cxdesk.ui.bureau.wizard import PrefectureSetupPage

    return PrefectureSetupPage


# The titles are marked for lupdate here and translated when shown.
PAGES: list[PageEntry] = [
    PageEntry(
        "overview",
        str(QT_TRANSLATE_NOOP("Navigation", "Overview")),
        _overview_page,
        order=100,
    ),
    PageEntry(
        "school",
        str(QT_TRANSLATE_NOOP("Navigation", "School")),
        _school_page,
        order=200,
    ),
    PageEntry(
        "roster",
        str(QT_TRANSLATE_NOOP("Navigation", "Roster")),
        _roster_page,
        order=300,
    ),
    PageEntry(
        "rooms",
        str(QT_TRANSLATE_NOOP("Navigation", "Rooms")),
        _rooms_page,
        order=400,
    ),
    PageEntry(
        "training",
        str(QT_TRANSLATE_NOOP("Navigation", "Training")),
        _training_page,
        order=500,
    ),
    PageEntry(
        "checks",
        str(QT_TRANSLATE_NOOP("Navigation", "Checks")),
        _checks_page,
        order=600,
    ),
    PageEntry(
        "excel",
        str(QT_TRANSLATE_NOOP("Navigation", "Excel")),
        _excel_page,
        order=650,
    ),
    PageEntry(
        "report",
        str(QT_TRANSLATE_NOOP("Navigation", "Report")),
        _report_page,
        order=700,
    ),
    # --- bureau pages (issue #5, cxdesk/ui/bureau/) -------------------------------------
    PageEntry(
        "bureau_collect",
        str(QT_TRANSLATE_NOOP("Navigation", "Collect")),
        _collect_page,
        roles=("county", "prefecture"),
        order=110,
    ),
    PageEntry(
        "bureau_board",
        str(QT_TRANSLATE_NOOP("Navigation", "Completeness")),
        _board_page,
        roles=("county", "prefecture"),
        order=120,
    ),
    PageEntry(
        "bureau_review",
        str(QT_TRANSLATE_NOOP("Navigation", "Review")),
        _review_page,
        roles=("county", "prefecture"),
        order=130,
    ),
    PageEntry(
        "bureau_summary",
        str(QT_TRANSLATE_NOOP("Navigation", "Summary")),
        _summary_page,
        roles=("county", "prefecture"),
        order=140,
    ),
    PageEntry(  # schools against the standards (issue 15)
        "bureau_compliance",
        str(QT_TRANSLATE_NOOP("Navigation", "Compliance")),
        _compliance_page,
        roles=("county", "prefecture"),
        order=142,
    ),
    PageEntry(  # the roster of every counted school (issue 7)
        "bureau_roster",
        str(QT_TRANSLATE_NOOP("Navigation", "Roster of teachers")),
        _bureau_roster_page,
        roles=("county", "prefecture"),
        order=145,
    ),
    PageEntry(
        "bureau_dashboard",
        str(QT_TRANSLATE_NOOP("Navigation", "Dashboard")),
        _dashboard_page,
        roles=("county", "prefecture"),
        order=150,
    ),
    PageEntry(  # two periods side by side (issue 14)
        "bureau_compare",
        str(QT_TRANSLATE_NOOP("Navigation", "Compare periods")),
        _compare_page,
        roles=("county", "prefecture"),
        order=155,
    ),
    PageEntry(
        "bureau_county_package",
        str(QT_TRANSLATE_NOOP("Navigation", "County package")),
        _county_package_page,
        roles=("county",),
        order=160,
    ),
    PageEntry(
        "bureau_register",
        str(QT_TRANSLATE_NOOP("Navigation", "School register")),
        _register_page,
        roles=("county", "prefecture"),
        order=170,
    ),
    PageEntry(  # the standards as data: switch off, add, send to the schools (issue 15)
        "bureau_standards",
        str(QT_TRANSLATE_NOOP("Navigation", "Standards")),
        _standards_page,
        roles=("county", "prefecture"),
        order=174,
    ),
    PageEntry(  # the bureau's own keys, its key file and notice (issue 12)
        "bureau_keys",
        str(QT_TRANSLATE_NOOP("Navigation", "Our keys")),
        _keys_page,
        roles=("county", "prefecture"),
        order=175,
    ),
    PageEntry(
        "bureau_trust",
        str(QT_TRANSLATE_NOOP("Navigation", "Trusted keys")),
        _trust_page,
        roles=("county", "prefecture"),
        order=180,
    ),
    # --- end of bureau pages -------------------------------------------------------------
    PageEntry(
        "settings",
        str(QT_TRANSLATE_NOOP("Navigation", "Settings")),
        _settings_page,
        roles=ALL_ROLES,
        order=1000,
    ),
]

WIZARD_ROLES: list[RoleEntry] = [
    RoleEntry(
        "school",
        str(QT_TRANSLATE_NOOP("SetupWizard", "School")),
        _school_setup_page,
        order=100,
    ),
    # --- bureau roles (issue #5, cxdesk/ui/bureau/wizard.py) -----------------------------
    RoleEntry(
        "county",
        str(QT_TRANSLATE_NOOP("SetupWizard", "County bureau (县市教育体育局)")),
        _county_setup_page,
        order=200,
    ),
    RoleEntry(
        "prefecture",
        str(QT_TRANSLATE_NOOP("SetupWizard", "Prefecture bureau (州教育体育局)")),
        _prefecture_setup_page,
        order=300,
    ),
    # --- end of bureau roles -------------------------------------------------------------
]


def pages_for(role: str | None) -> list[PageEntry]:
    return sorted((p for p in PAGES if role in p.roles), key=lambda p: p.order)


def wizard_roles() -> list[RoleEntry]:
    return sorted(WIZARD_ROLES, key=lambda r: r.order)
