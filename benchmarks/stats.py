"""Timing helpers and the result table."""

from __future__ import annotations

import resource
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Measure:
    """Several timings of one thing, in seconds (or another unit)."""

    values: list[float] = field(default_factory=list)
    unit: str = "s"

    @property
    def median(self) -> float:
        return statistics.median(self.values)

    @property
    def low(self) -> float:
        return min(self.values)

    @property
    def high(self) -> float:
        return max(self.values)


def timed(work: Callable[[], object]) -> float:
    """Seconds taken by ``work()`` (wall clock: what a clerk waits)."""
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def timed_with_cpu(work: Callable[[], object]) -> tuple[float, float]:
    """Wall-clock and CPU seconds taken by ``work()``, this process's and that of the child
    processes it started and ended (a collect's read-ahead workers): on a busy machine the
    CPU time shows the work apart from the waiting for a core or a disk."""
    start, cpu = time.perf_counter(), cpu_seconds()
    work()
    return time.perf_counter() - start, cpu_seconds() - cpu


def cpu_seconds() -> float:
    """CPU seconds used so far by this process and its ended child processes."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def repeat(
    work: Callable[[], object], times: int, *, setup: Callable[[], object] | None = None
) -> Measure:
    """Run ``setup`` (not timed) then ``work`` (timed), ``times`` times."""
    measure = Measure()
    for _ in range(times):
        if setup is not None:
            setup()
        measure.values.append(timed(work))
    return measure


@dataclass
class Row:
    """One line of the table: a case, its measure, its reference and its target."""

    case: str
    measure: Measure
    target: str
    met: bool | None
    reference: Measure | None = None
    reference_name: str = ""
    ratio: float | None = None
    note: str = ""


def fmt(value: float, unit: str) -> str:
    if unit == "s":
        return f"{value * 1000:.0f} ms" if value < 1 else f"{value:.2f} s"
    if unit == "MB":
        return f"{value:.1f} MB"
    return f"{value:.3g} {unit}"


def table(rows: list[Row]) -> str:
    """The rows as a Markdown table."""
    lines = [
        "| case | runs | median | min | max | reference (median) | ratio | target | met |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        m = r.measure
        ref = (
            f"{r.reference_name}: {fmt(r.reference.median, r.reference.unit)}"
            if r.reference is not None
            else r.reference_name or "—"
        )
        ratio = f"{r.ratio:.2f}×" if r.ratio is not None else "—"
        met = {True: "yes", False: "**no**", None: "—"}[r.met]
        lines.append(
            f"| {r.case} | {len(m.values)} | {fmt(m.median, m.unit)} | {fmt(m.low, m.unit)} | "
            f"{fmt(m.high, m.unit)} | {ref} | {ratio} | {r.target} | {met} |"
        )
    return "\n".join(lines)


def row_to_json(row: Row) -> dict[str, object]:
    ref = row.reference
    return {
        "case": row.case,
        "values": row.measure.values,
        "unit": row.measure.unit,
        "target": row.target,
        "met": row.met,
        "reference": None if ref is None else {"values": ref.values, "unit": ref.unit},
        "reference_name": row.reference_name,
        "ratio": row.ratio,
        "note": row.note,
    }


def row_from_json(data: dict[str, Any]) -> Row:
    ref = data.get("reference")
    return Row(
        case=data["case"],
        measure=Measure(list(data["values"]), data["unit"]),
        target=data["target"],
        met=data["met"],
        reference=None if ref is None else Measure(list(ref["values"]), ref["unit"]),
        reference_name=data.get("reference_name", ""),
        ratio=data.get("ratio"),
        note=data.get("note", ""),
    )
