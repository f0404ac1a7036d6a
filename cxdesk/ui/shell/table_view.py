"""A table view whose columns share the width of the window (no sideways scrolling)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtGui import QKeySequence, QResizeEvent, QShortcut
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

#: A column is never made narrower than this to fit (pixels); it shows "…" and a tooltip.
MIN_COLUMN = 64


def fitted_widths(
    natural: list[int],
    available: int,
    minimum: int | list[int] = MIN_COLUMN,
    whole: frozenset[int] = frozenset(),
) -> list[int]:
    """Widths that fit ``available``: the widest columns give way first ("water level").

    Columns narrower than the level keep their natural width; wider ones are cut to the
    level, which is the largest value that makes the total fit (but no column below its
    ``minimum``: one for all, or one per column, such as the width of its title).
    Columns in ``whole`` (identity numbers, dates) are never cut.
    """
    if sum(natural) <= available or not natural:
        return list(natural)
    floors = minimum if isinstance(minimum, list) else [minimum] * len(natural)
    fixed = sum(w for i, w in enumerate(natural) if i in whole)
    cuttable = [(w, min(w, floors[i])) for i, w in enumerate(natural) if i not in whole]
    if not cuttable:
        return list(natural)
    room = available - fixed
    low, high = min(floor for _w, floor in cuttable), max(w for w, _floor in cuttable)
    while low < high:
        level = (low + high + 1) // 2
        if sum(max(floor, min(w, level)) for w, floor in cuttable) <= room:
            low = level
        else:
            high = level - 1
    return [w if i in whole else max(min(w, floors[i]), min(w, low)) for i, w in enumerate(natural)]


def on_enter(view: QAbstractItemView, action: Callable[[], object]) -> None:
    """Enter (either key) on the table opens its current row, as a double click does."""
    for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
        shortcut = QShortcut(QKeySequence(key), view, action)
        shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)


class FittedTableView(QTableView):
    """Read-only, whole-row selection, columns sized to content then fitted to the width."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setTabKeyNavigation(False)  # Tab leaves the table, as from any field
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.verticalHeader().setVisible(False)
        self.verticalHeader().setDefaultSectionSize(30)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self._natural: list[int] = []
        self.whole_columns: frozenset[int] = frozenset()
        #: Measure the columns again after every reset (False: once, from the first rows;
        #: a table of 100,000 rows sorted by SQL keeps its widths, and sorts quickly).
        self.refit_on_reset = True
        self._measured_rows = False  # the last measure saw rows, not titles only

    def setModel(self, model: QAbstractItemModel | None) -> None:
        super().setModel(model)
        if model is not None:
            model.modelReset.connect(self._reset)
            model.layoutChanged.connect(self._reset)
            # A lazy model's first rows arrive after its reset (fetchMore).
            model.rowsInserted.connect(self._rows_arrived)

    def _rows_arrived(self, *_args: object) -> None:
        if not self._measured_rows:
            self.fit_columns()

    def _reset(self) -> None:
        if self.refit_on_reset or not self._measured_rows:
            self.fit_columns()

    def fit_columns(self) -> None:
        model = self.model()
        if model is None:
            return
        self.resizeColumnsToContents()
        self._measured_rows = model.rowCount() > 0
        columns = model.columnCount()
        # A hidden column (the return-comment mark when there is no return) takes no room.
        self._natural = [
            0 if self.isColumnHidden(c) else self.columnWidth(c) + 12 for c in range(columns)
        ]
        self._apply()

    def _apply(self) -> None:
        available = self.viewport().width()
        # A column is never cut narrower than its title (nor than MIN_COLUMN).
        header = self.horizontalHeader()
        floors = [max(MIN_COLUMN, header.sectionSizeHint(c)) for c in range(len(self._natural))]
        widths = fitted_widths(self._natural, available, floors, whole=self.whole_columns)
        for column, width in enumerate(widths):
            if not self.isColumnHidden(column):
                self.setColumnWidth(column, width)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._natural:
            self._apply()
