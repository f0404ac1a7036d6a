"""Fixtures of the bureau pages' tests: real school packages, a county bureau database.

The school packages are made once per test session by the sample prefecture's real chain
(school databases filled through the services, exported and signed by the real export
code) and copied into each test's folder, as a clerk's USB stick would bring them.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from cxdesk.bureau.register import RegisterRow, load_register
from cxdesk.exchange.trust import register_key
from cxdesk.sample.prefecture import SchoolPlan, design_prefecture
from cxdesk.sample.prefecture_build import BuiltSchool, build_schools, school_db_path
from cxdesk.storage.db import Database, open_database
from cxdesk.ui.bureau import common
from cxdesk.ui.shell import errors, language
from cxdesk.ui.shell.context import AppContext
from tests.sample_bureaus import bureau_with_sample_keys

COUNTY = "532323"  # 牟定县
SCHOOLS = 6
#: Schools in the register: the last two never send anything.
EXPECTED = 8
#: The schools whose keys the county registered from their stamped forms; the others
#: arrive with an unknown key and are held.
REGISTERED = 4


@dataclass(frozen=True)
class Built:
    plans: list[SchoolPlan]
    schools: list[BuiltSchool]
    out: Path

    def plan(self, code: str) -> SchoolPlan:
        return next(p for p in self.plans if p.code == code)

    def school_db(self, code: str, into: Path) -> Database:
        """A copy of the school's own database (to receive the bureau's replies)."""
        source = school_db_path(self.out, self.plan(code))
        into.mkdir(parents=True, exist_ok=True)
        for suffix in ("", "-wal", "-shm"):
            if Path(str(source) + suffix).exists():
                shutil.copy(str(source) + suffix, str(into / "cxdesk.db") + suffix)
        return open_database(into / "cxdesk.db")


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory, sample_bureaus: Path) -> Built:
    plans = [p for p in design_prefecture() if p.county == COUNTY][:EXPECTED]
    out = tmp_path_factory.mktemp("sample")
    schools = build_schools(out, plans[:SCHOOLS], workers=1, bureaus=sample_bureaus)
    return Built(plans, sorted(schools, key=lambda s: s.code), out)


@pytest.fixture
def usb(tmp_path: Path, built: Built) -> Path:
    """A folder holding every school's package, as from a USB stick."""
    folder = tmp_path / "usb"
    folder.mkdir()
    for school in built.schools:
        shutil.copy(school.package, folder / school.package.name)
    return folder


@pytest.fixture
def county_db(tmp_path: Path, built: Built, sample_bureaus: Path) -> Iterator[Database]:
    """牟定县's bureau with the keys its schools encrypted to (opened for the session)."""
    db = open_database(tmp_path / "county" / "cxdesk.db")
    bureau_with_sample_keys(db, sample_bureaus, role="county", code=COUNTY)
    with db.transaction() as session:
        load_register(
            session,
            [
                RegisterRow(p.code, p.name, p.county, p.kind, p.contact_person, p.contact_phone)
                for p in built.plans
            ],
        )
        for school in built.schools[:REGISTERED]:
            register_key(
                session, fingerprint=school.fingerprint, code=school.code, name=school.name
            )
    yield db
    db.close()


@pytest.fixture
def county_ctx(county_db: Database, qapp: QApplication) -> AppContext:
    return AppContext(county_db, "zh")


@pytest.fixture
def collected_ctx(county_db: Database, usb: Path, built: Built, qapp: QApplication) -> AppContext:
    """A county that registered every sender's key and collected the USB stick."""
    from cxdesk.bureau.collect import collect

    with county_db.transaction() as session:
        for school in built.schools[REGISTERED:]:
            register_key(
                session, fingerprint=school.fingerprint, code=school.code, name=school.name
            )
    report = collect(county_db, [usb], backup=False)
    assert report.count("accepted") == SCHOOLS
    return AppContext(county_db, "zh")


@pytest.fixture(autouse=True)
def _chinese_ui(qapp: QApplication) -> Iterator[None]:
    language.apply_language("zh")
    yield
    language.apply_language("zh")


@pytest.fixture
def shown_messages(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Message boxes of cxdesk.ui.shell.errors are recorded (text and details) instead of shown."""
    shown: list[str] = []

    def present(box: QMessageBox) -> int:
        shown.append(box.text() + "\n" + box.informativeText())
        return int(QMessageBox.StandardButton.Ok.value)

    monkeypatch.setattr(errors, "present", present)
    return shown


@dataclass
class Answers:
    """How the test answers the page's dialogs; the dialogs it saw are kept."""

    accept: bool = True
    seen: list[QDialog] = field(default_factory=list)
    #: Called with the dialog before it is answered (to fill it in, as a clerk would).
    fill: Callable[[QDialog], None] | None = None
    files: list[str] | None = None
    folder: str = ""
    save_as: str = ""


@pytest.fixture
def answers(monkeypatch: pytest.MonkeyPatch) -> Answers:
    answer = Answers()

    def ask(dialog: QDialog) -> int:
        answer.seen.append(dialog)
        if answer.fill is not None:
            answer.fill(dialog)
        if answer.accept:
            dialog.accept()  # a dialog that checks its input may stay open (result Rejected)
        else:
            dialog.reject()
        return dialog.result()

    monkeypatch.setattr(common, "ask", ask)
    monkeypatch.setattr(common, "choose_open_files", lambda *_a: list(answer.files or []))
    monkeypatch.setattr(common, "choose_folder", lambda *_a: answer.folder)
    monkeypatch.setattr(common, "choose_save_file", lambda *_a: answer.save_as)
    return answer


@pytest.fixture
def prefecture_ctx(
    collected_ctx: AppContext, tmp_path: Path, sample_bureaus: Path
) -> Iterator[AppContext]:
    """The prefecture, having collected the county package of ``collected_ctx``."""
    from cxdesk.bureau.collect import collect
    from cxdesk.bureau.county import export_county_package
    from cxdesk.exchange.keys import current_key, keys_dir, load_signer

    county = collected_ctx.db
    out = tmp_path / "county-out"
    out.mkdir()
    with county.transaction() as session:
        signer = load_signer(session, key_dir=keys_dir(county.path))
        export_county_package(session, period_label="2026", out_dir=out, signer=signer)
        key = current_key(session)
        assert key is not None
        fingerprint = key.fingerprint
    db = open_database(tmp_path / "prefecture" / "cxdesk.db")
    bureau_with_sample_keys(db, sample_bureaus, role="prefecture", code="532300")
    with db.transaction() as session:
        register_key(session, fingerprint=fingerprint, code=COUNTY, name="牟定县教育体育局")
    collect(db, [out], backup=False)
    yield AppContext(db, "zh")
    db.close()
