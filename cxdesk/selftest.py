"""``cxdesk --self-test``: does everything this installation needs actually work here?

Run after building (CI runs it on the frozen build) and by a technician on a school's PC.
Each check works in its own temporary folder, never on the user's data, and prints one
line; the exit code is non-zero if any check failed.  The checks touch the parts a frozen
build most easily loses: the alembic migrations and their script folder, openpyxl's
defusedxml parser, the signature library, the Qt plugins and the main window.

Each check imports what it tests inside its own function, on purpose: a part the frozen
build lost fails that check's line, and the others still run and report.
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
    from cxdesk.models import School
    from cxdesk.services.setup import init_school, own_school
    from cxdesk.storage.db import open_database
    from cxdesk.storage.schema import HEAD, database_revision

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
    from cxdesk.storage.backup import create_backup
    from cxdesk.storage.db import open_database
    from cxdesk.storage.integrity import quick_check
    from cxdesk.storage.restore import restore_backup

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
    """Write the data-entry template and read it back through the importer's reader."""
    from cxdesk.workbook.layout import DATA_SHEETS
    from cxdesk.workbook.reading import read_workbook
    from cxdesk.workbook.template import write_template

    path = folder / "template.xlsx"
    write_template(path)
    raw = read_workbook(path)
    assert not raw.problems, [p.message.render("en") for p in raw.problems]
    assert len(raw.sheets) == len(DATA_SHEETS), sorted(raw.sheets)
    return f"template written and read back ({len(raw.sheets)} data sheets, no problems)"


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
    """Export the signed report package of a sample school, verify it, tamper with it."""
    from cxdesk.exchange.errors import PackageError
    from cxdesk.exchange.export import export_report, outbox_dir
    from cxdesk.exchange.keys import keys_dir, load_signer
    from cxdesk.exchange.verify import verify_package
    from cxdesk.sample.school import fill_demo_school
    from cxdesk.services.period_label import current_period_label
    from cxdesk.services.periods import get_period
    from cxdesk.services.setup import own_school
    from cxdesk.storage.db import open_database

    check_database(folder)
    path = folder / "cxdesk.db"
    period = current_period_label()
    db = open_database(path)
    try:
        with db.transaction() as session:
            get_period(session, period)
            fill_demo_school(session, school=own_school(session), year=int(period))
        with db.transaction() as session:
            signer = load_signer(session, key_dir=keys_dir(path))
            result = export_report(
                session,
                period_label=period,
                out_dir=folder / "usb",
                outbox=outbox_dir(path),
                signer=signer,
                unencrypted=True,  # no bureau key file here: the encryption check follows
            )
    finally:
        db.close()
    verified = verify_package(result.path)
    assert verified.fingerprint == signer.fingerprint, "the package names another key"
    data = bytearray(result.path.read_bytes())
    data[len(data) // 2] ^= 0x01
    tampered = folder / "tampered.cxpkg"
    tampered.write_bytes(bytes(data))
    try:
        verify_package(tampered)
    except PackageError:
        return f"Ed25519-signed package exported ({result.size} bytes), verified; tampering refused"
    raise AssertionError("a tampered package passed verification")


def check_encryption(folder: Path) -> str:
    """age (pyrage) in this build: a workbook encrypted to two bureaus opens with each key
    and with no other."""
    import pyrage

    from cxdesk.exchange.encryption import (
        SCHEME_AGE,
        DecryptionKeys,
        Encryption,
        Recipient,
        encrypt_members,
        open_members,
    )
    from cxdesk.exchange.errors import PackageError

    county, prefecture, stranger = (pyrage.x25519.Identity.generate() for _ in range(3))
    encryption = Encryption(
        SCHEME_AGE,
        (
            Recipient("county", "532301", str(county.to_public())),
            Recipient("prefecture", "532300", str(prefecture.to_public())),
        ),
    )
    from cxdesk.workbook.writing import new_workbook, workbook_bytes

    plain = {"workbook.xlsx": workbook_bytes(new_workbook())}
    sealed = encrypt_members(plain, encryption, names=plain)
    for identity in (county, prefecture):
        keys = DecryptionKeys((identity,), frozenset({str(identity.to_public())}))
        assert open_members(sealed, encryption, keys) == plain, "a recipient cannot decrypt"
    try:
        open_members(sealed, encryption, DecryptionKeys((stranger,), frozenset()))
    except PackageError:
        pass
    else:
        raise AssertionError("a key that is not a recipient opened the package")
    return "age (pyrage): encrypted to two bureaus, each key opens it, no other key does"


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
    from cxdesk.storage.db import open_database
    from cxdesk.ui.desktop import install_wings
    from cxdesk.ui.shell import language
    from cxdesk.ui.shell.app import application
    from cxdesk.ui.shell.context import AppContext
    from cxdesk.ui.shell.main_window import MainWindow

    app = application()
    check_database(folder)
    language.apply_language("zh")
    translated = app.translate("Navigation", "Settings")
    qt_own = app.translate("QPlatformTheme", "Cancel")  # from Qt's qtbase_zh_CN.qm
    from cxdesk.ui.shell.qt_strings import qt_gaps  # Qt's strings its catalogue lacks (ours)

    english = [source for source, shown in qt_gaps() if shown == source]
    db = open_database(folder / "cxdesk.db")
    try:
        install_wings()
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
    assert translated != "Settings", "cxdesk's Chinese translation is not loaded"
    assert qt_own != "Cancel", "Qt's own Chinese translation (qtbase_zh_CN) is not loaded"
    assert not english, f"Qt's dialogs left in English: {english}"
    platform = app.platformName()
    return (
        f"main window with {pages} pages on Qt {platform!r}; "
        f"Chinese loaded ({translated}, {qt_own})"
    )


CHECKS: list[tuple[str, Check]] = [
    ("database", check_database),
    ("backup", check_backup),
    ("workbook", check_workbook),
    ("defusedxml", check_defusedxml),
    ("signature", check_signature),
    ("encryption", check_encryption),
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
