"""Clicking the summary page's figures: tiles, table cells and the people line.

A tile (click, or Enter when it has the focus) and a table cell (double-click or Enter)
open the drill-down of that figure (:mod:`cxdesk.ui.bureau.drilldown_dialog`) for the
scope the tile or row stands for; the people line opens the people counted more than
once.  Kept beside the summary page so that the page itself stays as it was.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QModelIndex, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLabel, QWidget

from cxdesk import reference as ref
from cxdesk.ui.bureau.drilldown_dialog import open_figure
from cxdesk.ui.bureau.summary_model import TABLE_KEYS

#: The figure behind each tile of the summary page (a tile showing two: their sum).
TILE_FIGURES = {
    "schools_reported": "schools_reported",
    "counselors": "counselors",
    "full_time": "full_time",
    "certificates": "cert_national",
    "rooms": "rooms",
    "room_area_m2": "room_area_m2",
    "schools_with_room_pct": "schools_with_room_pct",
    "national_provincial": "training.national_provincial",
}
#: The summary table's columns before the figures: the group and its code.
FIXED_COLUMNS = 2


def figure_at_column(column: int) -> str | None:
    """The figure of a column of :class:`cxdesk.ui.bureau.summary_model.SummaryModel`."""
    n = column - FIXED_COLUMNS
    if 0 <= n < len(TABLE_KEYS):
        return TABLE_KEYS[n]
    n -= len(TABLE_KEYS)
    levels = ref.TRAINING_LEVELS.codes
    return f"training.{levels[n]}" if 0 <= n < len(levels) else None


class Clickable(QObject):
    """Makes a widget open something on a click or on Enter/Space."""

    def __init__(self, widget: QWidget, action: Callable[[], Any], tip: str) -> None:
        super().__init__(widget)
        self.action = action
        widget.setCursor(Qt.CursorShape.PointingHandCursor)
        widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        widget.setToolTip(tip)
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.MouseButtonRelease:
            self.action()
            return True
        if (
            isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space)
        ):
            self.action()
            return True
        return super().eventFilter(watched, event)


def people_label() -> QLabel:
    label = QLabel()
    label.setObjectName("people_line")
    label.setWordWrap(True)
    return label


def show_people(label: QLabel, people: dict[str, int] | None) -> None:
    if people is None:
        label.clear()
        return
    text = QCoreApplication.translate(
        "BureauSummary",
        "Counted as people: {persons} (roster entries {entries}; {twice} people are on more than one school's roster).",
    ).format(
        persons=people["persons"],
        entries=people["roster_entries"],
        twice=people["counted_more_than_once"],
    )
    label.setText(text)


def attach_drilldown(page: Any) -> None:
    """Connect the summary page's tiles, table and people line to the drill-down."""
    tip = QCoreApplication.translate("BureauSummary", "Click to see the schools behind this figure")

    def drill(figure: str, **scope: str | None) -> Any:
        return open_figure(page, page.ctx, period_label=page.period.label(), figure=figure, **scope)

    def opener(figure: str) -> Callable[[], Any]:
        return lambda: drill(figure)

    for key, figure in TILE_FIGURES.items():
        Clickable(page.tiles[key].parentWidget(), opener(figure), tip)
    Clickable(page.people, lambda: drill("counted_more_than_once"), tip)

    def cell(index: QModelIndex) -> None:
        figure = figure_at_column(index.column())
        if figure is None or not index.isValid():
            return
        row = page.model.row_at(index.row())
        group = page.group_by()
        scope: dict[str, str | None] = {}
        if not row.total:
            scope = {{"county": "county", "kind": "kind", "school": "school"}[group]: row.code}
        drill(figure, **scope)

    page.view.activated.connect(cell)
