"""Helpers of the workbook tests: the CLI as a user runs it, filling a template, snapshots."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from sqlalchemy import func, select

from cxdesk.cli import main
from cxdesk.models import (
    Attendance,
    Certificate,
    ChangeLogEntry,
    CounsellingRoom,
    Counselor,
    School,
    TrainingEvent,
)
from cxdesk.storage.db import open_database

SCHOOL_CODE = "2153230001"
SCHOOL_INIT = [
    "init",
    "school",
    "--code",
    SCHOOL_CODE,
    "--name",
    "楚雄市鹿城小学",
    "--county",
    "532301",
    "--kind",
    "primary",
]

# Valid GB 11643 identity numbers of Chuxiong city (532301).
ID_LI = "532301198503120026"  # born 1985-03-12, female
ID_WANG = "53230119900715001X"  # born 1990-07-15, male
ID_ZHANG = "53230119921103004x"  # born 1992-11-03, female; typed with a lower-case x


@dataclass
class Result:
    code: int
    out: str
    err: str

    def json(self) -> Any:
        return json.loads(self.out)


Cli = Callable[..., Result]


@pytest.fixture
def cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Cli:
    """Run ``cxdesk ARGS --db tmp/school.db`` (or another db) as a user would."""

    def run(*args: str, db: Path | None = None) -> Result:
        capsys.readouterr()
        code = main([*args, "--db", str(db or tmp_path / "school.db")])
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return run


@pytest.fixture
def school(cli: Cli) -> Cli:
    """A school database set up through the command line."""
    assert cli(*SCHOOL_INIT).code == 0
    return cli


def fill(template: Path, out: Path, rows: dict[str, list[dict[str, Any]]]) -> Path:
    """Fill a template as a person would: by header, into the rows under it."""
    book = openpyxl.load_workbook(template)
    for sheet_name, records in rows.items():
        ws = book[sheet_name]
        headers = {ws.cell(1, c).value: c for c in range(1, ws.max_column + 1)}
        for r, record in enumerate(records, start=2):
            for header, value in record.items():
                ws.cell(r, headers[header], value)
    book.save(out)
    return out


def snapshot(db_path: Path) -> dict[str, int]:
    """How many rows each table has, and how many change-log entries."""
    db = open_database(db_path)
    try:
        with db.reading() as session:
            return {
                model.__tablename__: session.scalar(select(func.count()).select_from(model)) or 0
                for model in (
                    School,
                    Counselor,
                    Certificate,
                    CounsellingRoom,
                    TrainingEvent,
                    Attendance,
                    ChangeLogEntry,
                )
            }
    finally:
        db.close()


def school_details(db_path: Path) -> tuple[Any, ...]:
    db = open_database(db_path)
    try:
        with db.reading() as session:
            s = session.scalars(select(School)).one()
            return (s.name, s.county_code, s.kind, s.enrolment, s.contact_person, s.contact_phone)
    finally:
        db.close()
