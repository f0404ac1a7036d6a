"""Building a workbook in the layout: headers, drop-downs, formats, rows, and saving it.

The template is this workbook with no rows; the export is the same workbook with the
school's data, so an export always imports again.  Values a user typed are written as
text cells whatever they start with (``=``, ``+``, ``-``, ``@``): a name is never a formula.
Saving is deterministic (fixed times inside the file) and atomic (a temporary file that
replaces the target), so a power cut never leaves half a workbook.
"""

from __future__ import annotations

import io
import os
import re
import tempfile
import zipfile
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from cxdesk.errors import InputError
from cxdesk.i18n import Text
from cxdesk.workbook.instructions import write_instructions
from cxdesk.workbook.layout import (
    DATA_SHEETS,
    INSTRUCTIONS_SHEET,
    LISTS_SHEET,
    TEMPLATE_ROWS,
    Column,
    Kind,
    Sheet,
    coded_lists,
)

CANNOT_WRITE = Text(
    "无法保存“{path}”：{reason}。请检查文件夹是否存在、文件是否正在 Excel/WPS 中打开、U盘是否已写保护。",
    "Cannot save {path}: {reason}. Check that the folder exists, the file is not open in "
    "Excel/WPS and the USB stick is not write-protected.",
)
DATE_FORMAT = "yyyy-mm-dd"
AREA_FORMAT = "0.0"
TEXT_FORMAT = "@"
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
REQUIRED_FONT = Font(bold=True, color="C00000")
HEADER_FONT = Font(bold=True)
#: The time written inside every file cxdesk makes unless told otherwise (zip entries
#: cannot go before 1980): the same data always gives the same bytes.
FIXED_TIME = datetime(1980, 1, 1)


def new_workbook(*, data_rows: int = TEMPLATE_ROWS) -> Workbook:
    """The layout with empty data sheets; drop-downs and formats cover ``data_rows`` rows."""
    book = Workbook()
    instructions = book.active
    assert instructions is not None
    instructions.title = INSTRUCTIONS_SHEET
    write_instructions(instructions)
    lists = _write_lists(book)
    for sheet in DATA_SHEETS:
        _write_sheet(book.create_sheet(sheet.name), sheet, lists, max(data_rows, TEMPLATE_ROWS))
    book.move_sheet(LISTS_SHEET, offset=len(book.sheetnames))
    return book


def _write_lists(book: Workbook) -> dict[str, str]:
    """The hidden sheet of drop-down lists; returns each list's range by code-list name."""
    ws = book.create_sheet(LISTS_SHEET)
    ws.sheet_state = "hidden"
    ranges: dict[str, str] = {}
    for n, codes in enumerate(coded_lists(), start=1):
        letter = get_column_letter(n)
        ws.cell(1, n, codes.name)
        for row, choice in enumerate(codes, start=2):
            ws.cell(row, n, choice.zh)
        ranges[codes.name] = (
            f"{quote_sheetname(LISTS_SHEET)}!${letter}$2:${letter}${len(codes) + 1}"
        )
        # a name per list, so that a person editing the drop-down sees what it is
        book.defined_names[f"list_{codes.name}"] = DefinedName(
            f"list_{codes.name}", attr_text=ranges[codes.name]
        )
    return ranges


def _write_sheet(ws: Worksheet, sheet: Sheet, lists: dict[str, str], rows: int) -> None:
    for n, column in enumerate(sheet.columns, start=1):
        cell = ws.cell(1, n, column.header)
        cell.data_type = "s"
        cell.font = REQUIRED_FONT if column.required else HEADER_FONT
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(vertical="center", wrap_text=True)
        letter = get_column_letter(n)
        dimension = ws.column_dimensions[letter]
        dimension.width = column.width
        number_format = _number_format(column)
        if number_format:
            dimension.number_format = number_format
        if column.codes is not None:
            validation = DataValidation(
                type="list",
                formula1=lists[column.codes.name],
                allow_blank=True,
                showErrorMessage=True,
                errorTitle="请从下拉列表中选择",
                error=f"“{column.header}”请从下拉列表中选择",
            )
            validation.add(f"{letter}2:{letter}{rows + 1}")
            ws.add_data_validation(validation)
    ws.freeze_panes = "A2"
    ws.row_dimensions[1].height = 30


