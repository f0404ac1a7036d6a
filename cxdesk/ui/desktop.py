"""The desktop app put together: the shell with its two wings.

The shell (:mod:`cxdesk.ui.shell`) knows neither the school's pages nor the bureau's; this
module, above the three, registers both wings with the shell's registry and starts the app.
``cxdesk gui``, the self-test, the screenshot tools and the tests start here.
"""

from __future__ import annotations

from cxdesk.ui.bureau import wing as bureau_wing
from cxdesk.ui.school import wing as school_wing
from cxdesk.ui.shell import app


def install_wings() -> None:
    """Register the school's and the bureau's pages, wizard roles and menu items (once)."""
    school_wing.register()
    bureau_wing.register()


def run(db_path: str | None, lang: str | None) -> int:
    """``cxdesk gui``: returns the process exit code."""
    install_wings()
    return app.run(db_path, lang)
