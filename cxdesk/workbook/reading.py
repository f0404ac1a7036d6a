"""Reading a workbook that someone else made, defensively.

The file is looked at before openpyxl sees it: its size, whether it is an old .xls or an
encrypted (password-protected) file, whether the zip would unpack to something huge.  Then
openpyxl reads it in read-only mode with defusedxml active (no XML entity tricks), and each
sheet is read row by row up to the documented limits.  Formulas, error values, merged cells
and huge strings are refused: the workbook must hold plain values.
"""

from __future__ import annotations

import io
import re
import warnings
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import openpyxl

from cxdesk.errors import InputError
from cxdesk.i18n import Text
from cxdesk.workbook.layout import (
    DATA_SHEETS,
    MAX_CELL_CHARS,
    MAX_COLUMNS,
    MAX_DATA_ROWS,
    MAX_FILE_BYTES,
    MAX_SCANNED_ROWS,
    MAX_UNCOMPRESSED_BYTES,
    MAX_ZIP_ENTRIES,
    Sheet,
)
from cxdesk.workbook.problems import Problem

NO_DEFUSEDXML = Text(
    "无法安全读取 Excel 文件：缺少 defusedxml 组件（或已被 OPENPYXL_DEFUSEDXML 关闭）。请重新安装 cxdesk。",
    "Cannot read Excel files safely: defusedxml is missing (or switched off by "
    "OPENPYXL_DEFUSEDXML). Reinstall cxdesk.",
)
CANNOT_READ = Text("无法读取文件“{path}”：{reason}", "Cannot read the file {path}: {reason}")
TOO_BIG = Text(
    "文件太大（{size} MB，上限 {limit} MB），不像是一所学校的填报表",
    "The file is too big ({size} MB, the limit is {limit} MB) for a school's workbook",
)
EMPTY_FILE = Text("文件是空的", "The file is empty")
IS_XLS = Text(
    "这是旧版 Excel（.xls）文件。请在 Excel 或 WPS 中打开，“另存为” Excel 工作簿（.xlsx）后再导入。",
    "This is an old Excel (.xls) file. Open it in Excel or WPS and save it as an Excel "
    "workbook (.xlsx), then import that.",
)
IS_ENCRYPTED = Text(
    "文件设置了打开密码（已加密），无法读取。请在 Excel 或 WPS 中取消密码后另存，再导入。",
    "The file is protected by a password (encrypted). Remove the password in Excel or WPS, "
    "save it, then import it.",
)
NOT_XLSX = Text(
    "文件不是 Excel 工作簿（.xlsx）。请使用 cxdesk 生成的填报模板。",
    "The file is not an Excel workbook (.xlsx). Use the template that cxdesk makes.",
)
CORRUPT = Text(
    "文件已损坏或不是有效的 Excel 工作簿（.xlsx）：{reason}",
    "The file is damaged or not a valid Excel workbook (.xlsx): {reason}",
)
ZIP_BOMB = Text(
    "文件解压后过大或内部文件过多，拒绝读取",
    "The file would unpack to too much data or too many parts; it is refused",
)
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

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTION_STREAM = "EncryptionInfo".encode("utf-16-le")
_MERGE_CELL = re.compile(
    rb"<(?:[A-Za-z_][\w.-]*:)?mergeCell\b[^>]*\bref=\"([A-Z]+\d+(?::[A-Z]+\d+)?)\""
)


class _Unreadable:
    """The value of a cell whose problem has been reported already."""

    def __repr__(self) -> str:
        return "UNREADABLE"


#: Stands for a cell that holds a formula, an error value or too long a text.
UNREADABLE: Any = _Unreadable()


