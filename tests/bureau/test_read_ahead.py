"""Issue 16: a large collect reads its packages ahead in worker processes.

The workers only work out what a file alone decides; the outcome of every package, good
or bad, is the one collect gives without them, and a worker that dies takes nothing with
it.  The threshold is lowered so that a handful of real packages go through real workers.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyrage
import pytest
from sqlalchemy import select

from cxdesk.bureau import intake, read_ahead
from cxdesk.bureau.collect import collect
from cxdesk.bureau.read_ahead import ReadAhead
from cxdesk.bureau.register import load_register
from cxdesk.exchange.trust import register_key
from cxdesk.exchange.verify import verify_package_bytes
from cxdesk.models import Submission
from cxdesk.storage import transaction_memo
from cxdesk.storage.db import Database, open_database
from tests.sample_bureaus import bureau_with_sample_keys

from .conftest import COUNTY, Schools, register_rows
from .crafting import recraft, school_signer, write
from .helpers import statuses

Outcome = tuple[str, str, str]


def _bureau(path: Path, schools: Schools, sample_bureaus: Path) -> Database:
    """牟定县's bureau as the county_db fixture makes it, at ``path``."""
    db = open_database(path)
    bureau_with_sample_keys(db, sample_bureaus, role="county", code=COUNTY)
    with db.transaction() as session:
        load_register(session, register_rows([p for p in schools.plans if p.county == COUNTY]))
        for b in schools.in_county():
            register_key(session, fingerprint=b.fingerprint, code=b.code, name=b.name)
    return db


