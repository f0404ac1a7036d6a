"""County → prefecture: signed county packages, school signatures checked inside."""

from __future__ import annotations

import json
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from cxdesk import reference as ref
from cxdesk.bureau.board import completeness_board
from cxdesk.bureau.collect import collect
from cxdesk.bureau.county import export_county_package
from cxdesk.bureau.intake import BUREAU_LIMITS
from cxdesk.bureau.register import load_register
from cxdesk.exchange.keys import keys_dir, load_signer
from cxdesk.exchange.trust import register_key
from cxdesk.services.bureaus import bureau_name
from cxdesk.storage.db import Database, open_database
from tests.sample_bureaus import bureau_with_sample_keys

from .conftest import COUNTY, OTHER_COUNTY, Schools, register_rows
from .helpers import totals


def county_package(
    tmp_path: Path,
    schools: Schools,
    usb: Path,
    county: str,
    bureaus: Path,
    *,
    files: list[Path] | None = None,
    after_collect: Callable[[Database], None] | None = None,
) -> tuple[Path, str]:
    """A county bureau that collects its schools (``files``, default: theirs on ``usb``)
    and exports its package; (file, key).  ``after_collect`` acts as its clerk."""
    db = open_database(tmp_path / f"county-{county}" / "county.db")
    try:
        bureau_with_sample_keys(db, bureaus, role="county", code=county)
        with db.transaction() as session:
            load_register(session, register_rows([p for p in schools.plans if p.county == county]))
            for b in schools.in_county(county):
                register_key(session, fingerprint=b.fingerprint, code=b.code, name=b.name)
        collect(db, files or [usb / b.package.name for b in schools.in_county(county)])
        if after_collect is not None:
            after_collect(db)
        out = tmp_path / "to-prefecture"
        out.mkdir(exist_ok=True)
        with db.transaction() as session:
            signer = load_signer(session, key_dir=keys_dir(db.path))
            result = export_county_package(session, period_label="2026", out_dir=out, signer=signer)
    finally:
        db.close()
    return result.path, signer.fingerprint


@pytest.fixture
def prefecture(tmp_path: Path, sample_bureaus: Path) -> Database:
    db = open_database(tmp_path / "prefecture" / "prefecture.db")
    return bureau_with_sample_keys(db, sample_bureaus, role="prefecture", code=ref.PREFECTURE_CODE)


def trust_county(db: Database, county: str, fingerprint: str) -> None:
    with db.transaction() as session:
        register_key(
            session,
            fingerprint=fingerprint,
            code=county,
            name=bureau_name("county", county),
            role="county",
        )


def test_the_prefecture_counts_the_schools_inside_the_county_packages(
    prefecture: Database, schools: Schools, usb: Path, tmp_path: Path, sample_bureaus: Path
) -> None:
    packages = []
    for county in (COUNTY, OTHER_COUNTY):
        path, key = county_package(tmp_path, schools, usb, county, sample_bureaus)
        trust_county(prefecture, county, key)
        packages.append(path)
    report = collect(prefecture, packages)
    assert [r.outcome for r in report.results] == ["accepted", "accepted"]
    inner = [x.outcome for r in report.results for x in r.inner]
    assert inner == ["accepted"] * len(schools.built)
    figures = totals(prefecture, "county")
    assert figures["totals"]["schools_reported"] == len(schools.plans)
    assert figures["totals"]["counselors"] == sum(len(p.counselors) for p in schools.plans)
    # The counties' registers arrived with their packages.
    assert figures["totals"]["schools_expected"] == len(schools.plans)
    assert {r["code"] for r in figures["rows"]} == {COUNTY, OTHER_COUNTY}
    # Again: nothing changes.
    again = collect(prefecture, packages)
    assert [r.outcome for r in again.results] == ["already_had", "already_had"]
    assert totals(prefecture, "county") == figures
    with prefecture.transaction() as session:
        board = completeness_board(session, period_label="2026")
    counties = {c.county_code: c for c in board.counties}
    assert counties[COUNTY].state == "received" and counties[COUNTY].schools == 4
    assert counties["532301"].state == "not_received"


def test_the_county_totals_are_never_counted(
    prefecture: Database, schools: Schools, usb: Path, tmp_path: Path, sample_bureaus: Path
) -> None:
    """A county package whose signed manifest claims other totals: the schools win."""
    from cxdesk.exchange.package import package_bytes
    from cxdesk.exchange.verify import verify_package

    path, key = county_package(tmp_path, schools, usb, COUNTY, sample_bureaus)
    trust_county(prefecture, COUNTY, key)
    original = verify_package(path, limits=BUREAU_LIMITS)
    manifest = json.loads(original.manifest_bytes)
    manifest["figures"]["counselors"] = 99999
    manifest["sequence"] = 2
    db = open_database(tmp_path / f"county-{COUNTY}" / "county.db")
    try:
        with db.transaction() as session:
            signer = load_signer(session, key_dir=keys_dir(db.path))
    finally:
        db.close()
    forged = tmp_path / "forged.cxpkg"
    forged.write_bytes(package_bytes(manifest, original.members, signer))
    report = collect(prefecture, [forged])
    assert report.results[0].outcome == "accepted"
    expected = sum(len(p.counselors) for p in schools.plans if p.county == COUNTY)
    assert totals(prefecture)["totals"]["counselors"] == expected


def test_a_tampered_school_package_inside_is_refused_by_the_county_signature(
    prefecture: Database, schools: Schools, usb: Path, tmp_path: Path, sample_bureaus: Path
) -> None:
    path, key = county_package(tmp_path, schools, usb, COUNTY, sample_bureaus)
    trust_county(prefecture, COUNTY, key)
    tampered = tmp_path / "tampered.cxpkg"
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(tampered, "w") as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename.startswith("schools/") and info.filename.endswith(".cxpkg"):
                data = data[:-10] + bytes(10)
            dst.writestr(info, data)
    report = collect(prefecture, [tampered])
    assert report.results[0].outcome == "refused"
    assert totals(prefecture)["totals"]["schools_reported"] == 0


def test_an_unregistered_county_is_held(
    prefecture: Database, schools: Schools, usb: Path, tmp_path: Path, sample_bureaus: Path
) -> None:
    from cxdesk.bureau.held import accept_held
    from cxdesk.bureau.held_list import held_packages

    path, key = county_package(tmp_path, schools, usb, OTHER_COUNTY, sample_bureaus)
    report = collect(prefecture, [path])
    assert report.results[0].outcome == "held"
    held = held_packages(prefecture)
    assert held[0].needs_fingerprint
    result = accept_held(prefecture, submission_id=held[0].submission_id, fingerprint=key)
    assert result.outcome == "accepted"
    assert [x.outcome for x in result.inner] == ["accepted"]
    assert totals(prefecture)["totals"]["schools_reported"] == 1


def test_a_county_cannot_collect_a_county_package(
    county_db: Database, schools: Schools, usb: Path, tmp_path: Path, sample_bureaus: Path
) -> None:
    path, _key = county_package(tmp_path, schools, usb, OTHER_COUNTY, sample_bureaus)
    report = collect(county_db, [path])
    assert report.results[0].outcome == "refused"
