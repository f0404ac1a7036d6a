"""The workbook inside a package, as a clerk's spreadsheet program sees it.

User text that looks like a formula stays text; LibreOffice (headless, converting every
sheet to CSV) shows every value intact, Chinese included.  Skipped when LibreOffice is
not installed (``apt-get install libreoffice-calc-nogui``).
"""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from cxdesk.exchange.verify import verify_package
from cxdesk.exchange.workbook_check import package_workbook
from cxdesk.services.counselors import add_counselor
from cxdesk.services.records import CounselorInput, RoomInput
from cxdesk.services.rooms import add_room
from cxdesk.services.setup import own_school
from cxdesk.storage.db import Database
from tests.exchange.conftest import SCHOOL, export_once
from tests.sample_bureaus import open_as

FORMULA_NAME = '=HYPERLINK("http://x","y")'
TRICKY = {
    "counselor": [FORMULA_NAME, "+SUM(1,2)", "-2+3", "@cmd"],
    "room": ["=1+1 彝族团体活动室"],
}


@pytest.fixture
def tricky_package(registered_db: Database, tmp_path: Path, sample_bureaus: Path) -> bytes:
    with registered_db.transaction() as session:
        school = own_school(session)
        for name in TRICKY["counselor"]:
            add_counselor(
                session,
                school_id=school.id,
                data=CounselorInput(
                    name=name,
                    post_type="part_time",
                    main_subject="math",
                    birth_date=date(1990, 1, 1),
                ),
            )
        for name in TRICKY["room"]:
            add_room(session, school_id=school.id, data=RoomInput(name, "group", 300))
    result = export_once(registered_db, tmp_path / "usb")
    package = verify_package(result.path)
    return package_workbook(open_as(sample_bureaus, "532301", package))


def _all_cells(book: openpyxl.Workbook) -> list[openpyxl.cell.Cell]:
    return [cell for ws in book.worksheets for row in ws.iter_rows() for cell in row]


def test_formula_like_names_come_back_as_the_exact_text(tricky_package: bytes) -> None:
    book = openpyxl.load_workbook(io.BytesIO(tricky_package))
    cells = _all_cells(book)
    assert not [c.coordinate for c in cells if c.data_type == "f"]  # no formula anywhere
    texts = {c.value for c in cells if c.data_type == "s"}
    for value in TRICKY["counselor"] + TRICKY["room"]:
        assert value in texts


def _soffice_csv(xlsx: Path, out: Path) -> dict[str, list[list[str]]]:
    """Every sheet of ``xlsx`` as CSV rows, converted by LibreOffice headless."""
    profile = out / "lo-profile"
    # Filter options: comma, double quote, UTF-8, from line 1, ..., cell formulas NOT
    # exported (a formula would show its result), and the last token -1: every sheet.
    options = "44,34,76,1,,0,false,true,true,false,false,-1"
    run = subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            f"csv:Text - txt - csv (StarCalc):{options}",
            "--outdir",
            str(out),
            str(xlsx),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    sheets = {}
    for path in out.glob(f"{xlsx.stem}*.csv"):
        sheet = path.stem[len(xlsx.stem) :].lstrip("-") or "?"
        with open(path, encoding="utf-8", newline="") as f:
            sheets[sheet] = list(csv.reader(f))
    assert sheets, run.stdout + run.stderr
    return sheets


@pytest.mark.skipif(
    shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed"
)
def test_libreoffice_shows_every_value_intact(tricky_package: bytes, tmp_path: Path) -> None:
    xlsx = tmp_path / "workbook.xlsx"
    xlsx.write_bytes(tricky_package)
    sheets = _soffice_csv(xlsx, tmp_path)
    book = openpyxl.load_workbook(io.BytesIO(tricky_package))
    shown = {value for rows in sheets.values() for row in rows for value in row}
    # Every text cell of the workbook, Chinese names, identity numbers as 18 characters
    # (not 1.1E+17), the formula-like names as typed.
    texts = [c.value for c in _all_cells(book) if c.data_type == "s" and c.value]
    missing = [t for t in texts if str(t) not in shown]
    assert not missing, missing[:10]
    for value in TRICKY["counselor"] + TRICKY["room"] + [SCHOOL, "楚雄市鹿城小学"]:
        assert value in shown
    identity_numbers = [v for v in shown if len(v) == 18 and v[:17].isdigit()]
    assert len(identity_numbers) >= 7
    # Numbers come through as numbers: the rooms' areas.
    assert {"18.6", "62.4", "30"} <= shown or {"18.6", "62.4", "30.0"} <= shown
