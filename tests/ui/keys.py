"""Typing as a person does, for the GUI tests: characters QTest cannot type, and Tab.

QTest types ASCII only; an input method's full-width characters (２０１０, －) arrive as
key events that carry the text, which is what :func:`type_chars` sends.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot


def type_chars(widget: QWidget, text: str) -> None:
    """Type ``text`` into ``widget`` one character at a time (any characters)."""
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(
                widget, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, char)
            )


def press(
    qtbot: QtBot,
    widget: QWidget,
    key: Qt.Key,
    modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
) -> None:
    """Press a key on the widget that has the focus in ``widget``'s window (as a person)."""
    target = widget.window().focusWidget() or widget
    qtbot.keyClick(target, key, modifier)
