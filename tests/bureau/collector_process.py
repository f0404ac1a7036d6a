"""Run by test_kill.py in a child process: collect a folder, reporting each package."""

from __future__ import annotations

import sys
from pathlib import Path

from cxdesk.bureau.collect import collect
from cxdesk.storage.db import open_database


def main() -> None:
    db = open_database(Path(sys.argv[1]))

    def progress(done: int, total: int, result: object) -> None:
        print(f"{done}/{total}", flush=True)

    collect(db, [Path(sys.argv[2])], progress=progress, backup=False)
    db.close()


if __name__ == "__main__":
    main()
