"""``cxdesk template``: the empty data-entry workbook."""

from __future__ import annotations

from pathlib import Path

from cxdesk.standards.standard_set import StandardSet
from cxdesk.workbook.standards_sheet import add_standard_sheets
from cxdesk.workbook.writing import new_workbook, save_workbook


def write_template(path: Path, *, standards: StandardSet | None = None) -> None:
    """Write the empty workbook (headers, drop-downs, formats, instructions) to ``path``.

    A bureau's template carries its ``standards`` (cxdesk.workbook.standards_sheet): the
    school that imports it adopts them.
    """
    book = new_workbook()
    if standards is not None:
        add_standard_sheets(book, standards)
    save_workbook(book, Path(path))
