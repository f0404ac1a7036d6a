"""Issue 11, point 2: revoking a key undoes what a stolen key did.

The thief has the school's own key (its laptop): his packages are signed by the key the
bureau registered, so only the revocation from the point of the theft tells them apart.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from cxdesk.bureau.board import completeness_board
from cxdesk.bureau.collect import collect
from cxdesk.bureau.held import accept_held
from cxdesk.bureau.held_list import held_packages
from cxdesk.bureau.review import review_school
from cxdesk.bureau.revocation import revoke
from cxdesk.bureau.submissions import now
from cxdesk.cli import main
from cxdesk.exchange.key_change import replace_key
from cxdesk.exchange.keys import keys_dir
from cxdesk.models import Submission
from cxdesk.storage.db import Database

from .conftest import Schools
from .crafting import export_from, recraft, school_copy, school_signer, write
from .helpers import add_part_timer, totals


def _counted(db: Database, code: str) -> list[tuple[int, str]]:
    with db.reading() as session:
        return [
            (s.sequence, s.status)
            for s in session.scalars(
                select(Submission).where(Submission.sender_code == code).order_by(Submission.id)
            )
        ]


def _age(db: Database, days: int) -> None:
    """What is stored so far arrived ``days`` ago (the theft comes later)."""
    with db.transaction() as session:
        session.execute(update(Submission).values(received_at=now() - timedelta(days=days)))


def _thief(schools: Schools, school_code: str, tmp_path: Path, sequence: int) -> Path:
    """A package with three made-up counselors, signed with the school's stolen key."""
    plan = schools.plan(school_code)
    copy = school_copy(schools.root, plan, tmp_path, "-thief")

    def more(session: Session, _db: Database) -> None:
        from datetime import date

        from cxdesk.services.counselors import add_counselor
        from cxdesk.services.records import CounselorInput
        from cxdesk.services.setup import own_school

        for name in ("张三", "李四", "王五"):
            add_counselor(
                session,
                school_id=own_school(session).id,
                data=CounselorInput(
                    name=name,
                    post_type="part_time",
                    main_subject="chinese",
                    start_date=date(2026, 3, 1),
                ),
            )

    made = export_from(copy, tmp_path / "thief-out", more)
    data = recraft(
        made.read_bytes(),
        school_signer(schools.root, plan),
        manifest=lambda m: m.update(sequence=sequence),
    )
    return write(tmp_path / "thief" / f"{school_code}_2026_{sequence}.cxpkg", data)


def test_revoking_since_the_theft_counts_the_last_good_package_again(
    county_db: Database, schools: Schools, usb: Path, tmp_path: Path
) -> None:
    school = schools.in_county()[0]
    plan = schools.plan(school.code)
    copy = school_copy(schools.root, plan, tmp_path)
    collect(county_db, [usb / school.package.name])  # no. 1
    genuine = export_from(copy, tmp_path / "usb2", lambda s, _db: add_part_timer(s))  # no. 2
    assert collect(county_db, [genuine]).results[0].outcome == "accepted"
    good = totals(county_db)["totals"]
    _age(county_db, 10)

    stolen = _thief(schools, school.code, tmp_path, 999999)
    taken = collect(county_db, [stolen]).results[0]
    assert taken.outcome == "accepted", taken.reason  # signed with the registered key
    assert totals(county_db)["totals"]["counselors"] == len(plan.counselors) + 3

    # The clerk learns of the theft: revoke the school's key from five days ago.
    with county_db.transaction() as session:
        report = revoke(session, target=school.code, since=now() - timedelta(days=5))
    assert [(w.sequence, w.was_counted) for w in report.withdrawn] == [(999999, True)]
    assert [(r.code, r.sequence) for r in report.recounted] == [(school.code, 2)]
    assert _counted(county_db, school.code) == [
        (1, "superseded"),
        (2, "accepted"),
        (999999, "revoked"),
    ]
    assert totals(county_db)["totals"] == good

    # The board and the review show what changed.
    with county_db.transaction() as session:
        board = completeness_board(session, period_label="2026")
        row = next(r for r in board.rows if r.code == school.code)
        assert row.state == "received" and row.sequence == 2 and row.withdrawn == [999999]
        assert any("999999" in line and "密钥作废" in line for line in board.text_lines("zh"))
        review = review_school(session, code=school.code, period_label="2026")
    assert review.sequence == 2
    assert [w["sequence"] for w in review.withdrawn] == [999999]
    assert review.compared_with == "withdrawn"
    assert any(
        c.key == "counselors"
        and (c.before, c.now) == (len(plan.counselors) + 3, good["counselors"])
        for c in review.changes
    )

    # The school gets a new key (its old one is revoked: no statement can vouch for it), the
    # clerk registers it from the new form; its next package must exceed no. 2, not 999999.
    def new_key(session: Session, db: Database) -> None:
        replace_key(session, key_dir=keys_dir(db.path), role="school", code=school.code)

    third = export_from(copy, tmp_path / "usb3", new_key)
    result = collect(county_db, [third]).results[0]
    assert result.outcome == "held"
    held = held_packages(county_db)[0]
    from cxdesk.exchange.verify import verify_package

    fingerprint = verify_package(third).fingerprint
    assert (
        accept_held(county_db, submission_id=held.submission_id, fingerprint=fingerprint).outcome
        == "accepted"
    )
    assert _counted(county_db, school.code)[-1] == (3, "accepted")
    # The thief's key stays refused.
    again = _thief(schools, school.code, tmp_path, 1_000)
    assert collect(county_db, [again]).results[0].outcome == "refused"


