"""Screenshots of the bureau pages at 1366×768, for docs/screenshots/bureau-*.png.

Run under a virtual display so that the real (Chinese) fonts are used::

    xvfb-run -a -s "-screen 0 1366x768x24" python tools/bureau_screenshots.py [--out docs/screenshots]

It builds part of the sample prefecture through the real chain (school databases filled
through the services and exported as signed packages, county bureaus that collect and
export, the prefecture that collects the county packages), then opens the real main
window of 牟定县's bureau — whose clerk collects a USB stick on the collect page — and of
the prefecture, and grabs each page.  Everything happens in a temporary folder.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

WIDTH, HEIGHT = 1366, 768
COUNTY = "532323"  # 牟定县: the county whose clerk we watch
#: Schools of 牟定县 that have sent their package (of 55).
CLERK_SCHOOLS = 36
#: A county that has not sent its package yet (the prefecture's board shows it).
SILENT_COUNTY = "532327"


def schools_built_per_county(total: int) -> int:
    """About one school in seven, at least six: enough for realistic charts, quick to build."""
    return max(6, total // 7)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("docs/screenshots"))
    args = parser.parse_args()
    out: Path = args.out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="cxdesk-bureau-shots-"))
    os.environ["CXDESK_DATA_DIR"] = str(work / "data")
    try:
        data = build_sample(work)
        take_screenshots(work, out, data)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


# -- the sample data ------------------------------------------------------------------------


def build_sample(work: Path) -> dict[str, Any]:
    from cxdesk import reference as ref
    from cxdesk.bureau.collect import collect
    from cxdesk.exchange.bureau_keys import unlock_bureau_keys
    from cxdesk.exchange.keys import keys_dir
    from cxdesk.exchange.trust import register_key
    from cxdesk.sample.bureau_keys import SAMPLE_PASSPHRASE
    from cxdesk.sample.prefecture import design_prefecture
    from cxdesk.sample.prefecture_build import build_county, build_schools
    from cxdesk.services.bureaus import bureau_name
    from cxdesk.storage.db import open_database

    plans = design_prefecture()
    chosen = []
    for county in ref.COUNTIES.codes:
        # A cross-section from the biggest school down, so the mix of posts is realistic.
        mine = sorted((p for p in plans if p.county == county), key=lambda p: -p.enrolment)
        wanted = CLERK_SCHOOLS if county == COUNTY else schools_built_per_county(len(mine))
        chosen += mine[:: max(1, len(mine) // wanted)][:wanted]
    print(f"building {len(chosen)} schools…", flush=True)
    built = build_schools(work, chosen, report=lambda text: print(text, flush=True))
    counties = []
    for county in ref.COUNTIES.codes:
        if county == SILENT_COUNTY:
            continue
        everyone = [p for p in plans if p.county == county]
        fingerprint, _path = build_county(
            work, county, everyone, [b for b in built if b.county == county]
        )
        counties.append((county, fingerprint))
    prefecture = work / "prefecture.db"  # set up with its keys before the schools exported
    db = open_database(prefecture)
    with db.transaction() as session:
        unlock_bureau_keys(session, key_dir=keys_dir(prefecture), passphrase=SAMPLE_PASSPHRASE)
        for county, fingerprint in counties:
            register_key(
                session,
                fingerprint=fingerprint,
                code=county,
                name=bureau_name("county", county),
                role="county",
            )
    collect(db, [work / "county-packages"], backup=False)
    db.close()
    return {
        "plans": [p for p in plans if p.county == COUNTY],
        "built": [b for b in built if b.county == COUNTY],
        "prefecture": prefecture,
    }


def county_clerk_database(work: Path, data: dict[str, Any]) -> Any:
    """牟定县's bureau before the collect: register, the keys of the forms received so far."""
    from cxdesk.bureau.board import set_deadline
    from cxdesk.bureau.register import RegisterRow, load_register
    from cxdesk.exchange.keys import keys_dir
    from cxdesk.exchange.trust import register_key
    from cxdesk.sample.bureau_keys import adopt_sample_keys
    from cxdesk.services.bureaus import init_bureau
    from cxdesk.storage.db import open_database

    path = work / "clerk" / "cxdesk.db"
    db = open_database(path)
    with db.transaction() as session:
        init_bureau(session, role="county", code=COUNTY)
        # The county's keys, as set up before its schools exported (docs/bureau.md).
        adopt_sample_keys(session, key_dir=keys_dir(path), out=work, code=COUNTY)
        load_register(
            session,
            [
                RegisterRow(p.code, p.name, p.county, p.kind, p.contact_person, p.contact_phone)
                for p in data["plans"]
            ],
        )
        for school in data["built"][:-2]:  # two forms have not arrived: held on collect
            register_key(
                session, fingerprint=school.fingerprint, code=school.code, name=school.name
            )
        set_deadline(session, period_label="2026", deadline=date(2026, 10, 31))
    return db


