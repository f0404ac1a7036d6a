"""Partial indexes are stated once, for SQLite, and given to PostgreSQL with a server."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from sqlalchemy.dialects import postgresql
from sqlalchemy.schema import CreateIndex

from cxdesk.models import Base
from cxdesk.models.base import give_partial_indexes_to


def test_a_server_gets_the_conditions_of_the_partial_indexes() -> None:
    give_partial_indexes_to("postgresql")
    indexes = {str(i.name): i for t in Base.metadata.tables.values() for i in t.indexes}
    for name, condition in (
        ("ix_submission_counted", "WHERE status = 'accepted'"),
        ("ix_school_own_code", "WHERE submission_id IS NULL"),
    ):
        ddl = str(CreateIndex(indexes[name]).compile(dialect=postgresql.dialect()))
        assert ddl.startswith("CREATE UNIQUE INDEX") and ddl.endswith(condition), ddl


def _imports_the_dialect(code: str) -> bool:
    done = subprocess.run(
        [sys.executable, "-c", f"import sys; {code}; print('{DIALECT}' in sys.modules)"],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).resolve().parents[2],
    )
    return done.stdout.strip() == "True"


DIALECT = "sqlalchemy.dialects.postgresql"


def test_the_models_do_not_import_the_postgresql_dialect() -> None:
    assert not _imports_the_dialect("import cxdesk.models")
    assert _imports_the_dialect(f"import cxdesk.models, {DIALECT}")  # the probe sees it
