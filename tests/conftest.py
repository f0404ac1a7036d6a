"""Fixtures shared by all tests: real SQLite files in tmp_path, a set-up school."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication

from cxdesk.i18n import set_language
from cxdesk.models import School
from cxdesk.services.setup import init_school
from cxdesk.storage.db import Database, open_database

SCHOOL_CODE = "2153230001"


@pytest.fixture(scope="session")
def qapp(qapp: QApplication) -> QApplication:
    """pytest-qt's application, with the school and bureau wings registered in the shell
    (what ``cxdesk gui`` does at start: :func:`cxdesk.ui.desktop.install_wings`)."""
    from cxdesk.ui.desktop import install_wings

    install_wings()
    return qapp


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Each test has its own data folder, starts in Chinese and knows no key passphrase
    (the sample bureaus' keys, opened once, stay open: opening them costs seconds)."""
    from cxdesk.exchange.key_protection import end_session

    monkeypatch.setenv("CXDESK_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("CXDESK_KEY_PASSPHRASE", raising=False)
    set_language("zh")
    end_session(keep_open_keys=True)
    yield
    end_session(keep_open_keys=True)
    set_language("zh")


@pytest.fixture(scope="session")
def sample_bureaus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The prefecture and three counties with their keys and key files, made once."""
    from cxdesk.sample.bureau_keys import ensure_sample_bureaus
    from tests.sample_bureaus import SAMPLE_COUNTIES

    out = tmp_path_factory.mktemp("bureaus")
    ensure_sample_bureaus(out, SAMPLE_COUNTIES)
    return out


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "cxdesk.db"


@pytest.fixture
def db(db_path: Path) -> Iterator[Database]:
    database = open_database(db_path)
    yield database
    database.close()


@pytest.fixture
def school_db(db: Database) -> Database:
    """A database set up for one primary school of Chuxiong city."""
    with db.transaction() as session:
        init_school(
            session,
            code=SCHOOL_CODE,
            name="楚雄市鹿城小学",
            county="532301",
            kind="primary",
            enrolment=800,
            contact_person="李老师",
            contact_phone="0878-3122846",
        )
    return db


@pytest.fixture
def school_id(school_db: Database) -> int:
    with school_db.reading() as session:
        return session.query(School).filter_by(code=SCHOOL_CODE).one().id
