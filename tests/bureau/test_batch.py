"""Issue 11, point 4: one bad package never stops a batch.

The bad packages are signed with a registered school's own key: only the validation of
the manifest stands between them and the bureau.
"""

from __future__ import annotations

import logging
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event
from sqlalchemy.exc import OperationalError

from cxdesk.bureau import intake
from cxdesk.bureau.collect import GROUP, collect
from cxdesk.cli import main
from cxdesk.models import Submission
from cxdesk.school_snapshot import StoredSnapshot, store_snapshot
from cxdesk.storage.db import Database

from .conftest import Schools
from .crafting import recraft, school_signer, write
from .helpers import statuses

BAD_PERIODS = {
    "a_impossible_date": {"label": "2027", "start": "2027-01-01", "end": "2027-02-30"},
    "b_start_after_end": {"label": "2026", "start": "2026-12-31", "end": "2026-01-01"},
    "c_traversing_label": {"label": "..", "start": "2026-01-01", "end": "2026-12-31"},
    "d_deeper_label": {"label": "2026/../..", "start": "2026-01-01", "end": "2026-12-31"},
}


def _bad_packages(schools: Schools, folder: Path) -> list[Path]:
    school = schools.in_county()[0]
    signer = school_signer(schools.root, schools.plan(school.code))
    made = []
    for name, period in BAD_PERIODS.items():

        def move(manifest: dict[str, Any], period: object = period) -> None:
            manifest.update(period=period)

        data = recraft(school.package.read_bytes(), signer, manifest=move)
        made.append(write(folder / f"{name}.cxpkg", data))
    return made


