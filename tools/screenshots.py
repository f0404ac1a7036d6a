"""Screenshots of every page of the desktop app at 1366×768, for docs/screenshots/.

Run under a virtual display so that the real fonts are used::

    xvfb-run -a -s "-screen 0 1366x768x24" python tools/screenshots.py [--out docs/screenshots]

It makes a sample school with ``cxdesk demo`` in a temporary folder, opens the real main
window and grabs each page (``QWidget.grab``), then a few dialogs: the first-start
wizard, the counselor's form, an import preview with a problem, the English overview, a
report returned by the bureau (its comments on the roster and in the counselor's form),
and the 上报 page of a school without its bureau's key file, with the key file dialog.
The sample bureaus set their keys up first (as in ``cxdesk demo --prefecture``). Nothing of
the user's own data is touched.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Callable
from datetime import date
from pathlib import Path

WIDTH, HEIGHT = 1366, 768


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("docs/screenshots"))
    args = parser.parse_args()
    out: Path = args.out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="cxdesk-shots-"))
    os.environ["CXDESK_DATA_DIR"] = str(work / "data")

    from cxdesk.cli import main as cli

    demo_db = work / "demo.db"
    if cli(["demo", "--db", str(demo_db)]) != 0:
        return 1
    # The bureaus' keys, set up first as in the sample prefecture; the demo school then
    # registers its county's key file from the notice (its packages are encrypted).
    from cxdesk.sample.bureau_keys import ensure_sample_bureaus

    bureaus = work / "bureaus"
    ensure_sample_bureaus(bureaus, ["532301"])

    from PySide6.QtWidgets import QWidget

    from cxdesk.storage.db import open_database
    from cxdesk.ui.desktop import install_wings
    from cxdesk.ui.shell import language
    from cxdesk.ui.shell.app import application
    from cxdesk.ui.shell.context import AppContext
    from cxdesk.ui.shell.main_window import MainWindow

    app = application()
    install_wings()
    language.apply_language("zh")

    def settle() -> None:
        for _ in range(5):
            app.processEvents()

    def save(widget: QWidget, name: str) -> None:
        settle()
        path = out / f"{name}.png"
        widget.grab().save(str(path))
        print(f"wrote {path}")

    # -- the first-start wizard on an empty database ----------------------------------
    from cxdesk.ui.shell.wizard.setup_wizard import SetupWizard

    empty = open_database(work / "empty.db")
    wizard = SetupWizard(AppContext(empty, "zh"))
    wizard.show()
    save(wizard, "00-wizard-role")
    wizard.next()
    form = wizard.role_pages["school"].form
    form.code.setText("2153230007")
    form.name.setText("南华县五街镇中心小学")
    form.county.set_code("532324")
    form.kind.set_code("primary")
    form.mountain.setChecked(True)
    form.enrolment.setValue(420)
    form.contact_person.setText("杨老师")
    form.contact_phone.setText("0878-7221234")
    save(wizard, "01-wizard-school")
    wizard.next()  # the code shown back, to be compared with the bureau's
    save(wizard, "02-wizard-confirm")
    wizard.close()
    empty.close()

    # -- the main window over the sample school ---------------------------------------
    db = open_database(demo_db)
    _add_findings(db)
    _register_key_file(db, bureaus)
    ctx = AppContext(db, "zh")
    window = MainWindow(ctx)
    window.resize(WIDTH, HEIGHT)
    window.show()
    shots: list[tuple[str, str]] = [
        ("overview", "10-overview"),
        ("school", "11-school"),
        ("roster", "12-roster"),
        ("rooms", "13-rooms"),
        ("training", "14-training"),
        ("checks", "15-checks"),
        ("excel", "16-excel"),
        ("report", "17-report"),
        ("settings", "19-settings"),
    ]
    keys = {entry.key for entry in window.entries}
    for key, name in shots:
        if key in keys:
            window.show_page(key)
            save(window, name)

    # -- dialogs ----------------------------------------------------------------------
    roster = window.show_page("roster")
    first = roster.model.rows[0]

    def grab_dialog(open_dialog: Callable[[], QWidget], name: str) -> None:
        dialog = open_dialog()
        save(dialog, name)
        dialog.close()

    grab_dialog(lambda: roster.open_record(first.id), "20-counselor-form")
    training = window.show_page("training")
    grab_dialog(lambda: training.open_record(training.model.rows[0].id), "21-training-form")
    _entry_forms(window, save)
    _import_preview(window, work, save)

    # -- English --------------------------------------------------------------------------
    ctx.set_language("en")
    window.show_page("overview")
    save(window, "30-overview-en")
    ctx.set_language("zh")
    window.close()
    db.close()

    # -- a report returned by the bureau, on another sample school -----------------------
    returned_db = work / "returned.db"
    if cli(["demo", "--db", str(returned_db)]) != 0:
        return 1
    _returned(returned_db, work, bureaus, save)

    # -- a period the bureau accepted, then changed: shown as reported, with the changes ---
    accepted_db = work / "accepted.db"
    if cli(["demo", "--db", str(accepted_db)]) != 0:
        return 1
    _accepted_then_changed(accepted_db, work, bureaus, save)

    # -- a school that has not registered its bureau's key file yet ------------------------
    newcomer_db = work / "newcomer.db"
    if cli(["demo", "--db", str(newcomer_db)]) != 0:
        return 1
    _without_key_file(newcomer_db, bureaus, save)
    return 0


def _register_key_file(db, bureaus: Path) -> None:  # type: ignore[no-untyped-def]
    from cxdesk.sample.bureau_keys import register_county_key_file

    with db.transaction() as session:
        register_county_key_file(session, bureaus, "532301")


def _without_key_file(path: Path, bureaus: Path, save) -> None:  # type: ignore[no-untyped-def]
    """The 上报 page in red, then the key file chosen and the fingerprint being typed."""
    from cxdesk.exchange.bureau_keyfile import read_key_file_at
    from cxdesk.sample.bureau_keys import key_file_path
    from cxdesk.storage.db import open_database
    from cxdesk.ui.school.report_page import ReportPage
    from cxdesk.ui.shell.context import AppContext
    from cxdesk.ui.shell.main_window import MainWindow

    db = open_database(path)
    window = MainWindow(AppContext(db, "zh"))
    window.resize(WIDTH, HEIGHT)
    window.show()
    report = window.show_page("report")
    assert isinstance(report, ReportPage)
    save(window, "26-report-without-bureau-key")
    dialog = report.bureau_box.open_key_file_dialog()
    key_file = key_file_path(bureaus, "532301")
    dialog.load(key_file)
    digits = read_key_file_at(key_file).fingerprint
    for n, box in enumerate(dialog.fingerprint.groups[:4]):  # typing from the paper notice
        box.setText(digits[5 * n : 5 * n + 5])
    dialog.fingerprint.groups[4].setFocus()
    save(dialog, "25-bureau-key-file")
    dialog.close()
    window.close()
    db.close()


def _add_findings(db) -> None:  # type: ignore[no-untyped-def]
    """Give the checks page something to show: one error and one warning."""
    from cxdesk.services.counselors import add_counselor
    from cxdesk.services.records import CertificateInput, CounselorInput, RoomInput
    from cxdesk.services.rooms import add_room
    from cxdesk.services.setup import own_school

    with db.transaction() as session:
        school = own_school(session)
        add_counselor(  # left, but still holds a certificate: a hard finding
            session,
            school_id=school.id,
            data=CounselorInput(
                name="赵文华",
                post_type="part_time",
                main_subject="chinese",
                status="left",
                left_date=date(2025, 7, 1),
                certificates=[CertificateInput("counselling_skill", number="XL2019-0087")],
            ),
        )
        add_room(  # a very small room: a soft finding
            session,
            school_id=school.id,
            data=RoomInput(name="沙盘游戏室", function="relaxation", area_tenths=65),
        )


def _entry_forms(window, save) -> None:  # type: ignore[no-untyped-def]
    """The forms as a teacher types into them: reasons under the fields, dates as typed."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    rooms = window.show_page("rooms")
    rooms.open_form(None)
    form = rooms.form
    form.activateWindow()
    form.name.insert("沙盘室")
    QTest.keyClicks(form.area, "-6.5")  # refused with the reason, never changed into 0
    save(form, "25-room-form-reason")
    form.done(0)

    training = window.show_page("training")
    training.open_form(None)
    form = training.form
    form.title.insert("全县心理健康教育骨干教师培训")
    form.start_date.edit.setText("2026.4.10")  # the date understood is shown beside it
    form.end_date.edit.setText("0100901")  # why it is not a date
    form.hours.setFocus()
    save(form, "26-training-form-dates")
    form.done(0)

    roster = window.show_page("roster")
    roster.open_form(None)
    counselor = roster.form
    counselor._add_certificate()
    dialog = counselor.cert_dialog
    dialog.kind.set_code("nc_level2")
    QTest.keyClick(dialog.kind, Qt.Key.Key_Return)  # Enter with neither number nor date
    save(dialog, "27-certificate-needs-number")
    dialog.done(0)
    counselor.done(0)

    school = window.show_page("school")
    school.change_code()
    code = school.code_dialog
    code.new_code.setText("3153230101")
    save(code, "28-school-code-change")
    code.done(0)


