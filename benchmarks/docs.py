"""Writing a run into docs/benchmarks.md, between markers, keeping the rest of the file."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from benchmarks.stats import Row, table

BEGIN = "<!-- benchmarks:last-run -->"
END = "<!-- /benchmarks:last-run -->"


def section(
    rows: list[Row], machine: dict[str, str], started: datetime, argv: list[str], when: str = ""
) -> str:
    command = " ".join(["python -m benchmarks", *argv])
    lines = [
        BEGIN,
        f"Written {started:%Y-%m-%d %H:%M} UTC by `{command}` from the rows each case left "
        "in the work folder." + (f" {when}" if when else ""),
        "",
        "| machine | |",
        "|---|---|",
        *(f"| {k} | {v} |" for k, v in machine.items()),
        "",
        table(rows),
        "",
        *(f"- {r.case}: {r.note}" for r in rows if r.note),
        "",
        "Targets missed in this run: "
        + (", ".join(r.case for r in rows if r.met is False) or "none")
        + ".",
        END,
    ]
    return "\n".join(lines)


def record(
    path: Path,
    rows: list[Row],
    machine: dict[str, str],
    started: datetime,
    argv: list[str],
    when: str = "",
) -> None:
    block = section(rows, machine, started, argv, when)
    text = path.read_text("utf-8") if path.exists() else "# Benchmarks\n\n"
    if BEGIN in text and END in text:
        head, rest = text.split(BEGIN, 1)
        tail = rest.split(END, 1)[1]
        text = head + block + tail
    else:
        text = text.rstrip("\n") + "\n\n## Last run\n\n" + block + "\n"
    path.write_text(text, "utf-8")


def replace_between(path: Path, begin: str, end: str, block: str) -> bool:
    """Put ``block`` between the markers ``begin`` and ``end`` of ``path``; False (and the
    file untouched) when it has no such markers."""
    text = path.read_text("utf-8")
    if begin not in text or end not in text:
        return False
    head, rest = text.split(begin, 1)
    path.write_text(head + begin + "\n" + block + "\n" + end + rest.split(end, 1)[1], "utf-8")
    return True
