"""Collect cases: 902 packages against the floor (benchmarks/floor.py), and 20,000 packages
(a province)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from benchmarks.data import (
    SAMPLE_DIR,
    Report,
    SchoolPackage,
    bureau_template,
    extract_workbooks,
    fresh_copy,
    prefecture_keys,
)
from benchmarks.floor import openpyxl_floor, read_floor
from benchmarks.stats import Measure, Row, timed, timed_with_cpu
from cxdesk.sample.bureau_keys import SAMPLE_PASSPHRASE

FLOOR_FACTOR = 8.0
GROWTH_LIMIT = 1.25
PROVINCE_LIMIT_S = 120.0
MEMORY_LIMIT_MB = 500.0


def package_folder(work: Path, schools: list[SchoolPackage]) -> Path:
    """The folder the clerk collects: the sample's, or a part of it for a quick run."""
    folder = work / SAMPLE_DIR / "packages"
    if len(list(folder.rglob("*.cxpkg"))) == len(schools):
        return folder
    part = work / f"sample-{len(schools)}"
    if part.exists():
        shutil.rmtree(part)
    part.mkdir()
    for s in schools:
        shutil.copy(s.package, part)
    return part


def collect_once(db_path: Path, folder: Path) -> dict[str, int]:
    from cxdesk.bureau.collect import collect
    from cxdesk.storage.db import open_database

    db = open_database(db_path)
    counts: dict[str, int] = {}
    try:

        def run() -> None:
            report = collect(db, [folder])
            counts.update(report.school_counts())

        seconds, cpu = timed_with_cpu(run)
    finally:
        db.close()
    counts["_seconds"] = seconds  # type: ignore[assignment]
    counts["_cpu"] = cpu  # type: ignore[assignment]
    return counts


def collect_902(work: Path, schools: list[SchoolPackage], repeats: int, report: Report) -> Row:
    """Collect every sample package into an empty bureau database, ``repeats`` times, each
    time after the floor of the same packages (benchmarks/floor.py)."""
    folder = package_folder(work, schools)
    template = bureau_template(work / "bureau-902" / "template.db", schools)
    packages = [Path(s.package) for s in schools]
    identities = prefecture_keys(work).identities
    collect_m, floor_m = Measure(), Measure()
    collect_cpu, floor_cpu = Measure(), Measure()
    for n in range(repeats):
        wall, cpu = timed_with_cpu(lambda: read_floor(packages, identities))
        floor_m.values.append(wall)
        floor_cpu.values.append(cpu)
        target = fresh_copy(template, work / "bureau-902" / "run" / "prefecture.db")
        counts = collect_once(target, folder)
        if counts.get("accepted") != len(schools):
            raise RuntimeError(f"collect of the sample did not accept every package: {counts}")
        collect_m.values.append(float(counts["_seconds"]))
        collect_cpu.values.append(float(counts["_cpu"]))
        report(
            f"collect {len(schools)}: run {n + 1}/{repeats}: {collect_m.values[-1]:.2f} s "
            f"(floor {floor_m.values[-1]:.2f} s)"
        )
    # The former reference, once: openpyxl's read-only parse of the same workbooks.
    workbooks = extract_workbooks(schools, work / "floor-workbooks")
    former = timed(lambda: openpyxl_floor(workbooks))
    ratio = collect_m.median / floor_m.median
    return Row(
        f"collect {len(schools)} school packages into an empty database",
        collect_m,
        f"≤ {FLOOR_FACTOR:g}× the floor",
        ratio <= FLOOR_FACTOR,
        reference=floor_m,
        reference_name="floor (unzip, SHA-256, signature, calamine parse)",
        ratio=ratio,
        note=f"CPU time: collect {collect_cpu.median:.2f} s, the floor {floor_cpu.median:.2f} s "
        f"({collect_cpu.median / floor_cpu.median:.1f}×); the former reference, openpyxl's "
        f"read-only parse of the same workbooks, took {former:.2f} s in this run: "
        f"{former / floor_m.median:.1f}× the floor; collect {collect_m.median / former:.2f}× it",
    )


def collect_province(
    work: Path,
    packages: list[SchoolPackage],
    folder: Path,
    report: Report,
    *,
    minutes: float | None = None,
) -> tuple[list[Row], Path, int]:
    """Collect ``packages`` in one process (stopping after ``minutes`` if given); the rows,
    the database (kept for the summary) and how many packages it took."""
    template = bureau_template(work / f"bureau-{len(packages)}" / "template.db", packages)
    target = fresh_copy(template, work / f"bureau-{len(packages)}" / "run" / "prefecture.db")
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "collect.json"
        report(f"collect {len(packages)}: running (one process)")
        limit = [str(minutes * 60)] if minutes else []
        subprocess.run(
            [
                sys.executable,
                "-m",
                "benchmarks.collect_child",
                str(target),
                str(folder),
                str(out),
                *limit,
            ],
            check=True,
            cwd=Path(__file__).resolve().parents[1],
            # The prefecture's keys are protected: its passphrase, as for an unattended run.
            env={**os.environ, "CXDESK_KEY_PASSPHRASE": SAMPLE_PASSPHRASE},
        )
        result = json.loads(out.read_text("utf-8"))
    marks: list[float] = result["marks"]
    if result["outcomes"].get("accepted") != len(marks):
        raise RuntimeError(f"collect of the province did not accept every package: {result}")
    done = len(marks)
    block = 1000 if done >= 4000 else max(1, done // 4)
    per_block = [
        (marks[i + block - 1] - (marks[i - 1] if i else 0.0)) / block
        for i in range(0, len(marks) - block + 1, block)
    ]
    first, last = Measure([per_block[0]]), Measure([per_block[-1]])
    growth = last.median / first.median
    n = len(packages)
    stopped = (
        f"stopped at the time limit ({minutes:g} min) after {done:,} of {n:,} packages; "
        if result.get("stopped")
        else ""
    )
    rows = [
        Row(
            f"collect {n:,} school packages: whole run",
            Measure([marks[-1]]),
            f"< {PROVINCE_LIMIT_S / 60:g} min",
            marks[-1] < PROVINCE_LIMIT_S and not result.get("stopped"),
            note=f"{stopped}{done / marks[-1]:.1f} packages/s",
        ),
        Row(
            f"collect {n:,}: time per package, last {block:,} (packages {done - block + 1:,}–{done:,})",
            last,
            f"≤ {GROWTH_LIMIT:g}× the first {block:,}",
            growth <= GROWTH_LIMIT,
            reference=first,
            reference_name=f"first {block:,}",
            ratio=growth,
        ),
        Row(
            f"collect {n:,}: peak memory of the collecting process",
            Measure([result["peak_mb"]], unit="MB"),
            f"< {MEMORY_LIMIT_MB:g} MB",
            result["peak_mb"] < MEMORY_LIMIT_MB,
            note=f"CPU of the collect and its read-ahead workers {result.get('cpu_s', 0):.0f} s",
        ),
    ]
    report(
        f"collect {n}: {done} packages in {marks[-1]:.1f} s, per package first "
        f"{first.median * 1000:.1f} ms, last {last.median * 1000:.1f} ms, "
        f"peak {result['peak_mb']:.0f} MB"
    )
    return rows, target, done