def test_bad_manifests_are_refused_one_by_one_and_the_batch_goes_on(
    county_db: Database,
    schools: Schools,
    usb: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    folder = tmp_path / "stick"
    bad = _bad_packages(schools, folder)
    good = schools.in_county()[1]
    write(folder / f"z_{good.package.name}", good.package.read_bytes())  # after the bad ones
    capsys.readouterr()
    code = main(["--db", str(county_db.path), "collect", str(folder)])
    out, err = capsys.readouterr()
    assert code == 1  # something was refused: 1, never 3 ("internal error")
    assert "Traceback" not in out + err and "内部错误" not in out + err
    lines = out.splitlines()
    for path in bad:
        line = next(n for n, text in enumerate(lines) if path.name in text)
        assert "已拒收" in lines[line] and "—" in lines[line + 1]  # a one-line reason
    assert "2027-02-30" in out and "2026-12-31" in out and "“..”" in out
    assert statuses(county_db) == {"accepted": 1}
    # Nothing was stored beside the database, nor anywhere outside the package store.
    home = Path(county_db.path).parent
    stored = [p for p in home.rglob("*.cxpkg")]
    assert all(p.is_relative_to(home / "received" / "2026") for p in stored) and len(stored) == 1


def test_collect_exits_0_when_everything_was_taken_or_already_had(
    county_db: Database, schools: Schools, usb: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    files = [str(usb / b.package.name) for b in schools.in_county()]
    assert main(["--db", str(county_db.path), "collect", *files]) == 0
    assert main(["--db", str(county_db.path), "collect", "--json", *files]) == 0


def test_a_failure_of_the_program_on_one_package_is_that_packages_refusal(
    county_db: Database,
    schools: Schools,
    usb: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    victim = schools.in_county()[2]
    real = store_snapshot

    def failing(session: Any, snapshot: Any, **kw: Any) -> StoredSnapshot:
        if snapshot.code == victim.code:
            raise ZeroDivisionError("a bug")
        return real(session, snapshot, **kw)

    monkeypatch.setattr(intake, "store_snapshot", failing)
    with caplog.at_level(logging.ERROR):
        report = collect(county_db, [usb / b.package.name for b in schools.in_county()])
    outcomes = {r.sender_code or Path(r.path).name: r for r in report.results}
    broken = next(r for r in report.results if r.internal_error)
    assert broken.outcome == "refused" and victim.package.name in broken.path
    assert broken.reason is not None and "ZeroDivisionError" in broken.reason.render("zh")
    assert sum(r.outcome == "accepted" for r in outcomes.values()) == len(schools.in_county()) - 1
    assert report.exit_code() == 1
    assert "ZeroDivisionError" in caplog.text  # the traceback is in the log
    # Its transaction and its stored file were undone.
    assert statuses(county_db) == {"accepted": len(schools.in_county()) - 1}
    received = list((Path(county_db.path).parent / "received").rglob(f"{victim.code}_*"))
    assert received == []


def test_held_accept_of_a_bad_package_stored_earlier_says_why_and_changes_nothing(
    county_db: Database, schools: Schools, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A database from before this version may hold such a package: accepting it is a
    clear refusal (exit 2), never a crash."""
    path = _bad_packages(schools, tmp_path / "old")[0]
    school = schools.in_county()[0]
    with county_db.transaction() as session:
        sub = Submission(
            sender_code=school.code,
            sender_role="school",
            sender_name=school.name,
            county_code=school.county,
            period_label="2027",
            sequence=1,
            file_sha256="f" * 64,
            sender_fingerprint=school.fingerprint,
            status="held",
            received_at=datetime(2026, 11, 1),
            stored_path=str(path),
            hard_findings=0,
            soft_findings=0,
            review="pending",
        )
        session.add(sub)
        session.flush()
        sub_id = sub.id
    capsys.readouterr()
    code = main(["--db", str(county_db.path), "held", "accept", str(sub_id)])
    _out, err = capsys.readouterr()
    assert code == 2 and "2027-02-30" in err and "Traceback" not in err
    assert statuses(county_db) == {"held": 1}


def test_packages_are_committed_in_growing_groups_and_each_reported_after_its_commit(
    county_db: Database, schools: Schools, usb: Path
) -> None:
    """On a SQLite file, packages are committed in groups (one fsync of the database for
    the group: 1 package, then 2, 4, 8, then 16 at a time); a package is reported only
    once the commit holding it is done (on a server, each package's own)."""
    commits: list[int] = []
    commits_at_report: list[int] = []
    files = [usb / b.package.name for b in schools.in_county()]
    assert len(files) >= 3

    def counting(_connection: Any) -> None:
        commits.append(len(commits))

    def progress(done: int, total: int, result: Any) -> None:
        commits_at_report.append(len(commits))

    event.listen(county_db.engine, "commit", counting)
    try:
        report = collect(county_db, files, progress=progress)
    finally:
        event.remove(county_db.engine, "commit", counting)
    assert [r.outcome for r in report.results] == ["accepted"] * len(files)
    if county_db.is_server:
        expected = list(range(1, len(files) + 1))
    else:
        sizes = [1, 2, 4, 8] + [GROUP] * len(files)
        expected = [n + 1 for n, size in enumerate(sizes) for _ in range(size)][: len(files)]
    assert commits_at_report == expected
    assert statuses(county_db) == {"accepted": len(files)}


def test_a_database_failure_in_a_group_takes_its_packages_again_one_by_one(
    county_db: Database,
    schools: Schools,
    usb: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """A statement of the database layer that fails leaves the group's transaction in no
    state to go on: nothing of the group is kept, and its packages are taken again, each
    in a transaction of its own, as before groups existed."""
    assert len(schools.in_county()) >= 3
    victim = schools.in_county()[1]  # in the second group, with the third
    real = store_snapshot
    calls: list[str] = []

    def failing(session: Any, snapshot: Any, **kw: Any) -> StoredSnapshot:
        calls.append(snapshot.code)
        if snapshot.code == victim.code:
            raise OperationalError("INSERT", {}, Exception("disk I/O error"))
        return real(session, snapshot, **kw)

    monkeypatch.setattr(intake, "store_snapshot", failing)
    with caplog.at_level(logging.ERROR):
        report = collect(county_db, [usb / b.package.name for b in schools.in_county()])
    broken = [r for r in report.results if r.outcome != "accepted"]
    assert len(broken) == 1 and broken[0].internal_error and victim.package.name in broken[0].path
    assert statuses(county_db) == {"accepted": len(schools.in_county()) - 1}
    # In the group, then alone (a server has no groups: alone only).
    assert calls.count(victim.code) == (1 if county_db.is_server else 2)
    received = list((Path(county_db.path).parent / "received").rglob(f"{victim.code}_*"))
    assert received == []
