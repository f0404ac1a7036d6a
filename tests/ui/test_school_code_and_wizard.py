"""The school code: full-width digits, shown back by the wizard, corrected before the
first export; the kind that does not fit the code is pointed out next to the kind."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWizard
from pytestqt.qtbot import QtBot

from cxdesk.models import Installation, School
from cxdesk.storage.db import Database
from cxdesk.ui.school.school_code_dialog import SchoolCodeDialog
from cxdesk.ui.school.school_form import SchoolForm
from cxdesk.ui.school.school_page import SchoolPage
from cxdesk.ui.school.wizard import SchoolConfirmPage, SchoolSetupPage
from cxdesk.ui.shell.context import AppContext
from cxdesk.ui.shell.main_window import MainWindow
from cxdesk.ui.shell.wizard.setup_wizard import SetupWizard
from tests.exchange.conftest import export_once
from tests.ui.keys import type_chars
from tests.ui.pages import shown_page


def _school_form(db: Database, qtbot: QtBot) -> tuple[SetupWizard, SchoolForm]:
    wizard = SetupWizard(AppContext(db, "zh"))
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.next()
    page = wizard.role_pages["school"]
    assert isinstance(page, SchoolSetupPage)
    return wizard, page.form


def test_full_width_digits_from_an_input_method_are_kept(db: Database, qtbot: QtBot) -> None:
    _wizard, form = _school_form(db, qtbot)
    type_chars(form.code, "２１５３２３０００７")
    assert form.code.text() == "2153230007" and not form.code_hint.isVisible()
    type_chars(form.contact_phone, "０８７８－７２２１２３４")
    assert form.contact_phone.text() == "0878-7221234" and not form.phone_hint.isVisible()
    form.enrolment.lineEdit().selectAll()
    type_chars(form.enrolment, "４２０")
    assert form.enrolment.value() == 420


def test_a_kind_that_does_not_fit_the_code_is_shown_next_to_the_kind(
    db: Database, qtbot: QtBot
) -> None:
    wizard, form = _school_form(db, qtbot)
    qtbot.keyClicks(form.code, "2153230007")
    form.name.insert("南华县五街镇中心小学")
    form.kind.set_code("junior")
    assert form.kind_hint.isVisible()
    assert form.kind_hint.text() == (
        "标识码以 21 开头，表示小学、九年一贯制学校、十二年一贯制学校，不是“初级中学”：请核对标识码和学校类别。"
    )
    assert wizard.button(QWizard.WizardButton.NextButton).isEnabled()  # a warning only
    wizard.next()
    confirm = wizard.currentPage()
    assert isinstance(confirm, SchoolConfirmPage)
    assert confirm.warning.isVisibleTo(confirm) and "初级中学" in confirm.warning.text()
    wizard.back()
    form.kind.set_code("primary")
    assert not form.kind_hint.isVisible()


def test_the_code_is_corrected_on_the_school_page_until_the_first_export(
    window: MainWindow, ctx: AppContext, qtbot: QtBot, tmp_path: Path
) -> None:
    page = shown_page(window, "school", SchoolPage)
    assert page.code_button.isEnabled()
    qtbot.mouseClick(page.code_button, Qt.MouseButton.LeftButton)
    dialog = page.code_dialog
    assert isinstance(dialog, SchoolCodeDialog) and dialog.isVisible()
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    assert dialog.focusWidget() is dialog.new_code
    assert dialog.current.text() == "2153230001"
    qtbot.keyClicks(dialog.new_code, "2153230009")
    qtbot.keyClick(dialog.new_code, Qt.Key.Key_Tab)
    qtbot.keyClicks(dialog.again, "2153230008")
    again_hint = next(r for r in dialog.checks.rows if r.widget is dialog.again).hint
    assert again_hint.isVisible() and "不一致" in again_hint.text()
    qtbot.keyClick(dialog.again, Qt.Key.Key_Return)
    assert dialog.isVisible()
    dialog.again.clear()
    qtbot.keyClicks(dialog.again, "2153230009")
    qtbot.keyClick(dialog.again, Qt.Key.Key_Return)
    assert not dialog.isVisible()
    assert page.form.code.text() == "2153230009"
    with ctx.db.reading() as session:
        assert session.query(School).one().code == "2153230009"
        assert session.get_one(Installation, 1).code == "2153230009"

    from cxdesk.sample.school import fill_demo_school
    from cxdesk.services.setup import own_school

    with ctx.db.transaction() as session:
        fill_demo_school(session, school=own_school(session), year=2026)
    export_once(ctx.db, tmp_path / "usb", unencrypted=True)  # no bureau key file here
    page.refresh()
    assert not page.code_button.isEnabled()
    assert "不能再更改" in page.code_button.toolTip()
