"""Walking a window as a curious person would: every page, every button, every dialog.

:class:`Explorer` shows each page of a main window, selects the first row of its tables,
then presses each of its buttons.  A dialog that opens is read (every text a person can
see) and, to a limited depth, explored the same way, then closed.  Modal questions,
message boxes, file dialogs and text prompts are read and answered "Cancel", so nothing is
deleted, replaced or restored; a folder the app would open on the desktop is noted in
:attr:`Explorer.opened`.  What was read is in :attr:`Explorer.seen`, by where.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import shiboken6
from PySide6.QtCore import QThreadPool, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtPrintSupport import QPrintDialog
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHeaderView,
    QInputDialog,
    QMessageBox,
    QProgressDialog,
    QWidget,
)

from cxdesk.ui.shell import errors, file_dialogs
from tests.ui.visible import visible_texts

#: Buttons not pressed: they end the session or change what the next step reads.
SKIP = ("English", "中文", "退出", "Quit")


def _alive(widget: Any) -> bool:
    return bool(shiboken6.isValid(widget))


class Explorer:
    def __init__(self, qtbot: Any, monkeypatch: Any) -> None:
        self.qtbot = qtbot
        self.seen: dict[str, list[str]] = {}
        self.where = ""
        self.trace = False
        # Folders and files the app asked the desktop to open (a file manager is not run).
        self.opened: list[str] = []
        explorer = self

        def modal(dialog: QDialog) -> int:
            explorer.read(dialog, "modal")
            return int(QDialog.DialogCode.Rejected.value)

        for cls in (QDialog, QMessageBox, QFileDialog, QInputDialog, QProgressDialog):
            monkeypatch.setattr(cls, "exec", modal)
        monkeypatch.setattr(QPrintDialog, "exec", lambda d: explorer.read(d, "print", show=False))
        monkeypatch.setattr(errors, "present", modal)
        monkeypatch.setattr(file_dialogs, "run", explorer.read_file_dialog)
        monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("", False))
        monkeypatch.setattr(QDesktopServices, "openUrl", explorer.open_url)

    def open_url(self, url: QUrl) -> bool:
        self.opened.append(url.toLocalFile() or url.toString())
        return True

    # -- reading --------------------------------------------------------------------------

    def read(self, widget: QWidget, kind: str, *, show: bool = True) -> int:
        if show:
            widget.show()
            QApplication.processEvents()
        title = widget.windowTitle() if _alive(widget) else ""
        self.seen[f"{self.where} → {kind} {title}"] = visible_texts(widget)
        if show and _alive(widget):
            widget.hide()
        return 0

    def read_file_dialog(self, dialog: QFileDialog) -> list[str]:
        """Read a file dialog, then cancel it (no file chosen)."""
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
        dialog.setViewMode(QFileDialog.ViewMode.Detail)
        self.read(dialog, "file dialog")
        return []

    # -- walking --------------------------------------------------------------------------

    def settle(self) -> None:
        pool = QThreadPool.globalInstance()
        self.qtbot.waitUntil(lambda: pool.activeThreadCount() == 0, timeout=60_000)
        self.qtbot.wait(30)

    def windows(self) -> set[int]:
        return {id(w) for w in QApplication.topLevelWidgets() if w.isVisible()}

    def buttons(self, root: QWidget) -> Iterator[QAbstractButton]:
        for button in root.findChildren(QAbstractButton):
            if not _alive(button) or not button.isVisible() or not button.isEnabled():
                continue
            if isinstance(button.parentWidget(), QDialogButtonBox) or button.isCheckable():
                continue
            if button.objectName().startswith("qt_") or any(s in button.text() for s in SKIP):
                continue
            yield button

    def read_menus(self, window: QWidget, where: str) -> None:
        from PySide6.QtWidgets import QMenu

        texts = []
        for menu in window.findChildren(QMenu):
            texts.append(menu.title())
            texts += [a.text() for a in menu.actions()] + [a.toolTip() for a in menu.actions()]
        self.seen[f"{where} → menus"] = [t for t in texts if t]

    def select_first_rows(self, root: QWidget) -> None:
        for view in root.findChildren(QAbstractItemView):
            model = view.model()
            if isinstance(view, QHeaderView) or not view.isVisible() or model is None:
                continue
            if model.rowCount() > 0 and not view.currentIndex().isValid():
                view.setCurrentIndex(model.index(0, 0))

    def explore(
        self, root: QWidget, where: str, depth: int, show: Callable[[], object] | None = None
    ) -> None:
        """Read ``root``, then press its buttons and read (and explore) what opens.

        ``show`` brings ``root`` back when a button went elsewhere (another page)."""
        self.where = where
        self.read(root, "page", show=False)
        self.select_first_rows(root)
        for button in list(self.buttons(root)):
            if show is not None and _alive(root) and not root.isVisible():
                show()
            if not _alive(button):
                continue
            self.select_first_rows(root)
            if not button.isVisible() or not button.isEnabled():
                continue
            before = self.windows()
            label = button.text() or button.toolTip() or button.objectName()
            self.where = f"{where} → {label}"
            if self.trace:
                print("press", self.where, flush=True)
            button.click()
            self.settle()
            for window in QApplication.topLevelWidgets():
                if window.isVisible() and id(window) not in before:
                    self.where = f"{where} → {label}"
                    if depth > 0:
                        self.explore(
                            window, f"{where} → {label} → {window.windowTitle()}", depth - 1
                        )
                    else:
                        self.read(window, "window", show=False)
                    if _alive(window) and isinstance(window, QDialog):
                        window.done(QDialog.DialogCode.Rejected.value)  # no question asked
                        QApplication.processEvents()
                    if _alive(window) and window.isVisible():
                        window.close()
            self.where = where
