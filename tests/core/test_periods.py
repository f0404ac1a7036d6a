"""Reporting periods: a year is made on first use; other periods are defined."""

from __future__ import annotations

from datetime import date

import pytest

from cxdesk.errors import InputError
from cxdesk.services.period_label import current_period_label
from cxdesk.services.periods import define_period, get_period, previous_period
from cxdesk.storage.db import Database


def test_a_year_is_made_on_first_use(db: Database) -> None:
    with db.transaction() as session:
        period = get_period(session, "2026")
        assert (period.start_date, period.end_date, period.reference_date) == (
            date(2026, 1, 1),
            date(2026, 12, 31),
            date(2026, 12, 31),
        )
        assert get_period(session, "2026").id == period.id


@pytest.mark.parametrize("label", ["春季", "２０２６", "1899", "2026-1", ""])
def test_unknown_labels_are_refused(db: Database, label: str) -> None:
    with pytest.raises(InputError) as caught, db.transaction() as session:
        get_period(session, label)
    assert "无效" in caught.value.render("zh")


def test_defined_periods_and_the_previous_one(db: Database) -> None:
    with db.transaction() as session:
        first_half = define_period(
            session, label="2026H1", start=date(2026, 1, 1), end=date(2026, 6, 30)
        )
        year_before = get_period(session, "2025")
        assert get_period(session, "2026H1").reference_date == date(2026, 6, 30)
        assert previous_period(session, first_half) == year_before
        assert previous_period(session, year_before) is None
        with pytest.raises(InputError):
            define_period(session, label="bad", start=date(2026, 2, 1), end=date(2026, 1, 1))


def test_the_current_period_is_the_calendar_year() -> None:
    assert current_period_label(date(2027, 3, 5)) == "2027"