def _number_format(column: Column) -> str | None:
    if column.kind in (Kind.IDENTITY, Kind.CODE_TEXT, Kind.TEXT):
        return TEXT_FORMAT
    if column.kind is Kind.DATE:
        return DATE_FORMAT
    if column.kind is Kind.AREA:
        return AREA_FORMAT
    return None


def write_rows(ws: Worksheet, sheet: Sheet, rows: list[dict[str, Any]]) -> None:
    """Write ``rows`` (values by column field, typed as the importer returns them)."""
    for r, values in enumerate(rows, start=2):
        for n, column in enumerate(sheet.columns, start=1):
            write_cell(ws, r, n, column, values.get(column.field))


def write_cell(ws: Worksheet, row: int, col: int, column: Column, value: Any) -> None:
    if value is None:
        return
    cell = ws.cell(row, col)
    if column.kind is Kind.AREA:
        cell.value = Decimal(int(value)) / 10
        cell.number_format = AREA_FORMAT
    elif column.kind is Kind.DATE:
        cell.value = value
        cell.number_format = DATE_FORMAT
    elif column.kind is Kind.INTEGER:
        cell.value = int(value)
    elif column.kind in (Kind.CHOICE, Kind.YES_NO):
        assert column.codes is not None
        code = ("yes" if value else "no") if column.kind is Kind.YES_NO else value
        text_cell(cell, column.codes.label(code))
    else:
        text_cell(cell, str(value))
        cell.number_format = TEXT_FORMAT


def text_cell(cell: Any, text: str) -> None:
    """A string cell, never a formula, whatever the text starts with."""
    cell.value = ILLEGAL_CHARACTERS_RE.sub("", text)
    # openpyxl takes a str beginning with "=" for a formula; the data type says it is not.
    cell.data_type = "s"


def workbook_bytes(book: Workbook, *, timestamp: datetime = FIXED_TIME) -> bytes:
    """The xlsx file, deterministically: same content, same bytes (made in memory)."""
    book.properties.creator = "cxdesk"
    book.properties.lastModifiedBy = "cxdesk"
    book.properties.created = timestamp
    buffer = io.BytesIO()
    book.save(buffer)
    return _fixed_times(buffer.getvalue(), timestamp)


def save_workbook(book: Workbook, path: Path, *, timestamp: datetime = FIXED_TIME) -> None:
    """Save deterministically and atomically: same content, same bytes; never half a file."""
    data = workbook_bytes(book, timestamp=timestamp)
    path = Path(path)
    # mkstemp makes the file private (0600); a workbook is for sharing, so give it the
    # mode of the file it replaces, else the usual rw-r--r--.
    try:
        _write_atomically(path, data)
    except OSError as exc:
        raise InputError(CANNOT_WRITE(path=path, reason=exc.strerror or exc)) from exc


def _write_atomically(path: Path, data: bytes) -> None:
    mode = path.stat().st_mode & 0o777 if path.exists() else 0o644
    fd, temporary = tempfile.mkstemp(prefix=".cxdesk-", suffix=".xlsx", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


_MODIFIED = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)")


def _fixed_times(data: bytes, timestamp: datetime) -> bytes:
    """The zip again with fixed entry times and the document's modified time fixed."""
    stamp = timestamp.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            content = source.read(info)
            if info.filename == "docProps/core.xml":
                content = _MODIFIED.sub(rb"\g<1>" + stamp + rb"\g<2>", content)
            fixed = zipfile.ZipInfo(info.filename, date_time=timestamp.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o600 << 16
            target.writestr(fixed, content)
    return out.getvalue()
