"""Whether what a window shows fits: real geometry, measured widget by widget.

:func:`cut_short` lists every text a person cannot read whole: a label narrower than its
text (or, wrapped, lower than its lines), a button, tab or group title cut, a table that
needs sideways scrolling or cuts a column that must stay whole (identity numbers, dates),
a header cut, a chart axis whose labels Qt shortened with "...", a widget that sticks out
of its parent.  Used by the 1366×768 tests of every page and dialog.
"""

from __future__ import annotations

from PySide6.QtCharts import QBarCategoryAxis, QChartView
from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QComboBox,
    QFocusFrame,
    QGraphicsSimpleTextItem,
    QGraphicsTextItem,
    QGroupBox,
    QHeaderView,
    QLabel,
    QScrollArea,
    QTabBar,
    QTableView,
    QWidget,
)

from cxdesk.ui.shell.table_view import FittedTableView
from tests.ui.visible import plain

#: A maximized window on a 1366×768 screen: the Windows taskbar (40) and title bar (30) off.
SCREEN_WIDTH, SCREEN_HEIGHT = 1366, 768
WINDOW_WIDTH, WINDOW_HEIGHT = 1366, 768 - 40 - 30
#: The sizes the main window has on such a screen: maximized, and as it first opens there
#: (cxdesk.ui.shell.main_window: 1280 wide at most, 94 % of the height).
WINDOW_SIZES = [(WINDOW_WIDTH, WINDOW_HEIGHT), (1280, int(SCREEN_HEIGHT * 0.94) - 30)]
#: Cell padding of Qt's item views (text margins on both sides).
CELL_PADDING = 8


def _name(widget: QWidget) -> str:
    text = ""
    for attr in ("text", "title"):
        value = getattr(widget, attr, None)
        if callable(value):
            try:
                text = str(value())
            except TypeError:
                text = ""
            if text:
                break
    return f"{type(widget).__name__}({widget.objectName() or plain(text)[:30]!r})"


def _label(label: QLabel) -> str | None:
    text = plain(label.text())
    if not text.strip() or (label.pixmap() is not None and not label.pixmap().isNull()):
        return None
    if label.wordWrap():
        needed = label.heightForWidth(label.width())
        if needed > label.height() + 1:
            return f"needs {needed}px of height, has {label.height()}"
        return None
    needed = label.sizeHint().width()
    if label.width() + 1 < needed:
        return f"needs {needed}px of width, has {label.width()}"
    return None


def _button(button: QAbstractButton) -> str | None:
    if not button.text().strip():
        return None
    needed = button.sizeHint().width()
    if button.width() + 1 < needed:
        return f"needs {needed}px of width, has {button.width()}"
    return None


def _combo(combo: QComboBox) -> str | None:
    text = combo.currentText()
    if not text:
        return None
    needed = combo.fontMetrics().horizontalAdvance(text) + 30  # the arrow and frame
    if combo.width() < needed:
        return f"shows {text!r} in {combo.width()}px, needs {needed}"
    return None


def _tabs(bar: QTabBar) -> str | None:
    for index in range(bar.count()):
        text = plain(bar.tabText(index))
        needed = bar.fontMetrics().horizontalAdvance(text)
        if bar.tabRect(index).width() < needed:
            return f"tab {text!r} cut"
    return None


def _group(box: QGroupBox) -> str | None:
    needed = box.fontMetrics().horizontalAdvance(plain(box.title())) + 16
    if box.title() and box.width() < needed:
        return f"title needs {needed}px, has {box.width()}"
    return None


