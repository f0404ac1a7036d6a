"""The completeness board: who has reported for the period, how late, who to chase.

Everything comes from :func:`cxdesk.bureau.board.completeness_board`; the Excel export
is :func:`cxdesk.bureau.excel.write_board_xlsx`.  At the prefecture a first tab shows the
counties' packages; the rates are per county and per kind.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QDateEdit,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from cxdesk.bureau.board import Board, completeness_board
from cxdesk.bureau.deadlines import set_deadline
from cxdesk.bureau.excel import write_board_xlsx
from cxdesk.errors import UserError
from cxdesk.i18n import current_language
from cxdesk.ui.bureau import common
from cxdesk.ui.bureau.board_models import BoardModel, ChaseModel, CountyPackagesModel, RateModel
from cxdesk.ui.bureau.common import heading, table_view
from cxdesk.ui.bureau.labels import rate_text
from cxdesk.ui.shell.context import AppContext
from cxdesk.ui.shell.errors import show_error
from cxdesk.ui.shell.page import Page
from cxdesk.ui.shell.period_picker import PeriodPicker
from cxdesk.ui.shell.table_model import SearchProxy

#: The dynamic property of the context that tells the review page which school to show.
REVIEW_CODE = "bureau_review_code"


class NoRegisterBanner(QFrame):
    """Shown while no register of schools is loaded: the schools counted are those that
    sent a package, and nobody can be chased; a button leads to the register page."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("no_register")
        self.setStyleSheet(
            "#no_register { background: #fff4d6; border: 1px solid #e0c27a; border-radius: 4px; }"
        )
        self.text = QLabel(
            self.tr(
                "No register of schools is loaded: the counts below are of the schools that sent a package, and the schools that have not reported cannot be listed."
            )
        )
        self.text.setWordWrap(True)
        self.open_register = QPushButton(self.tr("Load the register of schools…"))
        self.open_register.setObjectName("open_register")
        layout = QHBoxLayout(self)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.open_register)
        self.hide()