def school_sends_an_update(work: Path, data: dict[str, Any], code: str, out: Path) -> None:
    """The school adds a small sand-tray room, explains the soft finding, exports again."""
    from cxdesk.checks import run_checks
    from cxdesk.checks.engine import explain_finding
    from cxdesk.exchange.export import export_report, outbox_dir
    from cxdesk.exchange.keys import keys_dir, load_signer
    from cxdesk.sample.prefecture_build import school_db_path
    from cxdesk.services.periods import get_period
    from cxdesk.services.records import RoomInput
    from cxdesk.services.rooms import add_room
    from cxdesk.services.setup import own_school
    from cxdesk.storage.db import open_database

    plan = next(p for p in data["plans"] if p.code == code)
    path = school_db_path(work, plan)
    out.mkdir(parents=True, exist_ok=True)
    db = open_database(path)
    try:
        with db.transaction() as session:
            school = own_school(session)
            add_room(
                session,
                school_id=school.id,
                data=RoomInput(name="沙盘游戏室", function="relaxation", area_tenths=65),
            )
            for finding in run_checks(session, school=school, period=get_period(session, "2026")):
                if finding.severity == "soft" and finding.record_id is not None:
                    explain_finding(
                        session,
                        school_id=school.id,
                        rule_id=finding.rule_id,
                        table_name=finding.table_name,
                        record_id=finding.record_id,
                        explanation="沙盘游戏室与个别辅导室相邻，合用接待区，面积够用",
                    )
        with db.transaction() as session:
            signer = load_signer(session, key_dir=keys_dir(path))
            export_report(
                session, period_label="2026", out_dir=out, outbox=outbox_dir(path), signer=signer
            )
    finally:
        db.close()


def schools_send_2025(work: Path, data: dict[str, Any], out: Path) -> None:
    """Every school of the clerk's county exports 2025 too (as it stood on 2025-12-31)."""
    from cxdesk.exchange.export import export_report, outbox_dir
    from cxdesk.exchange.keys import keys_dir, load_signer
    from cxdesk.sample.prefecture_build import school_db_path
    from cxdesk.storage.db import open_database

    out.mkdir(parents=True, exist_ok=True)
    for plan in data["plans"]:
        path = school_db_path(work, plan)
        if not path.exists():
            continue
        db = open_database(path)
        try:
            with db.transaction() as session:
                signer = load_signer(session, key_dir=keys_dir(path))
                export_report(
                    session,
                    period_label="2025",
                    out_dir=out,
                    outbox=outbox_dir(path),
                    signer=signer,
                )
        finally:
            db.close()


# -- the screenshots ------------------------------------------------------------------------


