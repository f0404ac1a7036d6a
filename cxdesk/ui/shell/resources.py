"""Files the app ships inside the package: the icon (``icons/``) and translations (``i18n/``)."""

from __future__ import annotations

from importlib import resources

from PySide6.QtGui import QIcon


def packaged_file(*parts: str) -> str:
    return str(resources.files("cxdesk.ui").joinpath(*parts))


def app_icon() -> QIcon:
    """The icon, from the PNG as well as the SVG: a frozen build without Qt's SVG plugin
    still has the PNG."""
    icon = QIcon(packaged_file("icons", "cxdesk-256.png"))
    icon.addFile(packaged_file("icons", "cxdesk.svg"))
    return icon
