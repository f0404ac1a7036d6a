"""The export: the template's layout with the school's data, a summary, deterministic bytes."""

from __future__ import annotations

import csv
import shutil
import subprocess
from datetime import date
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from cxdesk.figures import FIGURE_KEYS, FIGURE_LABELS, school_figures
from cxdesk.models import CounsellingRoom, Counselor, School
from cxdesk.sample.school import fill_demo_school
from cxdesk.services.counselors import add_counselor
from cxdesk.services.periods import get_period
from cxdesk.services.records import CounselorInput, RoomInput
from cxdesk.services.rooms import add_room
from cxdesk.services.setup import init_school, own_school
from cxdesk.storage.db import Database, open_database
from cxdesk.workbook import apply_import, plan_import, write_school_workbook
from tests.conftest import SCHOOL_CODE

FORMULA_NAME = '=HYPERLINK("http://x","y")'
LOOKALIKES = (FORMULA_NAME, "+8613800000000", "-1-", "@SUM(A1)")


def _fill(session: Session, school: School) -> None:
    fill_demo_school(session, school=school, year=2026)
    for n, name in enumerate(LOOKALIKES):
        add_counselor(
            session,
            school_id=school.id,
            data=CounselorInput(
                name=name,
                post_type="part_time",
                main_subject="math",
                birth_date=date(1980, 1, n + 1),
            ),
        )
    # 0.1 + 0.2 must be 0.3 m², not 0.30000000000000004
    add_room(session, school_id=school.id, data=RoomInput("小间甲", "relaxation", 101))
    add_room(session, school_id=school.id, data=RoomInput("小间乙", "self_help", 202))


@pytest.fixture
def exported(school_db: Database, tmp_path: Path) -> Path:
    path = tmp_path / "export.xlsx"
    with school_db.transaction() as session:
        school = own_school(session)
        _fill(session, school)
        write_school_workbook(session, school=school, period=get_period(session, "2026"), path=path)
    return path


def _fresh_school(path: Path) -> Database:
    db = open_database(path)
    with db.transaction() as session:
        init_school(session, code=SCHOOL_CODE, name="待导入", county="532322", kind="junior")
    return db


def _import(db: Database, workbook: Path) -> None:
    with db.transaction() as session:
        plan = plan_import(session, school=own_school(session), path=workbook)
        assert plan.problems == []
        apply_import(session, plan=plan)


def _figures(db: Database) -> dict[str, object]:
    with db.reading() as session:
        return school_figures(
            session, school=own_school(session), period=get_period(session, "2026")
        )


def test_round_trip_into_a_fresh_database_gives_the_same_figures(
    school_db: Database, exported: Path, tmp_path: Path
) -> None:
    fresh = _fresh_school(tmp_path / "fresh.db")
    _import(fresh, exported)

    assert _figures(fresh) == _figures(school_db)
    assert _figures(fresh)["room_area_m2"] == Decimal("111.3")  # 18.6 + 62.4 + 10.1 + 20.2
    with fresh.reading() as session:
        school = own_school(session)
        assert (school.name, school.county_code, school.kind) == (
            "楚雄市鹿城小学",
            "532301",
            "primary",
        )
        names = set(session.scalars(select(Counselor.name)))
        assert set(LOOKALIKES) <= names
        areas = sorted(session.scalars(select(CounsellingRoom.area_tenths)))
        assert areas == [101, 186, 202, 624]
    # the fresh database exports the very same bytes
    again = tmp_path / "again.xlsx"
    with fresh.reading() as session:
        write_school_workbook(
            session, school=own_school(session), period=get_period(session, "2026"), path=again
        )
    fresh.close()
    assert again.read_bytes() == exported.read_bytes()


def test_an_export_reimports_into_its_own_database_unchanged(
    school_db: Database, exported: Path
) -> None:
    with school_db.transaction() as session:
        plan = plan_import(session, school=own_school(session), path=exported)
    assert plan.problems == []
    assert not plan.has_changes


def test_export_is_deterministic(school_db: Database, exported: Path, tmp_path: Path) -> None:
    second = tmp_path / "second.xlsx"
    with school_db.reading() as session:
        write_school_workbook(
            session, school=own_school(session), period=get_period(session, "2026"), path=second
        )
    assert second.read_bytes() == exported.read_bytes()


def test_user_text_is_never_a_formula(exported: Path) -> None:
    book = openpyxl.load_workbook(exported)
    ws = book["教师"]
    cells = {ws.cell(r, 1).value: ws.cell(r, 1) for r in range(2, ws.max_row + 1)}
    for name in LOOKALIKES:
        assert cells[name].data_type == "s", name
    identity = ws.cell(2, 2)
    assert isinstance(identity.value, str) and len(identity.value) == 18
    assert identity.number_format == "@"
    # and read as data, not formulas, by the importer's own reader
    data = openpyxl.load_workbook(exported, data_only=True)["教师"]
    assert FORMULA_NAME in [data.cell(r, 1).value for r in range(2, data.max_row + 1)]


def test_summary_sheet_holds_the_figures(school_db: Database, exported: Path) -> None:
    figures = _figures(school_db)
    ws = openpyxl.load_workbook(exported)["汇总"]
    by_key = {
        ws.cell(r, 3).value: (ws.cell(r, 1).value, ws.cell(r, 2).value)
        for r in range(2, ws.max_row + 1)
    }
    assert by_key["period"][1] == "2026"
    for key in FIGURE_KEYS:
        if key == "training_person_times":
            by_level = figures[key]
            assert isinstance(by_level, dict)
            for level, count in by_level.items():
                assert by_key[f"{key}.{level}"][1] == count
            continue
        label, value = by_key[key]
        assert label == FIGURE_LABELS[key][0]
        expected = figures[key]
        assert (value if value is None else Decimal(str(value))) == (
            expected if expected is None else Decimal(str(expected))
        )


def test_export_without_summary(school_db: Database, tmp_path: Path) -> None:
    path = tmp_path / "plain.xlsx"
    with school_db.reading() as session:
        write_school_workbook(
            session,
            school=own_school(session),
            period=get_period(session, "2026"),
            path=path,
            include_summary=False,
        )
    assert "汇总" not in openpyxl.load_workbook(path).sheetnames


@pytest.mark.skipif(
    shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed"
)
def test_libreoffice_reads_the_values_as_text(exported: Path, tmp_path: Path) -> None:
    out_dir = tmp_path / "csv"
    # The 12th token -1 writes every sheet to its own file: export-教师.csv, ...
    options = "44,34,76,1,,0,false,true,false,false,false,-1"
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{tmp_path / 'lo-profile'}",
            "--headless",
            "--convert-to",
            f"csv:Text - txt - csv (StarCalc):{options}",
            "--outdir",
            str(out_dir),
            str(exported),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    with (out_dir / "export-教师.csv").open(encoding="utf-8") as f:
        counselors = list(csv.reader(f))
    assert counselors[0][:2] == ["姓名", "身份证号"]
    names = [row[0] for row in counselors[1:]]
    for name in LOOKALIKES:
        assert name in names  # as typed: LibreOffice did not evaluate it
    identities = [row[1] for row in counselors[1:] if row[1]]
    assert identities and all(len(i) == 18 and i[:6] == "532301" for i in identities)
    with (out_dir / "export-辅导室.csv").open(encoding="utf-8") as f:
        rooms = {row[0]: row for row in csv.reader(f)}
    assert rooms["心灵驿站个别辅导室"][1:3] == ["个别辅导室", "18.6"]
    assert rooms["小间甲"][2] == "10.1"