class BoardPage(Page):
    # Ask the main window to show another page. Argument: the page key.
    navigate = Signal(str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.board: Board | None = None
        self.period = PeriodPicker()
        self.period.setObjectName("period")
        self.period.period_changed.connect(lambda _p: self.refresh())
        self.deadline = QDateEdit()
        self.deadline.setObjectName("deadline")
        self.deadline.setCalendarPopup(True)
        self.deadline.setDisplayFormat("yyyy-MM-dd")
        self.deadline_button = QPushButton(self.tr("Set deadline"))
        self.deadline_button.setObjectName("set_deadline")
        self.deadline_button.clicked.connect(self.save_deadline)
        self.export_button = QPushButton(self.tr("Export to Excel…"))
        self.export_button.setObjectName("export_board")
        self.export_button.clicked.connect(self.export)
        self.headline = QLabel()
        self.headline.setObjectName("headline")
        self.headline.setWordWrap(True)
        self.headline.setStyleSheet("font-size: 15px; padding: 4px 0;")
        self.no_register = NoRegisterBanner()
        self.no_register.open_register.clicked.connect(
            lambda: self.navigate.emit("bureau_register")
        )

        self.schools = BoardModel(self)
        self.schools_proxy = SearchProxy(self.schools, self)
        self.schools_view = table_view(self.schools_proxy)
        self.schools_view.setObjectName("board_schools")
        self.schools_view.doubleClicked.connect(self._open_review)
        self.search = QLineEdit()
        self.search.setObjectName("search")
        self.search.setPlaceholderText(self.tr("Search school, county, state, contact…"))
        self.search.textChanged.connect(self.schools_proxy.setFilterFixedString)
        schools_tab = QWidget()
        schools_layout = QVBoxLayout(schools_tab)
        schools_layout.addWidget(self.search)
        schools_layout.addWidget(self.schools_view)

        self.chase = ChaseModel(self)
        self.chase_view = table_view(self.chase)
        self.chase_view.setObjectName("board_chase")

        self.by_county = RateModel(self.tr("County"), self)
        self.by_kind = RateModel(self.tr("Kind"), self)
        self.by_county_view = table_view(self.by_county)
        self.by_county_view.setObjectName("rate_by_county")
        self.by_kind_view = table_view(self.by_kind)
        self.by_kind_view.setObjectName("rate_by_kind")
        rates = QSplitter()
        rates.addWidget(self.by_county_view)
        rates.addWidget(self.by_kind_view)

        self.counties = CountyPackagesModel(self)
        self.counties_view = table_view(self.counties)
        self.counties_view.setObjectName("board_counties")

        self.tabs = QTabWidget()
        self.tabs.setObjectName("board_tabs")
        if ctx.role == "prefecture":
            self.tabs.addTab(self.counties_view, self.tr("County packages"))
        self.tabs.addTab(rates, self.tr("Reporting rate"))
        self.tabs.addTab(schools_tab, self.tr("Schools"))
        self.tabs.addTab(self.chase_view, self.tr("To chase"))

        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("Period")))
        bar.addWidget(self.period)
        bar.addSpacing(16)
        bar.addWidget(QLabel(self.tr("Deadline")))
        bar.addWidget(self.deadline)
        bar.addWidget(self.deadline_button)
        bar.addStretch(1)
        bar.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("Completeness")))
        layout.addLayout(bar)
        layout.addWidget(self.no_register)
        layout.addWidget(self.headline)
        layout.addWidget(self.tabs, 1)

    def refresh(self) -> None:
        try:
            with self.ctx.db.reading() as session:
                board = completeness_board(session, period_label=self.period.label())
        except UserError as error:
            show_error(self, error)
            return
        self.board = board
        self.schools.set_rows(board.rows)
        self.chase.set_rows(board.chase)
        self.by_county.set_rows(board.by_county)
        self.by_kind.set_rows(board.by_kind)
        self.counties.set_rows(board.counties)
        for view in (
            self.schools_view,
            self.chase_view,
            self.by_county_view,
            self.by_kind_view,
            self.counties_view,
        ):
            view.resizeColumnsToContents()
        if board.deadline is not None:
            d = board.deadline
            self.deadline.setDate(QDate(d.year, d.month, d.day))
        else:
            self.deadline.setDate(
                QDate(int(board.period), 12, 31) if board.period.isdigit() else QDate.currentDate()
            )
        self.no_register.setVisible(not board.register_loaded)
        self.headline.setText(self.headline_text(board))
        self.tabs.setTabText(
            self.tabs.indexOf(self.chase_view),
            self.tr("To chase ({count})").format(count=len(board.chase)),
        )

    def headline_text(self, board: Board) -> str:
        t = board.totals
        if not board.register_loaded:
            text = self.tr(
                "{reported} schools reported; {held} held, {returned} returned. Who has not reported is known once the register of schools is loaded."
            ).format(reported=t.reported, held=t.held, returned=t.returned)
            if board.deadline is not None:
                text += " " + self.tr("Deadline {date}.").format(date=board.deadline.isoformat())
            return text
        text = self.tr(
            "{expected} schools expected, {reported} reported ({rate}); {held} held, {returned} returned, {missing} not received."
        ).format(
            expected=t.expected,
            reported=t.reported,
            rate=rate_text(t.rate),
            held=t.held,
            returned=t.returned,
            missing=t.missing,
        )
        if board.deadline is not None:
            text += " " + self.tr("Deadline {date}.").format(date=board.deadline.isoformat())
        return text

    def save_deadline(self) -> None:
        chosen = self.deadline.date()
        deadline = date(chosen.year(), chosen.month(), chosen.day())
        period = self.period.label()
        try:
            self.ctx.write(
                lambda s: set_deadline(s, period_label=period, deadline=deadline),
            )
        except UserError as error:
            show_error(self, error)
            return
        self.refresh()

    def export(self) -> None:
        board = self.board
        if board is None:
            return
        target = common.export_file(
            self,
            lambda target: write_board_xlsx(target, board, lang=current_language()),
            title=self.tr("Export the board"),
            suggested=f"{self.tr('completeness')}-{board.period}.xlsx",
            name_filter=self.tr("Excel workbook (*.xlsx)"),
            suffix=".xlsx",
            action="board_export",
        )
        if target is not None:
            self.headline.setText(
                self.headline_text(board) + " " + self.tr("Written to {path}.").format(path=target)
            )

    def _open_review(self, index: object) -> None:
        row = self.schools.row_at(self.schools_proxy.mapToSource(index).row())  # type: ignore[arg-type]
        if row.submission_id is None or row.state == "held":
            return
        self.ctx.setProperty(REVIEW_CODE, row.code)
        self.navigate.emit("bureau_review")
