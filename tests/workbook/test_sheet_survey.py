"""The survey of a worksheet part: what it finds, and that its extent covers the grid the
reader builds."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from python_calamine import CalamineWorkbook

from cxdesk.workbook.sheet_survey import Survey, survey_sheet
from cxdesk.workbook.template import write_template
from cxdesk.workbook.xlsx_parts import WorkbookRefused, sheet_parts, unpack
from tests.workbook.conftest import fill
from tests.workbook.test_end_to_end import filled_rows
from tests.workbook.xlsx_writer import Options, write_workbook


def test_the_extent_covers_what_the_reader_reads(tmp_path: Path) -> None:
    template = tmp_path / "template.xlsx"
    write_template(template)
    filled = fill(template, tmp_path / "filled.xlsx", filled_rows())
    workbooks = [
        template.read_bytes(),
        filled.read_bytes(),
        write_workbook(filled_rows()),
        write_workbook(filled_rows(), Options(strings="inline", empty_cells=True)),
    ]
    for content in workbooks:
        parts = unpack(content)
        book = CalamineWorkbook.from_filelike(io.BytesIO(content))
        for name, part in sheet_parts(parts).items():
            survey = survey_sheet(parts[part])
            assert not survey.formulas and not survey.errors and not survey.merged
            end = book.get_sheet_by_name(name).end
            if end is not None:
                assert survey.rows >= end[0] + 1 and survey.columns >= end[1] + 1, name


def _sheet(cells: str) -> bytes:
    return f'<worksheet><sheetData><row r="2">{cells}</row></sheetData></worksheet>'.encode()


@pytest.mark.parametrize(
    ("cells", "expected"),
    [
        ('<c r="B2"><f>1+1</f><v>2</v></c>', Survey(formulas={(2, 2): "=1+1"}, rows=2, columns=2)),
        ('<c r="C2" t="e"><v>#N/A</v></c>', Survey(errors={(2, 3): "#N/A"}, rows=2, columns=3)),
        (
            '<c r="C2" t="e"></c><c r="D2"><v>5</v></c>',
            Survey(errors={(2, 3): ""}, rows=2, columns=4),
        ),
        ("<c r='D4'><v>1</v></c>", Survey(rows=4, columns=4)),
        ('<x:c r="E2"><x:f>A1</x:f></x:c>', Survey(formulas={(2, 5): "=A1"}, rows=2, columns=5)),
        # Without references each cell follows the one before: an upper bound.
        ("<c><v>1</v></c><c><v>2</v></c>", Survey(rows=2, columns=4)),
        ('<c r="E5"><v>1</v></c><c><v>2</v></c>', Survey(rows=5, columns=7)),
    ],
    ids=[
        "formula",
        "error",
        "error-without-value",
        "single-quotes",
        "prefixed",
        "no-references",
        "reference-then-none",
    ],
)
def test_what_the_survey_finds(cells: str, expected: Survey) -> None:
    assert survey_sheet(_sheet(cells)) == expected


@pytest.mark.parametrize(
    "cells",
    [
        '<c r="ZZZZ2"><v>1</v></c>',
        '<c r="A0"><v>1</v></c>',
        '<c note="a>b" r="XFD2"><v>1</v></c>',
        '<c r="A2" r="XFD2"><v>1</v></c>',
    ],
    ids=["not-a-column", "row-zero", "quote-left-open", "twice"],
)
def test_what_the_survey_refuses(cells: str) -> None:
    with pytest.raises(WorkbookRefused):
        survey_sheet(_sheet(cells))
