"""What the bureau wing adds to the shell: the county's and the prefecture's pages and
their roles in the first-start wizard.  :func:`register` is called when the app starts
(:func:`cxdesk.ui.desktop.install_wings`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP

from cxdesk.ui.shell import registry
from cxdesk.ui.shell.registry import PageEntry, RoleEntry

if TYPE_CHECKING:
    from cxdesk.ui.shell.page import Page
    from cxdesk.ui.shell.wizard.base import RoleSetupPage


# --- the classes, imported when first used ------------------------------------------------


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


def _county_setup_page() -> type[RoleSetupPage]:
    from cxdesk.ui.bureau.wizard import CountySetupPage

    return CountySetupPage


def _prefecture_setup_page() -> type[RoleSetupPage]:
    from cxdesk.ui.bureau.wizard import PrefectureSetupPage

    return PrefectureSetupPage


# The titles are marked for lupdate here and translated when shown.
PAGES = [
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
]

ROLES = [
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
]


def register() -> None:
    registry.register(pages=PAGES, roles=ROLES)
