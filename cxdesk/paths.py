"""Where cxdesk keeps its files: the per-user data folder (platformdirs)."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_path

APP_NAME = "cxdesk"
DB_FILENAME = "cxdesk.db"
#: The environment variable that may hold the key passphrase (unattended command lines).
PASSPHRASE_ENV = "CXDESK_KEY_PASSPHRASE"


def data_dir() -> Path:
    """The data folder; ``CXDESK_DATA_DIR`` overrides it (tests, portable installs)."""
    override = os.environ.get("CXDESK_DATA_DIR")
    path = Path(override) if override else user_data_path(APP_NAME, appauthor=False)
    path.mkdir(parents=True, exist_ok=True)
    return path


def default_db_path() -> Path:
    return data_dir() / DB_FILENAME
