"""The registry names its pages by class, and still loads a page's module only when built."""

from __future__ import annotations

import subprocess
import sys

from cxdesk.ui.desktop import install_wings
from cxdesk.ui.shell import registry
from cxdesk.ui.shell.page import Page
from cxdesk.ui.shell.wizard.base import RoleSetupPage


def test_every_entry_gives_a_class_of_its_kind() -> None:
    install_wings()
    install_wings()  # a second time adds nothing
    for entry in registry.PAGES:
        assert issubclass(entry.load(), Page), entry.key
    for role in registry.WIZARD_ROLES:
        assert issubclass(role.load(), RoleSetupPage), role.role
    keys = [entry.key for entry in registry.PAGES]
    assert len(keys) == len(set(keys))
    classes = [entry.load() for entry in registry.PAGES]
    assert len(classes) == len(set(classes)), "two entries give the same page"
    # Every role has its pages; the wizard offers the three roles.
    assert [len(registry.pages_for(role)) for role in registry.ALL_ROLES] == [9, 14, 13]
    assert [r.role for r in registry.wizard_roles()] == list(registry.ALL_ROLES)
    assert [a.key for a in registry.file_actions_for("school")] == ["summary_pdf", "summary_print"]
    assert registry.file_actions_for("county") == []


def test_starting_the_window_loads_no_page_module() -> None:
    # The main window and the registry are imported at every start; the pages' modules
    # (charts, the bureau's core) only when a page is first shown.
    pages = [
        "cxdesk.ui.school.overview",
        "cxdesk.ui.school.report_page",
        "cxdesk.ui.bureau.collect_page",
        "cxdesk.ui.bureau.dashboard_page",
        "cxdesk.ui.shell.settings_page",
        "cxdesk.ui.bureau.wizard",
        "cxdesk.exchange.export",
    ]
    code = (
        "import sys, cxdesk.ui.shell.main_window, cxdesk.ui.desktop\n"
        "cxdesk.ui.desktop.install_wings()\n"
        f"print([m for m in {pages!r} if m in sys.modules])"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
