"""The first-start wizard sets a fresh database up for a school."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QRadioButton, QWizard
from pytestqt.qtbot import QtBot

from cxdesk.models import Installation, School
from cxdesk.storage.db import Database
from cxdesk.ui.school.wizard import SchoolConfirmPage, SchoolSetupPage
from cxdesk.ui.shell.context import AppContext
from cxdesk.ui.shell.wizard.setup_wizard import SetupWizard
from tests.ui.conftest import ShownMessage
from tests.ui.visible import english_words, visible_texts


def _open_wizard(db: Database, qtbot: QtBot) -> tuple[AppContext, SetupWizard]:
    ctx = AppContext(db, "zh")
    assert not ctx.initialized
    wizard = SetupWizard(ctx)
    qtbot.addWidget(wizard)
    wizard.show()
    return ctx, wizard


def test_completing_the_wizard_sets_the_school_up(
    db: Database, qtbot: QtBot, shown_messages: list[ShownMessage]
) -> None:
    ctx, wizard = _open_wizard(db, qtbot)
    choice = wizard.choice.findChild(QRadioButton, "role_school")
    assert choice is not None and choice.isChecked()
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)
    page = wizard.role_pages["school"]
    assert isinstance(page, SchoolSetupPage)
    assert wizard.currentPage() is page
    finish = wizard.button(QWizard.WizardButton.FinishButton)
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()

    form = page.form
    qtbot.keyClicks(form.code, "2153230007")
    form.name.insert("南华县五街镇中心小学")  # Chinese comes from an input method
    form.county.set_code("532324")
    form.kind.set_code("primary")
    form.mountain.setChecked(True)
    form.enrolment.setValue(420)
    form.contact_person.insert("杨老师")
    qtbot.keyClicks(form.contact_phone, "0878-7221234")
    next_button = wizard.button(QWizard.WizardButton.NextButton)
    assert next_button.isEnabled()
    qtbot.mouseClick(next_button, Qt.MouseButton.LeftButton)
    # The code is shown back, large, to be compared with the bureau's (issue 13).
    confirm = wizard.currentPage()
    assert confirm is page.confirmation_page()
    assert isinstance(confirm, SchoolConfirmPage)
    assert confirm.code.text() == "21 53 230007"
    assert "云南" in confirm.meaning.text()
    assert confirm.name.text() == "南华县五街镇中心小学" and confirm.kind.text() == "小学"
    assert not confirm.warning.isVisibleTo(confirm)
    assert finish.isEnabled()
    qtbot.mouseClick(finish, Qt.MouseButton.LeftButton)

    assert wizard.result() == QWizard.DialogCode.Accepted
    assert shown_messages == []
    assert ctx.role == "school" and ctx.school_id is not None
    with db.reading() as session:
        school = session.query(School).one()
        assert (school.code, school.name, school.county_code) == (
            "2153230007",
            "南华县五街镇中心小学",
            "532324",
        )
        assert school.mountain and school.enrolment == 420
        assert session.get_one(Installation, 1).role == "school"


def test_a_wrong_school_code_is_explained_as_typed(db: Database, qtbot: QtBot) -> None:
    _ctx, wizard = _open_wizard(db, qtbot)
    wizard.next()
    page = wizard.role_pages["school"]
    assert isinstance(page, SchoolSetupPage)
    form = page.form
    qtbot.keyClicks(form.code, "2163230007")
    form.name.insert("某小学")
    assert form.code_hint.isVisible()
    assert "云南省代码53" in form.code_hint.text()
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    form.code.clear()
    qtbot.keyClicks(form.code, "2153230007")
    assert not form.code_hint.isVisible()
    assert wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    with db.reading() as session:
        assert session.query(School).count() == 0


def test_every_wizard_page_speaks_chinese(db: Database, qtbot: QtBot) -> None:
    _ctx, wizard = _open_wizard(db, qtbot)
    roles = {button.property("role"): button.text() for button in wizard.choice.buttons.buttons()}
    assert roles == {"school": "学校", "county": "县市教育体育局", "prefecture": "州教育体育局"}
    assert wizard.windowTitle() == "首次设置 cxdesk"
    for page_id in wizard.pageIds():
        page = wizard.page(page_id)
        texts = visible_texts(page)
        assert texts, page
        # An English word (three letters or more) other than the program's name is a
        # string that bypassed the translation.
        assert english_words(texts) == [], type(page).__name__
