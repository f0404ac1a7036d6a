"""The empty template: what a person sees when they open it in Excel or WPS."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from cxdesk.storage.db import Database
from cxdesk.workbook import write_template
from cxdesk.workbook.layout import DATA_SHEETS, LISTS_SHEET, Kind


@pytest.fixture(scope="module")
def book(tmp_path_factory: pytest.TempPathFactory) -> openpyxl.Workbook:
    path = tmp_path_factory.mktemp("template") / "template.xlsx"
    write_template(path)
    return openpyxl.load_workbook(path)


def test_sheets_in_order(book: openpyxl.Workbook) -> None:
    assert book.sheetnames == [
        "说明",
        "学校",
        "教师",
        "证书",
        "辅导室",
        "培训",
        "参训",
        LISTS_SHEET,
    ]
    assert book[LISTS_SHEET].sheet_state == "hidden"


def test_headers_widths_and_frozen_row(book: openpyxl.Workbook) -> None:
    for sheet in DATA_SHEETS:
        ws = book[sheet.name]
        assert [c.value for c in ws[1]] == [c.header for c in sheet.columns]
        assert ws.freeze_panes == "A2"
        for n, column in enumerate(sheet.columns, start=1):
            letter = openpyxl.utils.get_column_letter(n)
            assert ws.column_dimensions[letter].width == column.width
            assert ws.cell(1, n).font.b
            # required headers are red
            color = ws.cell(1, n).font.color
            assert (color is not None and color.rgb == "00C00000") == column.required


def test_every_coded_column_has_a_drop_down_of_its_labels(book: openpyxl.Workbook) -> None:
    lists = book[LISTS_SHEET]
    for sheet in DATA_SHEETS:
        ws = book[sheet.name]
        validations = {
            str(ref).split(":")[0].rstrip("0123456789"): dv
            for dv in ws.data_validations.dataValidation
            for ref in dv.sqref.ranges
        }
        for n, column in enumerate(sheet.columns, start=1):
            letter = openpyxl.utils.get_column_letter(n)
            if column.codes is None:
                assert letter not in validations
                continue
            dv = validations[letter]
            assert dv.type == "list"
            assert f"{letter}2:{letter}1001" in str(dv.sqref)
            target = dv.formula1.split("!")[1].replace("$", "")
            labels = [c.value for row in lists[target] for c in row]
            assert labels == [c.zh for c in column.codes]


def test_identity_phone_and_date_columns_are_formatted(book: openpyxl.Workbook) -> None:
    for sheet in DATA_SHEETS:
        ws = book[sheet.name]
        for n, column in enumerate(sheet.columns, start=1):
            fmt = ws.column_dimensions[openpyxl.utils.get_column_letter(n)].number_format
            if column.kind in (Kind.IDENTITY, Kind.CODE_TEXT):
                assert fmt == "@", column.header
            elif column.kind is Kind.DATE:
                assert fmt == "yyyy-mm-dd", column.header


def test_instructions_explain_each_sheet_and_column(book: openpyxl.Workbook) -> None:
    text = "\n".join(
        str(c.value) for row in book["说明"].iter_rows() for c in row if c.value is not None
    )
    for sheet in DATA_SHEETS:
        assert f"“{sheet.name}”表" in text
        for column in sheet.columns:
            assert column.header in text
    assert "按身份证号对应已有教师" in text
    assert "必填" in text
    assert "不要使用公式、合并单元格" in text


def test_template_is_deterministic(tmp_path: Path) -> None:
    write_template(tmp_path / "a.xlsx")
    write_template(tmp_path / "b.xlsx")
    assert (tmp_path / "a.xlsx").read_bytes() == (tmp_path / "b.xlsx").read_bytes()


def test_template_imports_as_nothing(school_db: Database, tmp_path: Path) -> None:
    from cxdesk.services.setup import own_school
    from cxdesk.workbook import plan_import

    write_template(tmp_path / "t.xlsx")
    with school_db.reading() as session:
        plan = plan_import(session, school=own_school(session), path=tmp_path / "t.xlsx")
    assert plan.problems == []
    assert plan.changes == []


def test_a_template_that_cannot_be_written_says_why(tmp_path: Path) -> None:
    from cxdesk.cli import main

    target = tmp_path / "no-such-folder" / "t.xlsx"
    assert main(["template", str(target), "--db", str(tmp_path / "x.db")]) == 2
    assert not target.exists()
    assert list(tmp_path.glob("**/.cxdesk-*")) == []