def _import_preview(window, work: Path, save) -> None:  # type: ignore[no-untyped-def]
    """The Excel page showing a workbook with a mistake: nothing will be imported."""
    import openpyxl
    from PySide6.QtCore import QEventLoop

    from cxdesk.workbook import write_template

    template = work / "template.xlsx"
    write_template(template)
    book = openpyxl.load_workbook(template)
    ws = book["教师"]
    headers = {ws.cell(1, c).value: c for c in range(1, ws.max_column + 1)}
    rows = [
        {"姓名": "马丽", "身份证号": _wrong_identity(), "专兼职": "兼职", "主教学科": "语文"},
        {"姓名": "杨建国", "专兼职": "兼职", "任职日期": date(2030, 9, 1)},
        {"姓名": "新老师", "专兼职": "兼职"},
    ]
    for r, record in enumerate(rows, start=2):
        for header, value in record.items():
            ws.cell(r, headers[header], value)
    filled = work / "已填报表.xlsx"
    book.save(filled)
    page = window.show_page("excel")
    loop = QEventLoop()
    page.preview_ready.connect(loop.quit)
    page.preview_import(filled)
    loop.exec()
    save(window, "18-excel-preview")
    page.discard()


def _returned(path: Path, work: Path, bureaus: Path, save) -> None:  # type: ignore[no-untyped-def]
    """Export, have the bureau return it with comments (a real signed return file, naming
    people by the package's record key), import it, and show where the comments appear;
    then the dialog that registers the bureau's key by its fingerprint alone.
    """
    from sqlalchemy import select

    from cxdesk.exchange.export import export_report, outbox_dir
    from cxdesk.exchange.keys import keys_dir, load_signer
    from cxdesk.exchange.manifest import Comment
    from cxdesk.exchange.records import record_key
    from cxdesk.exchange.replies import Party, receive_file, subject_of, write_return
    from cxdesk.exchange.verify import verify_package
    from cxdesk.models import CounsellingRoom, Counselor
    from cxdesk.services.periods import current_period_label
    from cxdesk.storage.db import open_database
    from cxdesk.ui.shell.context import AppContext
    from cxdesk.ui.shell.main_window import MainWindow

    db = open_database(path)
    _register_key_file(db, bureaus)
    with db.transaction() as session:
        signer = load_signer(session, key_dir=keys_dir(db.path))
        exported = export_report(
            session,
            period_label=current_period_label(),
            out_dir=work / "usb",
            outbox=outbox_dir(db.path),
            signer=signer,
        )
    from cxdesk.exchange.records import mask_name

    secret = _record_secret(db)
    with db.reading() as session:
        counselors = session.scalars(select(Counselor).order_by(Counselor.id)).all()
        room = session.scalars(select(CounsellingRoom).order_by(CounsellingRoom.id)).first()
        assert room is not None
        comments = [
            Comment(
                "counselor",
                record_key("counselor", counselors[1], secret=secret),
                mask_name(counselors[1].name),
                "心理咨询师证书的取得年份与证书编号不符，请核对。",
            ),
            Comment(
                "counselor",
                record_key("counselor", counselors[3], secret=secret),
                mask_name(counselors[3].name),
                "任职日期早于参加工作日期，请核实。",
            ),
            Comment(
                "counselling_room",
                record_key("counselling_room", room),
                room.name,
                "面积与去年上报数不一致，请说明。",
            ),
        ]
        commented_id = counselors[1].id
    subject, period = subject_of(verify_package(exported.path))
    from cxdesk.exchange.keys import load_signer as bureau_signer
    from cxdesk.sample.bureau_keys import SAMPLE_PASSPHRASE, bureau_db_path

    county = open_database(bureau_db_path(bureaus, "532301"))
    with county.reading() as session:
        bureau = bureau_signer(session, key_dir=keys_dir(county.path), passphrase=SAMPLE_PASSPHRASE)
    county.close()
    reply = write_return(
        work / "back",
        signer=bureau,
        bureau=Party("county", "532301", "楚雄市教育体育局"),
        subject=subject,
        period=period,
        comments=comments,
        message="请于 12 月 10 日前修改后重新上报。",
    )
    with db.transaction() as session:
        receive_file(session, path=reply)
    window = MainWindow(AppContext(db, "zh"))
    window.resize(WIDTH, HEIGHT)
    window.show()
    from cxdesk.ui.school.report_page import ReportPage
    from cxdesk.ui.school.roster.page import RosterPage

    roster = window.show_page("roster")
    assert isinstance(roster, RosterPage)
    save(window, "22-roster-returned")
    form = roster.open_record(commented_id)
    save(form, "23-counselor-form-returned")
    form.close()
    report = window.show_page("report")
    assert isinstance(report, ReportPage)
    dialog = report.bureau_box.open_fingerprint_dialog()
    save(dialog, "24-bureau-key")
    dialog.close()
    window.close()
    db.close()


