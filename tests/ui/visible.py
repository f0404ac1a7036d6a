"""What a person can read in a window: every text of its widgets, as shown (no markup).

Used by the tests that fail on English left in the Chinese interface: labels, buttons,
group boxes, tabs, table headers and cells, drop-down items, placeholders, tooltips,
window titles, menus.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QAction, QTextDocumentFragment
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTabBar,
    QTableView,
    QWidget,
    QWizardPage,
)

#: Words that are not English left untranslated: the program, file kinds, keys, units.
ALLOWED = {
    "cxdesk",
    "English",  # the language chooser names each language in itself
    "Excel",
    "WPS",
    "PDF",
    "PNG",
    "xlsx",
    "cxpkg",
    "cxkey",  # the bureau key file (issue 12)
    "Enter",
    "Ctrl",
    "Esc",
    "Alt",
    "Tab",
    "PostgreSQL",
    # Names of files and settings a technician types as they are (server settings).
    "pgpass",
    "PGPASSWORD",
    "APPDATA",
    "conf",
    "OpenSSL",
    "SHA",
    "USB",
    "Windows",
    "Linux",
    "LOCALAPPDATA",
    "cxdesk-errors",
    "log",
    "logs",
    "keys",
    "backups",
    "share",
    "local",
    "outbox",
    "tmp",
    "pytest",
    "of",
    "root",
}

WORD = re.compile(r"[A-Za-z]{3,}")
#: The name of the system's keyring, as the system calls it (a technician's detail).
KEYRING = re.compile(r"（[^（）]*Keyring）")
#: A path or a file name is the user's, not a sentence: /tmp/x/cxdesk.db, C:\\x, *.xlsx.
PATH = re.compile(
    r"[a-z+]+://\S+|[\w.-]+(?:/[\w.-]+)+|(?:[A-Za-z]:)?[\\/][^\s，。；：、（）()“”]*|[\w.*-]+\.(?:db|xlsx|cxpkg|cxkey|cxreply|pdf|png|pem|txt|log|json)\b"
)

#: A hash or a fingerprint shown to be compared (f78e9cbc2b68…) is digits, not words.
HEX = re.compile(r"\b[0-9a-f]{8,}")
#: An age public key (the bureau's key page shows its own: age1 and 58 characters of
#: bech32) is a key to compare, not words.
AGE_KEY = re.compile(r"\bage1[02-9ac-hj-np-z]{58}\b")


def plain(text: str) -> str:
    """A label's text as shown: rich text without its markup, no mnemonic ampersands."""
    if GuiQt.mightBeRichText(text):
        text = QTextDocumentFragment.fromHtml(text).toPlainText()
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def _model_texts(view: QAbstractItemView, rows: int = 50) -> list[str]:
    model = view.model()
    if model is None:
        return []
    texts = []
    root = QModelIndex()
    try:
        columns = model.columnCount(root)
    except TypeError:  # a list model (its columnCount is private in the bindings)
        columns = 1
    for column in range(columns):
        if isinstance(view, QTableView) and view.isColumnHidden(column):
            continue  # not shown
        texts.append(str(model.headerData(column, Qt.Orientation.Horizontal) or ""))
        for row in range(min(model.rowCount(root), rows)):
            texts.append(str(model.index(row, column, root).data() or ""))
    return texts


def visible_texts(root: QWidget) -> list[str]:
    """Every text of ``root`` and the widgets in it that a person can see or hover."""
    widgets = [root, *root.findChildren(QWidget)]
    texts: list[str] = [root.windowTitle()]
    for widget in widgets:
        if not widget.isVisibleTo(root) and widget is not root:
            continue
        texts.append(widget.toolTip())
        if isinstance(widget, QLabel | QAbstractButton):
            texts.append(widget.text())
        elif isinstance(widget, QGroupBox):
            texts.append(widget.title())
        elif isinstance(widget, QLineEdit) and not isinstance(
            widget.parentWidget(), QAbstractSpinBox | QComboBox
        ):
            texts.append(widget.placeholderText())
        elif isinstance(widget, QAbstractSpinBox):
            texts += [widget.text(), widget.specialValueText()]
        elif isinstance(widget, QComboBox):
            texts += [widget.itemText(i) for i in range(widget.count())]
        elif isinstance(widget, QTabBar):
            texts += [widget.tabText(i) for i in range(widget.count())]
            texts += [widget.tabToolTip(i) for i in range(widget.count())]
        elif isinstance(widget, QAbstractItemView) and not isinstance(widget, QHeaderView):
            texts += _model_texts(widget)
        elif isinstance(widget, QWizardPage):
            texts += [widget.title(), widget.subTitle()]
        for action in widget.actions():
            if isinstance(action, QAction):
                texts += [action.text(), action.toolTip()]
    return [plain(t) for t in texts if t and t.strip()]


def english_words(texts: list[str], allowed: set[str] | None = None) -> list[str]:
    """The texts that hold an English word (three letters or more) not in ``ALLOWED``."""
    keep = ALLOWED | (allowed or set())
    found = []
    for text in texts:
        shown = HEX.sub(" ", AGE_KEY.sub(" ", PATH.sub(" ", KEYRING.sub(" ", text))))
        words = [w for w in WORD.findall(shown) if w not in keep]
        if words:
            found.append(text)
    return found
