"""Fixtures of the PostgreSQL tests: the test server (skipped without one), fresh databases."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy.engine import URL

from .server import SKIP_REASON, create_database, drop_database, server_url


@pytest.fixture(scope="session")
def pg_server() -> URL:
    url = server_url()
    if url is None:
        pytest.skip(SKIP_REASON)
    return url


@pytest.fixture
def pg_url(pg_server: URL) -> Iterator[URL]:
    """A new database copied from the migrated template, dropped after the test."""
    url = create_database(pg_server)
    yield url
    assert url.database is not None
    drop_database(pg_server, url.database)


@pytest.fixture
def pg_empty_url(pg_server: URL) -> Iterator[URL]:
    """A new, empty database (no schema), dropped after the test."""
    url = create_database(pg_server, migrated=False)
    yield url
    assert url.database is not None
    drop_database(pg_server, url.database)