def _accepted_then_changed(path: Path, work: Path, bureaus: Path, save) -> None:  # type: ignore[no-untyped-def]
    """Export, import the bureau's receipt, then a counselor leaves and a room's area is
    corrected: the 上报 page shows the period as reported and what changed (issue 14)."""
    from datetime import date

    from PySide6.QtWidgets import QScrollArea
    from sqlalchemy import select

    from cxdesk.exchange.export import export_report, outbox_dir
    from cxdesk.exchange.keys import keys_dir, load_signer
    from cxdesk.exchange.replies import Party, receive_file, subject_of, write_receipt
    from cxdesk.exchange.verify import verify_package
    from cxdesk.models import CounsellingRoom, Counselor
    from cxdesk.services.counselors import counselor_input, update_counselor
    from cxdesk.services.periods import current_period_label
    from cxdesk.services.rooms import room_input, update_room
    from cxdesk.storage.db import open_database
    from cxdesk.ui.school.report_page import ReportPage
    from cxdesk.ui.shell.context import AppContext
    from cxdesk.ui.shell.main_window import MainWindow

    db = open_database(path)
    _register_key_file(db, bureaus)
    with db.transaction() as session:
        signer = load_signer(session, key_dir=keys_dir(db.path))
        exported = export_report(
            session,
            period_label=current_period_label(),
            out_dir=work / "usb-accepted",
            outbox=outbox_dir(db.path),
            signer=signer,
        )
    subject, period = subject_of(verify_package(exported.path))
    from cxdesk.sample.bureau_keys import SAMPLE_PASSPHRASE, bureau_db_path

    county = open_database(bureau_db_path(bureaus, "532301"))
    with county.reading() as session:
        bureau = load_signer(session, key_dir=keys_dir(county.path), passphrase=SAMPLE_PASSPHRASE)
    county.close()
    receipt = write_receipt(
        work / "back-accepted",
        signer=bureau,
        bureau=Party("county", "532301", "楚雄市教育体育局"),
        subject=subject,
        period=period,
    )
    with db.transaction() as session:
        receive_file(session, path=receipt)
        person = session.scalars(select(Counselor).order_by(Counselor.id)).all()[2]
        data = counselor_input(person)
        data.status, data.left_date = "left", date(2026, 10, 8)
        update_counselor(session, counselor_id=person.id, data=data)
        room = session.scalars(select(CounsellingRoom).order_by(CounsellingRoom.id)).first()
        assert room is not None
        fixed = room_input(room)
        fixed.area_tenths -= 18
        update_room(session, room_id=room.id, data=fixed)
    window = MainWindow(AppContext(db, "zh"))
    window.resize(WIDTH, HEIGHT)
    window.show()
    report = window.show_page("report")
    assert isinstance(report, ReportPage)
    scroll = report.findChild(QScrollArea)
    assert scroll is not None
    scroll.ensureWidgetVisible(report.send_section.accepted_label, 0, 0)
    save(window, "25-report-accepted")
    scroll.ensureWidgetVisible(report.send_section.changes_box, 0, 0)
    save(window, "26-report-changes")
    window.close()
    db.close()


def _record_secret(db) -> str:  # type: ignore[no-untyped-def]
    """The record key the school sent inside its latest package (the bureau has it too)."""
    from sqlalchemy import select

    from cxdesk.models import ExportLog

    with db.reading() as session:
        return str(
            session.scalars(select(ExportLog.record_secret).order_by(ExportLog.id.desc())).first()
        )


def _wrong_identity() -> str:
    from cxdesk.validation import identity_check_character

    first17 = "53230119880715002"
    right = identity_check_character(first17)
    return first17 + ("1" if right != "1" else "2")


if __name__ == "__main__":
    sys.exit(main())
