"""The light listings' way back (issue 16): ``trust list``, ``held list`` and ``board`` read
an up-to-date SQLite file read-only without SQLAlchemy, and anything else (a file to
migrate, a damaged or missing file, a file from a newer cxdesk, a server) takes the normal
open, with its messages: the same as when the light way is not tried at all.

What the light way shows on a bureau with packages is compared with the normal way's in
tests/bureau/test_light_read.py; what it imports, in fresh interpreters, in
tests/cli/test_light_start.py.
"""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from cxdesk.cli import main
from cxdesk.storage import light_read
from cxdesk.storage.rows import Rows
from cxdesk.storage.schema import HEAD, database_revision
from tests.light_ways import normal_way, watch_ways

FIXTURES = Path(__file__).parents[1] / "fixtures"
LISTINGS = (["trust", "list"], ["held", "list"], ["board", "--period", "2026"])


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def ways(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The way each listing read its database: ``light`` or ``normal``."""
    return watch_ways(monkeypatch)


def both_ways(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    make: Callable[[Path], None],
    tmp_path: Path,
    *argv: str,
) -> tuple[tuple[int, str, str], tuple[int, str, str]]:
    """``argv`` on a database ``make`` writes, as it is (``{db}`` in ``argv``), and on an
    identical one read the normal way."""
    light_db, normal_db = tmp_path / "light" / "cxdesk.db", tmp_path / "normal" / "cxdesk.db"
    for path in (light_db, normal_db):
        path.parent.mkdir(parents=True)
        make(path)
    result = run(capsys, *(a.format(db=light_db) for a in argv))
    with monkeypatch.context() as patch:
        normal_way(patch)
        expected = run(capsys, *(a.format(db=normal_db) for a in argv))
    return result, expected


def _copy(fixture: str) -> Callable[[Path], None]:
    def copy(path: Path) -> None:
        shutil.copyfile(FIXTURES / fixture, path)

    return copy


@pytest.mark.parametrize("listing", LISTINGS, ids=lambda x: x[0])
def test_a_database_to_migrate_is_migrated_then_read_light(
    listing: list[str],
    ways: list[str],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    result, expected = both_ways(
        capsys, monkeypatch, _copy("schema_v8.db"), tmp_path, *listing, "--db", "{db}"
    )
    assert result == expected and result[0] == 0 and result[1]
    assert ways == ["normal"]
    path = tmp_path / "light" / "cxdesk.db"
    assert database_revision(path) == (True, HEAD)
    assert list((path.parent / "backups").glob("*before-migration-0008*.db"))
    again = run(capsys, *listing, "--db", str(path))
    assert again == result and ways == ["normal", "light"]


@pytest.mark.parametrize("listing", LISTINGS, ids=lambda x: x[0])
def test_a_damaged_file_gets_the_normal_message_and_stays_as_it_was(
    listing: list[str],
    ways: list[str],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    garbage = b"SQLite format 3\x00" + bytes(range(256)) * 64

    def damaged(path: Path) -> None:
        path.write_bytes(garbage)

    result, expected = both_ways(capsys, monkeypatch, damaged, tmp_path, *listing, "--db", "{db}")
    code, out, err = result
    assert (code, out) == (expected[0], expected[1]) == (2, "")
    assert err == expected[2].replace(str(tmp_path / "normal"), str(tmp_path / "light"))
    assert "已损坏" in err and "Traceback" not in err
    assert ways == ["normal"]
    assert (tmp_path / "light" / "cxdesk.db").read_bytes() == garbage


def test_a_file_damaged_inside_is_not_listed(
    ways: list[str], capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """A file whose header is sound but whose pages are not: the quick check refuses it."""
    path = tmp_path / "cxdesk.db"
    assert run(capsys, "init", "county", "--county", "532301", "--db", str(path))[0] == 0
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.close()
    data = bytearray(path.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    data[2 * page + 100 : 3 * page] = b"\xff" * (page - 100)  # the third page, past its header
    path.write_bytes(bytes(data))
    code, out, err = run(capsys, "--lang", "en", "trust", "list", "--db", str(path))
    assert (code, out) == (2, "") and "is damaged" in err
    assert ways == ["normal"]


@pytest.mark.parametrize("listing", LISTINGS, ids=lambda x: x[0])
def test_a_missing_file_is_made_the_normal_way(
    listing: list[str],
    ways: list[str],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    result, expected = both_ways(
        capsys, monkeypatch, lambda path: None, tmp_path, "--lang", "en", *listing, "--db", "{db}"
    )
    assert result == expected
    assert ways == ["normal"]
    assert database_revision(tmp_path / "light" / "cxdesk.db") == (True, HEAD)
    if listing[0] == "trust":  # the registry of a database not set up yet: empty
        assert result == (0, "The registry is empty.\n", "")
    else:  # a bureau's listing: the database must be set up first
        assert result[0] == 2 and "not set up" in result[2]


def test_a_database_of_a_newer_cxdesk_is_refused_untouched(
    ways: list[str],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    def newer(path: Path) -> None:
        shutil.copyfile(FIXTURES / "schema_v8.db", path)
        conn = sqlite3.connect(path)
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
        conn.commit()
        conn.close()

    result, expected = both_ways(
        capsys, monkeypatch, newer, tmp_path, "--lang", "en", "trust", "list", "--db", "{db}"
    )
    assert result[:2] == expected[:2] == (2, "")
    assert "newer cxdesk" in result[2] and "9999" in result[2]
    assert ways == ["normal"]


def test_a_schools_database_is_refused_by_the_bureaus_listings(
    ways: list[str],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    """The light way reads the school's file and says what the normal way says."""

    def school(path: Path) -> None:
        init = ["init", "school", "--code", "2153230001", "--name", "鹿城小学"]
        init += ["--county", "532301", "--kind", "primary", "--db", str(path)]
        assert main(init) == 0

    for listing in (["held", "list"], ["board"]):
        ways.clear()
        result, expected = both_ways(
            capsys, monkeypatch, school, tmp_path / listing[0], *listing, "--db", "{db}"
        )
        assert result[:2] == expected[:2] == (2, "")
        assert result[2].replace("light", "normal") == expected[2]
        assert "鹿城小学" in result[2] and "只适用于县市或州教育体育局" in result[2]
        assert ways == ["light"]


def test_the_light_way_changes_nothing_and_leaves_nothing_beside_the_file(
    ways: list[str], capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "cxdesk.db"
    shutil.copyfile(FIXTURES / "schema_v8.db", path)
    assert run(capsys, "board", "--db", str(path))[0] == 0  # migrated, backed up
    before = sorted(p.name for p in tmp_path.iterdir())
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    for listing in LISTINGS:
        assert run(capsys, *listing, "--db", str(path))[0] == 0
    assert ways == ["normal", "light", "light", "light"]
    assert sorted(p.name for p in tmp_path.iterdir()) == before  # no -wal, no -shm
    assert hashlib.sha256(path.read_bytes()).hexdigest() == digest


def test_the_rows_of_the_light_way_refuse_to_write(tmp_path: Path) -> None:
    path = tmp_path / "cxdesk.db"
    shutil.copyfile(FIXTURES / "schema_v8.db", path)
    assert main(["trust", "list", "--db", str(path)]) == 0  # migrated

    def write(rows: Rows) -> None:
        rows("DELETE FROM trusted_key")

    with pytest.raises(light_read.NotLight) as refused:
        light_read.read_light(str(path), write)
    assert "readonly" in str(refused.value.__cause__)
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT count(*) FROM trusted_key").fetchone() == (3,)
    conn.close()


def test_a_server_url_is_never_read_light(
    ways: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    from tests.postgres.server import (
        as_text,
        create_database,
        drop_database,
        server_url,
        skip_or_fail,
    )

    assert light_read.light_path("postgresql+psycopg://clerk@127.0.0.1/cxdesk") is None
    assert light_read.light_path("sqlite:///some/file.db") is None  # URLs: the normal way
    url = server_url()
    if url is None:
        skip_or_fail()
        return
    made = create_database(url)
    try:
        db = as_text(made)
        assert run(capsys, "init", "county", "--county", "532301", "--db", db)[0] == 0
        for listing in LISTINGS:
            code, out, err = run(capsys, "--lang", "en", *listing, "--db", db)
            assert (code, err) == (0, "") and out
        assert ways == ["normal"] * len(LISTINGS)
    finally:
        from cxdesk.commands.base import close_databases

        close_databases()
        assert made.database is not None
        drop_database(url, made.database)
