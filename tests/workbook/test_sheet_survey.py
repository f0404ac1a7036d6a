"""The survey of a worksheet part: what it finds, and that its extent covers the grid the
reader builds."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from python_calamine import CalamineWorkbook

from cxdesk.workbook.sheet_survey import Survey, _plain_survey, _survey_tags, survey_sheet
from cxdesk.workbook.template import write_template
from cxdesk.workbook.xlsx_parts import WorkbookRefused, sheet_parts, unpack
from tests.workbook.conftest import fill
from tests.workbook.test_end_to_end import filled_rows
from tests.workbook.xlsx_writer import Options, write_workbook


def _real_workbooks(tmp_path: Path) -> list[bytes]:
    """The template, the template filled by openpyxl, and two workbooks written as other
    producers write them (shared strings; inline strings with empty styled cells)."""
    template = tmp_path / "template.xlsx"
    write_template(template)
    filled = fill(template, tmp_path / "filled.xlsx", filled_rows())
    return [
        template.read_bytes(),
        filled.read_bytes(),
        write_workbook(filled_rows()),
        write_workbook(filled_rows(), Options(strings="inline", empty_cells=True)),
    ]


def test_the_extent_covers_what_the_reader_reads(tmp_path: Path) -> None:
    workbooks = _real_workbooks(tmp_path)
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


def test_the_quick_survey_agrees_with_the_walk(tmp_path: Path) -> None:
    """Parts written as spreadsheet programs write them are surveyed without walking their
    tags (issue 16); the result is the walk's, to the cell."""
    workbooks = _real_workbooks(tmp_path)
    quick = 0
    for content in workbooks:
        parts = unpack(content)
        for part in sheet_parts(parts).values():
            plain = _plain_survey(parts[part])
            if plain is not None:
                quick += 1
                assert plain == _survey_tags(parts[part])
            assert survey_sheet(parts[part]) == _survey_tags(parts[part])
    assert quick > 0  # the quick survey is really taken


@pytest.mark.parametrize(
    "sheet",
    [
        # A formula, an error value, a merged range: only the walk finds their cells.
        _sheet('<c r="B2"><f>1+1</f><v>2</v></c>'),
        _sheet('<c r="C2" t="e"><v>#N/A</v></c>'),
        b'<worksheet><sheetData/><mergeCells><mergeCell ref="A1:B2"/></mergeCells></worksheet>',
        # A cell or row without its reference is placed after the one before it.
        _sheet('<c r="A2"><v>1</v></c><c><v>2</v></c>'),
        b'<worksheet><sheetData><row><c r="A1"/></row></sheetData></worksheet>',
        # Written otherwise: a prefix, another order, single quotes, an attribute twice.
        _sheet('<x:c r="E2"><v>1</v></x:c>'),
        _sheet('<c s="1" r="E2"><v>1</v></c>'),
        _sheet("<c r='E2'><v>1</v></c>"),
        b'<worksheet><sheetData><row r="1" ht="2" ht="3"><c r="A1"/></row></sheetData></worksheet>',
        b'<worksheet><sheetData><row r="1" r="9"><c r="A1"/></row></sheetData></worksheet>',
    ],
    ids=[
        "formula",
        "error",
        "merged",
        "cell-without-reference",
        "row-without-reference",
        "prefixed",
        "other-order",
        "single-quotes",
        "attribute-twice",
        "reference-twice",
    ],
)
def test_the_quick_survey_leaves_the_rest_to_the_walk(sheet: bytes) -> None:
    assert _plain_survey(sheet) is None


def test_the_quick_survey_counts_cells_far_away() -> None:
    """A cell far below or right of the others, even in a comment, bounds the grid."""
    far = _sheet('<c r="A2"><v>1</v></c><!-- <c r="XFD1048576"/> -->')
    assert _plain_survey(far) == Survey(rows=1048576, columns=16384) == _survey_tags(far)
