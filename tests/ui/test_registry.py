"""The registry names its pages by class, and still loads a page's module only when built."""

from __future__ import annotations

import subprocess
import sys

from cxdesk.ui import registry
from cxdesk.ui.page import Page
from cxdesk.ui.wizard.base import RoleSetupPage


def test_every_entry_gives_a_class_of_its_kind() -> None:
    for entry in registry.PAGES:
        assert issubclass(entry.load(), Page), entry.key
    for role in registry.WIZARD_ROLES:
        assert issubclass(role.load(), RoleSetupPage), role.role
    keys = [entry.key for entry in registry.PAGES]
    assert len(keys) == len(set(keys))
    classes = [entry.load() for entry in registry.PAGES]
    assert len(classes) == len(set(classes)), "two entries give the same page"


def test_starting_the_window_loads_no_page_module() -> None:
    # The main window and the registry are imported at every start; the pages' modules
    # (charts, the bureau's core) only when a page is first shown.
    pages = [
        "cxdesk.ui.overview",
        "cxdesk.ui.report_page",
        "cxdesk.ui.bureau.collect_page",
        "cxdesk.ui.bureau.dashboard_page",
        "cxdesk.ui.settings_page",
        "cxdesk.ui.bureau.wizard",
        "cxdesk.exchange.export",
    ]
    code = (
        "import sys, cxdesk.ui.main_window, cxdesk.ui.registry\n"
        f"print([m for m in {pages!r} if m in sys.modules])"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
