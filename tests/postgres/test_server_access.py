"""--db with a server: what a school, a wrong password, a missing database are told."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy.engine import URL

from cxdesk.cli import main
from cxdesk.errors import DatabaseError, InputError
from cxdesk.services.setup import init_school
from cxdesk.storage.db import open_database

from .server import as_text


def test_a_school_cannot_be_set_up_on_a_server(pg_url: URL, tmp_path: Path) -> None:
    db = open_database(as_text(pg_url), local_path=tmp_path / "x.db")
    try:
        with pytest.raises(InputError) as caught, db.transaction() as session:
            init_school(session, code="5323230001", name="某小学", county="532323", kind="primary")
        text = caught.value.render("en")
        assert "A school keeps its data in a database file" in text
        assert pg_url.password is None or pg_url.password not in text
        with db.reading() as session:
            from cxdesk.services.setup import is_initialized

            assert not is_initialized(session)
    finally:
        db.close()


def test_the_setup_command_refuses_a_server_for_a_school(
    pg_url: URL, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(
        [
            "--lang",
            "en",
            "init",
            "school",
            "--db",
            as_text(pg_url),
            "--code",
            "5323230001",
            "--name",
            "Test school",
            "--county",
            "532323",
            "--kind",
            "primary",
        ]
    )
    err = capsys.readouterr().err
    assert code == 2, err
    assert "not on a database server" in err
    assert "Traceback" not in err


def test_a_wrong_password_is_said_plainly_and_never_shown(pg_url: URL, tmp_path: Path) -> None:
    wrong = pg_url.set(password="not-the-password-42")
    with pytest.raises(DatabaseError) as caught:
        open_database(as_text(wrong), local_path=tmp_path / "x.db")
    text = caught.value.render("en")
    assert "refused the login" in text
    assert "not-the-password-42" not in text


def test_a_missing_database_is_said_plainly(pg_url: URL, tmp_path: Path) -> None:
    with pytest.raises(DatabaseError) as caught:
        open_database(as_text(pg_url.set(database="no_such_db_x")), local_path=tmp_path / "x")
    assert "has no such database" in caught.value.render("en")


def test_an_unreachable_server_is_said_plainly(tmp_path: Path) -> None:
    # A port on the loopback where nothing listens.
    url = "postgresql+psycopg://clerk:secret-pw@127.0.0.1:9/cxdesk"
    with pytest.raises(DatabaseError) as caught:
        open_database(url, local_path=tmp_path / "x.db")
    text = caught.value.render("en")
    assert "Cannot reach the database server" in text
    assert "secret-pw" not in text


def test_backup_command_on_a_server_points_at_pg_dump(
    pg_url: URL, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["--lang", "en", "backup", "create", "--db", as_text(pg_url)])
    err = capsys.readouterr()
    assert code == 2
    assert "pg_dump" in err.err
    assert pg_url.password is None or pg_url.password not in err.err
