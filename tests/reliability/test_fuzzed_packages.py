"""Fuzzed packages: thousands of damaged or doctored variants of real school packages.

None may crash the verifier or the collector, none may be accepted, and each gets a
one-line reason in both languages.  A variant can still verify in two ways, both safe:
it was re-signed by a stranger's key (verified, then held: the key is not registered),
or a byte flip hit a part of the zip that nothing reads (its signed content is exactly
the original's; the collector holds it as a different file with the same sequence).

The normal run checks 600 variants in memory with the verifier and 40 through the
collector; ``pytest -m slow`` (or CXDESK_SLOW=1) checks 5,000 and 400 (docs/reliability.md).
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import time
from collections import Counter
from pathlib import Path

import pytest

from cxdesk.bureau.collect import collect
from cxdesk.bureau.intake import BUREAU_LIMITS
from cxdesk.errors import UserError
from cxdesk.exchange.errors import PackageError
from cxdesk.exchange.trust import trust_status
from cxdesk.exchange.verify import VerifiedPackage, verify_package_bytes
from cxdesk.i18n import Message
from cxdesk.storage.db import Database, open_database
from tests.reliability.conftest import SamplePackages
from tests.reliability.mutations import MUTATIONS, STRANGER_KINDS, variants
from tests.reliability.packages import make_bureau


def _slow_requested(config: pytest.Config) -> bool:
    return os.environ.get("CXDESK_SLOW") == "1" or "slow" in str(config.getoption("markexpr"))


def _one_line(message: Message) -> None:
    for lang in ("zh", "en"):
        text = message.render(lang)
        assert text.strip() and "\n" not in text and len(text) < 400, text


@pytest.fixture(scope="module")
def bureau_with_originals(
    sample_packages: SamplePackages, tmp_path_factory: pytest.TempPathFactory
) -> Path:
    """A prefecture bureau that trusts the six schools and has collected their packages."""
    path = tmp_path_factory.mktemp("fuzz-bureau") / "prefecture.db"
    make_bureau(path, sample_packages.plans, sample_packages.built, sample_packages.bureaus)
    db = open_database(path)
    try:
        assert collect(db, [sample_packages.folder], backup=False).count("accepted") == 6
    finally:
        db.close()
    return path


def _verify_all(sample: SamplePackages, db: Database, count: int, seed: int) -> Counter[str]:
    originals = [p.read_bytes() for p in sample.files]
    signed = {
        verify_package_bytes(o).manifest_bytes: verify_package_bytes(o).members for o in originals
    }
    outcomes: Counter[str] = Counter()
    with db.reading() as session:
        for kind, data in variants(originals, count, seed):
            outcomes[f"kind:{kind}"] += 1
            try:
                package: VerifiedPackage = verify_package_bytes(
                    data, limits=BUREAU_LIMITS, kinds=("report", "county-report")
                )
            except PackageError as exc:
                _one_line(exc.message)
                outcomes[f"refused:{exc.reason}"] += 1
                continue
            except Exception as exc:  # pragma: no cover - what this test exists to catch
                pytest.fail(f"the verifier crashed on a {kind} variant: {exc!r}")
            state = trust_status(session, package).state
            if state != "registered":
                # A stranger's key: unknown, or another key than the school's (key change).
                assert kind in STRANGER_KINDS and state in ("unknown", "key_change"), (kind, state)
                outcomes["verified:held_unknown_key"] += 1
            else:
                # Only what is signed is used: here it is exactly an original's content.
                assert signed.get(package.manifest_bytes) == package.members, kind
                outcomes["verified:unsigned_bytes_only"] += 1
    return outcomes


def _collect_variants(
    sample: SamplePackages, bureau: Path, work: Path, count: int, seed: int
) -> Counter[str]:
    originals = [p.read_bytes() for p in sample.files]
    folder = work / "usb"
    folder.mkdir(parents=True)
    for n, (kind, data) in enumerate(variants(originals, count, seed)):
        (folder / f"{n:05d}_{kind}.cxpkg").write_bytes(data)
    path = work / "prefecture.db"
    path.write_bytes(bureau.read_bytes())
    shutil.copytree(bureau.parent / "keys", work / "keys")  # the bureau's keys go along
    db = open_database(path)
    try:
        try:
            report = collect(db, [folder], backup=False)
        except UserError as exc:  # pragma: no cover
            pytest.fail(f"the collector raised instead of refusing one file: {exc.render()}")
    finally:
        db.close()
    outcomes: Counter[str] = Counter()
    for result in report.results:
        assert result.outcome in ("refused", "held"), (result.path, result.outcome)
        assert not result.internal_error, (result.path, result.reason)
        assert result.reason is not None, result.path
        _one_line(result.reason)
        outcomes[result.outcome] += 1
    assert len(report.results) == count
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        counted = conn.execute("SELECT count(*) FROM submission WHERE status = 'accepted'")
        assert counted.fetchone()[0] == len(originals)  # nothing new counted
        assert conn.execute("SELECT count(*) FROM school").fetchone()[0] == len(originals)
    finally:
        conn.close()
    return outcomes


def test_fuzzed_packages_are_refused_with_a_reason(
    sample_packages: SamplePackages, bureau_with_originals: Path
) -> None:
    db = open_database(bureau_with_originals)
    try:
        outcomes = _verify_all(sample_packages, db, 600, seed=20261129)
    finally:
        db.close()
    assert sum(n for k, n in outcomes.items() if not k.startswith("kind:")) == 600
    assert {k for k in outcomes if k.startswith("kind:")} == {f"kind:{k}" for k in MUTATIONS}
    assert outcomes["verified:held_unknown_key"] > 0
    # Every kind of harm was tried and several different reasons were given.
    assert len([k for k in outcomes if k.startswith("refused:")]) >= 5


def test_fuzzed_packages_through_the_collector(
    sample_packages: SamplePackages, bureau_with_originals: Path, tmp_path: Path
) -> None:
    outcomes = _collect_variants(sample_packages, bureau_with_originals, tmp_path, 40, seed=7)
    assert outcomes["refused"] > 0


@pytest.mark.slow
def test_fuzzed_packages_many(
    sample_packages: SamplePackages,
    bureau_with_originals: Path,
    tmp_path: Path,
    request: pytest.FixtureRequest,
) -> None:
    if not _slow_requested(request.config):
        pytest.skip("long run: pytest -m slow, or CXDESK_SLOW=1")
    seed = int(time.time())
    start = time.perf_counter()
    db = open_database(bureau_with_originals)
    try:
        verified = _verify_all(sample_packages, db, 5000, seed=seed)
    finally:
        db.close()
    collected = _collect_variants(sample_packages, bureau_with_originals, tmp_path, 400, seed + 1)
    took = time.perf_counter() - start
    print(
        f"\nfuzzed packages: seed {seed}, {took:.0f} s\nverifier: {dict(sorted(verified.items()))}"
    )
    print(f"collector: {dict(collected)}")
    assert sum(n for k, n in verified.items() if not k.startswith("kind:")) == 5000
    assert sum(collected.values()) == 400
