"""Which changes alter a period the bureau accepted: those of its records at its date."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import select
from sqlalchemy.orm import Session

from cxdesk.exchange.keys import Signer
from cxdesk.models import CounsellingRoom, Counselor, School
from cxdesk.services import counselors as cs
from cxdesk.services import rooms as rs
from cxdesk.services import training as ts
from cxdesk.services.period_lock import accepted_periods, affected_periods, describe
from cxdesk.services.records import RoomInput
from cxdesk.services.setup import own_school
from cxdesk.storage.db import Database
from tests.core.helpers import counselor, part_timer, room, training
from tests.period_helpers import accept, export


@pytest.fixture
def accepted_2025(school_db: Database, school_id: int, tmp_path: Path) -> Database:
    with school_db.transaction() as session:
        cs.add_counselor(session, school_id=school_id, data=counselor(start_date=date(2020, 9, 1)))
        cs.add_counselor(session, school_id=school_id, data=part_timer())
        rs.add_room(session, school_id=school_id, data=room())
        ts.add_training(session, school_id=school_id, data=training(start=date(2025, 5, 10)))
    package = export(school_db, "2025", tmp_path / "usb")
    accept(
        school_db, package, tmp_path / "back", Signer.from_private_key(Ed25519PrivateKey.generate())
    )
    return school_db


def _affected(db: Database, change: Any) -> list[str]:
    with db.transaction() as session:
        _result, labels = affected_periods(session, change)
        session.rollback()
    return labels


def _leave(session: Session) -> None:
    zhang = session.scalars(select(Counselor).where(Counselor.name == "张丽")).one()
    data = cs.counselor_input(zhang)
    data.status, data.left_date = "left", date(2026, 3, 1)
    cs.update_counselor(session, counselor_id=zhang.id, data=data)


def _new_area(session: Session) -> None:
    heart = session.scalars(select(CounsellingRoom)).one()
    rs.update_room(session, room_id=heart.id, data=RoomInput(heart.name, "individual", 250, 2019))


def _phone(session: Session) -> None:
    school = session.scalars(select(School)).one()
    school.contact_phone = "0878-0000000"


def _training_2026(session: Session) -> None:
    ts.add_training(session, school_id=own_school(session).id, data=training("州级培训"))


def _joined_2026(session: Session) -> None:
    cs.add_counselor(
        session,
        school_id=own_school(session).id,
        data=part_timer("王芳", start_date=date(2026, 2, 1)),
    )


def test_the_accepted_period(accepted_2025: Database) -> None:
    with accepted_2025.reading() as session:
        (accepted,) = accepted_periods(session, school=own_school(session))
        assert (accepted.period.label, accepted.sequence) == ("2025", 1)


@pytest.mark.parametrize(
    ("change", "affected"),
    [
        (_new_area, ["2025"]),  # the room as it stood on 2025-12-31 changes
        (_leave, []),  # she left after 2025-12-31: 2025 is as it was
        (_training_2026, []),  # a later period's
        (_joined_2026, []),
        (_phone, []),  # whom to call is not the period's data
    ],
    ids=["area", "left later", "training 2026", "joined 2026", "phone"],
)
def test_only_changes_to_the_period_as_it_stood_affect_it(
    accepted_2025: Database, change: Any, affected: list[str]
) -> None:
    assert _affected(accepted_2025, change) == affected


def test_the_question_names_the_periods() -> None:
    message = describe(["2024", "2025"])
    assert "2024、2025 期次" in message.render("zh")
    assert "2024, 2025" in message.render("en")
