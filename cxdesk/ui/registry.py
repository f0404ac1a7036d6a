"""Where the main window and the first-start wizard learn their pages and roles.

Adding a page is one line in :data:`PAGES`; adding a role to the wizard is one line in
:data:`WIZARD_ROLES`.  Entries name their class as ``"module:Class"`` so that this module
imports nothing heavy and a page's module is loaded only when it is built.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

ALL_ROLES = ("school", "county", "prefecture")


@dataclass(frozen=True)
class PageEntry:
    """One navigation entry of the main window."""

    # A stable key ("overview", "roster", ...): used to switch pages and in tests.
    key: str
    # The English title, translated at display time in the "Navigation" context.
    title: str
    # ``"module:Class"`` of a :class:`cxdesk.ui.page.Page` subclass.
    target: str
    # The installation roles that see this page.
    roles: tuple[str, ...] = ("school",)
    # Pages are listed by ``order``; settings is last (1000).
    order: int = 500

    def translated_title(self) -> str:
        return QCoreApplication.translate("Navigation", self.title)

    def load(self) -> type[Any]:
        return load_class(self.target)


@dataclass(frozen=True)
class RoleEntry:
    """One role of the first-start wizard."""

    # The installation role code ("school", "county", "prefecture").
    role: str
    # The English label, translated in the "SetupWizard" context.
    label: str
    # ``"module:Class"`` of a :class:`cxdesk.ui.wizard.base.RoleSetupPage` subclass.
    target: str
    order: int = 500

    def translated_label(self) -> str:
        return QCoreApplication.translate("SetupWizard", self.label)

    def load(self) -> type[Any]:
        return load_class(self.target)


def load_class(target: str) -> type[Any]:
    module_name, _, class_name = target.partition(":")
    return getattr(importlib.import_module(module_name), class_name)  # type: ignore[no-any-return]


# The titles are marked for lupdate here and translated when shown.
PAGES: list[PageEntry] = [
    PageEntry(
        "overview",
        str(QT_TRANSLATE_NOOP("Navigation", "Overview")),
        "cxdesk.ui.overview:OverviewPage",
        order=100,
    ),
    PageEntry(
        "school",
        str(QT_TRANSLATE_NOOP("Navigation", "School")),
        "cxdesk.ui.school_page:SchoolPage",
        order=200,
    ),
    PageEntry(
        "roster",
        str(QT_TRANSLATE_NOOP("Navigation", "Roster")),
        "cxdesk.ui.roster.page:RosterPage",
        order=300,
    ),
    PageEntry(
        "rooms",
        str(QT_TRANSLATE_NOOP("Navigation", "Rooms")),
        "cxdesk.ui.rooms.page:RoomsPage",
        order=400,
    ),
    PageEntry(
        "training",
        str(QT_TRANSLATE_NOOP("Navigation", "Training")),
        "cxdesk.ui.training.page:TrainingPage",
        order=500,
    ),
    PageEntry(
        "checks",
        str(QT_TRANSLATE_NOOP("Navigation", "Checks")),
        "cxdesk.ui.checks_page:ChecksPage",
        order=600,
    ),
    PageEntry(
        "excel",
        str(QT_TRANSLATE_NOOP("Navigation", "Excel")),
        "cxdesk.ui.excel_page:ExcelPage",
        order=650,
    ),
    PageEntry(
        "report",
        str(QT_TRANSLATE_NOOP("Navigation", "Report")),
        "cxdesk.ui.report_page:ReportPage",
        order=700,
    ),
    # --- bureau pages (issue #5, cxdesk/ui/bureau/) -------------------------------------
    PageEntry(
        "bureau_collect",
        str(QT_TRANSLATE_NOOP("Navigation", "Collect")),
        "cxdesk.ui.bureau.collect_page:CollectPage",
        roles=("county", "prefecture"),
        order=110,
    ),
    PageEntry(
        "bureau_board",
        str(QT_TRANSLATE_NOOP("Navigation", "Completeness")),
        "cxdesk.ui.bureau.board_page:BoardPage",
        roles=("county", "prefecture"),
        order=120,
    ),
    PageEntry(
        "bureau_review",
        str(QT_TRANSLATE_NOOP("Navigation", "Review")),
        "cxdesk.ui.bureau.review_page:ReviewPage",
        roles=("county", "prefecture"),
        order=130,
    ),
    PageEntry(
        "bureau_summary",
        str(QT_TRANSLATE_NOOP("Navigation", "Summary")),
        "cxdesk.ui.bureau.summary_page:SummaryPage",
        roles=("county", "prefecture"),
        order=140,
    ),
    PageEntry(  # schools against the standards (issue 15)
        "bureau_compliance",
        str(QT_TRANSLATE_NOOP("Navigation", "Compliance")),
        "cxdesk.ui.bureau.compliance_page:CompliancePage",
        roles=("county", "prefecture"),
        order=142,
    ),
    PageEntry(  # the roster of every counted school (issue 7)
        "bureau_roster",
        str(QT_TRANSLATE_NOOP("Navigation", "Roster of teachers")),
        "cxdesk.ui.bureau.roster_page:BureauRosterPage",
        roles=("county", "prefecture"),
        order=145,
    ),
    PageEntry(
        "bureau_dashboard",
        str(QT_TRANSLATE_NOOP("Navigation", "Dashboard")),
        "cxdesk.ui.bureau.dashboard_page:DashboardPage",
        roles=("county", "prefecture"),
        order=150,
    ),
    PageEntry(  # two periods side by side (issue 14)
        "bureau_compare",
        str(QT_TRANSLATE_NOOP("Navigation", "Compare periods")),
        "cxdesk.ui.bureau.compare_page:ComparePage",
        roles=("county", "prefecture"),
        order=155,
    ),
    PageEntry(
        "bureau_county_package",
        str(QT_TRANSLATE_NOOP("Navigation", "County package")),
        "cxdesk.ui.bureau.county_page:CountyPackagePage",
        roles=("county",),
        order=160,
    ),
    PageEntry(
        "bureau_register",
        str(QT_TRANSLATE_NOOP("Navigation", "School register")),
        "cxdesk.ui.bureau.register_page:RegisterPage",
        roles=("county", "prefecture"),
        order=170,
    ),
    PageEntry(  # the standards as data: switch off, add, send to the schools (issue 15)
        "bureau_standards",
        str(QT_TRANSLATE_NOOP("Navigation", "Standards")),
        "cxdesk.ui.bureau.standards_page:StandardsPage",
        roles=("county", "prefecture"),
        order=174,
    ),
    PageEntry(  # the bureau's own keys, its key file and notice (issue 12)
        "bureau_keys",
        str(QT_TRANSLATE_NOOP("Navigation", "Our keys")),
        "cxdesk.ui.bureau.keys_page:KeysPage",
        roles=("county", "prefecture"),
        order=175,
    ),
    PageEntry(
        "bureau_trust",
        str(QT_TRANSLATE_NOOP("Navigation", "Trusted keys")),
        "cxdesk.ui.bureau.trust_page:TrustPage",
        roles=("county", "prefecture"),
        order=180,
    ),
    # --- end of bureau pages -------------------------------------------------------------
    PageEntry(
        "settings",
        str(QT_TRANSLATE_NOOP("Navigation", "Settings")),
        "cxdesk.ui.settings_page:SettingsPage",
        roles=ALL_ROLES,
        order=1000,
    ),
]

WIZARD_ROLES: list[RoleEntry] = [
    RoleEntry(
        "school",
        str(QT_TRANSLATE_NOOP("SetupWizard", "School")),
        "cxdesk.ui.wizard.school:SchoolSetupPage",
        order=100,
    ),
    # --- bureau roles (issue #5, cxdesk/ui/bureau/wizard.py) -----------------------------
    RoleEntry(
        "county",
        str(QT_TRANSLATE_NOOP("SetupWizard", "County bureau (县市教育体育局)")),
        "cxdesk.ui.bureau.wizard:CountySetupPage",
        order=200,
    ),
    RoleEntry(
        "prefecture",
        str(QT_TRANSLATE_NOOP("SetupWizard", "Prefecture bureau (州教育体育局)")),
        "cxdesk.ui.bureau.wizard:PrefectureSetupPage",
        order=300,
    ),
    # --- end of bureau roles -------------------------------------------------------------
]


@dataclass(frozen=True)
class SectionEntry:
    """A group box of the settings page: ``"module:Class"`` of a QWidget taking the context."""

    target: str
    order: int = 500

    def load(self) -> type[Any]:
        return load_class(self.target)


# Extra groups of the settings page (backups, ...), below the language.
SETTINGS_SECTIONS: list[SectionEntry] = [
    SectionEntry("cxdesk.ui.backup_settings:BackupSettings", order=800),  # shipping (issue 6)
    SectionEntry("cxdesk.ui.server_settings:ServerSettings", order=850),  # PostgreSQL (issue 8)
]

# ``"module:function"`` of ``(session, school_id) -> datetime | None``: when the school
# last exported its report package (the overview shows it); None until packages exist.
LAST_EXPORT: str | None = "cxdesk.exchange.export:last_export_time"


def settings_sections() -> list[SectionEntry]:
    return sorted(SETTINGS_SECTIONS, key=lambda s: s.order)


def last_export_function() -> Any | None:
    if LAST_EXPORT is None:
        return None
    module_name, _, name = LAST_EXPORT.partition(":")
    return getattr(importlib.import_module(module_name), name)


def pages_for(role: str | None) -> list[PageEntry]:
    return sorted((p for p in PAGES if role in p.roles), key=lambda p: p.order)


def wizard_roles() -> list[RoleEntry]:
    return sorted(WIZARD_ROLES, key=lambda r: r.order)