def _stick(schools: Schools, folder: Path) -> Path:
    """Every sample package, and bad ones: a forged byte, a bad manifest, an unreadable
    workbook (encrypted to the county like a real one, signed by the school)."""
    for b in schools.built:
        write(folder / b.package.name, b.package.read_bytes())
    first = schools.in_county()[0]
    data = bytearray(first.package.read_bytes())
    data[len(data) // 2] ^= 0x55
    write(folder / "forged.cxpkg", bytes(data))
    signer = school_signer(schools.root, schools.plan(first.code))
    original = first.package.read_bytes()
    period = {"label": "2026", "start": "2026-12-31", "end": "2026-01-01"}
    bad = recraft(original, signer, manifest=lambda m: m.update(period=period))
    write(folder / "bad-manifest.cxpkg", bad)
    recipients = [
        pyrage.x25519.Recipient.from_str(r.public_key)
        for r in verify_package_bytes(original).manifest.encryption.recipients  # type: ignore[union-attr]
    ]

    def garbage(members: dict[str, bytes]) -> None:
        members["workbook.xlsx.age"] = pyrage.encrypt(b"not a workbook at all", recipients)

    write(folder / "unreadable.cxpkg", recraft(original, signer, members=garbage))
    return folder


def _outcomes(db: Database, folder: Path) -> list[Outcome]:
    report = collect(db, [folder])
    return [
        (Path(r.path).name, r.outcome, r.reason.render() if r.reason is not None else "")
        for r in report.results
    ]


@pytest.fixture
def workers(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[int]]:
    """Read ahead even a handful of packages, with one worker; counts the files read ahead."""
    monkeypatch.setattr(read_ahead, "READ_AHEAD_MIN", 2)
    monkeypatch.setattr(read_ahead, "worker_count", lambda: 1)
    taken: list[int] = []
    original = ReadAhead.get

    def counting(self: ReadAhead, index: int) -> object:
        got = original(self, index)
        if got is not None:
            taken.append(index)
        return got

    monkeypatch.setattr(ReadAhead, "get", counting)
    yield taken


def test_reading_ahead_decides_every_package_as_collect_does_without(
    schools: Schools, sample_bureaus: Path, tmp_path: Path, workers: list[int]
) -> None:
    folder = _stick(schools, tmp_path / "stick")
    ahead = _bureau(tmp_path / "ahead" / "county.db", schools, sample_bureaus)
    read_ahead_outcomes = _outcomes(ahead, folder)
    assert len(workers) == len(read_ahead_outcomes)  # every file was read by the worker
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(read_ahead, "READ_AHEAD_MIN", 10**9)
        here = _bureau(tmp_path / "here" / "county.db", schools, sample_bureaus)
        here_outcomes = _outcomes(here, folder)
    assert read_ahead_outcomes == here_outcomes
    outcomes = {name: outcome for name, outcome, _ in here_outcomes}
    assert outcomes["forged.cxpkg"] == outcomes["bad-manifest.cxpkg"] == "refused"
    assert outcomes["unreadable.cxpkg"] == "refused"
    reasons = {name: reason for name, _, reason in here_outcomes}
    assert "无法读取" in reasons["unreadable.cxpkg"]
    assert statuses(ahead) == statuses(here) == {"accepted": len(schools.in_county())}
    ahead.close()
    here.close()


def test_a_worker_that_dies_takes_nothing_with_it(
    schools: Schools,
    sample_bureaus: Path,
    tmp_path: Path,
    workers: list[int],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    folder = _stick(schools, tmp_path / "stick")
    monkeypatch.setattr(read_ahead, "WINDOW_PER_WORKER", 1)  # the rest is not read yet
    counted = ReadAhead.get  # the fixture's

    def killing(self: ReadAhead, index: int) -> object:
        if index == 2 and self._pool is not None:
            for process in list(self._pool._processes.values()):
                process.kill()
                process.join()
        return counted(self, index)

    monkeypatch.setattr(ReadAhead, "get", killing)
    db = _bureau(tmp_path / "county" / "county.db", schools, sample_bureaus)
    outcomes = _outcomes(db, folder)
    assert workers and len(workers) < len(outcomes)  # read ahead, then here
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(read_ahead, "READ_AHEAD_MIN", 10**9)
        here = _bureau(tmp_path / "here" / "county.db", schools, sample_bureaus)
        assert outcomes == _outcomes(here, folder)
    assert statuses(db) == {"accepted": len(schools.in_county())}
    db.close()
    here.close()


def test_a_group_looked_up_at_once_decides_as_each_package_alone(
    schools: Schools,
    sample_bureaus: Path,
    tmp_path: Path,
    workers: list[int],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A group's lookups made at once (cxdesk.bureau.intake._look_up_group) for the
    packages whose sender, file and key are the group's only ones; the others of the
    group (a school's second package, a different package with the same sequence, the
    same file again under another name) ask one by one.  Every outcome, reason and
    counted package is the one collect gives without reading ahead."""
    first, *others = schools.in_county()
    signer = school_signer(schools.root, schools.plan(first.code))
    original = first.package.read_bytes()
    second = recraft(original, signer, manifest=lambda m: m.update(sequence=2))
    twin = recraft(original, signer, manifest=lambda m: m.update(sequence=2, correction=True))
    # Groups are files 1, 2-3, 4-7, 8-15: the four of one school make the third group.
    files = [
        *(b.package.read_bytes() for b in others[:3]),
        original,
        original,  # the same file again: already had
        second,  # counted instead of the first
        twin,  # the same sequence as the second: held
        *(b.package.read_bytes() for b in others[3:]),
    ]
    folder = tmp_path / "stick"
    for n, data in enumerate(files):
        write(folder / f"{n:02d}.cxpkg", data)
    given: list[int] = []
    real = transaction_memo.look_up_ahead

    def counting(session: Any, answers: Any) -> None:
        given.append(len(answers))
        real(session, answers)

    monkeypatch.setattr(transaction_memo, "look_up_ahead", counting)
    for module in ("intake", "register_rule", "submissions"):
        monkeypatch.setattr(f"cxdesk.bureau.{module}.look_up_ahead", counting)
    monkeypatch.setattr("cxdesk.exchange.trust.look_up_ahead", counting)
    groups: list[bool] = []
    real_receive = intake.receive_files

    def group_kept(*args: Any, **kwargs: Any) -> Any:
        taken = real_receive(*args, **kwargs)
        groups.append(taken is not None)
        return taken

    monkeypatch.setattr("cxdesk.bureau.collect.receive_files", group_kept)
    ahead = _bureau(tmp_path / "ahead" / "county.db", schools, sample_bureaus)
    read_ahead_outcomes = _outcomes(ahead, folder)
    assert sum(given) > 0 or ahead.is_server  # some groups were looked up at once
    # Decided in their group, not only saved by a constraint that made the group be taken
    # again one package at a time.
    assert all(groups) and (len(groups) == 2 or ahead.is_server)  # files 2-3 and 4-7
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(read_ahead, "READ_AHEAD_MIN", 10**9)
        here = _bureau(tmp_path / "here" / "county.db", schools, sample_bureaus)
        here_outcomes = _outcomes(here, folder)
    assert read_ahead_outcomes == here_outcomes
    assert [outcome for _, outcome, _ in here_outcomes][3:7] == [
        "accepted",
        "already_had",
        "accepted",
        "held",
    ]
    assert _counted(ahead) == _counted(here)
    ahead.close()
    here.close()


def _counted(db: Database) -> set[tuple[str, int, str]]:
    with db.reading() as session:
        rows = session.execute(
            select(Submission.sender_code, Submission.sequence, Submission.status)
        )
        return {(code, sequence, status) for code, sequence, status in rows}
