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
    indexes = {i.name: i for t in Base.metadata.tables.values() for i in t.indexes}
    for name, condition in (
        ("ix_submission_counted", "WHERE status = 'accepted'"),
        ("ix_school_own_code", "WHERE submission_id IS NULL"),
    ):
        ddl = str(CreateIndex(indexes[name]).compile(dialect=postgresql.dialect()))
        assert ddl.startswith("CREATE UNIQUE INDEX") and ddl.endswith(condition), ddl


def test_the_models_do_not_import_the_postgresql_dialect() -> None:
    code = "import sys, cxdesk.models; print('sqlalchemy.dialects.postgresql' in sys.modules)"
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert done.stdout.strip() == "False"
    control = "import sys, cxdesk.models; from sqlalchemy.dialects import postgresql; "
    control += "print('sqlalchemy.dialects.postgresql' in sys.modules)"
    done = subprocess.run(
        [sys.executable, "-c", control],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert done.stdout.strip() == "True"
