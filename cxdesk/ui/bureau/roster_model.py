"""The roster of every counted school of the bureau, loaded lazily (a window over SQL).

A prefecture's roster has thousands of counselors, a province's 100,000: building every
row at once would freeze the window for seconds.  :class:`ScopeRosterModel` counts the rows
(one SQL count), loads the first page, and fetches the next page only when the view
scrolls near the end (``canFetchMore`` / ``fetchMore``).  Sorting by a column is done by
SQL (:func:`cxdesk.bureau.roster_rows.roster_page`), which then reloads the first page.
Rows are plain :class:`~cxdesk.bureau.roster_rows.RosterRow` objects, never ORM instances.

Written for the speed benchmark (issue 7); the bureau's 教师名册 page
(:mod:`cxdesk.ui.bureau.roster_page`) shows it in a QTableView with
``setSortingEnabled(True)``.  A search text is applied by SQL too (:meth:`set_search`): a
QSortFilterProxyModel would have to load every row to filter them.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from cxdesk.bureau.roster_rows import (
    ROSTER_COLUMNS,
    RosterRow,
    roster_count,
    roster_page,
    shown_value,
)
from cxdesk.i18n import current_language
from cxdesk.storage.db import Database

Index = QModelIndex | QPersistentModelIndex
PAGE_SIZE = 200


class ScopeRosterModel(QAbstractTableModel):
    """Counselors of the counted snapshots of ``period_label``, ``page_size`` rows a fetch."""

    def __init__(
        self,
        db: Database,
        period_label: str,
        *,
        page_size: int = PAGE_SIZE,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._db = db
        self._period = period_label
        self._page_size = page_size
        self._sort = "school_code"
        self._descending = False
        self._search = ""
        self._rows: list[RosterRow] = []
        self._total = 0
        self._busy = False
        self.reload()

    # -- loading -------------------------------------------------------------------------

    def reload(self) -> None:
        """Count again and show the first page (after a collect, or a sort)."""
        # Views (and qtmodeltester) may ask for more rows from the slots of the signals
        # sent here; such nested fetches wait until this change is over.
        self._busy = True
        try:
            self.beginResetModel()
            with self._db.reading() as session:
                self._total = roster_count(session, period_label=self._period, search=self._search)
                self._rows = self._page(session, 0)
            self.endResetModel()
        finally:
            self._busy = False

    def _page(self, session: Any, offset: int) -> list[RosterRow]:
        return roster_page(
            session,
            period_label=self._period,
            sort=self._sort,
            descending=self._descending,
            offset=offset,
            limit=self._page_size,
            search=self._search,
        )

    @property
    def total(self) -> int:
        """Rows in the roster that match the search (loaded or not)."""
        return self._total

    @property
    def period(self) -> str:
        return self._period

    @property
    def search(self) -> str:
        return self._search

    def set_period(self, period_label: str) -> None:
        """Show another period's roster, from its first page."""
        self._period = period_label
        self.reload()

    def set_search(self, text: str) -> None:
        """Only the counselors whose name or school name holds ``text`` (or school code
        starts with it); an empty text shows everyone."""
        text = text.strip()
        if text == self._search:
            return
        self._search = text
        self.reload()

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and not self._busy and len(self._rows) < self._total

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or self._busy:
            return
        with self._db.reading() as session:
            page = self._page(session, len(self._rows))
        # Never beyond the count taken at reload: the view was told about those rows only.
        page = page[: self._total - len(self._rows)]
        if not page:
            self._total = len(self._rows)  # rows went away since the count
            return
        first = len(self._rows)
        self._busy = True
        try:
            self.beginInsertRows(QModelIndex(), first, first + len(page) - 1)
            self._rows.extend(page)
            self.endInsertRows()
        finally:
            self._busy = False

    # -- the model -----------------------------------------------------------------------

    def row_at(self, row: int) -> RosterRow:
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(ROSTER_COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        if not 0 <= index.column() < len(ROSTER_COLUMNS):
            return None
        column = ROSTER_COLUMNS[index.column()]
        value = self._rows[index.row()].value(column.key)
        if role == Qt.ItemDataRole.DisplayRole:
            return shown_value(column, value, current_language())
        if role == Qt.ItemDataRole.ToolTipRole:
            if isinstance(value, tuple) and value:
                # A counselor's certificates may not fit the cell: one a line in the tooltip.
                return "\n".join(shown_value(column, item, current_language()) for item in value)
            return shown_value(column, value, current_language())  # a cell cut to fit
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            if 0 <= section < len(ROSTER_COLUMNS):
                return ROSTER_COLUMNS[section].header.render()
            return None
        return str(section + 1)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort by SQL and start again at the first page."""
        if not 0 <= column < len(ROSTER_COLUMNS):
            return
        self._sort = ROSTER_COLUMNS[column].key
        self._descending = order == Qt.SortOrder.DescendingOrder
        self.reload()