def test_revoking_all_its_packages_leaves_the_school_not_received(
    county_db: Database, schools: Schools, usb: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    school = schools.in_county()[1]
    collect(county_db, [usb / school.package.name])
    assert totals(county_db)["totals"]["schools_reported"] == 1
    capsys.readouterr()
    code = main(["--db", str(county_db.path), "trust", "revoke", school.code, "--since", "all"])
    out = capsys.readouterr().out
    assert code == 0
    assert "其所有上报包均不再计入" in out and "不再计入" in out and school.code in out
    assert _counted(county_db, school.code) == [(1, "revoked")]
    assert totals(county_db)["totals"]["schools_reported"] == 0
    with county_db.transaction() as session:
        board = completeness_board(session, period_label="2026")
    row = next(r for r in board.rows if r.code == school.code)
    assert row.state == "not_received" and row.withdrawn == [1]


def test_revoking_since_a_date_on_the_command_line(
    county_db: Database, schools: Schools, usb: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    school = schools.in_county()[2]
    collect(county_db, [usb / school.package.name])
    _age(county_db, 1)
    db = str(county_db.path)
    capsys.readouterr()
    assert main(["--db", db, "trust", "revoke", school.code, "--since", "2026-13-01"]) == 2
    assert "2026-13-01" in capsys.readouterr().err
    # From tomorrow (taken as now): nothing received so far stops counting.
    tomorrow = (now() + timedelta(days=1)).strftime("%Y-%m-%d")
    assert main(["--db", db, "trust", "revoke", school.code, "--since", tomorrow, "--json"]) == 0
    assert _counted(county_db, school.code) == [(1, "accepted")]
    # Revoked again from an earlier point: now it stops counting.
    assert main(["--db", db, "trust", "revoke", school.code, "--since", "2000-01-01"]) == 0
    assert _counted(county_db, school.code) == [(1, "revoked")]


def test_a_revoked_county_key_withdraws_the_schools_its_packages_brought(
    schools: Schools, usb: Path, tmp_path: Path, sample_bureaus: Path
) -> None:
    from cxdesk import reference as ref
    from cxdesk.storage.db import open_database
    from tests.sample_bureaus import bureau_with_sample_keys

    from .conftest import COUNTY
    from .test_county_chain import county_package, trust_county

    prefecture = bureau_with_sample_keys(
        open_database(tmp_path / "prefecture" / "prefecture.db"),
        sample_bureaus,
        role="prefecture",
        code=ref.PREFECTURE_CODE,
    )
    try:
        path, key = county_package(tmp_path, schools, usb, COUNTY, sample_bureaus)
        trust_county(prefecture, COUNTY, key)
        collect(prefecture, [path])
        assert totals(prefecture)["totals"]["schools_reported"] == len(schools.in_county())
        with prefecture.transaction() as session:
            report = revoke(session, target=COUNTY, since="all")
        assert len(report.withdrawn) == 1 + len(schools.in_county())
        assert totals(prefecture)["totals"]["schools_reported"] == 0
    finally:
        prefecture.close()
