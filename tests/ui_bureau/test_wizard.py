"""The first-start wizard sets a fresh database up for a county bureau or the prefecture."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QRadioButton, QWizard
from pytestqt.qtbot import QtBot

from cxdesk.exchange.keys import current_key, keys_dir
from cxdesk.exchange.trust import list_keys
from cxdesk.models import Installation
from cxdesk.storage.db import Database
from cxdesk.ui.bureau.wizard import CountySetupPage, PrefectureSetupPage
from cxdesk.ui.shell.context import AppContext
from cxdesk.ui.shell.wizard.setup_wizard import SetupWizard


def _choose(wizard: SetupWizard, role: str, qtbot: QtBot) -> None:
    button = wizard.choice.findChild(QRadioButton, f"role_{role}")
    assert button is not None
    button.click()  # the radio button, as a click on its label would
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)


def test_the_county_role_sets_up_the_bureau_with_its_key(
    db: Database, qtbot: QtBot, shown_messages: list[str]
) -> None:
    ctx = AppContext(db, "zh")
    wizard = SetupWizard(ctx)
    qtbot.addWidget(wizard)
    wizard.show()
    labels = [b.text() for b in wizard.choice.buttons.buttons()]
    assert any("县市教育体育局" in text for text in labels)
    _choose(wizard, "county", qtbot)
    page = wizard.role_pages["county"]
    assert isinstance(page, CountySetupPage)
    assert wizard.currentPage() is page
    assert page.county.count() == 10
    page.county.set_code("532324")
    assert page.county.currentText() == "南华县"
    finish = wizard.button(QWizard.WizardButton.FinishButton)
    assert finish.isEnabled()
    qtbot.mouseClick(finish, Qt.MouseButton.LeftButton)

    assert wizard.result() == QWizard.DialogCode.Accepted
    assert shown_messages == []
    assert ctx.role == "county"
    with db.reading() as session:
        installation = session.get_one(Installation, 1)
        assert (installation.role, installation.code, installation.name) == (
            "county",
            "532324",
            "南华县教育体育局",
        )
        key = current_key(session)
        assert key is not None
        assert (keys_dir(db.path) / key.file_name).is_file()
        assert list_keys(session) == []  # the trust registry starts empty


def test_the_prefecture_role(db: Database, qtbot: QtBot, shown_messages: list[str]) -> None:
    ctx = AppContext(db, "zh")
    wizard = SetupWizard(ctx)
    qtbot.addWidget(wizard)
    wizard.show()
    _choose(wizard, "prefecture", qtbot)
    page = wizard.role_pages["prefecture"]
    assert isinstance(page, PrefectureSetupPage)
    assert "532300" in page.place.text()
    assert "楚雄彝族自治州" in page.place.text()
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton)
    assert shown_messages == []
    assert ctx.role == "prefecture"
    with db.reading() as session:
        assert session.get_one(Installation, 1).code == "532300"
        assert current_key(session) is not None


def test_a_database_already_set_up_is_explained(
    school_db: Database, qtbot: QtBot, shown_messages: list[str]
) -> None:
    ctx = AppContext(school_db, "zh")
    wizard = SetupWizard(ctx)
    qtbot.addWidget(wizard)
    wizard.show()
    _choose(wizard, "county", qtbot)
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton)
    assert len(shown_messages) == 1
    assert wizard.isVisible()
    with school_db.reading() as session:
        assert session.get_one(Installation, 1).role == "school"
        assert current_key(session) is None
