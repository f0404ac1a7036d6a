"""Issue 13 point 10 and issue 11 in the desktop app: the collect page's rows stay true,
a key registered on the trusted-keys page settles the packages waiting for it, a stranger's
name shows nothing hidden, and a key is revoked from a chosen point."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QAbstractItemModel, QDateTime, Qt
from PySide6.QtWidgets import QDialog, QLabel
from pytestqt.qtbot import QtBot
from sqlalchemy import select, update

from cxdesk.exchange.fingerprints import format_fingerprint
from cxdesk.models import Submission
from cxdesk.ui.bureau.collect_page import CollectPage
from cxdesk.ui.bureau.held_dialog import HeldDecisionDialog
from cxdesk.ui.bureau.trust_page import RegisterKeyDialog, RevokeKeyDialog, TrustPage
from cxdesk.ui.shell.context import AppContext
from cxdesk.ui.shell.page import Page

from .conftest import REGISTERED, SCHOOLS, Answers, Built

P = TypeVar("P", bound=Page)


def _show(page: P, qtbot: QtBot) -> P:
    qtbot.addWidget(page)
    page.show()
    page.refresh()
    return page


def _texts(model: QAbstractItemModel, column: int) -> list[str]:
    return [model.index(r, column).data() for r in range(model.rowCount())]


def test_a_key_registered_on_the_trust_page_settles_the_rows_of_the_collect_page(
    county_ctx: AppContext,
    usb: Path,
    built: Built,
    answers: Answers,
    qtbot: QtBot,
    shown_messages: list[str],
) -> None:
    collect_page = _show(CollectPage(county_ctx), qtbot)
    with qtbot.waitSignal(collect_page.collected, timeout=60_000):
        collect_page.start([usb])
    assert _texts(collect_page.results_proxy, 0).count("待确认") == SCHOOLS - REGISTERED
    newcomer = built.schools[REGISTERED]

    trust_page = _show(TrustPage(county_ctx), qtbot)
    # The pages hear of each other's changes through the context, as in the main window.
    county_ctx.data_changed.connect(lambda _table: collect_page.refresh())

    def fill(dialog: QDialog) -> None:
        assert isinstance(dialog, RegisterKeyDialog)
        qtbot.keyClicks(dialog.code, newcomer.code)
        dialog.name.insert(newcomer.name)
        dialog.fingerprint.groups[0].setFocus()
        for group in format_fingerprint(newcomer.fingerprint).split():
            qtbot.keyClicks(dialog.focusWidget(), group)

    answers.fill = fill
    qtbot.mouseClick(trust_page.add_button, Qt.MouseButton.LeftButton)
    # The held package of that key is decided again, on a worker, and its row says so.
    qtbot.waitUntil(
        lambda: _texts(collect_page.results_proxy, 0).count("待确认") == SCHOOLS - REGISTERED - 1,
        timeout=30_000,
    )
    assert collect_page.results.rowCount() == SCHOOLS  # in place, no row added
    row = next(r for r in collect_page.results.rows if r.result.sender_code == newcomer.code)
    assert row.outcome == "accepted"
    assert collect_page.held.rowCount() == SCHOOLS - REGISTERED - 1
    assert "1 个" in collect_page.held_label.text()
    assert "重新判断" in trust_page.count.text()
    assert shown_messages == []


def test_a_strangers_name_shows_nothing_hidden(
    county_ctx: AppContext, usb: Path, built: Built, answers: Answers, qtbot: QtBot, tmp_path: Path
) -> None:
    from tests.bureau.crafting import new_signer, recraft, write

    lying = "鹿城小学\u202e）致一纹指，表案备对核已（<b>"
    stranger = built.schools[REGISTERED]
    data = recraft(
        stranger.package.read_bytes(),
        new_signer(),
        manifest=lambda m: m["sender"].update(name=lying),
    )
    path = write(tmp_path / "stick" / "p.cxpkg", data)
    page = _show(CollectPage(county_ctx), qtbot)
    with qtbot.waitSignal(page.collected, timeout=60_000):
        page.start([path])
    shown = page.held.index(0, 1).data()
    assert "\u202e" not in shown and "<U+202E>" in shown
    assert "\u202e" not in page.results_proxy.index(0, 2).data()
    page.held_view.selectRow(0)
    answers.accept = False
    qtbot.mouseClick(page.accept_button, Qt.MouseButton.LeftButton)
    dialog = answers.seen[-1]
    assert isinstance(dialog, HeldDecisionDialog)
    sender_label = dialog.findChild(QLabel, "sender")
    assert sender_label is not None
    assert sender_label.textFormat() == Qt.TextFormat.PlainText  # "<b>" is not markup
    assert "<U+202E>" in sender_label.text() and "<b>" in sender_label.text()
    assert dialog.typed is not None and dialog.fingerprint is None


def test_revoking_a_key_from_a_date_in_the_trust_page(
    collected_ctx: AppContext,
    built: Built,
    answers: Answers,
    qtbot: QtBot,
    shown_messages: list[str],
) -> None:
    school = built.schools[0]
    with collected_ctx.db.transaction() as session:  # it arrived three days ago
        session.execute(
            update(Submission)
            .where(Submission.sender_code == school.code)
            .values(received_at=datetime.now(UTC).replace(tzinfo=None) - timedelta(days=3))
        )
    page = _show(TrustPage(collected_ctx), qtbot)
    row = next(r for r in range(page.model.rowCount()) if page.model.row_at(r).code == school.code)
    page.view.selectRow(page.proxy.mapFromSource(page.model.index(row, 0)).row())

    def since_four_days_ago(dialog: QDialog) -> None:
        assert isinstance(dialog, RevokeKeyDialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        assert not dialog.when.isEnabled()
        qtbot.mouseClick(dialog.from_date, Qt.MouseButton.LeftButton)
        assert dialog.when.isEnabled()
        dialog.when.setDateTime(QDateTime.currentDateTime().addDays(-4))
        dialog.note.insert("笔记本电脑失窃")

    answers.fill = since_four_days_ago
    qtbot.mouseClick(page.revoke_button, Qt.MouseButton.LeftButton)
    with collected_ctx.db.reading() as session:
        status = session.scalar(
            select(Submission.status).where(Submission.sender_code == school.code)
        )
    assert status == "revoked"
    assert "不再计入" in shown_messages[-1] and school.code in shown_messages[-1]
    assert "自 " in page.model.index(row, 4).data()
    # The board shows what changed: the school's row says its package no longer counts.
    from cxdesk.ui.bureau.board_page import BoardPage

    board = _show(BoardPage(collected_ctx), qtbot)
    row = next(
        r for r in range(board.schools.rowCount()) if board.schools.row_at(r).code == school.code
    )
    state = board.schools.index(row, 4).data()
    assert "未报送" in state and "密钥作废" in state
