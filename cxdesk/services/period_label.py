"""The period reported for now, by its label: what every command and page shows when no
period is given.  Without the database, so that ``cxdesk board`` knows it before deciding
how to read (issue 16)."""

from __future__ import annotations

from datetime import date


def current_period_label(today: date | None = None) -> str:
    """The period a school is reporting for now: the calendar year."""
    return str((today or date.today()).year)
