"""The survey of a worksheet part: its quick path agrees with the tag-by-tag one."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from cxdesk.workbook.sheet_survey import Survey, _plain_survey, _tag_by_tag, survey_sheet
from cxdesk.workbook.template import write_template
from tests.workbook.conftest import fill
from tests.workbook.test_end_to_end import filled_rows
from tests.workbook.xlsx_writer import Options, write_workbook


def _sheets(content: bytes) -> list[bytes]:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return [archive.read(n) for n in archive.namelist() if n.startswith("xl/worksheets/")]


@pytest.fixture
def workbooks(tmp_path: Path) -> list[bytes]:
    template = tmp_path / "template.xlsx"
    write_template(template)
    filled = fill(template, tmp_path / "filled.xlsx", filled_rows())
    return [
        template.read_bytes(),
        filled.read_bytes(),
        write_workbook(filled_rows()),
        write_workbook(filled_rows(), Options(strings="inline", empty_cells=True)),
    ]


def test_the_quick_survey_takes_the_usual_files_and_agrees(workbooks: list[bytes]) -> None:
    for content in workbooks:
        for sheet in _sheets(content):
            quick = _plain_survey(sheet)
            assert quick is not None, sheet[:300]
            assert quick == _tag_by_tag(sheet)


@pytest.mark.parametrize(
    ("cells", "expected"),
    [
        ('<c r="B2"><f>1+1</f><v>2</v></c>', Survey(formulas={(2, 2): "=1+1"}, rows=2, columns=2)),
        ('<c r="C3" t="e"><v>#N/A</v></c>', Survey(errors={(3, 3): "#N/A"}, rows=3, columns=3)),
        ("<c r='D4'><v>1</v></c>", Survey(rows=4, columns=4)),
        ("<c><v>1</v></c><c><v>2</v></c>", Survey(rows=2, columns=4)),  # an upper bound
        ('<c r="E5"><v>1</v></c><c><v>2</v></c>', Survey(rows=5, columns=7)),
    ],
    ids=["formula", "error", "single-quotes", "no-references", "reference-then-none"],
)
def test_what_the_quick_survey_leaves_to_the_tag_by_tag_one(cells: str, expected: Survey) -> None:
    sheet = f'<worksheet><sheetData><row r="2">{cells}</row></sheetData></worksheet>'.encode()
    assert _plain_survey(sheet) is None
    assert survey_sheet(sheet) == expected
