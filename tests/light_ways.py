"""Which way a light listing read its database (issue 16), for the tests that compare them.

:func:`watch_ways` records, for each listing, ``light`` (read through sqlite3 without
SQLAlchemy, :mod:`cxdesk.storage.light_read`) or ``normal`` (the normal open);
:func:`normal_way` makes every listing take the normal open, as before issue 16.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from cxdesk.storage import light_read
from cxdesk.storage.rows import Rows


def watch_ways(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    real = light_read.read_light
    taken: list[str] = []

    def watched(target: str | Path | None, read: Callable[[Rows], object]) -> object:
        try:
            result = real(target, read)
        except light_read.NotLight:
            taken.append("normal")
            raise
        except Exception:  # what the listing itself says: read the light way
            taken.append("light")
            raise
        taken.append("light")
        return result

    monkeypatch.setattr(light_read, "read_light", watched)
    return taken


def normal_way(monkeypatch: pytest.MonkeyPatch) -> None:
    def never(target: str | Path | None, read: Callable[[Rows], object]) -> object:
        raise light_read.NotLight(target)

    monkeypatch.setattr(light_read, "read_light", never)
