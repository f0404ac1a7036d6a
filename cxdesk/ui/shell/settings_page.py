"""Settings: the language (applies at once), then the groups of :data:`SECTIONS`."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from cxdesk.ui.shell.backup_settings import BackupSettings
from cxdesk.ui.shell.context import AppContext
from cxdesk.ui.shell.page import Page
from cxdesk.ui.shell.server_settings import ServerSettings

LANGUAGE_NAMES = (("zh", "简体中文"), ("en", "English"))

#: The groups below the language, in order, each a widget built with the app's context:
#: the backups (issue 6), a bureau's PostgreSQL server (issue 8).  One line adds a group.
SECTIONS: tuple[Callable[[AppContext], QWidget], ...] = (BackupSettings, ServerSettings)


class SettingsPage(Page):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        # The sections scroll when the window is lower than they are (never squeezed).
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea()
        scroll.setObjectName("settings_scroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        outer.addWidget(scroll)
        inner = QWidget()
        scroll.setWidget(inner)
        layout = QVBoxLayout(inner)
        layout.setContentsMargins(24, 20, 24, 20)
        heading = QLabel(self.tr("Settings"))
        heading.setObjectName("heading")
        heading.setStyleSheet("font-size: 20px; font-weight: 600;")
        layout.addWidget(heading)

        group = QGroupBox(self.tr("Language"))
        form = QFormLayout(group)
        self.language = QComboBox()
        self.language.setObjectName("language")
        for code, name in LANGUAGE_NAMES:  # each language named in itself
            self.language.addItem(name, code)
        self.language.setCurrentIndex(self.language.findData(ctx.language))
        self.language.setMaximumWidth(280)
        form.addRow(self.tr("Language of the app:"), self.language)
        note = QLabel(
            self.tr(
                "The change applies at once, to every window and message, and is remembered for the next start."
            )
        )
        note.setWordWrap(True)
        form.addRow("", note)
        layout.addWidget(group)
        for section in SECTIONS:
            layout.addWidget(section(ctx))
        layout.addStretch(1)
        self.language.activated.connect(self._language_chosen)

    def _language_chosen(self, index: int) -> None:
        self.ctx.set_language(str(self.language.itemData(index)))
