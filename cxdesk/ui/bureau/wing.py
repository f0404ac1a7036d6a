"""What the bureau wing adds to the shell: the county's and the prefecture's pages and
their roles in the first-start wizard.  :func:`register` is called when the app starts
(:func:`cxdesk.ui.desktop.install_wings`).

The pages are a table (:data:`PAGES`) and their classes one function
(:func:`page_class`), which imports a page's module only when the page is first built.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP

from cxdesk.ui.shell import registry
from cxdesk.ui.shell.registry import PageRow, RoleRow, page_entries, role_entries

if TYPE_CHECKING:
    from cxdesk.ui.shell.page import Page
    from cxdesk.ui.shell.wizard.base import RoleSetupPage

BUREAUS = ("county", "prefecture")
COUNTY = ("county",)

# Key, title (marked for lupdate here, translated when shown), order, roles.
PAGES: list[PageRow] = [
    ("bureau_collect", QT_TRANSLATE_NOOP("Navigation", "Collect"), 110, BUREAUS),
    ("bureau_board", QT_TRANSLATE_NOOP("Navigation", "Completeness"), 120, BUREAUS),
    ("bureau_review", QT_TRANSLATE_NOOP("Navigation", "Review"), 130, BUREAUS),
    ("bureau_summary", QT_TRANSLATE_NOOP("Navigation", "Summary"), 140, BUREAUS),
    # schools against the standards (issue 15)
    ("bureau_compliance", QT_TRANSLATE_NOOP("Navigation", "Compliance"), 142, BUREAUS),
    # the roster of every counted school (issue 7)
    ("bureau_roster", QT_TRANSLATE_NOOP("Navigation", "Roster of teachers"), 145, BUREAUS),
    ("bureau_dashboard", QT_TRANSLATE_NOOP("Navigation", "Dashboard"), 150, BUREAUS),
    # two periods side by side (issue 14)
    ("bureau_compare", QT_TRANSLATE_NOOP("Navigation", "Compare periods"), 155, BUREAUS),
    ("bureau_county_package", QT_TRANSLATE_NOOP("Navigation", "County package"), 160, COUNTY),
    ("bureau_register", QT_TRANSLATE_NOOP("Navigation", "School register"), 170, BUREAUS),
    # the standards as data: switch off, add, send to the schools (issue 15)
    ("bureau_standards", QT_TRANSLATE_NOOP("Navigation", "Standards"), 174, BUREAUS),
    # the bureau's own keys, its key file and notice (issue 12)
    ("bureau_keys", QT_TRANSLATE_NOOP("Navigation", "Our keys"), 175, BUREAUS),
    ("bureau_trust", QT_TRANSLATE_NOOP("Navigation", "Trusted keys"), 180, BUREAUS),
]

ROLES: list[RoleRow] = [
    ("county", QT_TRANSLATE_NOOP("SetupWizard", "County bureau (县市教育体育局)"), 200),
    ("prefecture", QT_TRANSLATE_NOOP("SetupWizard", "Prefecture bureau (州教育体育局)"), 300),
]


def page_class(key: str) -> type[Page]:
    """The class of the page ``key``, its module imported now (when first built)."""
    page: type[Page]
    match key:
        case "bureau_collect":
            from cxdesk.ui.bureau.collect_page import CollectPage as page
        case "bureau_board":
            from cxdesk.ui.bureau.board_page import BoardPage as page
        case "bureau_review":
            from cxdesk.ui.bureau.review_page import ReviewPage as page
        case "bureau_summary":
            from cxdesk.ui.bureau.summary_page import SummaryPage as page
        case "bureau_compliance":
            from cxdesk.ui.bureau.compliance_page import CompliancePage as page
        case "bureau_roster":
            from cxdesk.ui.bureau.roster_page import BureauRosterPage as page
        case "bureau_dashboard":
            from cxdesk.ui.bureau.dashboard_page import DashboardPage as page
        case "bureau_compare":
            from cxdesk.ui.bureau.compare_page import ComparePage as page
        case "bureau_county_package":
            from cxdesk.ui.bureau.county_page import CountyPackagePage as page
        case "bureau_register":
            from cxdesk.ui.bureau.register_page import RegisterPage as page
        case "bureau_standards":
            from cxdesk.ui.bureau.standards_page import StandardsPage as page
        case "bureau_keys":
            from cxdesk.ui.bureau.keys_page import KeysPage as page
        case "bureau_trust":
            from cxdesk.ui.bureau.trust_page import TrustPage as page
        case _:
            raise KeyError(key)
    return page


def setup_page(role: str) -> type[RoleSetupPage]:
    """The first-start wizard's page of ``role``, imported when the wizard is shown."""
    page: type[RoleSetupPage]
    match role:
        case "county":
            from cxdesk.ui.bureau.wizard import CountySetupPage as page
        case "prefecture":
            from cxdesk.ui.bureau.wizard import PrefectureSetupPage as page
        case _:
            raise KeyError(role)
    return page


def register() -> None:
    registry.register(pages=page_entries(PAGES, page_class), roles=role_entries(ROLES, setup_page))
