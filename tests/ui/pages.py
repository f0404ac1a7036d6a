"""The window's pages as their own classes, so that a test reaches their widgets typed."""

from __future__ import annotations

from typing import TypeVar

from cxdesk.ui.shell.main_window import MainWindow
from cxdesk.ui.shell.page import Page

P = TypeVar("P", bound=Page)


def shown_page(window: MainWindow, key: str, kind: type[P]) -> P:
    """Show the page of ``key`` (as its entry in the navigation does); it must be a ``kind``."""
    page = window.show_page(key)
    assert isinstance(page, kind), page
    return page


def built_page(window: MainWindow, key: str, kind: type[P]) -> P:
    """The page of ``key``, built if it was not yet, without showing it."""
    page = window.page(key)
    assert isinstance(page, kind), page
    return page
