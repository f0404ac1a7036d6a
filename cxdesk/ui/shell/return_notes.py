"""The bureau's return comments where the records are: a banner above a record table,
a mark on each row a comment concerns, and the comment at the top of the record's form.

The comments come from :func:`cxdesk.exchange.current_return`, so they are shown exactly
as long as the school's latest export of the current period is the returned one: the
next export makes them disappear (they stay in the history on the 上报 page).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtWidgets import QLabel, QWidget
from sqlalchemy import select
from sqlalchemy.orm import Session

from cxdesk.exchange import current_return
from cxdesk.models import ReportingPeriod
from cxdesk.services.periods import current_period_label
from cxdesk.services.setup import own_school

#: The colour of a marked row and of the banner (a soft amber: "look here", not "error").
MARK_COLOUR = "#fff1d6"
BANNER_STYLE = (
    "background: #fff1d6; border: 1px solid #e0a43a; border-radius: 4px; padding: 8px;"
    " color: #5f3b00;"
)


@dataclass(frozen=True)
class ReturnNotes:
    """The current return of the school's report, arranged by the records it concerns."""

    bureau_name: str
    sequence: int
    message: str | None
    total: int
    #: (table, local record id) -> the comments on that record.
    by_record: dict[tuple[str, int], list[str]] = field(default_factory=dict)
    #: table -> labels of commented records that are not found here any more.
    missing: dict[str, list[str]] = field(default_factory=dict)

    def comments(self, table: str, record_id: int) -> list[str]:
        return self.by_record.get((table, record_id), [])

    def marked(self, table: str) -> int:
        return sum(1 for t, _ in self.by_record if t == table)


def read_return_notes(session: Session) -> ReturnNotes | None:
    """The comments of the bureau's return of the latest export, None when there is none.

    Only reads: the current period is looked up, not created (no period, no export).
    """
    period = session.scalars(
        select(ReportingPeriod).where(ReportingPeriod.label == current_period_label())
    ).first()
    if period is None:
        return None
    view = current_return(session, school=own_school(session), period=period)
    if view is None:
        return None
    by_record: dict[tuple[str, int], list[str]] = {}
    missing: dict[str, list[str]] = {}
    for c in view.comments:
        if c.table is None:
            continue
        if c.record_id is None:
            missing.setdefault(c.table, []).append(c.record_label)
        else:
            by_record.setdefault((c.table, c.record_id), []).append(c.comment)
    return ReturnNotes(
        view.bureau_name, view.sequence, view.message, len(view.comments), by_record, missing
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
