"""Every kind of record across a year boundary: checks, figures and package of both years.

A school entered in early 2026 what happened since 2025: a counselor who held a level-2
certificate left on 1 March 2026, another joined on 1 February 2026, a certificate was
obtained in June 2026, a room closed on 28 February 2026 and another opened in 2026,
training took place on 31 December 2025 and in April 2026.  Period 2025 must still come
out as it was on 2025-12-31, with no error; 2026 as it is.
"""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from cxdesk.as_of import AsOf
from cxdesk.exchange.export import export_report, outbox_dir, preview_export
from cxdesk.exchange.keys import keys_dir, load_signer
from cxdesk.exchange.unpack import read_snapshot
from cxdesk.exchange.verify import verify_package
from cxdesk.period_records import PeriodRecords, period_records
from cxdesk.services import counselors as cs
from cxdesk.services import rooms as rs
from cxdesk.services import training as ts
from cxdesk.services.periods import get_period
from cxdesk.services.school_checks import check_school
from cxdesk.services.setup import own_school
from cxdesk.storage.db import Database
from tests.core.helpers import certificate, counselor, part_timer, room, training


@pytest.fixture
def history(school_db: Database, school_id: int) -> Database:
    with school_db.transaction() as session:
        zhang = cs.add_counselor(
            session,
            school_id=school_id,
            data=counselor(
                "张丽",
                start_date=date(2020, 9, 1),
                status="left",
                left_date=date(2026, 3, 1),
                certificates=[certificate("nc_level2")],
            ),
        ).id
        li = cs.add_counselor(
            session,
            school_id=school_id,
            data=part_timer(
                "李明",
                certificates=[certificate("social_work_skill", issued_on=date(2026, 6, 1))],
            ),
        ).id
        wang = cs.add_counselor(
            session,
            school_id=school_id,
            data=part_timer(
                "王芳",
                gender="F",
                start_date=date(2026, 2, 1),
                certificates=[certificate("nc_level3", issued_on=date(2026, 5, 1))],
            ),
        ).id
        rs.add_room(
            session,
            school_id=school_id,
            data=room(
                "老辅导室", 186, year_opened=2019, status="closed", closed_on=date(2026, 2, 28)
            ),
        )
        rs.add_room(session, school_id=school_id, data=room("团体活动室", 624, year_opened=2021))
        rs.add_room(session, school_id=school_id, data=room("新辅导室", 300, year_opened=2026))
        ts.add_training(
            session,
            school_id=school_id,
            data=training(
                "县级培训", level="county", start=date(2025, 5, 10), counselor_ids=[zhang, li]
            ),
        )
        ts.add_training(
            session,
            school_id=school_id,
            data=training(
                "跨年校本培训",
                level="school",
                start=date(2025, 12, 31),
                end=date(2026, 1, 2),
                counselor_ids=[zhang],
            ),
        )
        ts.add_training(
            session,
            school_id=school_id,
            data=training(
                "州级培训", level="prefecture", start=date(2026, 4, 10), counselor_ids=[li, wang]
            ),
        )
    return school_db


def _figures_and_findings(db: Database, label: str) -> tuple[dict[str, object], list[str]]:
    with db.transaction() as session:
        get_period(session, "2025")  # both periods are known
        period = get_period(session, label)
        preview = preview_export(session, period_label=label)
        findings = check_school(session, school=own_school(session), period=period)
        messages = [f.message.render("en") for f in findings]
    return preview.figures, sorted(f.rule_id for f in findings) + messages


def test_2025_is_as_it_stood_at_its_reference_date(history: Database) -> None:
    figures, findings = _figures_and_findings(history, "2025")
    assert findings == []  # no H-K04 for her certificate, no H-T05 for 2026 training
    assert {k: figures[k] for k in ("counselors", "full_time", "part_time")} == {
        "counselors": 2,
        "full_time": 1,
        "part_time": 1,
    }
    assert (figures["cert_level2"], figures["cert_level3"], figures["cert_other"]) == (1, 0, 0)
    assert (figures["rooms"], figures["room_area_m2"]) == (2, Decimal("81.0"))
    assert figures["training_person_times"] == {
        "national": 0,
        "provincial": 0,
        "prefecture": 0,
        "county": 2,
        "school": 1,
    }


