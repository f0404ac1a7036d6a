"""Reading --db: a file path, a PostgreSQL URL, or something refused (no server needed)."""

from __future__ import annotations

from pathlib import Path

import pytest

from cxdesk.errors import InputError
from cxdesk.storage.dburl import ServerAddress, is_server_url, parse_target


def test_paths_stay_paths() -> None:
    assert parse_target("county.db") == Path("county.db")
    assert parse_target(r"C:\data\cxdesk.db") == Path(r"C:\data\cxdesk.db")
    assert parse_target("C://data/cxdesk.db") == Path("C://data/cxdesk.db")
    assert parse_target("sqlite:////tmp/x.db") == Path("/tmp/x.db")
    assert parse_target("sqlite:///x.db") == Path("x.db")
    assert parse_target(None) is None
    assert parse_target("  ") is None
    assert not is_server_url("D:/x.db")


@pytest.mark.parametrize(
    "text",
    [
        "postgresql+psycopg://clerk@10.1.2.3/cxdesk",
        "postgresql://clerk@10.1.2.3/cxdesk",
        "postgres://clerk@10.1.2.3/cxdesk",
    ],
)
def test_postgresql_urls_use_psycopg(text: str) -> None:
    target = parse_target(text)
    assert isinstance(target, ServerAddress)
    assert target.url.drivername == "postgresql+psycopg"
    assert target.key == "clerk@10.1.2.3:5432/cxdesk"


def test_the_password_is_never_shown() -> None:
    target = parse_target("postgresql+psycopg://clerk:s3cret@host:5433/cx")
    assert isinstance(target, ServerAddress)
    assert "s3cret" not in target.shown
    assert "s3cret" not in target.without_password
    assert target.has_password
    assert target.url.password == "s3cret"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("mysql://clerk:pw@host/cx", "cxdesk uses a SQLite file path or postgresql"),
        ("postgresql+psycopg://clerk:pw@host", "names no database"),
    ],
)
def test_other_addresses_are_refused_plainly(text: str, expected: str) -> None:
    with pytest.raises(InputError) as caught:
        parse_target(text)
    message = caught.value.render("en")
    assert expected in message
    assert ":pw@" not in message
