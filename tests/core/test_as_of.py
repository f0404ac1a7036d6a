""" "As of the reference date": one definition, said in Python and in SQL, that agree.

Every kind of record on both sides of a year boundary: the Python predicates (the checks,
the package) and the SQL conditions (the figures) pick exactly the same records.
"""

from __future__ import annotations

import itertools
from datetime import date
from typing import Any

import pytest
from sqlalchemy import select

from cxdesk.as_of import AsOf
from cxdesk.models import Certificate, CounsellingRoom, Counselor, TrainingEvent
from cxdesk.storage.db import Database

PERIODS = (
    AsOf("2025", date(2025, 1, 1), date(2025, 12, 31)),
    AsOf("2026", date(2026, 1, 1), date(2026, 12, 31)),
    AsOf("2026H1", date(2026, 1, 1), date(2026, 6, 30)),
)
DATES = (None, date(2025, 6, 1), date(2025, 12, 31), date(2026, 1, 1), date(2026, 7, 1))


@pytest.fixture
def varied(school_db: Database, school_id: int) -> Database:
    """Records of every shape, stored as they are (past the services' own rules)."""
    with school_db.transaction() as session:
        shapes = itertools.product(DATES, ("in_post", "left"), DATES)
        for n, (start, status, left) in enumerate(shapes, start=1):
            person = Counselor(
                school_id=school_id,
                name=f"教师{n}",
                post_type="full_time",
                start_date=start,
                status=status,
                left_date=left,
            )
            issued = (*DATES, date(2027, 1, 1))
            person.certificates = [Certificate(kind="nc_level3", issued_on=d) for d in issued]
            session.add(person)
        for year, status, closed in itertools.product(
            (None, 2025, 2026), ("in_use", "closed"), DATES
        ):
            session.add(
                CounsellingRoom(
                    school_id=school_id,
                    name=f"室{year}{status}{closed}",
                    function="individual",
                    area_tenths=200,
                    year_opened=year,
                    status=status,
                    closed_on=closed,
                )
            )
        for start in (*DATES[1:], date(2024, 12, 31), date(2026, 6, 30)):
            assert start is not None
            session.add(
                TrainingEvent(
                    school_id=school_id,
                    title=f"培训{start}",
                    level="county",
                    start_date=start,
                    end_date=start,
                )
            )
    return school_db


def _ids(session: Any, model: Any, condition: Any) -> set[int]:
    return set(session.scalars(select(model.id).where(condition)))


@pytest.mark.parametrize("as_of", PERIODS, ids=lambda p: p.label)
def test_python_and_sql_pick_the_same_records(varied: Database, as_of: AsOf) -> None:
    with varied.reading() as session:
        people = list(session.scalars(select(Counselor)))
        rooms = list(session.scalars(select(CounsellingRoom)))
        events = list(session.scalars(select(TrainingEvent)))
        certificates = list(session.scalars(select(Certificate)))

        in_post = {c.id for c in people if as_of.in_post(c)}
        assert in_post == _ids(session, Counselor, as_of.sql_in_post())
        started = {c.id for c in people if as_of.counselor_started(c)}
        assert started == _ids(session, Counselor, as_of.sql_counselor_started())
        issued = {k.id for k in certificates if as_of.certificate_issued(k)}
        assert issued == _ids(session, Certificate, as_of.sql_certificate_issued())
        in_use = {r.id for r in rooms if as_of.room_in_use(r)}
        assert in_use == _ids(session, CounsellingRoom, as_of.sql_room_in_use())
        in_period = {e.id for e in events if as_of.training_in_period(e)}
        assert in_period == _ids(session, TrainingEvent, as_of.sql_training_in_period())
        # Something on each side of the line, so the comparison says something.
        for chosen, every in (
            (in_post, people),
            (issued, certificates),
            (in_use, rooms),
            (in_period, events),
        ):
            assert 0 < len(chosen) < len(every)


def test_the_definitions_across_the_year_boundary() -> None:
    y2025, y2026 = PERIODS[0], PERIODS[1]

    def person(**values: Any) -> Any:
        base = {"start_date": date(2020, 9, 1), "status": "in_post", "left_date": None}
        return type("P", (), base | values)()

    left_in_march = person(status="left", left_date=date(2026, 3, 1))
    assert y2025.in_post(left_in_march) and not y2026.in_post(left_in_march)
    joined = person(start_date=date(2026, 2, 1))
    assert not y2025.in_post(joined) and y2026.in_post(joined)
    assert not y2025.counselor_started(joined) and y2026.counselor_started(joined)
    left_on_the_day = person(status="left", left_date=date(2025, 12, 31))
    assert not y2025.in_post(left_on_the_day)

    certificate = type("K", (), {"issued_on": date(2026, 5, 1)})()
    assert not y2025.holds(certificate, person()) and y2026.holds(certificate, person())
    assert not y2026.holds(certificate, left_in_march)  # her certificate left with her

    def room(**values: Any) -> Any:
        base = {"year_opened": 2019, "status": "in_use", "closed_on": None}
        return type("R", (), base | values)()

    closed = room(status="closed", closed_on=date(2026, 2, 28))
    assert y2025.room_in_use(closed) and not y2026.room_in_use(closed)
    assert y2025.room_values({"status": "closed", "closed_on": date(2026, 2, 28)}) == {
        "status": "in_use",
        "closed_on": None,
    }
    opened = room(year_opened=2026)
    assert not y2025.room_opened(opened) and y2026.room_in_use(opened)
    assert not y2025.room_in_use(room(status="closed"))  # closed, no date: never counted

    training = type("T", (), {"start_date": date(2026, 4, 10)})()
    assert not y2025.training_started(training) and not y2025.training_in_period(training)
    assert y2026.training_in_period(training)
    new_year_eve = type("T", (), {"start_date": date(2025, 12, 31)})()
    assert y2025.training_in_period(new_year_eve) and y2026.training_started(new_year_eve)
    assert not y2026.training_in_period(new_year_eve)

    assert y2025.counselor_values(
        {"status": "left", "left_date": date(2026, 3, 1), "name": "张"}
    ) == {"status": "in_post", "left_date": None, "name": "张"}
    kept = {"status": "left", "left_date": date(2025, 3, 1)}
    assert y2025.counselor_values(kept) == kept
