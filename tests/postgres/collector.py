"""Run by the concurrency test in a child process: one clerk collecting one folder.

Arguments: database URL, local folder (the clerk's PC), a "go" file to wait for (so that
all clerks start at the same moment), the folder of packages.  Prints one JSON object:
the outcome of every file.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from cxdesk.bureau.collect import collect
from cxdesk.storage.db import open_database


def main() -> None:
    url, local, go, folder = sys.argv[1:5]
    db = open_database(url, local_path=Path(local) / "clerk.db")
    try:
        deadline = time.monotonic() + 120
        while not Path(go).exists() and time.monotonic() < deadline:
            time.sleep(0.01)
        report = collect(db, [Path(folder)])
    finally:
        db.close()
    outcomes = {Path(r.path).name: r.outcome for r in report.results}
    json.dump(outcomes, sys.stdout)


if __name__ == "__main__":
    main()
