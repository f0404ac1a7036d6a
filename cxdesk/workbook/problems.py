"""A problem found in a workbook, with where it is: sheet, row and column."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from cxdesk.i18n import Message, Text

AT_CELL = Text(
    "“{sheet}”表第{row}行“{column}”列：{message}",
    "Sheet {sheet}, row {row}, column {column}: {message}",
)
AT_ROW = Text("“{sheet}”表第{row}行：{message}", "Sheet {sheet}, row {row}: {message}")
AT_COLUMN = Text("“{sheet}”表“{column}”列：{message}", "Sheet {sheet}, column {column}: {message}")
AT_SHEET = Text("“{sheet}”表：{message}", "Sheet {sheet}: {message}")


@dataclass(frozen=True)
class Problem:
    """Why a workbook cannot be imported, and where; ``sheet`` None means the whole file.

    ``sheet`` and ``column`` are the names as they are written in the workbook (Chinese),
    so that the user finds the place; ``row`` is the row number Excel shows.
    """

    message: Message
    sheet: str | None = None
    row: int | None = None
    column: str | None = None

    def render(self, lang: str | None = None) -> str:
        text = self.message.render(lang)
        if self.sheet is None:
            return text
        if self.row is not None and self.column is not None:
            where = AT_CELL
        elif self.row is not None:
            where = AT_ROW
        elif self.column is not None:
            where = AT_COLUMN
        else:
            where = AT_SHEET
        return where.render(lang, sheet=self.sheet, row=self.row, column=self.column, message=text)

    def as_message(self) -> Message:
        """The located problem as one message (for ``InputError.details``)."""
        # Rendered now in both languages: a Text without parameters is shown as it is.
        return Text(self.render("zh"), self.render("en"))()

    def to_json(self, lang: str | None = None) -> dict[str, Any]:
        return {
            "sheet": self.sheet,
            "row": self.row,
            "column": self.column,
            "message": self.message.render(lang),
            "text": self.render(lang),
        }
