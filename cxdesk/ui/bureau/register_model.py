"""The school register page's table."""

from __future__ import annotations

from PySide6.QtCore import QObject

from cxdesk.bureau.register import RegisterRow
from cxdesk.ui.bureau.school_columns import SchoolColumns
from cxdesk.ui.shell.table_model import Column, RowTableModel


class RegisterModel(RowTableModel[RegisterRow]):
    def __init__(self, parent: QObject | None = None) -> None:
        school = SchoolColumns[RegisterRow]()
        columns: list[Column[RegisterRow]] = [
            school.code(),
            school.name(),
            school.county(),
            school.kind(),
            school.contact_person(),
            school.phone(),
        ]
        super().__init__(columns, parent)
