"""County → prefecture: the county page writes the signed county package; the prefecture
collects it (school packages inside, each verified) and its board and summary show it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from cxdesk.exchange.keys import current_key
from cxdesk.exchange.trust import register_key
from cxdesk.exchange.verify import verify_package
from cxdesk.storage.db import open_database
from cxdesk.ui.bureau.board_page import BoardPage
from cxdesk.ui.bureau.collect_page import CollectPage
from cxdesk.ui.bureau.county_page import CountyPackagePage
from cxdesk.ui.bureau.summary_page import SummaryPage
from cxdesk.ui.shell.context import AppContext
from tests.sample_bureaus import bureau_with_sample_keys

from .conftest import COUNTY, SCHOOLS, Answers, Built


def test_the_county_package_reaches_the_prefecture(
    collected_ctx: AppContext,
    built: Built,
    answers: Answers,
    tmp_path: Path,
    qtbot: QtBot,
    shown_messages: list[str],
    qtmodeltester: ModelTester,
    sample_bureaus: Path,
) -> None:
    county = CountyPackagePage(collected_ctx)
    qtbot.addWidget(county)
    county.show()
    county.period.set_label("2026")
    county.refresh()
    with collected_ctx.db.reading() as session:
        key = current_key(session)
        assert key is not None
        fingerprint = key.fingerprint
    assert county.fingerprint.text().replace(" ", "") == fingerprint
    assert "已有 6 所计入" in county.counts.text()
    outbox = tmp_path / "to-prefecture"
    outbox.mkdir()
    answers.folder = str(outbox)
    with qtbot.waitSignal(county.exported, timeout=60_000) as exported:
        qtbot.mouseClick(county.export_button, Qt.MouseButton.LeftButton)
    assert shown_messages == []
    result = exported.args[0]
    assert result.schools == SCHOOLS and result.path.parent == outbox
    assert str(result.path) in county.result.text()
    package = verify_package(result.path, kinds=("county-report",))
    assert package.manifest.sender.code == COUNTY and package.fingerprint == fingerprint

    # The prefecture registered the county's key from its stamped form, and collects.
    db = open_database(tmp_path / "prefecture" / "cxdesk.db")
    bureau_with_sample_keys(db, sample_bureaus, role="prefecture", code="532300")
    with db.transaction() as session:
        register_key(session, fingerprint=fingerprint, code=COUNTY, name="牟定县教育体育局")
    ctx = AppContext(db, "zh")
    collect = CollectPage(ctx)
    qtbot.addWidget(collect)
    collect.show()
    with qtbot.waitSignal(collect.collected, timeout=60_000):
        collect.start([outbox])
    shown = [collect.results.index(r, 0).data() for r in range(collect.results.rowCount())]
    assert shown == ["已接收"] + ["  ↳ 已接收"] * SCHOOLS
    assert collect.results.index(0, 1).data() == COUNTY
    assert {collect.results.index(r, 1).data() for r in range(1, SCHOOLS + 1)} == {
        s.code for s in built.schools
    }
    qtmodeltester.check(collect.results)

    # The prefecture's board: the county's package and its schools.
    board = BoardPage(ctx)
    qtbot.addWidget(board)
    board.show()
    board.period.set_label("2026")
    board.refresh()
    assert board.tabs.tabText(0) == "各县市上报包"
    row = next(
        r
        for r in range(board.counties.rowCount())
        if board.counties.row_at(r).county_code == COUNTY
    )
    assert board.counties.index(row, 2).data() == "已收到待审核"
    assert board.counties.index(row, 5).data() == str(SCHOOLS)
    others = [board.counties.row_at(r) for r in range(board.counties.rowCount()) if r != row]
    assert all(c.state == "not_received" for c in others) and len(others) == 9
    assert board.schools.rowCount() == len(built.plans)  # the county's register came along
    qtmodeltester.check(board.counties)

    # The prefecture's figures are the schools' own.
    summary = SummaryPage(ctx)
    qtbot.addWidget(summary)
    summary.show()
    summary.period.set_label("2026")
    summary.refresh()
    people = sum(len(built.plan(s.code).counselors) for s in built.schools)
    assert summary.tiles["counselors"].text() == str(people)
    assert summary.group.currentData() == "county"
    assert summary.model.index(0, 0).data() == "牟定县"
    assert shown_messages == []
    db.close()
