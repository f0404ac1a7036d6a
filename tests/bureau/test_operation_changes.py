"""The bureau's long operations return what they changed (issue 17, point 5): the tables
their transactions wrote, compared here with what really differs in the database before
and after (nothing, when they stored nothing)."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import inspect, text

from cxdesk.bureau.collect import collect
from cxdesk.bureau.county import export_county
from cxdesk.bureau.held import accept_held, reevaluate_held, reject_held
from cxdesk.bureau.held_list import held_packages
from cxdesk.bureau.review import ReturnComment, accept_submission, return_submission
from cxdesk.exchange.trust import find_key
from cxdesk.storage.changes import Changes
from cxdesk.storage.db import Database

from .conftest import OTHER_COUNTY, Schools

Contents = dict[str, list[tuple[str, ...]]]


def _contents(db: Database) -> Contents:
    """Every row of every table, as text, in a stable order."""
    with db.engine.connect() as connection:
        tables = inspect(connection).get_table_names()
        return {
            table: sorted(
                tuple(repr(v) for v in row)
                for row in connection.execute(text(f'SELECT * FROM "{table}"'))
            )
            for table in tables
        }


def _differ(before: Contents, after: Contents) -> set[str]:
    return {t for t in after if before.get(t) != after[t]}


def _forget_key(db: Database, fingerprint: str) -> None:
    with db.transaction() as session:
        key = find_key(session, fingerprint)
        assert key is not None
        session.delete(key)


def test_a_collect_returns_the_tables_it_wrote_and_nothing_when_it_stored_nothing(
    county_db: Database, schools: Schools, usb: Path
) -> None:
    before = _contents(county_db)
    report = collect(county_db, [usb])
    written = _differ(before, _contents(county_db))
    assert "submission" in written
    assert report.changes == Changes(frozenset(written))

    # The same files again: already had (or refused again), nothing stored, nothing said.
    before = _contents(county_db)
    again = collect(county_db, [usb])
    assert {r.outcome for r in again.results} == {"already_had", "refused"}
    assert _differ(before, _contents(county_db)) == set()
    assert not again.changes

    # A package of another county alone: refused, nothing stored.
    other = next(b for b in schools.built if b.county == OTHER_COUNTY)
    assert not collect(county_db, [usb / other.package.name]).changes


def test_held_packages_decided_return_what_they_wrote(
    county_db: Database, schools: Schools, usb: Path
) -> None:
    first, second = schools.in_county()[:2]
    _forget_key(county_db, first.fingerprint)
    _forget_key(county_db, second.fingerprint)
    before = _contents(county_db)
    report = collect(county_db, [usb / first.package.name, usb / second.package.name])
    assert [r.outcome for r in report.results] == ["held", "held"]
    assert report.changes == Changes(frozenset(_differ(before, _contents(county_db))))

    held = {h.sender_code: h.submission_id for h in held_packages(county_db)}
    before = _contents(county_db)
    taken = accept_held(county_db, submission_id=held[first.code], fingerprint=first.fingerprint)
    assert taken.outcome == "accepted"
    written = _differ(before, _contents(county_db))
    assert {"submission", "trusted_key"} <= written
    assert taken.changes == Changes(frozenset(written))

    before = _contents(county_db)
    rejected = reject_held(county_db, submission_id=held[second.code])
    assert rejected == Changes(frozenset(_differ(before, _contents(county_db))))
    assert rejected.tables == {"submission"}

    # Nothing is held any more: deciding again writes nothing and says so.
    before = _contents(county_db)
    decided = reevaluate_held(county_db)
    assert decided.results == [] and not decided.changes
    assert _differ(before, _contents(county_db)) == set()


def test_review_decisions_and_the_county_export_return_what_they_wrote(
    county_db: Database, schools: Schools, usb: Path, tmp_path: Path
) -> None:
    collect(county_db, [usb])
    first, second = schools.in_county()[:2]
    (tmp_path / "replies").mkdir()
    (tmp_path / "out").mkdir()
    before = _contents(county_db)
    receipt = accept_submission(
        county_db, code=first.code, period_label="2026", out_dir=tmp_path / "replies"
    )
    assert receipt.path.is_file()
    written = _differ(before, _contents(county_db))
    assert "submission" in written and receipt.changes == Changes(frozenset(written))

    before = _contents(county_db)
    returned = return_submission(
        county_db,
        code=second.code,
        period_label="2026",
        out_dir=tmp_path / "replies",
        comments=[ReturnComment(None, None, "请补充联系人电话")],
    )
    written = _differ(before, _contents(county_db))
    assert "submission" in written and returned.changes == Changes(frozenset(written))

    before = _contents(county_db)
    done = export_county(county_db, period_label="2026", out_dir=tmp_path / "out", unencrypted=True)
    assert done.export.path.is_file() and done.export.schools == len(schools.in_county())
    written = _differ(before, _contents(county_db))
    assert "export_log" in written and done.changes == Changes(frozenset(written))
