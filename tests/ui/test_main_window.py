"""The main window: navigation, status bar, language switch."""

from __future__ import annotations

from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from cxdesk.ui.school.overview import OverviewPage
from cxdesk.ui.school.roster.page import RosterPage
from cxdesk.ui.school.school_page import SchoolPage
from cxdesk.ui.shell.context import AppContext
from cxdesk.ui.shell.main_window import MainWindow
from cxdesk.ui.shell.registry import pages_for
from cxdesk.ui.shell.settings_page import SettingsPage
from tests.ui.pages import shown_page


def _nav_titles(window: MainWindow) -> list[str]:
    return [window.nav.item(i).text() for i in range(window.nav.count())]


def test_navigation_lists_the_school_pages_in_chinese(window: MainWindow, ctx: AppContext) -> None:
    titles = _nav_titles(window)
    assert titles[0] == "概览" and "设置" in titles and "学校信息" in titles
    assert len(titles) == len(pages_for("school"))
    status = window.where_label.text()
    assert str(ctx.db.path) in status and "立即保存" in status
    overview = window.pages["overview"]
    assert isinstance(overview, OverviewPage)
    assert overview.title.text() == "楚雄市鹿城小学"


def test_every_page_opens(window: MainWindow) -> None:
    for entry in window.entries:
        page = window.show_page(entry.key)
        assert window.stack.currentWidget() is page


def test_switching_to_english_shows_english_labels(
    window: MainWindow, ctx: AppContext, qtbot: QtBot
) -> None:
    settings = shown_page(window, "settings", SettingsPage)
    combo = settings.language
    with qtbot.wait_signal(ctx.language_changed):
        combo.setCurrentIndex(combo.findData("en"))
        combo.activated.emit(combo.currentIndex())
    assert "Overview" in _nav_titles(window) and "Settings" in _nav_titles(window)
    assert "every change is saved at once" in window.where_label.text()
    school = shown_page(window, "school", SchoolPage)
    from PySide6.QtWidgets import QLabel

    assert "School information" in [label.text() for label in school.findChildren(QLabel)]
    overview = shown_page(window, "overview", OverviewPage)
    assert "Psychological-health teachers" in overview.cards["people"].caption.text()
    # the core's messages follow, and the choice is remembered
    from cxdesk import i18n
    from cxdesk.ui.shell.preferences import saved_language

    assert i18n.current_language() == "en" and saved_language() == "en"


def test_start_shows_the_main_window_of_a_set_up_school(ctx: AppContext, qtbot: QtBot) -> None:
    from cxdesk.ui.shell.app import start

    window = start(ctx)
    assert isinstance(window, MainWindow)
    qtbot.addWidget(window)
    assert window.isVisible() and window.current_key() == "overview"


def test_the_certificate_list_of_the_form_passes_the_model_tester(
    window: MainWindow, ctx: AppContext, qtmodeltester: ModelTester
) -> None:
    from cxdesk.services.records import CertificateInput

    roster = shown_page(window, "roster", RosterPage)
    roster.open_form(None)
    form = roster.form
    assert form is not None
    form.certificates.set_rows(
        [CertificateInput("nc_level2", number="ZX1"), CertificateInput("other", "沙盘师", "SP1")]
    )
    qtmodeltester.check(form.certificates)
    assert form.certificates.index(1, 0).data() == "沙盘师"


def test_the_window_comes_back_at_its_last_size(
    window: MainWindow, ctx: AppContext, qtbot: QtBot
) -> None:
    # (the test screen is 800×800: the width stays at the window's minimum of 960)
    first_height = window.height()
    window.resize(960, 640)
    window.close()
    again = MainWindow(ctx)
    qtbot.addWidget(again)
    assert again.height() == 640 != first_height