def _table(view: QTableView, whole: frozenset[int]) -> str | None:
    scrollbar = view.horizontalScrollBar()
    if scrollbar.isVisible() and scrollbar.maximum() > 0:
        return "needs sideways scrolling"
    model = view.model()
    if model is None:
        return None
    header = view.horizontalHeader()
    metrics = header.fontMetrics()
    for column in range(model.columnCount()):
        if view.isColumnHidden(column):
            continue
        width = view.columnWidth(column)
        title = str(model.headerData(column, Qt.Orientation.Horizontal) or "")
        # Qt's own measure of the title: its lines, the style's margins, the sort arrow.
        title_needed = max(header.sectionSizeHint(column), metrics.size(0, title).width())
        if header.isVisible() and width < title_needed:
            return f"header {title!r} needs {title_needed}px, has {width}"
        # A fitted table cuts its widest columns on purpose (the whole text in a tooltip),
        # never the whole ones; any other table shows every cell whole.
        if column in whole or not isinstance(view, FittedTableView):
            if not model.rowCount() or view.sizeHintForColumn(column) <= width:
                continue  # Qt's own measure of the cells: each fits on its line
            if not view.wordWrap():
                return f"column {title!r} cuts its cells ({width}px)"
            for row in range(min(model.rowCount(), 30)):
                text = str(model.index(row, column).data() or "")
                if _cell_cut(view, text, width, view.rowHeight(row)):
                    return f"column {title!r} cuts {text!r} ({width}px)"
    return None


def _cell_cut(view: QTableView, text: str, width: int, height: int) -> bool:
    """A wrapped cell's text is cut when its lines need more height than the row has."""
    metrics = view.fontMetrics()
    if not text:
        return False
    lines = metrics.boundingRect(
        QRect(0, 0, max(1, width - CELL_PADDING), 10_000),
        Qt.TextFlag.TextWrapAnywhere,
        text,
    )
    return lines.height() > height


def _chart(view: QChartView) -> str | None:
    chart = view.chart()
    scene = chart.scene() if chart is not None else None
    if scene is None:
        return None
    shown = set()
    for item in scene.items():
        if isinstance(item, QGraphicsTextItem | QGraphicsSimpleTextItem) and item.isVisible():
            text = item.toPlainText() if isinstance(item, QGraphicsTextItem) else item.text()
            if text.endswith(("...", "…")):
                return f"label shortened to {text!r}"
            shown.add(text)
    for axis in chart.axes():
        if axis.labelsTruncated():
            return "axis labels shortened"
        if isinstance(axis, QBarCategoryAxis) and shown:
            # (PySide6 before 6.12 does not expose the chart's text items to Python: with
            # none to read, only the truncation flag above can be checked.)
            missing = [c for c in axis.categories() if c not in shown]
            if missing:  # Qt leaves out the labels that would overlap
                return f"axis labels left out: {missing}"
    return None


def _sticks_out(widget: QWidget) -> str | None:
    parent = widget.parentWidget()
    if parent is None or widget.isWindow() or isinstance(parent, QScrollArea):
        return None
    if isinstance(widget, QFocusFrame):
        return None  # the focus ring is drawn around its widget, by design
    if isinstance(parent.parentWidget(), QAbstractScrollArea):
        return None  # the contents of a scrolled area may be larger than its viewport
    inside = QRect(0, 0, parent.width(), parent.height())
    if not inside.adjusted(-1, -1, 1, 1).contains(widget.geometry()):
        return f"sticks out of its parent ({widget.geometry()} in {inside})"
    return None


def cut_short(
    root: QWidget, *, whole_columns: dict[str, frozenset[int]] | None = None
) -> list[str]:
    """Every widget of ``root`` whose text a person cannot read whole, and why."""
    problems = []
    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isVisible() or widget.width() <= 0:
            continue
        reason: str | None = None
        if isinstance(widget, QLabel):
            reason = _label(widget)
        elif isinstance(widget, QAbstractButton) and not isinstance(widget.parentWidget(), QTabBar):
            reason = _button(widget)
        elif isinstance(widget, QComboBox):
            reason = _combo(widget)
        elif isinstance(widget, QTabBar):
            reason = _tabs(widget)
        elif isinstance(widget, QGroupBox):
            reason = _group(widget)
        elif isinstance(widget, QTableView) and not isinstance(widget, QHeaderView):
            whole: frozenset[int] = getattr(widget, "whole_columns", frozenset())
            if whole_columns and widget.objectName() in whole_columns:
                whole = whole | whole_columns[widget.objectName()]
            reason = _table(widget, whole)
        elif isinstance(widget, QChartView):
            reason = _chart(widget)
        if reason is None and not isinstance(widget, QHeaderView):
            reason = _sticks_out(widget)
        if reason is not None:
            problems.append(f"{_name(widget)}: {reason}")
    return problems
