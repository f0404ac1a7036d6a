"""A school's ``cxdesk import-xlsx`` of a full template.

The workbook is the template exactly as ``cxdesk template`` writes it (drop-downs and text
formats over its 1,000 data rows, the instructions and code sheets) filled with the data
of the sample's biggest school, as a clerk fills it (setup, not timed).  It is imported
into a fresh copy of that school's newly set-up database, each run:

* the import itself, in a process that has imported cxdesk already (what the desktop app's
  import does; ``benchmarks/import_child.py``);
* the whole command, ``python -m cxdesk import-xlsx``, start-up included.

The reference: python-calamine reading every cell of the same workbook.  ``src`` runs
another tree of the code (``benchmarks/before_after.py``).
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

from benchmarks.light_commands import _env, one_run
from benchmarks.reporting import largest_school
from benchmarks.stats import Measure, Row, repeat

ROOT = Path(__file__).resolve().parents[1]
LIMIT_S = 0.3
CHILD = Path(__file__).with_name("import_child.py")


def full_template(work: Path) -> tuple[Path, str, int]:
    """The filled template (made once); the school's code; its counselors."""
    import openpyxl

    from cxdesk.services.periods import get_period
    from cxdesk.services.setup import own_school
    from cxdesk.storage.db import open_database
    from cxdesk.workbook.export import write_school_workbook
    from cxdesk.workbook.layout import DATA_SHEETS
    from cxdesk.workbook.template import write_template

    source, counselors = largest_school(work)
    folder = work / "import"
    folder.mkdir(parents=True, exist_ok=True)
    filled = folder / "full-template.xlsx"
    db = open_database(source)
    try:
        with db.reading() as session:
            school = own_school(session)
            code = school.code
            exported = folder / "exported.xlsx"
            write_school_workbook(
                session, school=school, period=get_period(session, "2026"), path=exported
            )
    finally:
        db.close()
    if filled.exists():
        return filled, code, counselors
    template = folder / "template.xlsx"
    write_template(template)
    data = openpyxl.load_workbook(exported, read_only=True)
    book = openpyxl.load_workbook(template)
    for sheet in DATA_SHEETS:
        rows = list(data[sheet.name].iter_rows(values_only=True))
        headers = [str(h or "").rstrip("*＊") for h in rows[0]]
        ws = book[sheet.name]
        places = {
            str(ws.cell(1, c).value or "").rstrip("*＊"): c for c in range(1, ws.max_column + 1)
        }
        for r, values in enumerate(rows[1:], start=2):
            for header, value in zip(headers, values, strict=False):
                if header in places and value is not None:
                    ws.cell(r, places[header], value)
    book.save(filled)
    data.close()
    return filled, code, counselors


def school_database(code: str, folder: Path, src: Path) -> Path:
    """A newly set-up database of the school ``code``, made by the code in ``src``."""
    path = folder / "school.db"
    for part in folder.glob("school.db*"):
        part.unlink()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "cxdesk",
            "init",
            "school",
            "--code",
            code,
            "--name",
            "导入测试学校",
            "--county",
            "532301",
            "--kind",
            "primary",
            "--db",
            str(path),
        ],
        cwd=src,
        env=_env(src),
        check=True,
        capture_output=True,
    )
    return path


def in_process(workbook: Path, school_db: Path, repeats: int, src: Path = ROOT) -> Measure:
    """The import alone, each run into a fresh copy of ``school_db`` (import_child.py)."""
    with tempfile.TemporaryDirectory(prefix="cxdesk-bench-import-") as tmp:
        out = Path(tmp) / "times.json"
        subprocess.run(
            [sys.executable, str(CHILD), str(school_db), str(workbook), str(repeats), str(out)],
            cwd=src,
            env=_env(src),
            check=True,
        )
        return Measure(json.loads(out.read_text("utf-8")))


def whole_command(workbook: Path, school_db: Path, repeats: int, src: Path = ROOT) -> Measure:
    """``python -m cxdesk import-xlsx`` into a fresh copy of ``school_db``, each run (after
    one run that writes the bytecode)."""
    import shutil

    with tempfile.TemporaryDirectory(prefix="cxdesk-bench-import-") as tmp:
        target = Path(tmp) / "school.db"
        argv = [sys.executable, "-m", "cxdesk", "import-xlsx", str(workbook), "--db", str(target)]
        wall = Measure()
        for n in range(repeats + 1):
            for part in Path(tmp).glob("school.db*"):
                part.unlink()
            shutil.copyfile(school_db, target)
            took, _ = one_run(argv, src)
            if n:
                wall.values.append(took)
        return wall


def calamine_floor(workbook: Path) -> None:
    import io

    from python_calamine import CalamineWorkbook

    with CalamineWorkbook.from_filelike(io.BytesIO(workbook.read_bytes())) as book:
        for name in book.sheet_names:
            for _ in book.get_sheet_by_name(name).iter_rows():
                pass


def import_rows(work: Path, repeats: int, src: Path = ROOT) -> list[Row]:
    workbook, code, counselors = full_template(work)
    school_db = school_database(code, work / "import", src)
    reference = repeat(lambda: calamine_floor(workbook), repeats)
    alone = in_process(workbook, school_db, repeats, src)
    command = whole_command(workbook, school_db, repeats, src)
    what = f"a full template (the sample's biggest school, {counselors} counselors)"
    return [
        Row(
            f"import-xlsx of {what}",
            alone,
            f"< {LIMIT_S * 1000:.0f} ms",
            alone.median < LIMIT_S,
            reference=reference,
            reference_name="calamine reads every cell",
            ratio=alone.median / reference.median,
            note="the import in a process that has started (as the desktop app imports)",
        ),
        Row(
            "import-xlsx: the whole command, start-up included",
            command,
            "—",
            None,
            note="`python -m cxdesk import-xlsx`, a process each run",
        ),
    ]