def test_2026_is_as_it_stands(history: Database) -> None:
    figures, findings = _figures_and_findings(history, "2026")
    # Compared with 2025 (its own data as of 2025-12-31): every full-time counselor gone.
    assert findings == [
        "S-S04",
        "Implausible change since the period before (2025): full-time counselors 1 → 0. "
        "Check the data, or explain it",
    ]
    assert {k: figures[k] for k in ("counselors", "full_time", "part_time")} == {
        "counselors": 2,
        "full_time": 0,
        "part_time": 2,
    }
    assert (figures["cert_level2"], figures["cert_level3"], figures["cert_other"]) == (0, 1, 1)
    assert (figures["rooms"], figures["room_area_m2"]) == (2, Decimal("92.4"))
    assert figures["training_person_times"] == {
        "national": 0,
        "provincial": 0,
        "prefecture": 2,
        "county": 0,
        "school": 0,
    }


def test_the_records_each_period_checks(history: Database) -> None:
    with history.transaction() as session:
        school = own_school(session)
        y2025 = period_records(session, school=school, as_of=AsOf.of(get_period(session, "2025")))
        y2026 = period_records(session, school=school, as_of=AsOf.of(get_period(session, "2026")))

        def names(records: PeriodRecords) -> list[str]:
            return sorted(c.name for c in records.counselors)

        assert names(y2025) == ["张丽", "李明"] and names(y2026) == ["张丽", "李明", "王芳"]
        assert sorted(r.name for r in y2025.rooms) == ["团体活动室", "老辅导室"]
        assert len(y2026.rooms) == 3  # the closed one stays, as history
        assert sorted(e.title for e in y2025.events) == ["县级培训", "跨年校本培训"]
        assert len(y2026.events) == 3
        assert len(y2025.certificate_ids) == 1 and len(y2026.certificate_ids) == 3
    notes = [n.render("zh") for n in y2025.notes]
    assert len(notes) == 4 and all("统计时点 2025-12-31 之后" in n for n in notes)
    assert any("州级培训" in n and "2026-04-10" in n for n in notes)
    assert any("王芳" in n and "2026-02-01" in n for n in notes)
    assert any("证书“李明”" in n and "2026-06-01" in n for n in notes)
    assert any("新辅导室" in n and "2026" in n for n in notes)
    assert y2026.notes == []


def test_the_2025_package_carries_2025_as_it_stood(history: Database, tmp_path: Path) -> None:
    out = tmp_path / "usb"
    out.mkdir()
    with history.transaction() as session:
        signer = load_signer(session, key_dir=keys_dir(history.path))
        result = export_report(
            session,
            period_label="2025",
            out_dir=out,
            outbox=outbox_dir(history.path),
            signer=signer,
            unencrypted=True,  # no bureau key file here (encryption: tests/exchange)
        )
    assert result.preview.counts == {
        "counselor": 2,
        "certificate": 1,
        "counselling_room": 2,
        "training_event": 2,
        "attendance": 3,
    }
    assert len(result.preview.notes) == 4
    package = verify_package(result.path)
    assert package.manifest.correction is False
    assert package.manifest.data["correction"] is False
    with history.reading() as session:
        snapshot = read_snapshot(package)
    people = {p.values["name"]: p for p in snapshot.counselors}
    assert sorted(people) == ["张丽", "李明"]
    # She left after the reference date: in post, as she was on 2025-12-31.
    assert (people["张丽"].values["status"], people["张丽"].values["left_date"]) == (
        "in_post",
        None,
    )
    assert [c["kind"] for c in people["张丽"].certificates] == ["nc_level2"]
    assert people["李明"].certificates == []
    rooms = {r.values["name"]: r.values for r in snapshot.rooms}
    assert sorted(rooms) == ["团体活动室", "老辅导室"]
    assert (rooms["老辅导室"]["status"], rooms["老辅导室"]["closed_on"]) == ("in_use", None)
    assert sorted(e.values["title"] for e in snapshot.events) == ["县级培训", "跨年校本培训"]


def test_check_names_what_it_leaves_out_and_exits_0(
    history: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    from tests.cli.test_cli import run

    code, out, _err = run(capsys, "check", "--period", "2025", "--db", str(history.path))
    assert code == 0  # no finding: notes are no errors
    notes = [line for line in out.splitlines() if line.startswith("[注意]")]
    assert len(notes) == 4 and all("统计时点 2025-12-31" in n for n in notes)
    code, out, _err = run(
        capsys, "check", "--period", "2025", "--json", "--lang", "en", "--db", str(history.path)
    )
    assert code == 0
    assert any("reference date 2025-12-31" in n for n in json.loads(out)["notes"])
