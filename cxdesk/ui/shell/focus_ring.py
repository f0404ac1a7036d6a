"""A clearly visible ring around the widget that has the keyboard focus.

Qt's styles mark the focus faintly (a one-pixel tint, a dotted line), which is hard to
see on an old school laptop's screen.  Someone working from the keyboard must see at a
glance where the next key goes, so a ring of two pixels in the highlight colour is drawn
around the field, button or table that has the focus, whichever style Qt uses.
:func:`install_focus_ring` sets it up once for the whole application.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QFocusFrame,
    QLineEdit,
    QPlainTextEdit,
    QTabBar,
    QTextEdit,
    QWidget,
)

RING_COLOUR = QColor("#1a73e8")
#: The widgets a person types into or presses: the ring goes around these only.
RINGED = (
    QLineEdit,
    QComboBox,
    QAbstractSpinBox,
    QAbstractButton,
    QAbstractItemView,
    QTextEdit,
    QPlainTextEdit,
    QTabBar,
)
RING_WIDTH = 2


class FocusRing(QFocusFrame):
    """A :class:`QFocusFrame` that paints a rounded ring (it follows its widget)."""

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(RING_COLOUR, RING_WIDTH))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        inset = RING_WIDTH / 2
        painter.drawRoundedRect(QRectF(self.rect()).adjusted(inset, inset, -inset, -inset), 3, 3)


def ring_target(widget: QWidget | None) -> QWidget | None:
    """The widget to draw the ring around: the field a focused inner part belongs to."""
    if widget is None or not widget.isVisible():
        return None
    parent = widget.parentWidget()
    # The line inside a spin box or an editable drop-down: ring the whole field.
    while parent is not None and parent.focusProxy() is widget:
        widget, parent = parent, parent.parentWidget()
    return widget


class FocusRings(QObject):
    """Moves one ring per window to the widget that gets the focus."""

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self.rings: dict[int, FocusRing] = {}
        app.focusChanged.connect(self._focus_changed)

    def ring_of(self, widget: QWidget) -> FocusRing:
        window = widget.window()
        ring = self.rings.get(id(window))
        if ring is None or not _alive(ring):
            ring = FocusRing(window)
            ring.setObjectName("focus_ring")
            self.rings[id(window)] = ring
            key = id(window)
            window.destroyed.connect(lambda _obj=None: self.rings.pop(key, None))
        return ring

    def _focus_changed(self, old: QWidget | None, new: QWidget | None) -> None:
        target = ring_target(new)
        if target is None or target.isWindow() or not isinstance(target, RINGED):
            # A page or a window took the focus itself: no ring around a whole page.
            previous = ring_target(old)
            if previous is not None and not previous.isWindow():
                ring = self.rings.get(id(previous.window()))
                if ring is not None and _alive(ring):
                    ring.setWidget(None)  # type: ignore[arg-type]
            return
        self.ring_of(target).setWidget(target)


def _alive(obj: QObject) -> bool:
    import shiboken6

    return bool(shiboken6.isValid(obj))


_installed: FocusRings | None = None


def install_focus_ring(app: QApplication) -> FocusRings:
    """Show the focus ring in every window of ``app`` (once; later calls return it)."""
    global _installed
    if _installed is None or not _alive(_installed):
        _installed = FocusRings(app)
    return _installed
