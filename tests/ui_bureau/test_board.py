"""The completeness board: states, rates, schools to chase, deadline, Excel export."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl
from PySide6.QtCore import QDate, Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from cxdesk.bureau.deadlines import get_deadline
from cxdesk.ui.bureau.board_page import BoardPage
from cxdesk.ui.bureau.review_page import ReviewPage
from cxdesk.ui.shell.context import AppContext
from tests.ui.pages import shown_page

from .conftest import EXPECTED, SCHOOLS, Answers, Built


def _page(ctx: AppContext, qtbot: QtBot) -> BoardPage:
    page = BoardPage(ctx)
    qtbot.addWidget(page)
    page.show()
    page.period.set_label("2026")
    page.refresh()
    return page


def test_the_board_shows_who_reported_and_who_to_chase(
    collected_ctx: AppContext,
    built: Built,
    answers: Answers,
    tmp_path: Path,
    qtbot: QtBot,
    shown_messages: list[str],
    qtmodeltester: ModelTester,
) -> None:
    page = _page(collected_ctx, qtbot)
    assert page.schools.rowCount() == EXPECTED
    states = {page.schools.row_at(r).code: page.schools.index(r, 4).data() for r in range(EXPECTED)}
    for school in built.schools:
        assert states[school.code] == "已收到待审核"
    silent = [p for p in built.plans if p.code not in {s.code for s in built.schools}]
    for plan in silent:
        assert states[plan.code] == "未报送"
    assert "应报 8 所，已报 6 所（75.00%）" in page.headline.text()

    # Schools to chase: the two silent ones, with whom to call.
    assert page.chase.rowCount() == EXPECTED - SCHOOLS
    chase = {page.chase.index(r, 0).data(): r for r in range(page.chase.rowCount())}
    for plan in silent:
        row = chase[plan.code]
        assert page.chase.index(row, 5).data() == plan.contact_person
        assert page.chase.index(row, 6).data() == plan.contact_phone
    assert page.tabs.tabText(page.tabs.indexOf(page.chase_view)) == "待催报（2）"

    # Rate per county and per kind.
    assert page.by_county.rowCount() == 1
    assert [page.by_county.index(0, c).data() for c in range(4)] == ["牟定县", "8", "6", "75.00%"]
    assert (
        sum(int(page.by_kind.index(r, 1).data()) for r in range(page.by_kind.rowCount()))
        == EXPECTED
    )

    # A deadline in the past: the silent schools are late, by whole days.
    page.deadline.setDate(QDate(2026, 1, 31))
    qtbot.mouseClick(page.deadline_button, Qt.MouseButton.LeftButton)
    with collected_ctx.db.reading() as session:
        assert get_deadline(session, "2026") == date(2026, 1, 31)
    assert "截止日期 2026-01-31" in page.headline.text()
    late = page.chase.index(chase[silent[0].code], 4).data()
    assert late.startswith("逾期 ") and late.endswith(" 天")

    # Export to Excel through the core.
    answers.save_as = str(tmp_path / "进度")
    qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    written = tmp_path / "进度.xlsx"
    assert written.is_file()
    book = openpyxl.load_workbook(written)
    text = " ".join(
        str(c.value)
        for sheet in book.worksheets
        for row in sheet.iter_rows()
        for c in row
        if c.value
    )
    for plan in silent:
        assert plan.code in text and plan.contact_phone in text
    assert shown_messages == []

    for model in (page.schools, page.schools_proxy, page.chase, page.by_county, page.by_kind):
        qtmodeltester.check(model)


def test_search_narrows_the_schools(collected_ctx: AppContext, built: Built, qtbot: QtBot) -> None:
    page = _page(collected_ctx, qtbot)
    qtbot.keyClicks(page.search, built.schools[0].code)
    assert page.schools_proxy.rowCount() == 1


def test_double_click_opens_the_review(
    collected_ctx: AppContext, built: Built, qtbot: QtBot
) -> None:
    from cxdesk.ui.shell.main_window import MainWindow

    window = MainWindow(collected_ctx)
    qtbot.addWidget(window)
    window.show()
    board = shown_page(window, "bureau_board", BoardPage)
    board.period.set_label("2026")
    code = built.schools[1].code
    row = next(r for r in range(board.schools.rowCount()) if board.schools.row_at(r).code == code)
    board._open_review(board.schools_proxy.mapFromSource(board.schools.index(row, 0)))
    assert window.current_key() == "bureau_review"
    review = window.pages["bureau_review"]
    assert isinstance(review, ReviewPage)
    assert review.review is not None and review.review.code == code


def test_an_empty_register_gets_a_banner_and_the_received_schools_count(
    tmp_path: Path,
    built: Built,
    usb: Path,
    sample_bureaus: Path,
    qtbot: QtBot,
    shown_messages: list[str],
) -> None:
    """Right after a collect without a register the board said 应报 0 所，已报 0 所."""
    from cxdesk.bureau.board import completeness_board
    from cxdesk.bureau.collect import collect
    from cxdesk.exchange.trust import register_key
    from cxdesk.storage.db import open_database
    from cxdesk.ui.shell.context import AppContext
    from cxdesk.ui.shell.main_window import MainWindow
    from tests.sample_bureaus import bureau_with_sample_keys

    from .conftest import COUNTY

    # The county's own keys, the ones its schools encrypted their packages to.
    db = bureau_with_sample_keys(
        open_database(tmp_path / "bare" / "cxdesk.db"), sample_bureaus, role="county", code=COUNTY
    )
    with db.transaction() as session:
        for school in built.schools:
            register_key(
                session, fingerprint=school.fingerprint, code=school.code, name=school.name
            )
    collect(db, [usb], backup=False)
    with db.reading() as session:
        board = completeness_board(session, period_label="2026")
    assert not board.register_loaded
    totals = board.totals
    assert (totals.expected, totals.reported, totals.missing, totals.rate) == (
        None,
        SCHOOLS,
        None,
        None,
    )
    assert board.to_json()["totals"]["expected"] is None
    assert "未载入应报学校名册；已报 6 所" in board.text_lines("zh")[0]

    window = MainWindow(AppContext(db, "zh"))
    qtbot.addWidget(window)
    window.show()
    page = shown_page(window, "bureau_board", BoardPage)
    page.period.set_label("2026")
    page.refresh()
    assert page.no_register.isVisible()
    assert "已报 6 所" in page.headline.text() and "应报 0" not in page.headline.text()
    assert [page.by_county.index(0, c).data() for c in range(4)] == ["牟定县", "—", "6", "—"]
    qtbot.mouseClick(page.no_register.open_register, Qt.MouseButton.LeftButton)
    assert window.current_key() == "bureau_register"
    assert shown_messages == []
    db.close()
