"""Reading a workbook that someone else made, defensively.

The file is looked at as bytes before any parser sees it (:mod:`cxdesk.workbook.xlsx_parts`:
size, .xls or encrypted, zip limits on the bytes really unpacked, no DTD or entity in any
part), each data sheet's XML is surveyed (:mod:`cxdesk.workbook.sheet_survey`: formulas,
error values, merged ranges, how far its cells reach), and only then are the values read,
by python-calamine (Rust), up to the documented limits.  Formulas, error values, merged
cells and huge strings are refused: the workbook must hold plain values.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cxdesk.i18n import Text
from cxdesk.workbook.layout import (
    DATA_SHEETS,
    MAX_CELL_CHARS,
    MAX_COLUMNS,
    MAX_DATA_ROWS,
    MAX_SCANNED_CELLS,
    MAX_SCANNED_ROWS,
    Sheet,
)
from cxdesk.workbook.problems import Problem
from cxdesk.workbook.sheet_survey import Survey, survey_sheet
from cxdesk.workbook.xlsx_parts import (
    CORRUPT,
    NO_SUCH_PART,
    WorkbookRefused,
    check_parts,
    read_file,
    reason,
    sheet_parts,
    unpack,
)

__all__ = ["UNREADABLE", "RawRow", "RawSheet", "RawWorkbook", "WorkbookRefused", "read_workbook"]

MISSING_SHEET = Text(
    "缺少工作表“{sheet}”。请使用 cxdesk 生成的填报模板，不要删除或改名工作表。",
    "The sheet {sheet} is missing. Use the template cxdesk makes; do not delete or rename sheets.",
)
MISSING_HEADER = Text(
    "第1行缺少表头“{header}”。请不要修改、删除第1行的表头。",
    "Row 1 lacks the header {header}. Do not change or delete the headers in row 1.",
)
DUPLICATE_HEADER = Text("表头“{header}”出现了两次", "The header {header} appears twice")
MERGED_CELLS = Text(
    "含有合并单元格（{ranges}）。请取消合并，每个单元格只填一个值。",
    "It has merged cells ({ranges}). Unmerge them: one value per cell.",
)
FORMULA = Text(
    "是公式（{formula}）。请只填写数值：复制后“选择性粘贴 → 数值”。",
    "holds a formula ({formula}). Enter plain values only (paste special → values).",
)
ERROR_VALUE = Text("是错误值 {value}", "holds the error value {value}")
CELL_TOO_LONG = Text(
    "内容过长（{length} 个字，上限 {limit}）",
    "The text is too long ({length} characters, the limit is {limit})",
)
TOO_MANY_ROWS = Text(
    "行数过多：最多 {limit} 行数据",
    "Too many rows: at most {limit} rows of data",
)
TOO_WIDE = Text(
    "内容分布太广（第 {rows} 行、第 {columns} 列还有单元格）。请删除远处多余的内容后再导入。",
    "Its cells reach too far (row {rows}, column {columns}). Delete what lies far away, "
    "then import it again.",
)

#: Numbers a spreadsheet stores as doubles are whole numbers up to here (2**53).
_EXACT_INTEGERS = 2**53


class _Unreadable:
    """The value of a cell whose problem has been reported already."""

    def __repr__(self) -> str:
        return "UNREADABLE"


#: Stands for a cell that holds a formula, an error value or too long a text.
UNREADABLE: Any = _Unreadable()


@dataclass
class RawRow:
    """One data row: its Excel row number and the cell values by column field."""

    number: int
    values: dict[str, Any]


@dataclass
class RawSheet:
    sheet: Sheet
    #: header text (as written) by field, for the messages
    headers: dict[str, str] = field(default_factory=dict)
    rows: list[RawRow] = field(default_factory=list)
    #: Fields of columns the workbook lacks (added since it was made): keep what is stored.
    absent: set[str] = field(default_factory=set)


@dataclass
class RawWorkbook:
    sheets: dict[str, RawSheet] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


def read_workbook(
    path: Path, content: bytes | None = None, parts: dict[str, bytes] | None = None
) -> RawWorkbook:
    """Every data sheet of the workbook at ``path``, or the problems that stop reading it.

    ``content``, when given, is the file's bytes already in memory (a workbook inside a
    report package); ``path`` then only names it; ``parts`` its parts, when another reader
    with limits of its own has unpacked them already.  Raises :class:`WorkbookRefused` when
    the file as a whole cannot be read.
    """
    if content is None:
        content = read_file(path)
    if parts is None:
        parts = unpack(content)
    else:
        check_parts(content, parts)
    names = sheet_parts(parts)
    book = _open(content)
    try:
        result = RawWorkbook()
        for sheet in DATA_SHEETS:
            part = names.get(sheet.name)
            if part is None:
                result.problems.append(Problem(MISSING_SHEET(sheet=sheet.name), sheet.name))
                continue
            if part not in parts:
                missing = NO_SUCH_PART(sheet=sheet.name, name=part)
                raise WorkbookRefused(Problem(CORRUPT(reason=missing)))
            survey = survey_sheet(parts[part])
            if survey.merged:
                shown = ", ".join(survey.merged[:5]) + (" …" if len(survey.merged) > 5 else "")
                result.problems.append(Problem(MERGED_CELLS(ranges=shown), sheet.name))
                continue
            if survey.rows * survey.columns > MAX_SCANNED_CELLS:
                # Not handed to the reader at all: its grid would fill the memory.
                too_far = (
                    TOO_MANY_ROWS(limit=MAX_DATA_ROWS)
                    if survey.rows > MAX_SCANNED_ROWS
                    else TOO_WIDE(rows=survey.rows, columns=survey.columns)
                )
                result.problems.append(Problem(too_far, sheet.name))
                continue
            raw = _read_sheet(sheet, book.get_sheet_by_name(sheet.name), survey, result.problems)
            if raw is not None:
                result.sheets[sheet.key] = raw
    except WorkbookRefused:
        raise
    except BaseException as exc:
        # calamine raises its own errors for a damaged part, and a Rust panic arrives as
        # a BaseException: either is a damaged file, never a crash.
        if not _is_reader_error(exc):
            raise
        raise WorkbookRefused(Problem(CORRUPT(reason=reason(exc)))) from exc
    finally:
        book.close()
    return result


def _open(content: bytes) -> Any:
    """The workbook in python-calamine (the parts were checked: it parses them next)."""
    # Deferred, as in every reader: python-calamine loads only when a workbook is read.
    from python_calamine import CalamineWorkbook

    try:
        return CalamineWorkbook.from_filelike(io.BytesIO(content))
    except BaseException as exc:
        if not _is_reader_error(exc):
            raise
        raise WorkbookRefused(Problem(CORRUPT(reason=reason(exc)))) from exc


def _is_reader_error(exc: BaseException) -> bool:
    """An error of the reader about the file, not an interruption or a bug of ours."""
    from python_calamine import CalamineError

    if isinstance(exc, CalamineError):
        return True
    # pyo3 turns a panic of the Rust code into pyo3_runtime.PanicException.
    return type(exc).__name__ == "PanicException"


def _normalized_header(value: Any) -> str:
    return str(value).strip().rstrip("*＊").strip() if value is not None else ""


def _read_sheet(
    sheet: Sheet, grid: Any, survey: Survey, problems: list[Problem]
) -> RawSheet | None:
    rows = _rows(grid)
    header_row = _header_row(next(rows, []), survey)
    positions: dict[str, int] = {}
    seen: dict[str, int] = {}
    by_header = {c.header: c for c in sheet.columns}
    for index, value in enumerate(header_row):
        text = _normalized_header(value)
        if not text:
            continue
        if text in seen:
            problems.append(Problem(DUPLICATE_HEADER(header=text), sheet.name, 1))
        seen[text] = index
        if text in by_header:
            positions[by_header[text].field] = index
    missing = [c.header for c in sheet.columns if c.field not in positions and not c.may_be_absent]
    for header in missing:
        problems.append(Problem(MISSING_HEADER(header=header), sheet.name, 1, header))
    if missing:
        return None
    if survey.rows > MAX_SCANNED_ROWS:
        problems.append(Problem(TOO_MANY_ROWS(limit=MAX_DATA_ROWS), sheet.name))
        return None
    raw = RawSheet(sheet, headers={c.field: c.header for c in sheet.columns})
    raw.absent = {c.field for c in sheet.columns if c.field not in positions}
    marked = survey.formulas or survey.errors
    # Each column's field, header and index in the rows (None: a column added since, blank).
    layout = [(c.field, c.header, positions.get(c.field)) for c in sheet.columns]
    for number, cells in enumerate(rows, start=2):
        values: dict[str, Any] = {}
        width = len(cells)
        for name, header, at in layout:
            value = cells[at] if at is not None and at < width else None
            if marked and at is not None:
                place = (number, at + 1)
                if place in survey.formulas or place in survey.errors:
                    values[name] = _marked(survey, place, sheet, header, problems)
                    continue
            # A blank cell (None) is None: only a value is looked at.
            values[name] = (
                None if value is None else _cell_value(value, sheet, number, header, problems)
            )
        if all(v is None for v in values.values()):
            continue
        if len(raw.rows) >= MAX_DATA_ROWS:
            problems.append(Problem(TOO_MANY_ROWS(limit=MAX_DATA_ROWS), sheet.name))
            return None
        raw.rows.append(RawRow(number, values))
    return raw


def _rows(grid: Any) -> Any:
    """The sheet's rows from row 1 and column A, cut at :data:`MAX_COLUMNS`."""
    start = grid.start
    pad = [""] * (start[1] if start else 0)
    for row in grid.iter_rows():
        yield (pad + row)[:MAX_COLUMNS] if pad else row[:MAX_COLUMNS]


