"""Reviewing a school's counted package: data, findings, what changed; accept or return.

The data comes from :func:`cxdesk.bureau.review.review_school`; accepting writes a
signed receipt (:func:`~cxdesk.bureau.review.accept_submission`) and returning a signed
return file with comments per record (:func:`~cxdesk.bureau.review.return_submission`),
into a folder the clerk chooses (the USB stick that goes back to the school).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import (
    QItemSelection,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from cxdesk import reference as ref
from cxdesk.bureau.board import REPORTED, BoardRow, completeness_board
from cxdesk.bureau.review import (
    ReviewReply,
    SchoolReview,
    accept_submission,
    return_submission,
    review_school,
)
from cxdesk.errors import UserError
from cxdesk.i18n import current_language
from cxdesk.ui.bureau import common
from cxdesk.ui.bureau.board_models import ChaseModel
from cxdesk.ui.bureau.board_page import REVIEW_CODE
from cxdesk.ui.bureau.common import heading, table_view
from cxdesk.ui.bureau.key_unlock import ensure_keys_unlocked
from cxdesk.ui.bureau.labels import state_title
from cxdesk.ui.bureau.return_dialog import ReturnDialog
from cxdesk.ui.bureau.review_figures import review_changes_html
from cxdesk.ui.bureau.review_models import (
    CounselorsModel,
    FiguresModel,
    FindingsModel,
    RoomsModel,
    TrainingModel,
    figure_rows,
)
from cxdesk.ui.bureau.shared_people_model import SharedPeopleModel, shared_rows
from cxdesk.ui.shell.context import AppContext
from cxdesk.ui.shell.errors import show_error
from cxdesk.ui.shell.page import Page
from cxdesk.ui.shell.period_picker import PeriodPicker
from cxdesk.ui.shell.table_model import SearchProxy


class CountySearchProxy(SearchProxy):
    """The search of the schools' list, within one county when one is chosen (902 schools
    at the prefecture)."""

    def __init__(self, source: ChaseModel, parent: QWidget | None = None) -> None:
        super().__init__(source, parent)
        self.county_code: str | None = None
        self.rows = source

    def set_county(self, code: str | None) -> None:
        if hasattr(self, "beginFilterChange"):  # Qt 6.9 and later
            self.beginFilterChange()
            self.county_code = code
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self.county_code = code
            self.invalidateFilter()

    def filterAcceptsRow(
        self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex
    ) -> bool:
        county = self.rows.row_at(source_row).county_code
        if self.county_code is not None and county != self.county_code:
            return False
        return super().filterAcceptsRow(source_row, source_parent)


class ReviewPage(Page):
    """Schools with a counted package on the left; the chosen one's package on the right."""

    # A review decision was written. Arguments: "accepted" or "returned", the file's path.
    decided = Signal(str, str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.review: SchoolReview | None = None
        self.period = PeriodPicker()
        self.period.setObjectName("period")
        self.period.period_changed.connect(lambda _p: self.refresh())

        self.schools = ChaseModel(self)  # code, name, county, state, late, contact, phone
        self.schools_proxy = CountySearchProxy(self.schools, self)
        self.schools_view = table_view(self.schools_proxy)
        self.schools_view.setObjectName("review_schools")
        # Name and state (the code is in the title); at the prefecture, the county too.
        hidden = (0, 4, 5, 6) if ctx.role == "prefecture" else (0, 2, 4, 5, 6)
        for column in hidden:
            self.schools_view.setColumnHidden(column, True)
        self.county = QComboBox()
        self.county.setObjectName("county_filter")
        self.county.addItem(self.tr("All counties"), None)
        for county in ref.COUNTIES:
            self.county.addItem(county.label(current_language()), county.code)
        self.county.setVisible(ctx.role == "prefecture")
        self.county.currentIndexChanged.connect(
            lambda _i: self.schools_proxy.set_county(self.county.currentData())
        )
        self.schools_view.selectionModel().selectionChanged.connect(self._chosen)
        self.search = QLineEdit()
        self.search.setObjectName("search")
        self.search.setPlaceholderText(self.tr("Search school…"))
        self.search.textChanged.connect(self.schools_proxy.setFilterFixedString)

        self.title = QLabel()
        self.title.setObjectName("review_title")
        self.title.setWordWrap(True)
        self.title.setStyleSheet("font-size: 15px; font-weight: bold;")
        self.state = QLabel()
        self.state.setObjectName("review_state")
        self.state.setWordWrap(True)
        self.figures = FiguresModel(self)
        self.findings = FindingsModel(self)
        self.counselors = CounselorsModel(self)
        self.rooms = RoomsModel(self)
        self.training = TrainingModel(self)
        self.figures_view = table_view(self.figures)
        self.figures_view.setSortingEnabled(False)  # in the order of domain.md
        self.findings_view = table_view(self.findings)
        self.findings_view.setWordWrap(True)
        self.changes = QTextBrowser()
        self.changes.setObjectName("changes")
        self.tabs = QTabWidget()
        self.tabs.setObjectName("review_tabs")
        self.tabs.addTab(self.figures_view, self.tr("Figures"))
        self.tabs.addTab(self.findings_view, self.tr("Findings"))
        self.tabs.addTab(self.changes, self.tr("What changed"))
        self.record_views = [table_view(m) for m in (self.counselors, self.rooms, self.training)]
        self.record_views[0].setObjectName("review_counselors")
        self.tabs.addTab(self.record_views[0], self.tr("Counselors"))
        self.tabs.addTab(self.record_views[1], self.tr("Rooms"))
        self.tabs.addTab(self.record_views[2], self.tr("Training"))
        self.shared = SharedPeopleModel(self)  # issue 15: also counted at another school
        self.shared_view = table_view(self.shared)
        self.tabs.addTab(self.shared_view, self.tr("Counted elsewhere"))

        self.accept_button = QPushButton(self.tr("Accept and write receipt…"))
        self.accept_button.setObjectName("accept_review")
        self.accept_button.clicked.connect(self.accept_package)
        self.return_button = QPushButton(self.tr("Return for correction…"))
        self.return_button.setObjectName("return_review")
        self.return_button.clicked.connect(self.return_package)
        self.message = QLineEdit()
        self.message.setObjectName("receipt_message")
        self.message.setPlaceholderText(self.tr("Optional note on the receipt"))

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        period_row = QHBoxLayout()
        period_row.addWidget(QLabel(self.tr("Period")))
        period_row.addWidget(self.period, 1)
        period_row.addWidget(self.county, 1)
        left_layout.addLayout(period_row)
        left_layout.addWidget(self.search)
        left_layout.addWidget(self.schools_view, 1)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.title)
        right_layout.addWidget(self.state)
        right_layout.addWidget(self.tabs, 1)
        actions = QHBoxLayout()
        actions.addWidget(self.message, 1)
        actions.addWidget(self.accept_button)
        actions.addWidget(self.return_button)
        right_layout.addLayout(actions)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([360, 800])
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("Review")))
        layout.addWidget(splitter, 1)
        self._show(None)

    # -- reading ------------------------------------------------------------------------

    def refresh(self) -> None:
        wanted = self.ctx.property(REVIEW_CODE) or (self.review.code if self.review else None)
        self.ctx.setProperty(REVIEW_CODE, None)
        try:
            with self.ctx.db.reading() as session:
                board = completeness_board(session, period_label=self.period.label())
        except UserError as error:
            show_error(self, error)
            return
        rows = [r for r in board.rows if r.state in REPORTED]
        self.schools.set_rows(rows)
        self.schools_view.resizeColumnsToContents()
        if not wanted or not self.select_school(str(wanted)):
            self._show(None)

    def select_school(self, code: str) -> bool:
        """Show the school ``code`` (selects it in the list); False if it is not there."""
        for row in range(self.schools.rowCount()):
            if self.schools.row_at(row).code == code:
                index = self.schools_proxy.mapFromSource(self.schools.index(row, 0))
                self.schools_view.selectRow(index.row())
                self.load(code)
                return True
        return False

    def _chosen(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        indexes = selected.indexes()
        if indexes:
            row: BoardRow = self.schools.row_at(self.schools_proxy.mapToSource(indexes[0]).row())
            if self.review is None or self.review.code != row.code:
                self.load(row.code)

    def load(self, code: str) -> None:
        try:
            with self.ctx.db.reading() as session:
                review = review_school(session, code=code, period_label=self.period.label())
        except UserError as error:
            show_error(self, error)
            return
        self._show(review)

    def _show(self, review: SchoolReview | None) -> None:
        self.review = review
        self.accept_button.setEnabled(review is not None)
        self.return_button.setEnabled(review is not None)
        if review is None:
            self.title.setText(self.tr("Choose a school on the left."))
            self.state.clear()
            for model in (self.figures, self.findings, self.counselors, self.rooms, self.training):
                model.set_rows([])
            self.shared.set_rows([])
            self.changes.clear()
            return
        lang = current_language()
        self.title.setText(
            f"{review.name}  {review.code}  ·  {ref.COUNTIES.label(review.county_code, lang)}"
            f"  ·  {ref.SCHOOL_KINDS.label(review.kind, lang)}"
        )
        review_state = {"pending": "received", "accepted": "accepted", "returned": "returned"}
        state = self.tr("Package {period} no. {sequence}, received {when}. {state}").format(
            period=review.period,
            sequence=review.sequence,
            when=review.received_at.strftime("%Y-%m-%d %H:%M"),
            state=state_title(review_state.get(review.review, review.review)),
        )
        if review.review_comment:
            state += " — " + review.review_comment
        if review.package is not None:
            state += "\n" + self.tr(
                "SHA-256 {sha} · key {fingerprint} · collected by {who}"
            ).format(
                sha=review.package.file_sha256,
                fingerprint=review.package.shown_fingerprint,
                who=review.package.collected_by or "?",
            )
        self.state.setText(state)
        self.shared.set_rows(shared_rows(review.code, review.shared))
        self.shared_view.resizeColumnsToContents()
        self.tabs.setTabText(
            self.tabs.count() - 1,
            self.tr("Counted elsewhere ({count})").format(count=len(review.shared)),
        )
        self.figures.set_rows(figure_rows(review))
        self.findings.set_rows(review.findings)
        self.counselors.set_rows(review.counselors)
        self.rooms.set_rows(review.rooms)
        self.training.set_rows(review.training)
        self.changes.setHtml(review_changes_html(review))
        # Every column as wide as its contents: a masked identity number is never cut.
        for view in (self.figures_view, self.findings_view, *self.record_views):
            view.resizeColumnsToContents()
        hard = sum(1 for f in review.findings if f.get("severity") == "hard")
        self.tabs.setTabText(1, self.tr("Findings ({count})").format(count=len(review.findings)))
        self.tabs.setTabText(2, self.tr("What changed ({count})").format(count=len(review.changes)))
        self.accept_button.setEnabled(hard == 0)
        self.accept_button.setToolTip(
            self.tr("A package with findings that must be fixed cannot be accepted.")
            if hard
            else ""
        )

    # -- deciding -----------------------------------------------------------------------

    def _folder(self) -> Path | None:
        folder = common.choose_folder(
            self, self.tr("Where to write the file for the school (e.g. its USB stick)"), "reply"
        )
        return Path(folder) if folder else None

    def accept_package(self) -> None:
        review = self.review
        if review is None:
            return
        folder = self._folder()
        if folder is None or not ensure_keys_unlocked(self, self.ctx):
            return
        try:
            reply = accept_submission(
                self.ctx.db,
                code=review.code,
                period_label=review.period,
                out_dir=folder,
                message=self.message.text().strip() or None,
            )
        except UserError as error:
            show_error(self, error)
            return
        self._decided("accepted", reply)

    def return_package(self) -> None:
        review = self.review
        if review is None:
            return
        dialog = ReturnDialog(review, self)
        if common.ask(dialog) != ReturnDialog.DialogCode.Accepted:
            return
        folder = self._folder()
        if folder is None or not ensure_keys_unlocked(self, self.ctx):
            return
        try:
            reply = return_submission(
                self.ctx.db,
                code=review.code,
                period_label=review.period,
                out_dir=folder,
                comments=dialog.return_comments(),
                message=dialog.message_text() or None,
            )
        except UserError as error:
            show_error(self, error)
            return
        self._decided("returned", reply)

    def _decided(self, outcome: str, reply: ReviewReply) -> None:
        self.message.clear()
        assert self.review is not None
        self.load(self.review.code)
        self.state.setText(
            self.state.text() + "\n" + self.tr("Written to {path}.").format(path=reply.path)
        )
        self.ctx.announce(reply.changes)
        self.decided.emit(outcome, str(reply.path))
