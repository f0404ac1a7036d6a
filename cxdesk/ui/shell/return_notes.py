"""The bureau's return comments where the records are: a banner above a record table,
a mark on each row a comment concerns, and the comment at the top of the record's form.

The comments, arranged by record, are the core's (:mod:`cxdesk.exchange.return_notes`):
shown as long as the school's latest export of the current period is the returned one.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from cxdesk.exchange.return_notes import ReturnNotes

#: The colour of a marked row and of the banner (a soft amber: "look here", not "error").
MARK_COLOUR = "#fff1d6"
BANNER_STYLE = (
    "background: #fff1d6; border: 1px solid #e0a43a; border-radius: 4px; padding: 8px;"
    " color: #5f3b00;"
)


class ReturnBanner(QLabel):
    """Above a record table: the bureau returned the report, how many comments, where."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("return_banner")
        self.setWordWrap(True)
        self.setStyleSheet(BANNER_STYLE)
        self.hide()

    def show_notes(self, notes: ReturnNotes | None, table: str) -> None:
        if notes is None:
            self.clear()
            self.hide()
            return
        lines = [
            self.tr(
                "{bureau} returned the school's report with {count} comments; correct the records and report again."
            ).format(bureau=notes.bureau_name, count=notes.total)
        ]
        here = notes.marked(table)
        if here:
            lines.append(
                self.tr(
                    "{count} of the records below have comments: they are marked ⚠ (point at the mark to read it, open the record to see it at the top)."
                ).format(count=here)
            )
        gone = notes.missing.get(table, [])
        if gone:
            lines.append(
                self.tr("Comments on records that are no longer here: {records}.").format(
                    records="、".join(gone)
                )
            )
        if notes.message:
            lines.append(self.tr("The bureau writes: {message}").format(message=notes.message))
        self.setText("\n".join(lines))
        self.show()


class ReturnNote(QLabel):
    """At the top of a record's form: the bureau's comments on this record."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("return_note")
        self.setWordWrap(True)
        self.setStyleSheet(BANNER_STYLE)
        self.hide()

    def show_comments(self, bureau: str, comments: list[str]) -> None:
        if not comments:
            self.clear()
            self.hide()
            return
        text = self.tr("{bureau} returned this record with a comment:").format(bureau=bureau)
        self.setText("\n".join([text, *("⚠ " + c for c in comments)]))
        self.show()
