"""Power cuts while collecting: a collector SIGKILLed at random moments.

After each kill: ``PRAGMA integrity_check`` is ok, every package the collector reported
done is in the database, and every package is fully in (submission, stored file, a
snapshot with exactly the records its manifest counts) or not there at all.  Each trial
starts from the same empty bureau database.  The normal run does 8 trials;
``pytest -m slow`` (or CXDESK_SLOW=1) runs 100 more (figures in docs/reliability.md).
The writer that edits through the services has its own power-cut test in tests/core.
"""

from __future__ import annotations

import hashlib
import os
import random
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from cxdesk.sample.bureau_keys import SAMPLE_PASSPHRASE
from tests.reliability.conftest import SamplePackages
from tests.reliability.packages import make_bureau
from tests.reliability.wholeness import check_bureau, manifest_counts

COLLECTOR = Path(__file__).with_name("power_cut_collector.py")


def _slow_requested(config: pytest.Config) -> bool:
    return os.environ.get("CXDESK_SLOW") == "1" or "slow" in str(config.getoption("markexpr"))


@pytest.fixture(scope="module")
def empty_bureau(sample_packages: SamplePackages, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("bureau") / "template.db"
    return make_bureau(path, sample_packages.plans, sample_packages.built, sample_packages.bureaus)


def _start_collector(
    template: Path, folder: Path, work: Path
) -> tuple[Path, subprocess.Popen[bytes]]:
    """A collector of ``folder`` started on a fresh copy of ``template`` in ``work``."""
    if work.exists():
        shutil.rmtree(work)
    work.mkdir()
    db_path = work / "prefecture.db"
    shutil.copyfile(template, db_path)
    shutil.copytree(template.parent / "keys", work / "keys")  # the bureau's keys go along
    collector = subprocess.Popen(
        [sys.executable, str(COLLECTOR), str(db_path), str(folder)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=Path(__file__).resolve().parents[2],
        # The prefecture's keys are protected: its passphrase, as for an unattended run.
        env={**os.environ, "CXDESK_KEY_PASSPHRASE": SAMPLE_PASSPHRASE},
    )
    return db_path, collector


def _one_trial(
    template: Path, folder: Path, work: Path, rng: random.Random, span: tuple[float, float]
) -> tuple[Path, list[tuple[str, str]]]:
    """Collect into a fresh copy, kill at a random moment; the packages reported done."""
    db_path, collector = _start_collector(template, folder, work)
    assert collector.stdout is not None and collector.stderr is not None
    if rng.random() < 0.1:
        time.sleep(rng.uniform(0.0, 0.3))  # while it is still opening the database
    else:
        line = collector.stdout.readline()
        assert line == b"ready\n", line + collector.stderr.read()
        time.sleep(rng.uniform(*span))
    collector.kill()  # SIGKILL: no atexit, no finally, no flush
    out, err = collector.communicate()
    finished = b"done\n" in out
    assert collector.returncode == -9 or (finished and collector.returncode == 0), err.decode(
        errors="replace"
    )
    lines = out.decode().split("\n")[:-1]  # a last line without its newline is not counted
    done = [
        (kind, name)
        for kind, name in (x.split(" ", 1) for x in lines if x not in ("ready", "done"))
    ]
    return db_path, done


def _kill_span(template: Path, folder: Path, work: Path) -> tuple[float, float]:
    """When to kill, in seconds after ``ready``, from an uncut collect of the whole folder
    on this machine now: from half the time its first package took (the first carries
    the collect's own start) to the time it took for all.  Most kills then fall between
    two packages, some before the first commit, however fast collect is and however busy
    the machine."""
    _, collector = _start_collector(template, folder, work)
    assert collector.stdout is not None
    assert collector.stdout.readline() == b"ready\n"
    started = time.perf_counter()
    first = collector.stdout.readline()
    assert first.startswith(b"accepted "), first
    first_seconds = time.perf_counter() - started
    out, err = collector.communicate(timeout=600)
    assert collector.returncode == 0 and out.endswith(b"done\n"), err.decode(errors="replace")
    return first_seconds / 2, time.perf_counter() - started


def _run_trials(
    sample: SamplePackages, template: Path, work: Path, trials: int, seed: int
) -> dict[str, int]:
    expected = manifest_counts(sample.files)
    sha_of = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sample.files}
    rng = random.Random(seed)
    span = _kill_span(template, sample.folder, work)
    seen = {"trials": 0, "packages_in": 0, "killed_midway": 0}
    for _ in range(trials):
        db_path, done = _one_trial(template, sample.folder, work, rng, span)
        statuses = check_bureau(db_path, expected)
        for outcome, name in done:
            assert outcome == "accepted", (outcome, name)
            assert statuses.get(sha_of[name]) == "accepted", f"{name} reported done but lost"
        seen["trials"] += 1
        seen["packages_in"] += len(statuses)
        seen["killed_midway"] += 0 < len(statuses) < len(sample.files)
    return seen


def test_killed_collector_leaves_each_package_whole_or_absent(
    sample_packages: SamplePackages, empty_bureau: Path, tmp_path: Path
) -> None:
    seen = _run_trials(sample_packages, empty_bureau, tmp_path / "trial", 8, seed=532300)
    assert seen["packages_in"] > 0  # the collector did get packages in between the kills


@pytest.mark.slow
def test_killed_collector_many_times(
    sample_packages: SamplePackages,
    empty_bureau: Path,
    tmp_path: Path,
    request: pytest.FixtureRequest,
) -> None:
    if not _slow_requested(request.config):
        pytest.skip("long run: pytest -m slow, or CXDESK_SLOW=1")
    seed = int(time.time())
    seen = _run_trials(sample_packages, empty_bureau, tmp_path / "trial", 100, seed=seed)
    print(f"\npower cut while collecting: seed {seed}: {seen}")
    assert seen["killed_midway"] > 10  # many kills fell between the first and last package
