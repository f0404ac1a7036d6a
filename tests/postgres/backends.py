"""Running the same bureau tests on SQLite and on PostgreSQL.

``backend`` is an autouse fixture parametrised over both.  For ``postgresql`` it makes
``open_database(path)`` of the test modules (and of :mod:`cxdesk.storage.db`) open a fresh database
on the test server instead of a new SQLite file at ``path``; ``path`` still places the
bureau's local files (keys, received packages), as on a clerk's PC.  Files that already
exist, such as a school's database copied by a test, stay SQLite: schools never use a
server.  Opening the same path again (a reopened bureau, a child process given the URL)
reaches the same server database.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.engine import URL

from cxdesk.storage import db as db_module
from cxdesk.storage.dburl import ServerAddress, is_server_url

from .server import as_text, create_database, drop_database, server_url, skip_or_fail

#: Test modules that only make sense on SQLite, and why.
SQLITE_ONLY = {
    "test_kill": "reads the SQLite file itself (PRAGMA integrity_check); a killed collector "
    "on PostgreSQL is tests/postgres/test_kill_on_server.py",
    "test_full_prefecture": "its bureaus are built by `cxdesk demo --prefecture` as files; "
    "county packages collected by a prefecture on PostgreSQL are test_county_chain.py",
}
#: Modules outside the tests whose ``open_database`` opens a bureau's database given by
#: the test: the command line's ``--db``.  (The sample builders make schools: not these.)
PATCHED_MODULES = ("cxdesk.commands.base",)


class ServerDatabases:
    """The server databases a test made, by the path that stands for each."""

    def __init__(self, url: URL, original: Callable[..., Any]) -> None:
        self.url = url
        self.original = original
        self.by_path: dict[Path, URL] = {}
        self.opened: list[Any] = []

    def url_for(self, path: Path) -> URL:
        path = Path(path).resolve()
        if path not in self.by_path:
            self.by_path[path] = create_database(self.url)
        return self.by_path[path]

    def open(self, path: Any = None, **kwargs: Any) -> Any:
        if path is None or isinstance(path, ServerAddress) or is_server_url(str(path)):
            return self.original(path, **kwargs)
        path = Path(path)
        if path.exists() and path.resolve() not in self.by_path:
            return self.original(path, **kwargs)  # an existing SQLite file (a school's)
        db = self.original(as_text(self.url_for(path)), local_path=path, **kwargs)
        self.opened.append(db)
        return db

    def drop_all(self) -> None:
        # Close what the test left open (a fixture that never closes its database): on
        # SQLite nothing notices, psycopg warns when a forgotten connection is collected.
        for db in self.opened:
            db.close()
        for url in self.by_path.values():
            assert url.database is not None
            drop_database(self.url, url.database)


@pytest.fixture(autouse=True, params=["sqlite", "postgresql"])
def backend(
    request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> Iterator[ServerDatabases | None]:
    """``sqlite`` or ``postgresql``: where this run of the test keeps bureau databases."""
    if request.param == "sqlite":
        yield None
        return
    module = request.module.__name__.rsplit(".", 1)[-1]
    if module in SQLITE_ONLY:
        pytest.skip(f"SQLite only: {SQLITE_ONLY[module]}")
    url = server_url()
    if url is None:
        skip_or_fail()
        return
    for name in PATCHED_MODULES:
        # Imported before patching, so that the module binds the real function and the
        # patch below is undone after the test (imported during a test, it would keep
        # that test's opener for good).
        importlib.import_module(name)
    servers = ServerDatabases(url, db_module.open_database)
    monkeypatch.setattr(db_module, "open_database", servers.open)
    package = request.module.__name__.rsplit(".", 1)[0]
    for name, mod in list(sys.modules.items()):
        ours = name.startswith(package) or name in PATCHED_MODULES
        if ours and getattr(mod, "open_database", None) is servers.original:
            monkeypatch.setattr(mod, "open_database", servers.open)
    yield servers
    monkeypatch.undo()
    servers.drop_all()
