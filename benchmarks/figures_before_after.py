"""Before and after the figures fix: one school's figures in a big bureau database.

``python -m benchmarks.figures_before_after DB [N]`` times ``school_figures`` for N schools
of the bureau database DB with the code before the fix (``cxdesk/figures.py`` as of commit
d016a64's parent, read with ``git show``) and with the current code, in the same process.
"""

from __future__ import annotations

import importlib.util
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from types import ModuleType

from sqlalchemy import select

ROOT = Path(__file__).resolve().parents[1]
BEFORE = "d016a64^"


def _old_figures() -> ModuleType:
    source = subprocess.run(
        ["git", "show", f"{BEFORE}:cxdesk/figures.py"],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    path = Path(tempfile.mkdtemp()) / "figures_before.py"
    path.write_text(source, "utf-8")
    spec = importlib.util.spec_from_file_location("figures_before", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def main() -> None:
    from cxdesk import figures as after
    from cxdesk.models import School
    from cxdesk.services.periods import get_period
    from cxdesk.storage.db import open_database

    db_path, count = Path(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else 40
    before = _old_figures()
    db = open_database(db_path)
    try:
        with db.reading() as session:
            period = get_period(session, "2026")
            total = session.query(School).count()
            schools = list(session.scalars(select(School).order_by(School.id).limit(count)))
            for name, module in (("before", before), ("after", after)):
                module.school_figures(session, school=schools[0], period=period)  # warm
                times = []
                for school in schools:
                    start = time.perf_counter()
                    module.school_figures(session, school=school, period=period)
                    times.append(time.perf_counter() - start)
                print(
                    f"{name}: one school's figures among {total:,} school snapshots: "
                    f"median {statistics.median(times) * 1000:.1f} ms "
                    f"(min {min(times) * 1000:.1f}, max {max(times) * 1000:.1f}, n={len(times)})"
                )
            same = all(
                before.school_figures(session, school=s, period=period)
                == after.school_figures(session, school=s, period=period)
                for s in schools[:10]
            )
            print(f"same figures before and after: {same}")
    finally:
        db.close()


if __name__ == "__main__":
    main()
