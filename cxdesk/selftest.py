"""``cxdesk --self-test``: does everything this installation needs actually work here?

Run after building (CI runs it on the frozen build) and by a technician on a school's PC.
Each check works in its own temporary folder, never on the user's data, and prints one
line; the exit code is non-zero if any check failed.  The checks touch the parts a frozen
build most easily loses: the alembic migrations and their script folder, openpyxl's
defusedxml parser, the signature library, the Qt plugins and the main window.
"""

from __future__ import annotations

import logging
import os
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from cxdesk import __version__

Check = Callable[[Path], str]

SCHOOL_CODE = "2153230101"
IDENTITY = "11010519491231002X"


@dataclass(frozen=True)
class CheckResult:
    name: str
    ok: bool
    detail: str
    seconds: float

    def line(self) -> str:
        return (
            f"{'ok  ' if self.ok else 'FAIL'}  {self.name:<12} {self.detail} ({self.seconds:.2f} s)"
        )


def check_database(folder: Path) -> str:
    """Create a database by running every migration, write a school and read it back."""
    from cxdesk.db import open_database
    from cxdesk.models import School
    from cxdesk.schema import HEAD, database_revision
    from cxdesk.services.setup import init_school, own_school

    path = folder / "cxdesk.db"
    db = open_database(path)
    try:
        with db.transaction() as session:
            init_school(
                session,
                code=SCHOOL_CODE,
                name="自检学校",
                county="532301",
                kind="primary",
                enrolment=100,
                contact_person="自检",
                contact_phone="0878-3122846",
            )
        with db.reading() as session:
            school = own_school(session)
            assert isinstance(school, School) and school.code == SCHOOL_CODE, school
    finally:
        db.close()
    revision = database_revision(path)[1]
    assert revision == HEAD, f"schema {revision}, expected {HEAD}"
    return f"created and migrated to schema {revision}, wrote and read a school"


def check_backup(folder: Path) -> str:
    """Back the database up with SQLite's backup API, damage the file, restore it."""
    from cxdesk.backup import create_backup, restore_backup
    from cxdesk.db import open_database
    from cxdesk.integrity import quick_check

    path = folder / "cxdesk.db"
    open_database(path).close()
    backup = create_backup(path)
    assert quick_check(backup, readonly=True).ok, "the backup fails quick_check"
    path.write_bytes(b"damaged" * 512)
    for suffix in ("-wal", "-shm"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)
    assert not quick_check(path).ok, "a damaged file passed quick_check"
    restore_backup(path, backup)
    assert quick_check(path).ok, "the restored file fails quick_check"
    open_database(path).close()
    return "backup, integrity check and restore work"


def check_workbook(folder: Path) -> str:
    """Write a workbook with Chinese text and read it back with openpyxl.

    Until the template module of cxdesk.workbook exists this checks openpyxl itself.
    """
    import openpyxl

    path = folder / "check.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "教师名册"
    sheet.append(["姓名", "身份证号", "入职日期"])
    sheet.append(["普丽华", IDENTITY, "2021-09-01"])
    book.save(path)
    back = openpyxl.load_workbook(path, read_only=True)
    try:
        rows = list(back["教师名册"].iter_rows(values_only=True))
    finally:
        back.close()
    assert rows[1] == ("普丽华", IDENTITY, "2021-09-01"), rows
    return "wrote and read an .xlsx workbook with Chinese text"


def check_defusedxml(folder: Path) -> str:
    """openpyxl must parse workbooks with defusedxml, which refuses entity bombs."""
    import openpyxl
    from defusedxml import EntitiesForbidden
    from openpyxl.xml.functions import fromstring

    assert openpyxl.DEFUSEDXML is True, "openpyxl does not use defusedxml"
    bomb = '<!DOCTYPE x [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;&a;">]><x>&b;</x>'
    try:
        fromstring(bomb)
    except EntitiesForbidden:
        return "openpyxl.DEFUSEDXML is on; an entity bomb is refused"
    raise AssertionError("an XML entity bomb was parsed")