def take_screenshots(work: Path, out: Path, data: dict[str, Any]) -> None:
    from PySide6.QtCore import QEventLoop, Qt
    from PySide6.QtWidgets import QWidget

    from cxdesk.bureau.roster_rows import COLUMN_KEYS
    from cxdesk.storage.db import open_database
    from cxdesk.ui.bureau.dashboard_page import render_png
    from cxdesk.ui.bureau.held_dialog import HeldDecisionDialog
    from cxdesk.ui.bureau.return_dialog import ReturnDialog
    from cxdesk.ui.bureau.trust_page import RegisterKeyDialog, RevokeKeyDialog
    from cxdesk.ui.desktop import install_wings
    from cxdesk.ui.shell import language
    from cxdesk.ui.shell.app import application
    from cxdesk.ui.shell.context import AppContext
    from cxdesk.ui.shell.main_window import MainWindow
    from cxdesk.ui.shell.wizard.setup_wizard import SetupWizard

    app = application()
    install_wings()
    language.apply_language("zh")

    def settle() -> None:
        for _ in range(8):
            app.processEvents()

    def save(widget: QWidget, name: str) -> None:
        settle()
        path = out / f"bureau-{name}.png"
        widget.grab().save(str(path))
        print(f"wrote {path}", flush=True)

    # The wizard's county role.
    empty = open_database(work / "empty.db")
    wizard = SetupWizard(AppContext(empty, "zh"))
    wizard.resize(720, 560)
    wizard.show()
    wizard.choice.findChild(QWidget, "role_county").click()
    wizard.next()
    wizard.role_pages["county"].county.set_code(COUNTY)
    save(wizard, "00-wizard-county")
    wizard.close()
    empty.close()

    # 牟定县's clerk collects the USB stick with every package received so far.
    db = county_clerk_database(work, data)
    usb = work / "usb"
    shutil.copytree(work / "packages" / COUNTY, usb)
    ctx = AppContext(db, "zh")
    window = MainWindow(ctx)
    window.resize(WIDTH, HEIGHT)
    window.show()
    collect_page = window.show_page("bureau_collect")
    loop = QEventLoop()
    collect_page.collected.connect(lambda _results: loop.quit())
    collect_page.start([usb])
    loop.exec()
    save(window, "10-collect")
    collect_page.held_view.selectRow(0)
    held = collect_page.selected_held()
    held_dialog = HeldDecisionDialog(held, accepting=True, parent=window)
    if held_dialog.typed is not None:  # the clerk types the fingerprint from the paper form
        sender = next(b for b in data["built"] if b.code == held.sender_code)
        held_dialog.typed.set_text(sender.fingerprint)
    held_dialog.show()
    save(held_dialog, "11-held-accept")
    held_dialog.close()

    # A school sends a corrected package (number 2) with a soft finding it explained.
    codes = [b.code for b in data["built"][:-2]]
    update = work / "usb-update"
    school_sends_an_update(work, data, codes[3], update)
    from cxdesk.bureau.collect import collect

    collect(db, [update], backup=False)

    # Some reviews done: two accepted with receipts, one returned.
    review = window.show_page("bureau_review")
    replies = work / "replies"
    replies.mkdir()
    from cxdesk.bureau.review import ReturnComment, accept_submission, return_submission

    for code in codes[:2]:
        ctx.announce(accept_submission(db, code=code, period_label="2026", out_dir=replies).changes)
    returned = return_submission(
        db,
        code=codes[2],
        period_label="2026",
        out_dir=replies,
        comments=[ReturnComment(None, None, "请补充心理辅导室的面积")],
        message="请核实后重新上报",
    )
    ctx.announce(returned.changes)

    board = window.show_page("bureau_board")
    board.refresh()
    save(window, "12-board-rate")
    board.tabs.setCurrentWidget(board.schools_view.parentWidget())
    save(window, "13-board-schools")
    board.tabs.setCurrentWidget(board.chase_view)
    save(window, "14-board-chase")

    review = window.show_page("bureau_review")
    review.refresh()
    review.select_school(codes[3])  # the corrected package, with its explained finding
    review.tabs.setCurrentIndex(1)
    save(window, "15-review-findings")
    review.tabs.setCurrentIndex(0)
    save(window, "16-review-figures")
    review.tabs.setCurrentIndex(2)
    save(window, "17-review-changes")
    assert review.review is not None
    dialog = ReturnDialog(review.review, window)
    dialog.message.setPlainText("教师信息有误，请核实后重新上报")
    dialog.comments.setData(
        dialog.comments.index(1, dialog.comments.COMMENT_COLUMN), "身份证号与出生日期不符"
    )
    dialog.show()
    save(dialog, "18-return-dialog")
    dialog.close()

    window.show_page("bureau_summary")
    save(window, "19-summary-county")
    window.show_page("bureau_dashboard")
    save(window, "20-dashboard-county")
    # Last year's packages arrive too: two periods to compare and a trend (issue 14).
    from cxdesk.bureau.collect import collect

    schools_send_2025(work, data, work / "usb-2025")
    collect(db, [work / "usb-2025"], backup=False)
    compare = window.show_page("bureau_compare")
    compare.refresh()
    save(window, "25-compare")
    dashboard = window.show_page("bureau_dashboard")
    dashboard.refresh()
    dashboard.tabs.setCurrentIndex(1)
    save(window, "26-dashboard-trends")
    dashboard.tabs.setCurrentIndex(0)
    county_page = window.show_page("bureau_county_package")
    save(window, "21-county-package")
    window.show_page("bureau_register")
    save(window, "22-register")
    window.show_page("bureau_trust")
    save(window, "23-trusted-keys")
    keys_page = window.show_page("bureau_keys")
    exported = work / "key-file"
    exported.mkdir()
    keys_page.export_to(exported)  # the key file and its notice, as the clerk exports them
    save(window, "25-our-keys")
    (notice,) = exported.glob("*.pdf")  # the printed notice's page (poppler-utils)
    notice_png = out / "bureau-26-key-notice"
    subprocess.run(
        ["pdftoppm", "-png", "-r", "70", "-singlefile", str(notice), str(notice_png)], check=True
    )
    print(f"wrote {notice_png}.png")
    key_dialog = RegisterKeyDialog(window)
    key_dialog.code.setText(data["built"][-1].code)
    key_dialog.name.setText(data["built"][-1].name)
    key_dialog.fingerprint.set_text(data["built"][-1].fingerprint)
    key_dialog.note.setText("2026-11-20 收到备案表，归档号 2026-31")
    key_dialog.show()
    save(key_dialog, "24-register-key")
    key_dialog.close()
    trust_page = window.page("bureau_trust")
    trust_page.view.selectRow(0)
    row = trust_page.selected()
    assert row is not None
    revoke_dialog = RevokeKeyDialog(row, window)
    revoke_dialog.from_date.setChecked(True)
    revoke_dialog.note.setText("2026-11-18 笔记本电脑失窃")
    revoke_dialog.show()
    save(revoke_dialog, "25-revoke-key")
    revoke_dialog.close()
    # Standards and compliance (issue 15): the county adds the prefecture's boarding rule.
    from sqlalchemy.orm import Session

    from cxdesk.standards.catalogue import NewStandard, add_standard, set_enabled

    def add_boarding_rule(session: Session) -> None:
        set_enabled(session, key="cn-2015-group-size", enabled=False)
        add_standard(
            session,
            data=NewStandard(
                name="寄宿生200人以上的学校至少1名专职心理健康教育教师",
                name_en="Schools with 200+ boarders have a full-time counselor",
                source="（示例）楚雄州目标",
                applies_from=date(2024, 3, 27),
                rule_kind="min_counselors",
                params={"post_type": "full_time", "count": 1, "when_boarders_at_least": 200},
                target_pct=100,
            ),
        )

    ctx.write(add_boarding_rule)
    standards = window.show_page("bureau_standards")
    standards.view.selectRow(standards.model.rowCount() - 1)
    save(window, "25-standards")
    compliance = window.show_page("bureau_compliance")
    compliance.standard.setCurrentIndex(compliance.standard.findData("cn-2021-full-time"))
    save(window, "26-compliance-county")
    shared = [p for p in data["plans"] if any(c.identity_number for c in p.counselors)]
    review = window.show_page("bureau_review")
    review.refresh()
    for plan in shared:
        if review.select_school(plan.code) and review.review and review.review.shared:
            review.tabs.setCurrentIndex(review.tabs.count() - 1)
            save(window, "27-review-counted-elsewhere")
            break
    del county_page
    window.close()
    db.close()

    # The prefecture.
    pdb = open_database(data["prefecture"])
    pctx = AppContext(pdb, "zh")
    pwindow = MainWindow(pctx)
    pwindow.resize(WIDTH, HEIGHT)
    pwindow.show()
    pboard = pwindow.show_page("bureau_board")
    save(pwindow, "30-prefecture-board-counties")
    pboard.tabs.setCurrentIndex(1)
    save(pwindow, "31-prefecture-board-rate")
    pwindow.show_page("bureau_summary")
    save(pwindow, "32-prefecture-summary")
    roster = pwindow.show_page("bureau_roster")
    certificates = COLUMN_KEYS.index("certificates")
    roster.view.sortByColumn(certificates, Qt.SortOrder.DescendingOrder)
    save(pwindow, "roster")  # the certificate holders first
    dashboard = pwindow.show_page("bureau_dashboard")
    save(pwindow, "33-prefecture-dashboard")
    compliance = pwindow.show_page("bureau_compliance")
    compliance.standard.setCurrentIndex(compliance.standard.findData("cn-2015-room-areas"))
    save(pwindow, "35-prefecture-compliance")
    # A drill-down: 楚雄市's rate of schools with a full-time counselor, a school chosen.
    from cxdesk.ui.bureau import common
    from cxdesk.ui.bureau.drilldown_dialog import DrilldownDialog

    shown: list[DrilldownDialog] = []
    original_ask = common.ask
    common.ask = lambda dialog: shown.append(dialog) or 0  # type: ignore[assignment, func-returns-value]
    compliance.drill("cn-2021-full-time", "532301", False)
    summary_page = pwindow.show_page("bureau_summary")
    from cxdesk.ui.bureau.summary_drill import TILE_FIGURES  # noqa: F401 (the tiles' figures)

    summary_page.tiles["counselors"].parentWidget().setFocus()
    from PySide6.QtCore import QCoreApplication, QEvent
    from PySide6.QtGui import QKeyEvent

    QCoreApplication.sendEvent(
        summary_page.tiles["counselors"].parentWidget(),
        QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier),
    )
    common.ask = original_ask
    for name, dialog in zip(
        ("36-drilldown-compliance", "37-drilldown-counselors"), shown, strict=False
    ):
        dialog.resize(WIDTH - 80, HEIGHT - 60)
        dialog.view.selectRow(min(2, dialog.model.rowCount() - 1))
        dialog.package.check()
        dialog.show()
        save(dialog, name)
        dialog.close()
    assert dashboard.summary is not None
    render_png(dashboard.summary, out / "bureau-34-prefecture-dashboard-1920.png")
    print(f"wrote {out / 'bureau-34-prefecture-dashboard-1920.png'}")
    pwindow.close()
    pdb.close()


if __name__ == "__main__":
    sys.exit(main())
