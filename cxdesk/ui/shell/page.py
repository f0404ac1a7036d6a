"""The base of every page of the main window."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from cxdesk.ui.shell.context import AppContext


class Page(QWidget):
    """A page: built with the context, refreshed when shown and when data changed.

    Subclasses read the data in :meth:`refresh` (one ``with self.ctx.db.reading()``), and
    change it through ``self.ctx.write(...)``.  The main window calls ``refresh`` when the
    page is shown and after ``ctx.data_changed`` while it is visible; a hidden page is
    refreshed when it is next shown.
    """

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx

    def refresh(self) -> None:
        """Reload what the page shows from the database."""