def check_signature(folder: Path) -> str:
    """Sign some bytes with Ed25519, verify them, and see a changed byte rejected."""
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    key = Ed25519PrivateKey.generate()
    data = "楚雄州 self-test package".encode()
    signature = key.sign(data)
    key.public_key().verify(signature, data)
    try:
        key.public_key().verify(signature, data + b"!")
    except InvalidSignature:
        return "Ed25519 signature made, verified, tampering detected"
    raise AssertionError("a tampered message passed verification")


def check_log(folder: Path) -> str:
    """The log file masks identity numbers."""
    from cxdesk.logs import IdentityNumberFilter, MaskingFormatter

    path = folder / "self-test.log"
    handler = logging.FileHandler(path, encoding="utf-8")
    handler.setFormatter(MaskingFormatter())
    handler.addFilter(IdentityNumberFilter())
    logger = logging.getLogger("cxdesk.selftest")
    logger.addHandler(handler)
    try:
        logger.warning("identity %s", IDENTITY)
    finally:
        logger.removeHandler(handler)
        handler.close()
    text = path.read_text(encoding="utf-8")
    assert IDENTITY not in text and "110105" in text, text
    return "identity numbers are masked in the log"


def check_gui(folder: Path) -> str:
    """Create the main window offscreen over a set-up database, in Chinese (needs PySide6)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from cxdesk.db import open_database
    from cxdesk.ui import language
    from cxdesk.ui.app import application
    from cxdesk.ui.context import AppContext
    from cxdesk.ui.main_window import MainWindow

    app = application()
    check_database(folder)
    language.apply_language("zh")
    translated = app.translate("Navigation", "Settings")
    db = open_database(folder / "cxdesk.db")
    try:
        window = MainWindow(AppContext(db, "zh"))
        window.show()
        app.processEvents()
        pages = len(window.entries)
        window.close()
        window.deleteLater()
        app.processEvents()
    finally:
        db.close()
    assert pages > 0, "the main window has no pages"
    assert translated != "Settings", "the Chinese translation is not loaded"
    platform = app.platformName()
    return f"main window with {pages} pages on Qt {platform!r}, Chinese loaded ({translated})"


CHECKS: list[tuple[str, Check]] = [
    ("database", check_database),
    ("backup", check_backup),
    ("workbook", check_workbook),
    ("defusedxml", check_defusedxml),
    ("signature", check_signature),
    ("log", check_log),
    ("gui", check_gui),
]


@contextmanager
def _isolated_data_dir(folder: Path) -> Iterator[None]:
    """Point CXDESK_DATA_DIR at ``folder`` so no check touches the user's data folder."""
    before = os.environ.get("CXDESK_DATA_DIR")
    os.environ["CXDESK_DATA_DIR"] = str(folder)
    try:
        yield
    finally:
        if before is None:
            del os.environ["CXDESK_DATA_DIR"]
        else:
            os.environ["CXDESK_DATA_DIR"] = before


def run_check(name: str, check: Check, folder: Path) -> CheckResult:
    start = time.perf_counter()
    try:
        detail = check(folder)
        ok = True
    except Exception as exc:  # a self-test reports every failure, whatever it is
        logging.getLogger(__name__).exception("self-test check %s failed", name)
        last = traceback.extract_tb(exc.__traceback__)[-1:]
        where = f" at {Path(last[0].filename).name}:{last[0].lineno}" if last else ""
        detail, ok = f"{type(exc).__name__}: {exc}{where}", False
    return CheckResult(name, ok, detail, time.perf_counter() - start)


def run_self_test(out: Callable[[str], None] = print) -> int:
    """Run every check, print one line each; 0 if all passed, 1 otherwise."""
    frozen = "frozen build" if getattr(sys, "frozen", False) else "from source"
    out(f"cxdesk {__version__} self-test ({frozen}, Python {sys.version.split()[0]})")
    results = []
    with (
        tempfile.TemporaryDirectory(prefix="cxdesk-selftest-") as tmp,
        _isolated_data_dir(Path(tmp) / "data"),
    ):
        for name, check in CHECKS:
            folder = Path(tmp) / name
            folder.mkdir()
            result = run_check(name, check, folder)
            results.append(result)
            out(result.line())
    failed = [r.name for r in results if not r.ok]
    out(f"self-test {'FAILED: ' + ', '.join(failed) if failed else 'passed'}")
    return 1 if failed else 0
