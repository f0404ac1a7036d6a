"""Issue 17: each data sheet's rows are typed, and the types name exactly the sheet's
columns, with the type its column's kind parses to."""

from __future__ import annotations

import typing
from datetime import date
from pathlib import Path

from cxdesk.workbook.layout import DATA_SHEETS, Kind
from cxdesk.workbook.plan import _parse
from cxdesk.workbook.reading import read_workbook
from cxdesk.workbook.sheet_rows import VALUES_OF_SHEET
from cxdesk.workbook.template import write_template
from tests.workbook.conftest import fill
from tests.workbook.test_end_to_end import filled_rows

#: What each kind of column parses to (cxdesk.workbook.values).
PARSED: dict[Kind, type] = {
    Kind.TEXT: str,
    Kind.CODE_TEXT: str,
    Kind.CHOICE: str,
    Kind.IDENTITY: str,
    Kind.YES_NO: bool,
    Kind.INTEGER: int,
    Kind.AREA: int,
    Kind.DATE: date,
}


def test_every_sheet_has_its_typed_values_naming_its_columns() -> None:
    assert set(VALUES_OF_SHEET) == {sheet.key for sheet in DATA_SHEETS}
    for sheet in DATA_SHEETS:
        hints = typing.get_type_hints(VALUES_OF_SHEET[sheet.key])
        assert list(hints) == [c.field for c in sheet.columns], sheet.key
        for column in sheet.columns:
            assert hints[column.field] == PARSED[column.kind] | None, (sheet.key, column.field)


def test_the_rows_read_carry_exactly_those_values(tmp_path: Path) -> None:
    template = tmp_path / "template.xlsx"
    write_template(template)
    filled = fill(template, tmp_path / "filled.xlsx", filled_rows())
    raw = read_workbook(filled)
    assert set(raw.sheets) == set(VALUES_OF_SHEET)
    for key, sheet in raw.sheets.items():
        rows = _parse(sheet, [])
        assert rows, key
        hints = typing.get_type_hints(VALUES_OF_SHEET[key])
        for row in rows:
            assert list(row.values) == list(hints)
            for field, value in row.values.items():
                assert value is None or isinstance(value, PARSED_OF[key][field]), (key, field)


PARSED_OF = {sheet.key: {c.field: PARSED[c.kind] for c in sheet.columns} for sheet in DATA_SHEETS}
