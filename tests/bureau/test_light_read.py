"""The light listings show exactly what the normal open shows (issue 16).

A county bureau with packages in every state (counted, returned, held for an unknown key,
withdrawn by a revoked key, refused, not sent), a deadline, a school outside the register:
``trust list``, ``held list`` and ``board``, as text and as JSON, in both languages, read
the light way (sqlite3, read-only, without SQLAlchemy) and the normal way (the session),
must print the same bytes.  On PostgreSQL (the ``backend`` fixture) there is no file to
read: every listing takes the normal way, and says the same.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from cxdesk.bureau.collect import collect
from cxdesk.bureau.deadlines import set_deadline
from cxdesk.bureau.review import ReturnComment, return_submission
from cxdesk.bureau.revocation import revoke
from cxdesk.cli import main
from cxdesk.exchange.trust import find_key
from cxdesk.storage.db import Database
from tests.light_ways import normal_way, watch_ways

from .conftest import OTHER_COUNTY, Schools

LISTINGS = (["trust", "list"], ["held", "list"], ["board", "--period", "2026"])


@pytest.fixture
def busy_county(county_db: Database, schools: Schools, usb: Path, tmp_path: Path) -> Path:
    """牟定县 after a collect: a package counted, one returned, one held, one withdrawn."""
    mine = schools.in_county()
    with county_db.transaction() as session:
        set_deadline(session, period_label="2026", deadline=date(2026, 3, 1))
        session.delete(find_key(session, mine[2].fingerprint))  # its package will be held
    other = next(b for b in schools.built if b.county == OTHER_COUNTY)
    collect(county_db, [usb / b.package.name for b in (*mine[:4], other)])
    return_submission(
        county_db,
        code=mine[1].code,
        period_label="2026",
        out_dir=tmp_path,
        comments=[ReturnComment(None, None, "请补充联系人电话")],
    )
    with county_db.transaction() as session:
        revoke(session, target=mine[3].code, since="all", note="钥匙丢失")
    county_db.close()
    return Path(county_db.path)


def _run(capsys: pytest.CaptureFixture[str], argv: list[str]) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(argv)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_every_listing_shows_the_same_either_way(
    busy_county: Path,
    backend: object,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    shown: dict[str, str] = {}
    ways: list[str] = []
    for listing in LISTINGS:
        for options in ([], ["--json"]):
            for lang in ("zh", "en"):
                argv = ["--lang", lang, *listing, *options, "--db", str(busy_county)]
                with monkeypatch.context() as patch:
                    taken = watch_ways(patch)
                    light = _run(capsys, argv)
                    ways += taken
                with monkeypatch.context() as patch:
                    normal_way(patch)
                    normal = _run(capsys, argv)
                assert light == normal, argv
                assert light[0] == 0 and light[2] == "", argv
                shown[" ".join([lang, *listing, *options])] = light[1]
    on_file = backend is None
    assert ways == ["light" if on_file else "normal"] * (len(LISTINGS) * 4)

    # What was compared holds what the fixture made, so that equal is not equal and empty.
    held = json.loads(shown["en held list --json"])
    assert len(held) == 1 and held[0]["needs_fingerprint"] is True
    assert "Accepting needs the fingerprint" in shown["en held list"]
    board = json.loads(shown["zh board --period 2026 --json"])
    states = {row["state"] for row in board["schools"]}
    assert {"received", "returned", "held", "not_received"} <= states
    assert any(row["withdrawn"] for row in board["schools"])
    assert board["deadline"] == "2026-03-01" and board["totals"]["rate_pct"] is not None
    keys = json.loads(shown["en trust list --json"])
    assert {k["status"] for k in keys} == {"registered", "revoked"}
    assert any(k["revoked_from"] == "all" for k in keys)
    assert "已作废" in shown["zh trust list"] and "revoked" in shown["en trust list"]
