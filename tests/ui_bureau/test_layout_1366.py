"""Every page of a county bureau and of the prefecture at 1366×768: no county name cut
to one character, no clipped status line or tile, no sideways scrolling (issue 13)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from cxdesk.ui.bureau import common
from cxdesk.ui.bureau.board_page import BoardPage
from cxdesk.ui.bureau.dashboard_page import DashboardPage
from cxdesk.ui.bureau.review_page import ReviewPage
from cxdesk.ui.shell.context import AppContext
from cxdesk.ui.shell.main_window import MainWindow
from tests.ui.layout_check import WINDOW_SIZES, cut_short
from tests.ui.pages import shown_page


def _pages(ctx: AppContext, qtbot: QtBot, size: tuple[int, int], out: Path) -> dict[str, list[str]]:
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.resize(*size)
    window.show()
    problems = {}
    for entry in window.entries:
        page = window.show_page(entry.key)
        if hasattr(page, "period"):
            page.period.set_label("2026")
            page.refresh()
        if entry.key == "bureau_review":
            assert isinstance(page, ReviewPage)
            page.select_school(page.schools.row_at(0).code)
        if entry.key == "bureau_dashboard":
            assert isinstance(page, DashboardPage)
            # What the page says after an export (the dashboard's used to be cut).
            page.export()
        if entry.key in ("bureau_review", "bureau_board", "bureau_dashboard"):
            assert isinstance(page, ReviewPage | BoardPage | DashboardPage)
            for tab in range(page.tabs.count()):  # every tab of the page
                page.tabs.setCurrentIndex(tab)
                for _ in range(3):
                    QApplication.processEvents()
                if found := cut_short(window):
                    problems[f"{entry.key} tab {tab}"] = found
            continue
        if hasattr(page, "export") and entry.key == "bureau_summary":
            # What the page says after an export (the dashboard's used to be cut).
            page.export()
        for _ in range(3):
            QApplication.processEvents()
        if found := cut_short(window):
            problems[entry.key] = found
    window.close()
    return problems


@pytest.fixture
def exports(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Exports go to a folder with a long name, as a real one may be."""
    out = tmp_path / "教育局统计资料" / "2026年心理健康教育教师配备情况汇总"
    out.mkdir(parents=True)
    monkeypatch.setattr(
        common, "choose_save_file", lambda _p, _t, suggested, *_a: str(out / suggested)
    )
    return out


@pytest.mark.parametrize("size", WINDOW_SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_every_county_page_fits(
    collected_ctx: AppContext, qtbot: QtBot, size: tuple[int, int], exports: Path
) -> None:
    assert _pages(collected_ctx, qtbot, size, exports) == {}


@pytest.mark.parametrize("size", WINDOW_SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_every_prefecture_page_fits(
    prefecture_ctx: AppContext, qtbot: QtBot, size: tuple[int, int], exports: Path
) -> None:
    assert _pages(prefecture_ctx, qtbot, size, exports) == {}


@pytest.mark.parametrize("size", WINDOW_SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_dashboard_names_all_ten_counties(
    prefecture_ctx: AppContext, qtbot: QtBot, size: tuple[int, int]
) -> None:
    """Ten counties side by side in the charts' room at this window size: every name
    whole (they were cut to 楚…, 禄…)."""
    from cxdesk import reference as ref
    from cxdesk.figures import Summary
    from cxdesk.ui.bureau.charts import DashboardCharts

    window = MainWindow(prefecture_ctx)
    qtbot.addWidget(window)
    window.resize(*size)
    window.show()
    page = shown_page(window, "bureau_dashboard", DashboardPage)
    for _ in range(3):
        QApplication.processEvents()
    assert page.charts is not None
    room = page.charts.size()
    rows = [
        {
            "code": county.code,
            "name": county.zh,
            "counselors": 300 - 20 * n,
            "full_time": 10 - n,
            "part_time": 290 - 19 * n,
            "cert_level2": 5,
            "cert_level3": 7,
            "cert_other": 9,
            "rooms": 100 - 5 * n,
            "schools_with_room_pct": 90,
        }
        for n, county in enumerate(ref.COUNTIES)
    ]
    charts = DashboardCharts(Summary("2026", "532300", "楚雄彝族自治州教育体育局", rows[0], rows))
    qtbot.addWidget(charts)
    charts.resize(room)
    charts.show()
    for _ in range(3):
        QApplication.processEvents()
    assert cut_short(charts) == []
    window.close()
