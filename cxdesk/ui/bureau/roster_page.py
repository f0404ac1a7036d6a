"""教师名册: the counselors of every counted school of the bureau, for one period.

A county sees its own schools, the prefecture every county's: up to 100,000 rows in a
province, so the table is the lazy :class:`~cxdesk.ui.bureau.roster_model.ScopeRosterModel`
(pages of rows fetched as the view scrolls, sorting and searching done by SQL).  Only the
accepted package of each school counts (as in the summary), and identity numbers are
shown masked.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from cxdesk.bureau.roster_rows import COLUMN_KEYS
from cxdesk.errors import UserError
from cxdesk.ui.bureau.common import heading, hint
from cxdesk.ui.bureau.roster_model import ScopeRosterModel
from cxdesk.ui.shell.context import AppContext
from cxdesk.ui.shell.errors import show_error
from cxdesk.ui.shell.page import Page
from cxdesk.ui.shell.period_picker import PeriodPicker
from cxdesk.ui.shell.table_view import FittedTableView

#: Milliseconds of quiet typing before the search runs (one SQL count and page per pause).
SEARCH_DELAY_MS = 250

#: Columns never cut to fit the window.
WHOLE_COLUMNS = ("county", "school_code", "name", "identity_masked", "start_date")


class BureauRosterPage(Page):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.period = PeriodPicker()
        self.period.setObjectName("period")
        self.period.period_changed.connect(lambda _p: self.refresh())
        self.search = QLineEdit()
        self.search.setObjectName("roster_search")
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(self.tr("Search a name, a school or a school code…"))
        self.search.setMinimumWidth(280)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.apply_search)
        self.search.textChanged.connect(lambda _t: self._search_timer.start())
        self.search.returnPressed.connect(self.apply_search)
        self.count = QLabel()
        self.count.setObjectName("roster_count")

        # The model reads the database when built; the first refresh gives it its period.
        self.model = ScopeRosterModel(ctx.db, self.period.label(), parent=self)
        # Columns sized to their contents, the widest (school, certificates) cut to fit
        # 1366 pixels with the whole text in a tooltip; codes, identity numbers and dates
        # are never cut (issue 13: no sideways scrolling).
        self.view = FittedTableView()
        self.view.setModel(self.model)
        self.view.setObjectName("bureau_roster_table")
        self.view.setSortingEnabled(True)
        self.view.whole_columns = frozenset(COLUMN_KEYS.index(key) for key in WHOLE_COLUMNS)
        # Widths measured once, from the first rows in sight: sorting stays quick.
        self.view.horizontalHeader().setResizeContentsPrecision(0)
        self.view.refit_on_reset = False

        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("Period")))
        bar.addWidget(self.period)
        bar.addSpacing(16)
        bar.addWidget(self.search, 1)
        bar.addSpacing(16)
        bar.addWidget(self.count)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("Roster of teachers")))
        layout.addWidget(
            hint(
                self.tr(
                    "The psychological-health teachers of every school whose package was accepted for the period. Identity numbers are masked; click a column header to sort."
                )
            )
        )
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)

    def refresh(self) -> None:
        """Read the chosen period's roster again (after a collect, or another period)."""
        self._search_timer.stop()
        try:
            self.model.set_search(self.search.text())
            self.model.set_period(self.period.label())
        except UserError as error:
            show_error(self, error)
            return
        self.show_count()

    def apply_search(self) -> None:
        """Narrow the table to the search text (by SQL, from the first page)."""
        self._search_timer.stop()
        try:
            self.model.set_search(self.search.text())
        except UserError as error:
            show_error(self, error)
            return
        self.view.scrollToTop()
        self.show_count()

    def show_count(self) -> None:
        if self.model.search:
            self.count.setText(
                self.tr("{count} teachers match").format(count=f"{self.model.total:,}")
            )
        else:
            self.count.setText(self.tr("{count} teachers").format(count=f"{self.model.total:,}"))
