"""The collect page: a folder of real packages, progress, results list, held then accepted."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtWidgets import QDialog
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from cxdesk.exchange.fingerprints import format_fingerprint
from cxdesk.exchange.package import sha256_hex
from cxdesk.exchange.trust import find_key
from cxdesk.models import School, Submission
from cxdesk.storage.db import Database
from cxdesk.ui.bureau.collect_models import CollectResultsModel, HeldModel
from cxdesk.ui.bureau.collect_page import CollectPage
from cxdesk.ui.bureau.held_dialog import HeldDecisionDialog
from cxdesk.ui.shell.context import AppContext

from .conftest import REGISTERED, SCHOOLS, Answers, Built


def _page(ctx: AppContext, qtbot: QtBot) -> CollectPage:
    page = CollectPage(ctx)
    qtbot.addWidget(page)
    page.show()
    page.refresh()
    return page


def _texts(model: QAbstractItemModel, column: int) -> list[str]:
    return [model.index(r, column).data() for r in range(model.rowCount())]


def _statuses(db: Database) -> dict[str, str]:
    with db.reading() as session:
        return dict(session.execute(select(Submission.sender_code, Submission.status)).all())


def test_collect_a_folder_then_accept_a_held_package(
    county_ctx: AppContext,
    usb: Path,
    built: Built,
    answers: Answers,
    qtbot: QtBot,
    shown_messages: list[str],
) -> None:
    page = _page(county_ctx, qtbot)
    assert page.held.rowCount() == 0
    answers.folder = str(usb)
    values: list[int] = []
    page.progress.valueChanged.connect(values.append)
    with qtbot.waitSignal(page.collected, timeout=60_000) as signal:
        qtbot.mouseClick(page.folder_button, Qt.MouseButton.LeftButton)
        assert not page.folder_button.isEnabled()  # no second collect meanwhile
        assert page.progress.isVisible()
    results = signal.args[0]
    assert len(results) == SCHOOLS
    assert values and values[-1] == SCHOOLS  # the bar went up to the last package
    assert not page.progress.isVisible() and page.folder_button.isEnabled()
    assert shown_messages == []

    # The results list, as the clerk reads it.
    shown = _texts(page.results_proxy, 0)
    assert shown.count("已接收") == REGISTERED
    assert shown.count("待确认") == SCHOOLS - REGISTERED
    codes = set(_texts(page.results_proxy, 1))
    assert codes == {s.code for s in built.schools}
    held_reasons = [
        page.results.index(r, 6).data()
        for r in range(page.results.rowCount())
        if page.results.row_at(r).result.outcome == "held"
    ]
    assert all("密钥未登记" in text for text in held_reasons)
    assert f"{SCHOOLS} 个文件：{REGISTERED} 所学校已计入" in page.status.text()
    assert f"{SCHOOLS - REGISTERED} 个待确认" in page.status.text()

    # What was stored: the registered schools counted, the others held.
    statuses = _statuses(county_ctx.db)
    for school in built.schools[:REGISTERED]:
        assert statuses[school.code] == "accepted"
    for school in built.schools[REGISTERED:]:
        assert statuses[school.code] == "held"

    # The held list shows the fingerprint to compare with the stamped form.
    assert page.held.rowCount() == SCHOOLS - REGISTERED
    assert "2 个" in page.held_label.text()
    stranger = next(
        s for s in built.schools[REGISTERED:] if s.code == page.held.row_at(0).sender_code
    )
    assert page.held.index(0, 5).data() == format_fingerprint(stranger.fingerprint)
    page.held_view.selectRow(0)
    assert page.accept_button.isEnabled()

    # Accepting needs the fingerprint typed from the stamped form, in the six boxes; the
    # package's own fingerprint is not shown there (it is copied from the paper).
    typed: list[str] = []

    def type_fingerprint(dialog: QDialog) -> None:
        assert isinstance(dialog, HeldDecisionDialog)
        assert dialog.fingerprint is None and dialog.typed is not None
        dialog.typed.groups[0].setFocus()
        for group in typed[-1].split():
            qtbot.keyClicks(dialog.focusWidget(), group)  # the boxes advance by themselves

    answers.fill = type_fingerprint
    typed.append("11111 22222 33333 44444 55555 66666")  # misread from the form
    qtbot.mouseClick(page.accept_button, Qt.MouseButton.LeftButton)
    assert len(shown_messages) == 1 and "不一致" in shown_messages[0]
    assert answers.seen[-1].result() != answers.seen[-1].DialogCode.Accepted  # stays open
    assert _statuses(county_ctx.db) == statuses
    with county_ctx.db.reading() as session:
        assert find_key(session, stranger.fingerprint) is None
    typed.append(format_fingerprint(stranger.fingerprint))
    rows_before = page.results.rowCount()
    qtbot.mouseClick(page.accept_button, Qt.MouseButton.LeftButton)
    assert _statuses(county_ctx.db)[stranger.code] == "accepted"
    with county_ctx.db.reading() as session:
        key = find_key(session, stranger.fingerprint)
        assert key is not None and key.party_code == stranger.code and key.source == "form"
    assert page.held.rowCount() == SCHOOLS - REGISTERED - 1
    # The row of that package in the results says so, in place: no second row.
    assert page.results.rowCount() == rows_before
    row = next(r for r in page.results.rows if r.result.sender_code == stranger.code)
    assert row.outcome == "accepted"
    assert _texts(page.results_proxy, 0).count("已接收") == REGISTERED + 1

    # The clerk rejects the last one: it stays rejected, counted nowhere; its row says so.
    answers.fill = None
    page.held_view.selectRow(0)
    last = page.held.row_at(0)
    qtbot.mouseClick(page.reject_button, Qt.MouseButton.LeftButton)
    assert _statuses(county_ctx.db)[last.sender_code] == "rejected"
    assert not Path(last.stored_path).exists()
    assert page.held.rowCount() == 0
    assert "没有待确认" in page.held_label.text()
    assert not page.accept_button.isEnabled()
    assert "待确认" not in _texts(page.results_proxy, 0)
    assert _texts(page.results_proxy, 0).count("已拒绝") == 1

    # The same folder again changes nothing.
    with qtbot.waitSignal(page.collected, timeout=60_000) as again:
        page.start([usb])
    assert {r.outcome for r in again.args[0]} == {"already_had"}
    assert _texts(page.results_proxy, 0) == ["已有（重复）"] * SCHOOLS or set(
        _texts(page.results_proxy, 0)
    ) == {"已有"}


def test_cancel_leaves_every_package_fully_in_or_out(
    county_ctx: AppContext, usb: Path, qtbot: QtBot, shown_messages: list[str]
) -> None:
    page = _page(county_ctx, qtbot)
    with qtbot.waitSignal(page.collected, timeout=60_000) as signal:
        page.start([usb])
        page.cancel()  # stops after the package being collected
    results = signal.args[0]
    assert 1 <= len(results) < SCHOOLS
    assert "已停止" in page.status.text()
    assert page.results.rowCount() == len(results)
    files = sorted(usb.iterdir())
    with county_ctx.db.reading() as session:
        stored = set(session.scalars(select(Submission.file_sha256)))
        for path in files:
            digest = sha256_hex(path.read_bytes())
            taken = any(Path(r.path).name == path.name for r in results)
            assert (digest in stored) == taken
        # Every stored package has its whole snapshot (or, held, none at all).
        for sub in session.scalars(select(Submission)):
            snapshots = session.scalar(
                select(func.count(School.id)).where(School.submission_id == sub.id)
            )
            assert snapshots == (1 if sub.status == "accepted" else 0)
    assert shown_messages == []


def test_a_refused_file_is_listed_with_its_reason(
    county_ctx: AppContext, tmp_path: Path, answers: Answers, qtbot: QtBot
) -> None:
    bad = tmp_path / "not-a-package.cxpkg"
    bad.write_bytes(b"PK\x03\x04 this is not a zip")
    answers.files = [str(bad)]
    page = _page(county_ctx, qtbot)
    with qtbot.waitSignal(page.collected, timeout=60_000):
        qtbot.mouseClick(page.files_button, Qt.MouseButton.LeftButton)
    assert _texts(page.results_proxy, 0) == ["已拒收"]
    assert page.results.index(0, 6).data()
    assert _statuses(county_ctx.db) == {}


def test_models_pass_the_model_tester(
    county_ctx: AppContext, usb: Path, qtbot: QtBot, qtmodeltester: ModelTester
) -> None:
    page = _page(county_ctx, qtbot)
    with qtbot.waitSignal(page.collected, timeout=60_000):
        page.start([usb])
    qtmodeltester.check(page.results)
    qtmodeltester.check(page.results_proxy)
    qtmodeltester.check(page.held)
    assert isinstance(page.results, CollectResultsModel) and isinstance(page.held, HeldModel)
