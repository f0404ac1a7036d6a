"""Files the app ships inside the package: the icon (``icons/``) and translations (``i18n/``)."""

from __future__ import annotations

from importlib import resources

from PySide6.QtGui import QIcon


def packaged_file(*parts: str) -> str:
    return str(resources.files("cxdesk.ui").joinpath(*parts))


def app_icon() -> QIcon:
    return QIcon(packaged_file("icons", "cxdesk.svg"))
