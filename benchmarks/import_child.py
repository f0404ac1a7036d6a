"""Time ``cxdesk import-xlsx`` in a process that has imported cxdesk already.

``python benchmarks/import_child.py SCHOOL_DB WORKBOOK REPEATS OUT.json``: one warm-up
import, then REPEATS imports, each into a fresh copy of SCHOOL_DB (at the same place, so
that only the warm-up takes the first-use-of-the-day backup) through the command line's
own entry point (``cxdesk.cli.main``, output discarded); writes the seconds of each to
OUT.json.  It imports only cxdesk (from PYTHONPATH), so it times any tree of the code.
"""

from __future__ import annotations

import contextlib
import io
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path


def main() -> None:
    from cxdesk.cli import main as cxdesk

    school_db, workbook = Path(sys.argv[1]), Path(sys.argv[2])
    repeats, out = int(sys.argv[3]), Path(sys.argv[4])
    times: list[float] = []
    with tempfile.TemporaryDirectory(prefix="cxdesk-import-child-") as tmp:
        target = Path(tmp) / "school.db"
        for n in range(repeats + 1):
            # The same file each time, as fresh: its first use of the day (the daily
            # backup) falls in the warm-up run, as it falls once a day at a school.
            for part in Path(tmp).glob("school.db*"):
                part.unlink()
            shutil.copyfile(school_db, target)
            shown = io.StringIO()
            start = time.perf_counter()
            with contextlib.redirect_stdout(shown):
                code = cxdesk(["import-xlsx", str(workbook), "--db", str(target)])
            took = time.perf_counter() - start
            if code != 0:
                raise SystemExit(f"import-xlsx failed: {shown.getvalue()[-2000:]}")
            if n:  # the first run imports the modules
                times.append(took)
    out.write_text(json.dumps(times), "utf-8")


if __name__ == "__main__":
    main()
