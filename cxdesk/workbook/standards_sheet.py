"""A bureau's standard set inside the template workbook it sends its schools.

Two sheets: 达标标准 lists the standards for people to read (name, source, from when, the
rule, the target, how sure), and the hidden sheet 标准数据 holds the set's JSON
(:mod:`cxdesk.standards.standard_set`) in cells of at most :data:`CHUNK` characters down
column A.  Importing the workbook at a school reads the hidden sheet, validates the set
strictly and adopts it with the data, in the same transaction (``cxdesk import-xlsx``).
A workbook without the hidden sheet (a school's own export, an older template) changes no
standard.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from cxdesk import reference as ref
from cxdesk.errors import InputError
from cxdesk.i18n import Text
from cxdesk.standards.catalogue import CERTAINTIES, LEVELS, origin_label
from cxdesk.standards.standard_set import MAX_BYTES, StandardSet, parse_standard_set
from cxdesk.workbook.xlsx_parts import read_file, unpack

#: The hidden sheet with the set's JSON, and the sheet people read.
DATA_SHEET = "标准数据"
TARGETS_SHEET = "达标标准"
CHUNK = 900
MAX_ROWS = MAX_BYTES // CHUNK + 1

NOT_TEXT = Text(
    "“{sheet}”表第{row}行不是文字：标准数据被改动过",
    "Sheet {sheet}, row {row} is not text: the standards data was changed",
)
TOO_LONG = Text("“{sheet}”表过长", "Sheet {sheet} is too long")
TARGETS_TITLE = Text(
    "{issuer}下发的达标标准（{date}）。学校导入本表后，在“概览”页可看到本校的达标情况。",
    "Standards sent by {issuer} ({date}). After importing this workbook, the school sees its "
    "standing on the overview page.",
)
HEADERS = (
    ("标准", "Standard"),
    ("依据文件", "Source"),
    ("起始日期", "From"),
    ("适用学校", "Schools"),
    ("规则", "Rule"),
    ("目标（%）", "Target (%)"),
    ("要求或提示", "Level"),
    ("可靠程度", "Certainty"),
    ("来源", "Origin"),
    ("启用", "Enabled"),
)
ALL_KINDS = ("全部", "all")


def add_standard_sheets(book: Any, standard_set: StandardSet) -> None:
    """Append the two sheets of ``standard_set`` to the openpyxl workbook ``book``."""
    from openpyxl.styles import Alignment, Font  # deferred: only a template's writer needs it

    readable = book.create_sheet(TARGETS_SHEET)
    _text(
        readable.cell(1, 1),
        TARGETS_TITLE.render(
            "zh", issuer=standard_set.issuer.name, date=standard_set.issued_on.isoformat()
        ),
    )
    readable.cell(1, 1).font = Font(bold=True)
    for n, (zh, _en) in enumerate(HEADERS, start=1):
        _text(readable.cell(3, n), zh)
        readable.cell(3, n).font = Font(bold=True)
    for r, s in enumerate(standard_set.standards, start=4):
        kinds = "、".join(ref.SCHOOL_KINDS.label(k) for k in s.school_kinds) or ALL_KINDS[0]
        values = (
            s.name,
            s.source,
            s.applies_from.isoformat(),
            kinds,
            s.rule_text().render("zh"),
            "" if s.target_pct is None else str(s.target_pct),
            LEVELS.label(s.level),
            CERTAINTIES.label(s.certainty),
            origin_label(s.origin),
            "是" if s.enabled else "否",
        )
        for n, value in enumerate(values, start=1):
            _text(readable.cell(r, n), value)
            readable.cell(r, n).alignment = Alignment(wrap_text=True, vertical="top")
    for letter, width in zip("ABCDEFGHIJ", (36, 36, 12, 20, 36, 10, 10, 10, 20, 6), strict=True):
        readable.column_dimensions[letter].width = width

    hidden = book.create_sheet(DATA_SHEET)
    hidden.sheet_state = "hidden"
    text = standard_set.to_bytes().decode("utf-8")
    for row, start in enumerate(range(0, len(text), CHUNK), start=1):
        _text(hidden.cell(row, 1), text[start : start + CHUNK])


def _text(cell: Any, value: str) -> None:
    cell.value = value
    cell.data_type = "s"  # never a formula, whatever it starts with


def read_standard_set(path: Path) -> StandardSet | None:
    """The set in the workbook at ``path``; None when it carries none.

    Read with the workbook reader's checks (size, container, no DTD in any part) and
    python-calamine; raises InputError for a set that is not valid.
    """
    from python_calamine import CalamineWorkbook  # deferred: only a template's reader needs it

    content = read_file(Path(path))
    unpack(content)  # the limits and the DTD check, before anything parses it
    book = CalamineWorkbook.from_filelike(io.BytesIO(content))
    try:
        if DATA_SHEET not in book.sheet_names:
            return None
        grid = book.get_sheet_by_name(DATA_SHEET)
        first_row = grid.start[0] + 1 if grid.start else 1
        first_column = grid.start[1] if grid.start else 0
        parts: list[str] = []
        for row, cells in enumerate(grid.iter_rows(), start=first_row):
            if row > MAX_ROWS:
                raise InputError(TOO_LONG(sheet=DATA_SHEET))
            value = cells[0] if cells and first_column == 0 else None
            if value is None or value == "":
                continue
            if not isinstance(value, str):
                raise InputError(NOT_TEXT(sheet=DATA_SHEET, row=row))
            parts.append(value)
    finally:
        book.close()
    return parse_standard_set("".join(parts))
