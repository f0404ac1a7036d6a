"""The whole chain on the full sample prefecture: the original document's figures, exactly.

902 schools export through the real export code, ten counties collect and export county
packages, the prefecture collects them; its ``summary --json`` must give the prefecture's
figures of the 2023 reply (domain.md).  The same test tampers with a package, collects a
package twice, re-exports a school with a change (sequence 2) and collects both sequences
in reverse order — and the figures still come out right.

Takes minutes: it runs in CI; deselect it locally with ``-m "not full_prefecture"``.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest

from cxdesk.bureau.collect import collect
from cxdesk.bureau.county import export_county_package
from cxdesk.bureau.summary import training_attendance_at
from cxdesk.cli import main
from cxdesk.exchange.bureau_keys import unlock_bureau_keys
from cxdesk.exchange.keys import keys_dir, load_signer
from cxdesk.sample.bureau_keys import SAMPLE_PASSPHRASE, adopt_sample_keys
from cxdesk.sample.prefecture import design_prefecture
from cxdesk.services.bureaus import init_bureau
from cxdesk.services.periods import get_period
from cxdesk.storage.db import open_database

from .helpers import reexport

pytestmark = pytest.mark.full_prefecture

DOCUMENT = {
    "schools_reported": 902,
    "counselors": 2232,
    "full_time": 70,
    "part_time": 2162,
    "cert_level2": 37,
    "cert_level3": 70,
    "cert_other": 86,
    "recruited_since_2020": 16,
    "studio_hosts": 1,
    "studio_members": 70,
    "rooms": 809,
    "room_area_m2": 23476.8,
    "schools_with_room": 809,
    "schools_with_room_pct": 89.69,
}
CITY = "532301"


def summary_json(db_path: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> dict[str, Any]:
    capsys.readouterr()
    assert main(["--db", str(db_path), "summary", "--period", "2026", "--json", *extra]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert isinstance(summary, dict)
    return summary


def shanghai(db_path: Path) -> int:
    db = open_database(db_path)
    try:
        with db.transaction() as session:
            return training_attendance_at(session, period=get_period(session, "2026"), place="上海")
    finally:
        db.close()


def test_the_full_prefecture_gives_the_documents_figures(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "sample"
    assert main(["demo", "--prefecture", str(out)]) == 0
    said = capsys.readouterr()
    # Progress in the user's language (it said "counties"), then what was built.
    assert re.search(r"[A-Za-z]{3,}", said.err.replace(".cxpkg", "")) is None, said.err
    assert "学校上报包：902/902" in said.err and "示例州已生成" in said.out
    readme = (out / "README.txt").read_text(encoding="utf-8-sig")
    for folder in ("schools/", "packages/", "counties/", "county-packages/", "prefecture.db"):
        assert readme.count(folder) >= 2, folder  # said in Chinese and in English
    assert "收取上报包" in readme and "Collect" in readme
    prefecture = out / "prefecture.db"

    data = summary_json(prefecture, capsys, "--by", "county")
    totals = data["totals"]
    assert data["scope"]["code"] == "532300"
    for key, value in DOCUMENT.items():
        assert totals[key] == value, key
    assert totals["schools_expected"] == 902
    training = totals["training_person_times"]
    assert 600 <= training["national"] + training["provincial"] < 700
    assert shanghai(prefecture) == 100
    # Ten counties, Chuxiong city the biggest; the rows add up to the totals.
    rows = data["rows"]
    assert len(rows) == 10
    assert max(rows, key=lambda r: r["counselors"])["code"] == CITY
    assert sum(r["counselors"] for r in rows) == 2232
    assert sum(r["schools_reported"] for r in rows) == 902
    # The headline counts roster entries (domain.md); the sample puts two people on two
    # rosters (one within 牟定县, one across 楚雄市 and 禄丰市): 2230 persons (issue 15).
    assert data["people"] == {
        "roster_entries": 2232,
        "persons": 2230,
        "counted_more_than_once": 2,
        "without_identity_number": 0,
    }

    # --- at Chuxiong city's bureau: a tampered package, one twice, a school's sequence 2
    county_db = out / "counties" / CITY / "county.db"
    packages = sorted((out / "packages" / CITY).glob("*.cxpkg"))
    tampered = tmp_path / "tampered" / packages[3].name
    tampered.parent.mkdir()
    data_bytes = bytearray(packages[3].read_bytes())
    data_bytes[len(data_bytes) // 3] ^= 0x55
    tampered.write_bytes(bytes(data_bytes))
    plan = next(p for p in design_prefecture() if p.county == CITY and p.code in packages[5].name)
    second = reexport(out, plan, tmp_path / "work", tmp_path / "usb2")

    db = open_database(county_db)
    try:
        with db.reading() as session:  # the clerk types the county's key passphrase
            unlock_bureau_keys(session, key_dir=keys_dir(db.path), passphrase=SAMPLE_PASSPHRASE)
        report = collect(db, [tampered, packages[0], second])
        assert [r.outcome for r in report.results] == ["refused", "already_had", "accepted"]
        county_out = tmp_path / "county-out"
        county_out.mkdir()
        with db.transaction() as session:
            signer = load_signer(session, key_dir=keys_dir(db.path))
            newer = export_county_package(
                session, period_label="2026", out_dir=county_out, signer=signer
            ).path
    finally:
        db.close()
    assert newer.name == f"{CITY}_2026_002.cxpkg"

    # --- the prefecture takes the newer county package: sequence 2 of the school counts
    db = open_database(prefecture)
    try:
        with db.reading() as session:
            unlock_bureau_keys(session, key_dir=keys_dir(db.path), passphrase=SAMPLE_PASSPHRASE)
        report = collect(db, [newer])
        inner = [r.outcome for r in report.results[0].inner]
        assert inner.count("accepted") == 1 and inner.count("already_had") == len(inner) - 1
    finally:
        db.close()
    changed = {**DOCUMENT, "counselors": 2233, "part_time": 2163}
    after = summary_json(prefecture, capsys)["totals"]
    for key, value in changed.items():
        assert after[key] == value, key

    # --- a second prefecture (the prefecture's keys and its registry of county keys
    # restored on a new database) collects everything in reverse order: newest first
    again = tmp_path / "again" / "prefecture.db"
    again.parent.mkdir()
    db = open_database(again)
    try:
        with db.transaction() as session:
            init_bureau(session, role="prefecture", code="532300")
            adopt_sample_keys(session, key_dir=keys_dir(again), out=out, code="532300")
        old_packages = sorted((out / "county-packages").glob("*.cxpkg"), reverse=True)
        report = collect(db, [newer, *old_packages])
        outcomes = [r.outcome for r in report.results]
        assert outcomes[0] == "accepted" and outcomes.count("accepted") == 10
        assert [r.outcome for r in collect(db, [newer]).results] == ["already_had"]
        old_city = next(r for r in report.results if Path(r.path).name == f"{CITY}_2026_001.cxpkg")
        assert old_city.outcome == "superseded"
        assert [x.outcome for x in old_city.inner].count("superseded") == 1
    finally:
        db.close()
    reverse = summary_json(again, capsys)["totals"]
    assert reverse == after
    assert shanghai(again) == 100
    shutil.rmtree(tmp_path / "work", ignore_errors=True)