class WorkbookRefused(Exception):
    """The file as a whole cannot be read; ``problem`` says why (never leaves this package)."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message.render("en"))
        self.problem = problem


def require_defusedxml() -> None:
    """Refuse to read any workbook unless openpyxl parses XML through defusedxml."""
    if openpyxl.DEFUSEDXML is not True:
        raise InputError(NO_DEFUSEDXML())


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


def read_workbook(path: Path) -> RawWorkbook:
    """Every data sheet of the workbook at ``path``, or the problems that stop reading it.

    Raises :class:`WorkbookRefused` when the file as a whole cannot be read.
    """
    require_defusedxml()
    content = _read_bytes(path)
    _check_container(content)
    try:
        with warnings.catch_warnings():
            # openpyxl warns about features it drops (extensions, styles): not our concern.
            warnings.simplefilter("ignore")
            book = openpyxl.load_workbook(
                io.BytesIO(content), read_only=True, data_only=False, keep_links=False
            )
    except Exception as exc:  # openpyxl raises anything from KeyError to XML errors
        raise WorkbookRefused(Problem(CORRUPT(reason=_reason(exc)))) from exc
    try:
        result = RawWorkbook()
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            for sheet in DATA_SHEETS:
                if sheet.name not in book.sheetnames:
                    result.problems.append(Problem(MISSING_SHEET(sheet=sheet.name), sheet.name))
                    continue
                worksheet = book[sheet.name]
                merged = _merged_ranges(archive, getattr(worksheet, "_worksheet_path", None))
                if merged:
                    shown = ", ".join(merged[:5]) + (" …" if len(merged) > 5 else "")
                    result.problems.append(Problem(MERGED_CELLS(ranges=shown), sheet.name))
                    continue
                raw = _read_sheet(sheet, worksheet, result.problems)
                if raw is not None:
                    result.sheets[sheet.key] = raw
    except WorkbookRefused:
        raise
    except Exception as exc:  # a damaged part found only while reading the rows
        raise WorkbookRefused(Problem(CORRUPT(reason=_reason(exc)))) from exc
    finally:
        book.close()
    return result


def _reason(exc: Exception) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text[:200]


def _read_bytes(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise WorkbookRefused(
                Problem(TOO_BIG(size=round(size / 2**20, 1), limit=MAX_FILE_BYTES // 2**20))
            )
        return path.read_bytes()
    except OSError as exc:
        raise WorkbookRefused(Problem(CANNOT_READ(path=path, reason=exc.strerror or exc))) from exc


def _check_container(content: bytes) -> None:
    """Tell .xls, encrypted and non-zip files apart, and refuse zip bombs."""
    if not content:
        raise WorkbookRefused(Problem(EMPTY_FILE()))
    if content.startswith(_OLE_MAGIC):
        # Encrypted .xlsx files are OLE containers with an EncryptionInfo stream.
        encrypted = _ENCRYPTION_STREAM in content
        raise WorkbookRefused(Problem(IS_ENCRYPTED() if encrypted else IS_XLS()))
    if not zipfile.is_zipfile(io.BytesIO(content)):
        raise WorkbookRefused(Problem(NOT_XLSX()))
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, ValueError) as exc:
        raise WorkbookRefused(Problem(CORRUPT(reason=_reason(exc)))) from exc
    if len(infos) > MAX_ZIP_ENTRIES or sum(i.file_size for i in infos) > MAX_UNCOMPRESSED_BYTES:
        raise WorkbookRefused(Problem(ZIP_BOMB()))
    if "xl/workbook.xml" not in {i.filename for i in infos}:
        raise WorkbookRefused(Problem(NOT_XLSX()))


def _merged_ranges(archive: zipfile.ZipFile, member: str | None) -> list[str]:
    """The merged ranges of a worksheet part (read-only openpyxl does not report them)."""
    if not member:
        return []
    ranges: set[str] = set()
    tail = b""
    with archive.open(member.lstrip("/")) as stream:
        while chunk := stream.read(1 << 16):
            data = tail + chunk
            ranges.update(m.decode() for m in _MERGE_CELL.findall(data))
            tail = data[-300:]  # a tag cut in two by the chunking is found in the next round
    return sorted(ranges)


def _normalized_header(value: Any) -> str:
    return str(value).strip().rstrip("*＊").strip() if value is not None else ""


def _read_sheet(sheet: Sheet, worksheet: Any, problems: list[Problem]) -> RawSheet | None:
    worksheet.reset_dimensions()  # a dimension written by another program may be wrong
    rows = worksheet.iter_rows(min_row=1, max_col=MAX_COLUMNS)
    header_row = next(rows, ())
    positions: dict[str, int] = {}
    seen: dict[str, int] = {}
    by_header = {c.header: c for c in sheet.columns}
    for index, cell in enumerate(header_row):
        text = _normalized_header(cell.value)
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
    raw = RawSheet(sheet, headers={c.field: c.header for c in sheet.columns})
    raw.absent = {c.field for c in sheet.columns if c.field not in positions}
    for number, cells in enumerate(rows, start=2):
        if number > MAX_SCANNED_ROWS:
            problems.append(Problem(TOO_MANY_ROWS(limit=MAX_DATA_ROWS), sheet.name))
            return None
        values: dict[str, Any] = {}
        for column in sheet.columns:
            index = positions.get(column.field, len(cells))  # an absent column: empty
            cell = cells[index] if index < len(cells) else None
            values[column.field] = _cell_value(cell, sheet, number, column.header, problems)
        if all(v is None for v in values.values()):
            continue
        if len(raw.rows) >= MAX_DATA_ROWS:
            problems.append(Problem(TOO_MANY_ROWS(limit=MAX_DATA_ROWS), sheet.name))
            return None
        raw.rows.append(RawRow(number, values))
    return raw


def _cell_value(cell: Any, sheet: Sheet, row: int, header: str, problems: list[Problem]) -> Any:
    """The plain value of a cell (None when blank); formulas and errors become problems."""
    if cell is None:
        return None
    value = cell.value
    data_type = getattr(cell, "data_type", None)
    if value is None:
        return None
    if data_type == "f":
        formula = str(value)
        shown = formula if len(formula) <= 40 else formula[:40] + "…"
        problems.append(Problem(FORMULA(formula=shown), sheet.name, row, header))
        return UNREADABLE
    if data_type == "e":
        problems.append(Problem(ERROR_VALUE(value=str(value)[:20]), sheet.name, row, header))
        return UNREADABLE
    if isinstance(value, str):
        if len(value) > MAX_CELL_CHARS:
            problems.append(
                Problem(
                    CELL_TOO_LONG(length=len(value), limit=MAX_CELL_CHARS), sheet.name, row, header
                )
            )
            return UNREADABLE
        value = value.strip()
        return value or None
    return value
