"""``cxdesk template``: the empty data-entry workbook."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from cxdesk.workbook.writing import new_workbook, save_workbook

if TYPE_CHECKING:
    from cxdesk.standards.standard_set import StandardSet


def write_template(path: Path, *, standards: StandardSet | None = None) -> None:
    """Write the empty workbook (headers, drop-downs, formats, instructions) to ``path``.

    A bureau's template carries its ``standards`` (cxdesk.standards.workbook_sheet): the
    school that imports it adopts them.
    """
    book = new_workbook()
    if standards is not None:
        from cxdesk.standards.workbook_sheet import add_standard_sheets

        add_standard_sheets(book, standards)
    save_workbook(book, Path(path))
