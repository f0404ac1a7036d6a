"""The app's own settings (language, window size, ...), kept beside the data.

Settings live in ``settings.ini`` in the data folder rather than the registry, so that a
portable install and the tests (``CXDESK_DATA_DIR``) each have their own.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings

from cxdesk.paths import data_dir

LANGUAGE_KEY = "ui/language"
DEFAULT_LANGUAGE = "zh"


def app_settings() -> QSettings:
    """The settings file of this data folder; other engineers add their keys here too."""
    return QSettings(str(data_dir() / "settings.ini"), QSettings.Format.IniFormat)


def saved_language() -> str:
    value = app_settings().value(LANGUAGE_KEY, DEFAULT_LANGUAGE)
    return value if value in ("zh", "en") else DEFAULT_LANGUAGE


def save_language(lang: str) -> None:
    settings = app_settings()
    settings.setValue(LANGUAGE_KEY, lang)
    settings.sync()
