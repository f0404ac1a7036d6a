"""The rows of each case kept in the work folder, so that the table shows every case.

A case run again replaces its own rows; the others stay as last measured, each with the
time it was measured and the load average then (the table says when).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from benchmarks.stats import Row, row_from_json, row_to_json


class Store:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.data: dict[str, Any] = json.loads(path.read_text("utf-8")) if path.exists() else {}

    def put(self, case: str, rows: list[Row], load: str, command: str = "") -> None:
        self.data[case] = {
            "at": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
            "load": load,
            "command": command,
            "rows": [row_to_json(r) for r in rows],
        }
        self.path.write_text(json.dumps(self.data, ensure_ascii=False, indent=1), "utf-8")

    def rows(self, cases: Iterable[str]) -> list[Row]:
        return [
            row_from_json(r) for case in cases if case in self.data for r in self.data[case]["rows"]
        ]

    def when(self, cases: Iterable[str]) -> str:
        """When each case was measured, and the load average (1/5/15 min) then."""
        parts = [
            f"{case} {self.data[case]['at']}"
            + (f" by `{self.data[case]['command']}`" if self.data[case].get("command") else "")
            + f" (load average at the end {self.data[case]['load']})"
            for case in cases
            if case in self.data
        ]
        return "Measured: " + "; ".join(parts) + "." if parts else ""
