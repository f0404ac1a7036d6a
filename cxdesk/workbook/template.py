"""``cxdesk template``: the empty data-entry workbook."""

from __future__ import annotations

from pathlib import Path

from cxdesk.workbook.writing import new_workbook, save_workbook


def write_template(path: Path) -> None:
    """Write the empty workbook (headers, drop-downs, formats, instructions) to ``path``."""
    save_workbook(new_workbook(), Path(path))
