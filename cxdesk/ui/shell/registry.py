"""Where the main window and the first-start wizard learn their pages, roles and menu items.

The shell knows no wing: the school wing (:mod:`cxdesk.ui.school.wing`) and the bureau wing
(:mod:`cxdesk.ui.bureau.wing`) each hold their entries and :func:`register` them when the
app starts (:func:`cxdesk.ui.desktop.install_wings`).  A wing holds its pages and roles as
tables (:data:`PageRow`, :data:`RoleRow`) made entries by one loop each
(:func:`page_entries`, :func:`role_entries`): adding a page is one row in its wing's
``PAGES`` and one ``case`` in its ``page_class``.  An entry holds a function that returns
its class: the type checker sees the class, and the page's module (some import charts and
the bureau's whole core) is loaded only when the page is built, not at every start of the
app.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtGui import QKeySequence

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from cxdesk.ui.shell.context import AppContext
    from cxdesk.ui.shell.page import Page
    from cxdesk.ui.shell.wizard.base import RoleSetupPage

ALL_ROLES = ("school", "county", "prefecture")

E = TypeVar("E")


@dataclass(frozen=True)
class PageEntry:
    """One navigation entry of the main window."""

    # A stable key ("overview", "roster", ...): used to switch pages and in tests.
    key: str
    # The English title, translated at display time in the "Navigation" context.
    title: str
    # Returns the :class:`cxdesk.ui.shell.page.Page` subclass, importing its module on first use.
    page: Callable[[], type[Page]]
    # The installation roles that see this page.
    roles: tuple[str, ...] = ("school",)
    # Pages are listed by ``order``; settings is last (1000).
    order: int = 500

    def translated_title(self) -> str:
        return QCoreApplication.translate("Navigation", self.title)

    def load(self) -> type[Page]:
        return self.page()


@dataclass(frozen=True)
class RoleEntry:
    """One role of the first-start wizard."""

    # The installation role code ("school", "county", "prefecture").
    role: str
    # The English label, translated in the "SetupWizard" context.
    label: str
    # Returns the :class:`cxdesk.ui.shell.wizard.base.RoleSetupPage` subclass.
    setup_page: Callable[[], type[RoleSetupPage]]
    order: int = 500

    def translated_label(self) -> str:
        return QCoreApplication.translate("SetupWizard", self.label)

    def load(self) -> type[RoleSetupPage]:
        return self.setup_page()


@dataclass(frozen=True)
class FileAction:
    """One item of the main window's File menu, above Quit (the summary form's printing)."""

    # A stable key, so that registering twice adds it once.
    key: str
    # The English text, translated in the "MainWindow" context.
    title: str
    # Runs the action: the window (parent of its dialogs) and the context.
    run: Callable[[QWidget, AppContext], object]
    roles: tuple[str, ...] = ("school",)
    shortcut: QKeySequence.StandardKey | None = None
    order: int = 500

    def translated_title(self) -> str:
        return QCoreApplication.translate("MainWindow", self.title)


# A row of a wing's table of pages: key, English title (marked for lupdate with
# ``QT_TRANSLATE_NOOP("Navigation", ...)``), order, the roles that see it.
PageRow = tuple[str, object, int, tuple[str, ...]]
# A row of a wing's wizard roles: role, English label (``"SetupWizard"``), order.
RoleRow = tuple[str, object, int]


def page_entries(
    rows: Iterable[PageRow], page_class: Callable[[str], type[Page]]
) -> list[PageEntry]:
    """A wing's pages as entries; ``page_class(key)`` imports and returns the class of the
    page ``key`` when the page is first built."""
    return [
        PageEntry(key, str(title), partial(page_class, key), roles=roles, order=order)
        for key, title, order, roles in rows
    ]


def role_entries(
    rows: Iterable[RoleRow], setup_page: Callable[[str], type[RoleSetupPage]]
) -> list[RoleEntry]:
    """A wing's wizard roles as entries; ``setup_page(role)`` imports and returns the
    role's wizard page when the wizard is shown."""
    return [
        RoleEntry(role, str(label), partial(setup_page, role), order=order)
        for role, label, order in rows
    ]


def _settings_page() -> type[Page]:
    from cxdesk.ui.shell.settings_page import SettingsPage

    return SettingsPage


# The shell's own page; the wings add theirs.  Titles are marked for lupdate here and
# translated when shown.
PAGES: list[PageEntry] = [
    PageEntry(
        "settings",
        str(QT_TRANSLATE_NOOP("Navigation", "Settings")),
        _settings_page,
        roles=ALL_ROLES,
        order=1000,
    ),
]
WIZARD_ROLES: list[RoleEntry] = []
FILE_ACTIONS: list[FileAction] = []


def register(
    *,
    pages: Iterable[PageEntry] = (),
    roles: Iterable[RoleEntry] = (),
    file_actions: Iterable[FileAction] = (),
) -> None:
    """Add a wing's entries; an entry whose key is already there is left as it is, so a
    wing may register more than once (each test, each tool)."""
    _add(PAGES, pages, lambda e: e.key)
    _add(WIZARD_ROLES, roles, lambda e: e.role)
    _add(FILE_ACTIONS, file_actions, lambda e: e.key)


def _add(entries: list[E], new: Iterable[E], key: Callable[[E], str]) -> None:
    known = {key(e) for e in entries}
    for entry in new:
        if key(entry) not in known:
            entries.append(entry)
            known.add(key(entry))


def pages_for(role: str | None) -> list[PageEntry]:
    return sorted((p for p in PAGES if role in p.roles), key=lambda p: p.order)


def wizard_roles() -> list[RoleEntry]:
    return sorted(WIZARD_ROLES, key=lambda r: r.order)


def file_actions_for(role: str | None) -> list[FileAction]:
    return sorted((a for a in FILE_ACTIONS if role in a.roles), key=lambda a: a.order)
