"""docs/workbook.md describes the layout the code has."""

from __future__ import annotations

from pathlib import Path

from cxdesk.workbook import layout

DOC = Path(__file__).resolve().parents[2] / "docs" / "workbook.md"


def test_every_sheet_and_column_is_documented() -> None:
    text = DOC.read_text(encoding="utf-8")
    for sheet in layout.DATA_SHEETS:
        assert f"### {sheet.name} ({sheet.name_en})" in text
        for column in sheet.columns:
            row = f"| {column.header} | {column.header_en} |"
            assert row in text, row
            line = next(line for line in text.splitlines() if line.startswith(row))
            assert ("| yes |" in line) == column.required, line


def test_limits_are_documented() -> None:
    text = DOC.read_text(encoding="utf-8")
    assert f"{layout.MAX_DATA_ROWS:,}" in text
    assert f"{layout.MAX_SCANNED_ROWS:,}" in text
    assert f"{layout.MAX_CELL_CHARS:,}" in text
    assert f"{layout.MAX_FILE_BYTES // 2**20} MB" in text
