"""The same alembic revisions on PostgreSQL: exactly the models, once, under concurrency."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, text
from sqlalchemy.engine import URL

from cxdesk.errors import DatabaseError, DatabaseTooNewError
from cxdesk.models import Base
from cxdesk.services.bureaus import init_bureau, own_bureau
from cxdesk.storage.db import open_database
from cxdesk.storage.schema import HEAD, REVISIONS

from .server import as_text

ROOT = Path(__file__).parent.parent.parent


def test_the_migrations_make_exactly_the_models_on_postgresql(
    pg_empty_url: URL, tmp_path: Path
) -> None:
    db = open_database(as_text(pg_empty_url), local_path=tmp_path / "pc" / "x.db")
    db.close()
    engine = create_engine(pg_empty_url)
    try:
        with engine.connect() as conn:
            assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == HEAD
            context = MigrationContext.configure(conn, opts={"compare_type": True})
            assert compare_metadata(context, Base.metadata) == []
            # compare_metadata does not look at partial indexes' conditions: these carry
            # "one counted package per school and period" and "a school's own record".
            partial: dict[str, str] = dict(
                conn.execute(
                    text(
                        "SELECT indexname, indexdef FROM pg_indexes WHERE indexname IN "
                        "('ix_submission_counted', 'ix_school_own_code')"
                    )
                ).all()
            )
            assert "UNIQUE" in partial["ix_submission_counted"]
            assert "WHERE" in partial["ix_submission_counted"]
            assert "'accepted'" in partial["ix_submission_counted"]
            assert "WHERE (submission_id IS NULL)" in partial["ix_school_own_code"]
    finally:
        engine.dispose()


def test_each_revision_runs_on_its_own_on_postgresql(pg_empty_url: URL) -> None:
    from cxdesk.storage.server.schema import run_migrations

    engine = create_engine(pg_empty_url)
    try:
        for revision in REVISIONS:
            with engine.begin() as conn:
                run_migrations(conn, revision)
                assert (
                    conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
                    == revision
                )
        with engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={"compare_type": True})
            assert compare_metadata(context, Base.metadata) == []
    finally:
        engine.dispose()


def test_clerks_starting_at_once_upgrade_once(pg_empty_url: URL, tmp_path: Path) -> None:
    """Three processes open a new server database at the same moment: all succeed."""
    script = (
        "import sys; from pathlib import Path; from cxdesk.storage.db import open_database; "
        "db = open_database(sys.argv[1], local_path=Path(sys.argv[2])); db.close(); print('ok')"
    )
    children = [
        subprocess.Popen(
            [sys.executable, "-c", script, as_text(pg_empty_url), str(tmp_path / f"pc{n}" / "x")],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=ROOT,
        )
        for n in range(3)
    ]
    for child in children:
        out, err = child.communicate(timeout=120)
        assert child.returncode == 0, err
        assert out.strip() == "ok"
    engine = create_engine(pg_empty_url)
    try:
        with engine.connect() as conn:
            assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == HEAD
    finally:
        engine.dispose()


def test_a_server_database_from_a_newer_cxdesk_is_refused_untouched(
    pg_url: URL, tmp_path: Path
) -> None:
    engine = create_engine(pg_url)
    try:
        with engine.begin() as conn:
            conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
        with pytest.raises(DatabaseTooNewError) as caught:
            open_database(as_text(pg_url), local_path=tmp_path / "x.db")
        assert "9999" in caught.value.render("en")
        assert pg_url.password is None or pg_url.password not in caught.value.render("en")
        with engine.connect() as conn:
            assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == "9999"
    finally:
        engine.dispose()


def test_another_programs_database_is_refused_untouched(pg_empty_url: URL, tmp_path: Path) -> None:
    engine = create_engine(pg_empty_url)
    try:
        with engine.begin() as conn:
            conn.execute(text("CREATE TABLE invoices (id integer primary key)"))
        with pytest.raises(DatabaseError) as caught:
            open_database(as_text(pg_empty_url), local_path=tmp_path / "x.db")
        assert "not a cxdesk database" in caught.value.render("en")
        with engine.connect() as conn:
            tables = conn.execute(
                text("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
            ).scalars()
            assert set(tables) == {"invoices"}
    finally:
        engine.dispose()


def test_a_bureau_on_the_server_keeps_its_data_between_openings(
    pg_url: URL, tmp_path: Path
) -> None:
    db = open_database(as_text(pg_url), local_path=tmp_path / "pc" / "x.db")
    try:
        assert db.is_server
        with db.transaction() as session:
            init_bureau(session, role="prefecture", code="532300")
    finally:
        db.close()
    again = open_database(as_text(pg_url), local_path=tmp_path / "pc2" / "x.db")
    try:
        with again.reading() as session:
            assert own_bureau(session).is_prefecture
    finally:
        again.close()
