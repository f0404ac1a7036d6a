"""Collecting packages: every outcome, repeated and reordered collects, held decisions."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sqlalchemy import func, select

from cxdesk.bureau.collect import collect
from cxdesk.bureau.held import accept_held, reject_held
from cxdesk.bureau.held_list import held_packages
from cxdesk.errors import InputError, NotFoundError
from cxdesk.exchange.trust import revoke_key
from cxdesk.models import Counselor, School, Submission
from cxdesk.storage.db import Database

from .conftest import COUNTY, OTHER_COUNTY, Schools
from .helpers import reexport, statuses, totals


def county_packages(schools: Schools, usb: Path) -> list[Path]:
    return [usb / b.package.name for b in schools.in_county()]


def test_collect_a_folder_counts_every_school_of_the_county(
    county_db: Database, schools: Schools, usb: Path
) -> None:
    report = collect(county_db, [usb])
    outcomes = {Path(r.path).name: r.outcome for r in report.results}
    for b in schools.in_county():
        assert outcomes[b.package.name] == "accepted"
    # The school of another county is refused at once, not counted, nothing kept.
    other = next(b for b in schools.built if b.county == OTHER_COUNTY)
    assert outcomes[other.package.name] == "refused"
    assert report.exit_code() == 1
    figures = totals(county_db)["totals"]
    plans = [p for p in schools.plans if p.county == COUNTY]
    assert figures["schools_reported"] == len(plans)
    assert figures["schools_expected"] == len(plans)
    assert figures["counselors"] == sum(len(p.counselors) for p in plans)
    assert figures["rooms"] == sum(len(p.rooms) for p in plans)
    area = sum(r[2] for p in plans for r in p.rooms)
    assert figures["room_area_m2"] == area / 10


def test_the_same_folder_twice_changes_nothing(
    county_db: Database, schools: Schools, usb: Path
) -> None:
    collect(county_db, [usb])
    first = totals(county_db, "school")
    with county_db.reading() as session:
        schools_before = session.scalar(select(func.count(School.id)))
    report = collect(county_db, [usb, usb])
    outcomes = {Path(r.path).name: r.outcome for r in report.results}
    other = next(b for b in schools.built if b.county == OTHER_COUNTY)
    assert outcomes.pop(other.package.name) == "refused"  # never stored, so refused again
    assert set(outcomes.values()) == {"already_had"}
    assert totals(county_db, "school") == first
    with county_db.reading() as session:
        assert session.scalar(select(func.count(School.id))) == schools_before


def test_a_newer_sequence_replaces_and_an_older_one_is_superseded_in_any_order(
    county_db: Database, schools: Schools, usb: Path, tmp_path: Path, sample_bureaus: Path
) -> None:
    plan = next(p for p in schools.plans if p.county == COUNTY)
    second = reexport(schools.root, plan, tmp_path, tmp_path / "usb2")
    assert second.name.endswith("_002.cxpkg")
    # Newest first, then the older one, then everything else.
    report = collect(county_db, [second, usb / schools.package(plan.code).name])
    assert [r.outcome for r in report.results] == ["accepted", "superseded"]
    collect(county_db, [usb])
    reverse = totals(county_db)["totals"]

    other = tmp_path / "other-order"
    other.mkdir()
    from cxdesk.storage.db import open_database
    from tests.sample_bureaus import bureau_with_sample_keys

    db2 = open_database(other / "county.db")
    shutil.copy2(second, other / second.name)
    try:
        bureau_with_sample_keys(db2, sample_bureaus, role="county", code=COUNTY)
        with county_db.reading() as session:
            from cxdesk.models import RegisterEntry, TrustedKey

            entries = session.scalars(select(RegisterEntry)).all()
            keys = session.scalars(select(TrustedKey).where(TrustedKey.role == "school")).all()
            with db2.transaction() as s2:
                for e in entries:
                    s2.add(
                        RegisterEntry(
                            code=e.code,
                            name=e.name,
                            county_code=e.county_code,
                            kind=e.kind,
                            source="local",
                        )
                    )
                for k in keys:
                    s2.add(
                        TrustedKey(
                            fingerprint=k.fingerprint,
                            role=k.role,
                            party_code=k.party_code,
                            party_name=k.party_name,
                            status=k.status,
                            source=k.source,
                            registered_at=k.registered_at,
                        )
                    )
        # Oldest first this time.
        collect(db2, [usb])
        report = collect(db2, [other / second.name])
        assert [r.outcome for r in report.results] == ["accepted"]
        in_order = totals(db2)["totals"]
    finally:
        db2.close()
    assert in_order == reverse
    assert (
        reverse["counselors"]
        == sum(len(p.counselors) for p in schools.plans if p.county == COUNTY) + 1
    )
    with county_db.reading() as session:
        counted = session.scalars(
            select(Submission).where(
                Submission.sender_code == plan.code, Submission.status == "accepted"
            )
        ).one()
        assert counted.sequence == 2
        # Both snapshots are kept: the history.
        assert session.scalar(select(func.count(School.id)).where(School.code == plan.code)) == 2


def test_a_tampered_package_is_refused_and_nothing_is_stored(
    county_db: Database, schools: Schools, usb: Path
) -> None:
    victim = usb / schools.in_county()[0].package.name
    data = bytearray(victim.read_bytes())
    data[len(data) // 2] ^= 0xFF
    victim.write_bytes(bytes(data))
    report = collect(county_db, [victim])
    assert report.results[0].outcome == "refused"
    assert report.results[0].reason is not None
    assert "\n" not in report.results[0].reason.render()
    assert statuses(county_db) == {}
    with county_db.reading() as session:
        assert session.scalar(select(func.count(Counselor.id))) == 0


def test_a_file_that_is_not_a_package_is_refused(county_db: Database, tmp_path: Path) -> None:
    junk = tmp_path / "notes.cxpkg"
    junk.write_text("not a zip at all", encoding="utf-8")
    report = collect(county_db, [junk])
    assert report.results[0].outcome == "refused"


def test_a_revoked_key_is_refused(county_db: Database, schools: Schools, usb: Path) -> None:
    victim = schools.in_county()[1]
    with county_db.transaction() as session:
        revoke_key(session, fingerprint=victim.fingerprint, note="laptop stolen")
    report = collect(county_db, [usb / victim.package.name])
    assert report.results[0].outcome == "refused"
    assert statuses(county_db) == {}


def test_an_unregistered_key_is_held_then_accepted_by_the_clerk(
    county_db: Database, schools: Schools, usb: Path
) -> None:
    from cxdesk.exchange.trust import find_key
    from cxdesk.models import TrustedKey

    stranger = schools.in_county()[2]
    with county_db.transaction() as session:
        key = find_key(session, stranger.fingerprint)
        assert isinstance(key, TrustedKey)
        session.delete(key)
    report = collect(county_db, [usb / stranger.package.name])
    assert report.results[0].outcome == "held"
    assert totals(county_db)["totals"]["schools_reported"] == 0
    held = held_packages(county_db)
    assert [h.sender_code for h in held] == [stranger.code]
    assert held[0].reason and held[0].needs_fingerprint
    # A bare accept never registers a key; a fingerprint that is not the package's neither.
    with pytest.raises(InputError):
        accept_held(county_db, submission_id=held[0].submission_id)
    with pytest.raises(InputError):
        accept_held(county_db, submission_id=held[0].submission_id, fingerprint="1" * 30)
    with county_db.reading() as session:
        assert find_key(session, stranger.fingerprint) is None
    result = accept_held(
        county_db, submission_id=held[0].submission_id, fingerprint=stranger.fingerprint
    )
    assert result.outcome == "accepted"
    assert totals(county_db)["totals"]["schools_reported"] == 1
    assert held_packages(county_db) == []
    # The key is now registered: the next package from it is accepted straight away.
    with county_db.reading() as session:
        assert find_key(session, stranger.fingerprint) is not None


def test_a_school_outside_the_county_is_refused_at_once(
    county_db: Database, schools: Schools, usb: Path
) -> None:
    from cxdesk.exchange.trust import find_key

    other = next(b for b in schools.built if b.county == OTHER_COUNTY)
    report = collect(county_db, [usb / other.package.name])
    assert report.results[0].outcome == "refused"
    assert report.results[0].reason is not None
    assert "不属于本县市（永仁县）" in report.results[0].reason.render("zh")
    assert statuses(county_db) == {}
    with county_db.reading() as session:
        assert find_key(session, other.fingerprint) is None


def test_a_held_package_can_be_rejected_and_its_file_goes(
    county_db: Database, schools: Schools, usb: Path
) -> None:
    from cxdesk.exchange.trust import find_key

    stranger = schools.in_county()[0]
    with county_db.transaction() as session:
        key = find_key(session, stranger.fingerprint)
        assert key is not None
        session.delete(key)
    assert collect(county_db, [usb / stranger.package.name]).results[0].outcome == "held"
    held = held_packages(county_db)
    stored = Path(held[0].stored_path)
    assert stored.is_file()
    reject_held(county_db, submission_id=held[0].submission_id, note="不是本校所发")
    assert held_packages(county_db) == []
    assert statuses(county_db) == {"rejected": 1}
    assert not stored.exists()
    with pytest.raises(NotFoundError):
        reject_held(county_db, submission_id=held[0].submission_id)


def test_collect_refuses_a_school_database(school_db: Database, usb: Path) -> None:
    with pytest.raises(InputError):
        collect(school_db, [usb])


def test_a_missing_path_is_said_clearly(county_db: Database, tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        collect(county_db, [tmp_path / "nowhere"])
    assert "nowhere" in caught.value.render()


def test_files_and_schools_are_counted_apart(
    county_db: Database, schools: Schools, usb: Path, tmp_path: Path
) -> None:
    """A folder with sequences 1 and 2 of one school: one file more than schools counted.

    The folder also holds a package of another county's school: refused at once."""
    plan = next(p for p in schools.plans if p.county == COUNTY)
    second = reexport(schools.root, plan, tmp_path, tmp_path / "usb2")
    shutil.copy2(second, usb / second.name)
    report = collect(county_db, [usb])
    files = len(schools.built) + 1
    in_county = len(schools.in_county())
    assert report.summary().render("zh") == (
        f"共 {files} 个文件：{in_county} 所学校已计入，1 个为同校旧版本，1 个已拒收"
    )
    assert report.summary().render("en") == (
        f"{files} files: {in_county} schools counted; 1 superseded by a newer package of the "
        "same school; 1 refused"
    )
    assert totals(county_db)["totals"]["schools_reported"] == in_county
