"""The test PostgreSQL server: its URL, a migrated template, a fresh database per use.

CI starts a server with ``.ci/postgres.sh`` and exports its URL as ``CXDESK_TEST_PG_URL``;
without it every PostgreSQL test is skipped with :data:`SKIP_REASON`.  The role in the URL
must be allowed to create databases (the script's role is).

Migrating a new database takes a second or so; the tests instead copy a template database
migrated once to HEAD (``CREATE DATABASE ... TEMPLATE``), named after HEAD and a digest of
the migration files, so that a new or changed revision (two branches each adding one, say)
makes a new template instead of reusing another schema's.
"""

from __future__ import annotations

import os
import time
import uuid

from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import URL, make_url

ENV = "CXDESK_TEST_PG_URL"
SKIP_REASON = (
    f"no PostgreSQL server configured: set {ENV} "
    '(export CXDESK_TEST_PG_URL="$(sudo bash .ci/postgres.sh)")'
)


def skip_or_fail() -> None:
    """No server: skip with the reason, except in CI (``CI`` set), where .ci/postgres.sh
    must have started one: a skip there would hide a server that failed to start."""
    import pytest

    if os.environ.get("CI"):
        pytest.fail(f"CI without a PostgreSQL server: {SKIP_REASON}", pytrace=False)
    pytest.skip(SKIP_REASON)


def server_url() -> URL | None:
    value = os.environ.get(ENV, "").strip()
    return make_url(value) if value else None


def admin_engine(url: URL) -> Engine:
    """An engine on the URL's own database, in autocommit (CREATE/DROP DATABASE)."""
    return create_engine(url, isolation_level="AUTOCOMMIT", poolclass=None)


def template_name() -> str:
    import hashlib

    from cxdesk.storage.schema import HEAD, MIGRATIONS_DIR

    digest = hashlib.sha256()
    for path in sorted((MIGRATIONS_DIR / "versions").glob("*.py")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return f"cxdesk_template_{HEAD}_{digest.hexdigest()[:12]}"


def ensure_template(url: URL) -> str:
    """The migrated template database (made once per server and schema version)."""
    from cxdesk.storage.locks import lock_key
    from cxdesk.storage.schema import HEAD
    from cxdesk.storage.server.schema import run_migrations, server_revision

    name = template_name()
    admin = admin_engine(url)
    try:
        with admin.connect() as conn:
            # Two test runs at once: one makes the template, the other waits for it.
            conn.execute(text("SELECT pg_advisory_lock(:k)"), {"k": lock_key("test-template")})
            try:
                exists = conn.execute(
                    text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name}
                ).scalar()
                if exists:
                    engine = create_engine(url.set(database=name))
                    try:
                        with engine.connect() as tconn:
                            ready = server_revision(tconn)[1] == HEAD
                    finally:
                        engine.dispose()
                    if ready:
                        return name
                    conn.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
                conn.execute(text(f'CREATE DATABASE "{name}"'))
                engine = create_engine(url.set(database=name))
                try:
                    with engine.begin() as tconn:
                        run_migrations(tconn, HEAD)
                finally:
                    engine.dispose()
            finally:
                conn.execute(
                    text("SELECT pg_advisory_unlock(:k)"), {"k": lock_key("test-template")}
                )
    finally:
        admin.dispose()
    return name


def create_database(url: URL, *, migrated: bool = True) -> URL:
    """A new, uniquely named database (a copy of the template, or empty); its URL."""
    name = f"cxdesk_t_{uuid.uuid4().hex[:16]}"
    admin = admin_engine(url)
    try:
        with admin.connect() as conn:
            if migrated:
                template = ensure_template(url)
                conn.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{template}"'))
            else:
                conn.execute(text(f'CREATE DATABASE "{name}"'))
    finally:
        admin.dispose()
    return url.set(database=name)


def drop_database(url: URL, name: str, *, attempts: int = 40) -> None:
    """Drop a test database, once the server lets go of it.

    ``WITH (FORCE)`` ends the test's own forgotten connections; an autovacuum worker that
    the server started on the new database (a superuser's process, which the test role may
    not end) finishes within moments, so the drop is tried again.
    """
    from sqlalchemy.exc import DBAPIError

    admin = admin_engine(url)
    try:
        for attempt in range(attempts):
            try:
                with admin.connect() as conn:
                    conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
                return
            except DBAPIError:
                if attempt == attempts - 1:
                    raise
                time.sleep(0.25)
    finally:
        admin.dispose()


def as_text(url: URL) -> str:
    """The URL with its password, as a child process's argument or ``--db`` takes it."""
    return url.render_as_string(hide_password=False)