def _header_row(values: list[Any], survey: Survey) -> list[Any]:
    """Row 1 as written: a formula or an error value there is its text, never a header."""
    shown = list(values)
    for (row, column), text in [*survey.formulas.items(), *survey.errors.items()]:
        if row == 1 and column <= MAX_COLUMNS:
            shown += [""] * (column - len(shown))
            shown[column - 1] = text
    return shown


def _marked(
    survey: Survey, place: tuple[int, int], sheet: Sheet, header: str, problems: list[Problem]
) -> Any:
    """A cell the survey found a formula or an error value in: its problem."""
    row = place[0]
    formula = survey.formulas.get(place)
    if formula is not None:
        shown = formula if len(formula) <= 40 else formula[:40] + "…"
        problems.append(Problem(FORMULA(formula=shown), sheet.name, row, header))
    else:
        value = survey.errors[place]
        problems.append(Problem(ERROR_VALUE(value=value[:20]), sheet.name, row, header))
    return UNREADABLE


def _cell_value(value: Any, sheet: Sheet, row: int, header: str, problems: list[Problem]) -> Any:
    """The plain value of a cell (None when blank)."""
    if isinstance(value, str):
        if len(value) > MAX_CELL_CHARS:
            problems.append(
                Problem(
                    CELL_TOO_LONG(length=len(value), limit=MAX_CELL_CHARS), sheet.name, row, header
                )
            )
            return UNREADABLE
        return value.strip() or None
    if type(value) is float and value.is_integer() and abs(value) < _EXACT_INTEGERS:
        # A spreadsheet keeps every number as a double: 12 is written "12" and read 12.0.
        return int(value)
    return value
