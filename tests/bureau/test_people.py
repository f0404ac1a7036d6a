"""The same person on two schools' rosters: found by keyed hash, noted, returned, counted."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import shutil
import sqlite3
from pathlib import Path

from sqlalchemy import select

from cxdesk.bureau.collect import collect
from cxdesk.bureau.people import (
    people_count,
    person_key,
    shared_people,
    shared_with_school,
    shared_with_schools,
)
from cxdesk.bureau.review import duplicate_comments, return_submission, review_school
from cxdesk.bureau.summary import bureau_summary
from cxdesk.exchange.replies import current_return_comments, receive_file
from cxdesk.models import BureauSecret, Counselor, PersonKey, School, Submission
from cxdesk.sample.prefecture_build import school_db_path
from cxdesk.services.bureaus import counted_schools, own_bureau
from cxdesk.services.periods import get_period
from cxdesk.services.setup import own_school
from cxdesk.storage import schema
from cxdesk.storage.db import open_database

from .known import (
    P2,
    P4,
    P8,
    Known,
    county_bureau,
    county_setup,
    prefecture_bureau,
)


def test_a_county_finds_the_part_timer_two_of_its_schools_share(
    tmp_path: Path, known: Known
) -> None:
    db = county_bureau(tmp_path / "county" / "county.db", known)
    with db.transaction() as session:
        period = get_period(session, "2026")
        scope = counted_schools(own_bureau(session), "2026")
        people = shared_people(session, period=period, school_filter=scope)
        count = people_count(session, period=period, school_filter=scope)
        summary = bureau_summary(session, period=period)
    # P2/P5 at A1 and A3; P4 of A2 is also at B1, another county: not this county's to see.
    assert [[e.school_code for e in p.entries] for p in people] == [["2153010001", "2153010003"]]
    assert [e.name for e in people[0].entries] == ["钱二", "钱二"]
    assert not people[0].across_counties
    assert count.to_json() == {
        "roster_entries": 5,
        "persons": 4,
        "counted_more_than_once": 1,
        "without_identity_number": 0,
    }
    # The headline stays per roster entry (domain.md); the people figure is beside it.
    assert summary.totals["counselors"] == 5
    assert summary.to_json()["people"]["persons"] == 4


def test_the_prefecture_finds_them_across_counties_and_not_who_moved(
    tmp_path: Path, known: Known
) -> None:
    db = prefecture_bureau(tmp_path / "prefecture" / "prefecture.db", known)
    with db.transaction() as session:
        period = get_period(session, "2026")
        scope = counted_schools(own_bureau(session), "2026")
        people = shared_people(session, period=period, school_filter=scope)
        count = people_count(session, period=period, school_filter=scope)
        secret = base64.b64decode(session.get_one(BureauSecret, 1).hmac_key)
        keys = set(session.scalars(select(PersonKey.key)))
    assert sorted(([e.school_code for e in p.entries], p.across_counties) for p in people) == [
        (["2153010001", "2153010003"], False),
        (["2153020001", "3153010002"], True),
    ]
    assert count.roster_entries == 8 and count.persons == 6 and count.counted_more_than_once == 2
    # P8 left A4 on 2026-06-30 (marked so) and is in post at B2: one person, counted once.
    assert person_key(secret, P8) in keys
    assert all(person_key(secret, P8) != p.key for p in people)
    # The key is the HMAC under the bureau's secret, not a plain hash anyone could redo.
    assert {p.key for p in people} == {person_key(secret, P2), person_key(secret, P4)}
    assert hashlib.sha256(P2.encode()).hexdigest() not in keys
    # What a clerk sees: masked numbers and a short key, never a whole identity number.
    shown = json.dumps([p.to_json() for p in people], ensure_ascii=False)
    assert P2 not in shown and P4 not in shown and P2[:6] + "********" + P2[-4:] in shown


def test_two_bureaus_key_the_same_person_differently(tmp_path: Path, known: Known) -> None:
    one = county_bureau(tmp_path / "one" / "county.db", known)
    two = county_bureau(tmp_path / "two" / "county.db", known)
    found = []
    for db in (one, two):
        with db.reading() as session:
            found.append(
                session.scalars(
                    select(PersonKey.key)
                    .join(Counselor, Counselor.id == PersonKey.counselor_id)
                    .where(Counselor.identity_number == P2)
                ).all()
            )
    assert len(set(found[0])) == 1 and len(set(found[1])) == 1 and found[0] != found[1]


def test_collect_notes_the_second_school_and_review_lists_both(
    tmp_path: Path, known: Known
) -> None:
    db = county_setup(tmp_path / "county" / "county.db", known)
    notes = {}
    for code in ("2153010003", "2153010001"):  # A3 first: nobody to share with yet
        result = collect(db, [known.package(code)], backup=False).results[0]
        assert result.outcome == "accepted"
        notes[code] = result
    assert notes["2153010003"].notes == []
    assert [n.render("zh") for n in notes["2153010001"].notes] == [
        "钱二（532301********1026）也在楚雄市丙小学（2153010003，楚雄市）的名册上，被重复统计"
    ]
    assert notes["2153010001"].to_json("en")["notes"] == [
        "钱二 (532301********1026) is also on the roster of 楚雄市丙小学 (2153010003, Chuxiong "
        "City): counted twice"
    ]
    # Review lists the person at both schools, whichever came first.
    for code in ("2153010001", "2153010003"):
        with db.reading() as session:
            review = review_school(session, code=code, period_label="2026")
        assert [[e.school_code for e in p.entries] for p in review.shared] == [
            ["2153010001", "2153010003"]
        ]
        assert "钱二 532301********1026" in "\n".join(review.text_lines())
        assert review.to_json()["counted_elsewhere"][0]["across_counties"] is False


def test_both_schools_get_a_return_comment_on_that_person(tmp_path: Path, known: Known) -> None:
    db = county_bureau(tmp_path / "county" / "county.db", known)
    out = tmp_path / "returns"
    for code in ("2153010001", "2153010003"):
        with db.reading() as session:
            comments = duplicate_comments(review_school(session, code=code, period_label="2026"))
        assert [c.table for c in comments] == ["counselor"]
        path = return_submission(
            db, code=code, period_label="2026", out_dir=out / code, comments=comments
        ).path
        # The school takes the return; the comment is on its own roster entry of 钱二.
        plan = next(p for p in known.plans if p.code == code)
        school_dir = tmp_path / "schools" / code
        shutil.copytree(school_db_path(known.root, plan).parent, school_dir)
        school = open_database(school_dir / "cxdesk.db")
        try:
            with school.transaction() as session:
                receive_file(session, path=path)
                me = own_school(session)
                seen = current_return_comments(
                    session, school=me, period=get_period(session, "2026")
                )
                person = session.get(Counselor, seen[0].record_id)
                assert person is not None and person.identity_number == P2
        finally:
            school.close()
        other = (
            "楚雄市丙小学（2153010003，楚雄市）"
            if code == "2153010001"
            else "楚雄市甲小学（2153010001，楚雄市）"
        )
        assert len(seen) == 1 and other in seen[0].comment and "被重复统计" in seen[0].comment
        assert P2 not in seen[0].comment


def test_snapshots_received_before_the_upgrade_get_their_keys(
    tmp_path: Path, backend: object
) -> None:
    if backend is not None:
        return  # the upgrade of a file: SQLite only (the server schema is made at HEAD)
    path = tmp_path / "old.db"
    schema.upgrade(path, "0004")
    conn = sqlite3.connect(path)
    conn.executescript(
        """
        INSERT INTO installation VALUES (1, 'county', '532301', '楚雄市教育体育局', '2026-01-01');
        INSERT INTO submission (id, sender_code, sender_role, sender_name, county_code,
            period_label, sequence, file_sha256, sender_fingerprint, status, received_at,
            stored_path, hard_findings, soft_findings, review)
        VALUES (1, '2153010001', 'school', '甲', '532301', '2026', 1, 'aa', '1', 'accepted',
            '2026-05-01', 'x', 0, 0, 'pending'),
               (2, '2153010003', 'school', '丙', '532301', '2026', 1, 'bb', '2', 'accepted',
            '2026-05-01', 'y', 0, 0, 'pending');
        INSERT INTO school (id, code, name, county_code, kind, mountain, submission_id)
        VALUES (1, '2153010001', '甲', '532301', 'primary', 0, 1),
               (2, '2153010003', '丙', '532301', 'primary', 0, 2);
        """
    )
    conn.executemany(
        "INSERT INTO counselor (id, school_id, name, identity_number, post_type, "
        "psychology_degree, recruited_as_psych, studio_role, status) "
        "VALUES (?, ?, '钱二', ?, 'part_time', 0, 0, 'none', 'in_post')",
        [(1, 1, P2), (2, 2, P2.lower())],
    )
    conn.commit()
    conn.close()
    db = open_database(path)  # migrates to HEAD
    try:
        with db.transaction() as session:
            secret = base64.b64decode(session.get_one(BureauSecret, 1).hmac_key)
            stored = dict(session.execute(select(PersonKey.counselor_id, PersonKey.key)).all())
            people = shared_people(
                session,
                period=get_period(session, "2026"),
                school_filter=counted_schools(own_bureau(session), "2026"),
            )
    finally:
        db.close()
    expected = hmac.new(secret, P2.encode(), hashlib.sha256).hexdigest()
    assert (
        stored
        == {1: expected, 2: expected}
        == {1: person_key(secret, P2), 2: person_key(secret, P2)}
    )
    assert [len(p.entries) for p in people] == [2]


def test_a_groups_people_in_one_query_are_each_schools_asked_alone(
    tmp_path: Path, known: Known
) -> None:
    """Collect notes a group's people counted twice with one query (issue 16): for every
    school, the same people, entries and order as that school's own query gives."""
    db = prefecture_bureau(tmp_path / "prefecture" / "prefecture.db", known)
    with db.reading() as session:
        period = get_period(session, "2026")
        ids = list(
            session.scalars(
                select(School.id)
                .join(Submission, Submission.id == School.submission_id)
                .where(Submission.status == "accepted")
                .order_by(School.code)
            )
        )
        together = shared_with_schools(session, period=period, county_code=None, school_ids=ids)
        alone = {
            i: shared_with_school(session, period=period, county_code=None, school_id=i)
            for i in ids
        }
    assert list(together) == ids
    assert together == alone
    assert sum(1 for people in together.values() if people) >= 4  # the known duplicates
    db.close()
