"""What the school's pages show, read by the core without Qt: the summary form's content
and HTML, the undo of a deleted training, the packages of a period (issue 17, point 3)."""

from __future__ import annotations

from datetime import date

from cxdesk.exchange.export_history import export_history
from cxdesk.exchange.return_notes import read_return_notes
from cxdesk.exchange.summary_form import summary_form_data, summary_form_html
from cxdesk.services.counselors import add_counselor, delete_counselor
from cxdesk.services.periods import get_period
from cxdesk.services.records import CertificateInput, CounselorInput, RoomInput, TrainingInput
from cxdesk.services.rooms import add_room
from cxdesk.services.setup import own_school
from cxdesk.services.training import add_training, delete_training, list_training
from cxdesk.services.training_undo import restore_training
from cxdesk.storage.db import Database
from tests.core.helpers import counselor


def test_the_summary_form_is_read_and_written_without_qt(school_db: Database) -> None:
    with school_db.transaction() as session:
        school = own_school(session)
        add_counselor(
            session,
            school_id=school.id,
            data=CounselorInput(
                name="王秀英",
                post_type="full_time",
                certificates=[
                    CertificateInput("teacher_qualification", number="JS1"),
                    CertificateInput("nc_level3", number="ZX3"),
                ],
            ),
        )
        add_room(
            session,
            school_id=school.id,
            data=RoomInput(name="心理辅导室", function="individual", area_tenths=283),
        )
        data = summary_form_data(session, school=school, period=get_period(session, "2026"))
    assert data.period == "2026" and data.school["name"] == "楚雄市鹿城小学"
    assert [(p.name, p.certificate) for p in data.people] == [("王秀英", "国家心理咨询师三级")]
    assert [(r.name, str(r.area)) for r in data.rooms] == [("心理辅导室", "28.3")]
    html = summary_form_html(data)
    assert "总面积 28.3 平方米" in html and "校长（签字）" in html


def test_an_undone_training_comes_back_without_the_counselors_deleted_meanwhile(
    school_db: Database,
) -> None:
    with school_db.transaction() as session:
        school_id = own_school(session).id
        stays = add_counselor(session, school_id=school_id, data=counselor("李明"))
        leaves = add_counselor(session, school_id=school_id, data=counselor("张华", sequence=4))
        event = add_training(
            session,
            school_id=school_id,
            data=TrainingInput(
                title="心理健康教育培训",
                level="county",
                start_date=date(2026, 3, 2),
                end_date=date(2026, 3, 3),
                counselor_ids=[stays.id, leaves.id],
            ),
        )
        snapshot = delete_training(session, event_id=event.id)
        delete_counselor(session, counselor_id=leaves.id)
        restored = restore_training(session, school_id=school_id, data=snapshot)
        assert [a.counselor_id for a in restored.attendances] == [stays.id]
        assert snapshot.counselor_ids == [stays.id, leaves.id]  # what was deleted, untouched
        assert [row.attendees for row in list_training(session, school_id=school_id)] == [1]


def test_a_period_without_packages_has_no_history_and_no_return(school_db: Database) -> None:
    with school_db.transaction() as session:
        school = own_school(session)
        period = get_period(session, "2026")
        assert export_history(session, school=school, period=period) == []
        assert read_return_notes(session) is None
