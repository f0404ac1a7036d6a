"""Issue 11, point 6: what people see cannot lie.

A stranger's package whose sender name carries a right-to-left override that makes it
read "（已核对备案表，指纹一致）", and school names that look like formulas: the command
line, the workbooks and (tests/ui_bureau) the desktop app show them escaped, as text.
"""

from __future__ import annotations

import csv
import shutil
import subprocess
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from cxdesk.bureau.board import completeness_board
from cxdesk.bureau.collect import collect
from cxdesk.bureau.excel import write_board_xlsx, write_summary_xlsx
from cxdesk.bureau.register import register_entries, save_register_entry, write_register_xlsx
from cxdesk.bureau.summary import bureau_summary
from cxdesk.cli import main
from cxdesk.exchange.trust import find_key
from cxdesk.services.periods import get_period
from cxdesk.storage.db import Database

from .conftest import COUNTY, Schools
from .crafting import new_signer, recraft, write

#: Shown left to right after U+202E, the end reads "（已核对备案表，指纹一致）".
LYING_NAME = "鹿城小学\u202e）致一纹指，表案备对核已（"
FORMULA_NAMES = ['=HYPERLINK("http://x","点我")', "+SUM(1,2)", "-2+3", "@cmd"]


def test_a_strangers_lying_name_is_shown_escaped_on_the_command_line(
    county_db: Database, schools: Schools, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    school = schools.in_county()[0]
    with county_db.transaction() as session:
        key = find_key(session, school.fingerprint)
        assert key is not None
        session.delete(key)
    lying = recraft(
        school.package.read_bytes(),
        new_signer(),
        manifest=lambda m: m["sender"].update(name=LYING_NAME),
    )
    path = write(tmp_path / "stick" / "p.cxpkg", lying)
    db = str(county_db.path)
    capsys.readouterr()
    assert main(["--db", db, "collect", str(path.parent)]) == 1
    out = capsys.readouterr().out
    assert "\u202e" not in out and "<U+202E>" in out
    assert main(["--db", db, "held", "list"]) == 0
    out = capsys.readouterr().out
    assert "\u202e" not in out
    # The name is quoted after its label; the reason is on its own labelled line.
    sender = next(line for line in out.splitlines() if "发送方（包内自称）" in line)
    assert "“鹿城小学<U+202E>）致一纹指，表案备对核已（”" in sender
    assert any(line.strip().startswith("待确认原因：") for line in out.splitlines())


def _register(session: Any, names: list[str]) -> None:
    """Schools of this county with these names in the register (typed by the clerk)."""
    for n, name in enumerate(names):
        save_register_entry(
            session,
            row={
                "code": f"21530999{n:02d}",
                "name": name,
                "county_code": COUNTY,
                "kind": "primary",
            },
        )


def test_bureau_workbooks_keep_formula_like_names_as_text_and_hide_nothing(
    county_db: Database, schools: Schools, usb: Path, tmp_path: Path
) -> None:
    collect(county_db, [usb / b.package.name for b in schools.in_county()])
    with county_db.transaction() as session:
        _register(session, [*FORMULA_NAMES, "牟定\u200b第一\u202e小学"])
        board = completeness_board(session, period_label="2026")
        summary = bureau_summary(session, period=get_period(session, "2026"), group_by="school")
        rows = register_entries(session)
    write_board_xlsx(tmp_path / "board.xlsx", board)
    write_register_xlsx(tmp_path / "register.xlsx", rows)
    write_summary_xlsx(tmp_path / "summary.xlsx", summary, group_by="school")
    for name in ("board.xlsx", "register.xlsx", "summary.xlsx"):
        book = openpyxl.load_workbook(tmp_path / name)
        cells = [c for sheet in book.worksheets for row in sheet.iter_rows() for c in row]
        texts = [c for c in cells if isinstance(c.value, str)]
        assert all(c.data_type == "s" for c in texts), name
        for formula in FORMULA_NAMES:
            found = [c for c in texts if c.value == formula]
            assert found, (name, formula)
            assert all(c.quotePrefix for c in found), (name, formula)
        assert not any("\u202e" in c.value or "\u200b" in c.value for c in texts), name
        assert any(c.value == "牟定<U+200B>第一<U+202E>小学" for c in texts), name
        assert not any(c.quotePrefix for c in texts if not c.value.startswith(("=", "+", "-", "@")))


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_reads_the_board_names_as_text(
    county_db: Database, schools: Schools, usb: Path, tmp_path: Path
) -> None:
    with county_db.transaction() as session:
        _register(session, FORMULA_NAMES)
        board = completeness_board(session, period_label="2026")
    write_board_xlsx(tmp_path / "board.xlsx", board)
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{tmp_path / 'lo-profile'}",
            "--headless",
            "--convert-to",
            "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1",
            "--outdir",
            str(tmp_path / "csv"),
            str(tmp_path / "board.xlsx"),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    texts = set()
    for path in (tmp_path / "csv").glob("*.csv"):
        with open(path, encoding="utf-8") as f:
            texts |= {cell for row in csv.reader(f) for cell in row}
    for formula in FORMULA_NAMES:
        assert formula in texts  # not "点我", not 3, not 1
    assert "点我" not in texts and "3" not in texts
