"""The main window: navigation on the left, the pages, the status bar."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSize, Qt
from PySide6.QtGui import QCloseEvent, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QWidget,
)

from cxdesk.ui.shell.context import AppContext
from cxdesk.ui.shell.focus_ring import install_focus_ring
from cxdesk.ui.shell.page import Page
from cxdesk.ui.shell.preferences import app_settings
from cxdesk.ui.shell.registry import PageEntry, file_actions_for, pages_for
from cxdesk.ui.shell.resources import app_icon

GEOMETRY_KEY = "ui/main_window_geometry"


class MainWindow(QMainWindow):
    """Pages come from :data:`cxdesk.ui.shell.registry.PAGES` for the installation's role
    (the wings register theirs at start: :func:`cxdesk.ui.desktop.install_wings`).

    Pages are built when first shown and rebuilt after a language switch, so each page is
    simply written in the current language.
    """

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.setWindowIcon(app_icon())
        app = QApplication.instance()
        if isinstance(app, QApplication):
            install_focus_ring(app)  # also when the app was made elsewhere (tests, tools)
        self.setMinimumSize(QSize(960, 600))
        self._restore_geometry()
        self.pages: dict[str, Page] = {}
        self._stale: set[str] = set()
        self.entries: list[PageEntry] = []
        ctx.data_changed.connect(self._on_data_changed)
        ctx.language_changed.connect(lambda _lang: self.rebuild())
        self.rebuild()

    # -- building -------------------------------------------------------------------------

    def rebuild(self) -> None:
        """(Re)build menus, navigation and status bar in the current language."""
        current = self.current_key()
        for page in self.pages.values():
            page.deleteLater()
        self.pages.clear()
        self.setWindowTitle(self.tr("cxdesk — psychological-health education staffing"))
        self.entries = pages_for(self.ctx.role)

        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setIconSize(QSize(20, 20))
        self.nav.setFixedWidth(170)
        self.nav.setSpacing(2)
        self.nav.setStyleSheet(
            "QListWidget#navigation { font-size: 15px; padding-top: 8px; }"
            "QListWidget#navigation::item { padding: 8px 12px; }"
        )
        for entry in self.entries:
            item = QListWidgetItem(entry.translated_title())
            item.setData(Qt.ItemDataRole.UserRole, entry.key)
            self.nav.addItem(item)
        self.stack = QStackedWidget()
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.nav)
        layout.addWidget(self.stack, 1)
        old = self.takeCentralWidget()
        if old is not None:
            old.deleteLater()
        self.setCentralWidget(central)
        self.nav.currentRowChanged.connect(self._show_row)
        self._build_menus()
        self._build_status_bar()
        keys = [e.key for e in self.entries]
        self.show_page(current if current in keys else keys[0])

    def _build_menus(self) -> None:
        bar = self.menuBar()
        bar.clear()
        file_menu = bar.addMenu(self.tr("&File"))
        # The wings' items (the school's summary form: PDF, print), then Quit.
        actions = file_actions_for(self.ctx.role)
        for item in actions:
            action = file_menu.addAction(item.translated_title())
            if item.shortcut is not None:
                action.setShortcut(item.shortcut)
            action.triggered.connect(lambda _checked=False, run=item.run: run(self, self.ctx))
        if actions:
            file_menu.addSeparator()
        quit_action = file_menu.addAction(self.tr("&Quit"))
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        edit_menu = bar.addMenu(self.tr("&Edit"))
        undo = self.ctx.undo_stack.createUndoAction(self, self.tr("&Undo"))
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        redo = self.ctx.undo_stack.createRedoAction(self, self.tr("&Redo"))
        redo.setShortcut(QKeySequence.StandardKey.Redo)
        edit_menu.addAction(undo)
        edit_menu.addAction(redo)
        self.undo_action, self.redo_action = undo, redo
        go_menu = bar.addMenu(self.tr("&Go"))
        for number, entry in enumerate(self.entries, start=1):
            action = go_menu.addAction(entry.translated_title())
            if number <= 9:
                action.setShortcut(QKeySequence(f"Ctrl+{number}"))
            action.triggered.connect(lambda _checked=False, key=entry.key: self.show_page(key))

    def _build_status_bar(self) -> None:
        status = self.statusBar()
        old = getattr(self, "where_label", None)
        if old is not None:
            status.removeWidget(old)
            old.deleteLater()
        self.where_label = QLabel(
            self.tr("Data kept in {path} · every change is saved at once").format(
                path=self.ctx.db.shown  # a file, or a server's URL without its password
            )
        )
        self.where_label.setObjectName("where_data_is_kept")
        self.where_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        status.addPermanentWidget(self.where_label)

    # -- pages ----------------------------------------------------------------------------

    def current_key(self) -> str | None:
        if not hasattr(self, "nav"):
            return None
        item = self.nav.currentItem()
        return str(item.data(Qt.ItemDataRole.UserRole)) if item else None

    def page(self, key: str) -> Page:
        """The page of ``key``, built on first use."""
        if key not in self.pages:
            entry = next(e for e in self.entries if e.key == key)
            page = entry.load()(self.ctx)
            page.setObjectName(f"page_{key}")
            self.pages[key] = page
            navigate = getattr(page, "navigate", None)  # pages may ask to go elsewhere
            if navigate is not None:
                navigate.connect(self.show_page)
            self.stack.addWidget(page)
            page.refresh()
        return self.pages[key]

    def show_page(self, key: str) -> Page:
        row = next(i for i, e in enumerate(self.entries) if e.key == key)
        if self.nav.currentRow() != row:
            self.nav.setCurrentRow(row)  # calls _show_row
        else:
            self._show_row(row)
        return self.pages[key]

    def _show_row(self, row: int) -> None:
        if row < 0:
            return
        key = self.entries[row].key
        fresh = key not in self.pages
        page = self.page(key)
        if not fresh and key in self._stale:
            page.refresh()
        self._stale.discard(key)
        self.stack.setCurrentWidget(page)

    def _on_data_changed(self, _table: str) -> None:
        current = self.current_key()
        for key, page in self.pages.items():
            if key == current:
                page.refresh()
            else:
                self._stale.add(key)
        self.statusBar().showMessage(self.tr("Saved."), 4000)

    def _restore_geometry(self) -> None:
        """The size and place of last time; else a size that fits the screen (1366×768)."""
        saved = app_settings().value(GEOMETRY_KEY)
        if isinstance(saved, QByteArray) and self.restoreGeometry(saved):
            return
        screen = QGuiApplication.primaryScreen()
        if screen is None:
            self.resize(1280, 720)
            return
        available = screen.availableGeometry()
        self.resize(
            min(1280, int(available.width() * 0.96)), min(760, int(available.height() * 0.94))
        )

    def closeEvent(self, event: QCloseEvent) -> None:
        # Every change is committed when it is made: nothing to save on the way out but
        # where the window was.
        settings = app_settings()
        settings.setValue(GEOMETRY_KEY, self.saveGeometry())
        settings.sync()
        event.accept()
