"""Small pieces the bureau pages share: labels, headings, dialogs tests can answer, exports."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHeaderView,
    QLabel,
    QTableView,
    QWidget,
)

from cxdesk.errors import InputError, UserError
from cxdesk.i18n import Text
from cxdesk.ui.shell import file_dialogs
from cxdesk.ui.shell.errors import show_error

CANNOT_WRITE = Text("无法写入文件“{path}”：{reason}", "Cannot write the file {path}: {reason}")

#: Collect outcomes as shown (translated in the "BureauOutcome" context).
OUTCOME_TITLES: dict[str, str] = {
    "accepted": str(QT_TRANSLATE_NOOP("BureauOutcome", "Accepted")),
    "already_had": str(QT_TRANSLATE_NOOP("BureauOutcome", "Already had")),
    "superseded": str(QT_TRANSLATE_NOOP("BureauOutcome", "Superseded")),
    "held": str(QT_TRANSLATE_NOOP("BureauOutcome", "Held")),
    "refused": str(QT_TRANSLATE_NOOP("BureauOutcome", "Refused")),
    "rejected": str(QT_TRANSLATE_NOOP("BureauOutcome", "Rejected")),
    "revoked": str(QT_TRANSLATE_NOOP("BureauOutcome", "Withdrawn (key revoked)")),
}

#: A soft background per outcome, so a long results list can be read at a glance.
OUTCOME_COLOURS: dict[str, str] = {
    "accepted": "#e3f4e1",
    "already_had": "#eef1f5",
    "superseded": "#eef1f5",
    "held": "#fff4d6",
    "refused": "#fde2e1",
    "rejected": "#fde2e1",
    "revoked": "#fde2e1",
}


def outcome_title(outcome: str) -> str:
    return QCoreApplication.translate("BureauOutcome", OUTCOME_TITLES.get(outcome, outcome))


def outcome_colour(outcome: str) -> QColor:
    return QColor(OUTCOME_COLOURS.get(outcome, "#ffffff"))


def heading(text: str) -> QLabel:
    """A page title in the style of the school pages."""
    label = QLabel(text)
    font = QFont(label.font())
    font.setPointSizeF(font.pointSizeF() * 1.35)
    font.setBold(True)
    label.setFont(font)
    return label


def hint(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setStyleSheet("color: #555;")
    return label


def ask(dialog: QDialog) -> int:
    """Show a dialog modally; tests replace this to answer it without blocking."""
    return dialog.exec()


def choose_open_files(parent: QWidget, title: str, name_filter: str, action: str = "") -> list[str]:
    """File dialog for opening files, in the folder last used for ``action`` (packages
    come from a USB stick); tests replace this to pick files."""
    return file_dialogs.open_files(
        parent, title, name_filter, action or title, several=True, removable=True
    )


def choose_folder(parent: QWidget, title: str, action: str = "") -> str:
    """Folder dialog (a USB drive is a folder); tests replace this."""
    return file_dialogs.choose_folder(parent, title, action or title, removable=True)


def choose_save_file(
    parent: QWidget, title: str, suggested: str, name_filter: str, action: str = ""
) -> str:
    """Save-as dialog, in the folder last used for ``action``; tests replace this."""
    return file_dialogs.save_file(parent, title, suggested, name_filter, action or title)


def choose_save_path(
    parent: QWidget, title: str, suggested: str, name_filter: str, suffix: str, action: str = ""
) -> Path | None:
    """Save-as dialog giving a path that ends in ``suffix`` (added when left out, so that a
    name with a dot of its own, "统计.2026", keeps it)."""
    path = choose_save_file(parent, title, suggested, name_filter, action)
    if not path:
        return None
    return Path(path) if path.lower().endswith(suffix) else Path(path + suffix)


def export_file(
    parent: QWidget,
    write: Callable[[Path], object],
    *,
    title: str,
    suggested: str,
    name_filter: str,
    suffix: str,
    action: str = "",
) -> Path | None:
    """Every export of the bureau pages: ask where (in the folder last used for ``action``),
    ``write(path)``, and show why it failed (a core error, a disk that refused).  The path
    written, or None when cancelled or failed."""
    target = choose_save_path(parent, title, suggested, name_filter, suffix, action)
    if target is None:
        return None
    try:
        write(target)
    except UserError as error:
        show_error(parent, error)
        return None
    except OSError as error:
        show_error(parent, cannot_write(target, error))
        return None
    return target


def today() -> date:
    return date.today()


def table_view(model: Any) -> QTableView:
    """A read-only, sortable table of whole rows."""
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setTabKeyNavigation(False)  # Tab leaves the table
    view.setSortingEnabled(True)
    view.sortByColumn(0, Qt.SortOrder.AscendingOrder)  # Qt starts descending otherwise
    view.setAlternatingRowColors(False)
    view.verticalHeader().setVisible(False)
    view.horizontalHeader().setStretchLastSection(True)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    return view


def cannot_write(path: Path, error: OSError) -> UserError:
    """A disk error while writing an export, as a message the clerk can act on."""
    return InputError(CANNOT_WRITE(path=path, reason=error.strerror or error))
