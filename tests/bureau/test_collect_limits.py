"""Issue 11, point 5: limits before memory, no free storage for strangers, and the
collector's temporary workbooks kept in the data folder and cleaned up."""

from __future__ import annotations

import io
import os
import tempfile
import tracemalloc
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from cxdesk.bureau.collect import collect
from cxdesk.bureau.held import reject_held
from cxdesk.bureau.held_list import held_packages
from cxdesk.bureau.scratch import PREFIX, scratch_dir
from cxdesk.exchange.archive import MIB
from cxdesk.storage.db import Database
from cxdesk.workbook.plan import plan_import

from .conftest import Schools
from .crafting import new_signer, recraft, write
from .helpers import statuses


@pytest.fixture
def prefecture(tmp_path: Path) -> Iterator[Database]:
    """The prefecture collects county packages too: wider limits exist there."""
    from cxdesk import reference as ref
    from cxdesk.services.bureaus import init_bureau
    from cxdesk.storage.db import open_database

    db = open_database(tmp_path / "prefecture" / "prefecture.db")
    with db.transaction() as session:
        init_bureau(session, role="prefecture", code=ref.PREFECTURE_CODE)
    yield db
    db.close()


@pytest.mark.parametrize("where", ["county", "prefecture"])
def test_a_small_zip_that_inflates_to_470_mib_is_refused_before_it_is_inflated(
    county_db: Database, prefecture: Database, tmp_path: Path, where: str
) -> None:
    bureau = county_db if where == "county" else prefecture
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for n in range(10):  # 10 × 47 MiB: each below the member cap, 470 MiB in all
            entry = zipfile.ZipInfo(f"part{n}.bin")
            entry.compress_type = zipfile.ZIP_DEFLATED
            with z.open(entry, "w") as member:
                for _ in range(47):
                    member.write(bytes(MIB))
    bomb = write(tmp_path / "bomb.cxpkg", out.getvalue())
    assert bomb.stat().st_size < 1 * MIB
    tracemalloc.start()
    try:
        result = collect(bureau, [bomb], backup=False).results[0]
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert result.outcome == "refused" and result.reason is not None
    # The school package limits (64 MiB in all), not the county package's 512 MiB.
    assert "67108864" in result.reason.render("en")
    assert peak < 16 * MIB
    assert statuses(bureau) == {}


def test_a_strangers_package_over_16_mib_is_not_kept(
    county_db: Database, schools: Schools, tmp_path: Path
) -> None:
    school = schools.in_county()[0]
    stranger = new_signer()
    noise = os.urandom(17 * MIB)  # incompressible, within the 64 MiB of a school package
    big = recraft(
        school.package.read_bytes(),
        stranger,
        manifest=lambda m: m.update(sequence=2),
        members=lambda f: f.update({"photos.bin": noise}),
    )
    path = write(tmp_path / "big" / "p.cxpkg", big)
    result = collect(county_db, [path], backup=False).results[0]
    assert result.outcome == "refused" and result.reason is not None
    assert "16 MiB" in result.reason.render("en")
    assert statuses(county_db) == {}
    assert not list((Path(county_db.path).parent / "received").rglob("*.cxpkg"))

    # A small one is kept while the clerk decides; rejecting it deletes the file.
    small = recraft(school.package.read_bytes(), stranger, manifest=lambda m: m.update(sequence=3))
    assert (
        collect(county_db, [write(tmp_path / "s" / "p.cxpkg", small)]).results[0].outcome == "held"
    )
    held = held_packages(county_db)[0]
    assert Path(held.stored_path).is_file()
    reject_held(county_db, submission_id=held.submission_id)
    assert not Path(held.stored_path).exists()


def test_the_workbook_is_read_in_memory_and_a_failing_reader_refuses_one_package(
    county_db: Database, schools: Schools, usb: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The personal data in a package's workbook is never written to a file to be read
    (issue 16 reads it from memory); a reader that fails refuses only its package."""
    from cxdesk.exchange import unpack  # reads a package's workbook with plan_import

    home = Path(county_db.path).resolve().parent
    seen: list[bytes] = []
    real = plan_import

    def watching(session: Any, *, school: Any, path: Path, **kwargs: Any) -> Any:
        assert kwargs.get("content"), "the workbook's bytes, in memory"
        assert not Path(path).exists()  # a name only
        seen.append(kwargs["content"])
        if len(seen) == 2:
            raise RuntimeError("the reader failed")
        return real(session, school=school, path=path, **kwargs)

    monkeypatch.setattr(unpack, "plan_import", watching)
    before = set(Path(tempfile.gettempdir()).iterdir())
    report = collect(county_db, [usb / b.package.name for b in schools.in_county()[:3]])
    assert [r.outcome for r in report.results].count("accepted") == 2
    assert sum(r.internal_error for r in report.results) == 1
    assert len(seen) == 3
    assert not scratch_dir(home).exists() or list(scratch_dir(home).iterdir()) == []
    assert {p for p in Path(tempfile.gettempdir()).iterdir() if p.suffix == ".xlsx"} <= before


def test_what_a_killed_collector_left_is_swept_at_the_next_start(
    county_db: Database, schools: Schools, usb: Path
) -> None:
    home = Path(county_db.path).resolve().parent
    folder = scratch_dir(home)
    folder.mkdir(parents=True, exist_ok=True)
    dead = folder / f"{PREFIX}999999999-0123456789abcdef.xlsx"  # no such process
    dead.write_bytes(b"names and identity numbers")
    mine = folder / f"{PREFIX}{os.getpid()}-fedcba9876543210.xlsx"  # a collect running now
    mine.write_bytes(b"being read")
    collect(county_db, [usb / schools.in_county()[0].package.name])
    assert not dead.exists()
    assert mine.exists()
