"""教师名册: the roster of every counted school, on a county that collected real packages."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPoint, Qt
from PySide6.QtWidgets import QHeaderView
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from cxdesk import reference as ref
from cxdesk.bureau.roster_rows import COLUMN_KEYS
from cxdesk.ui.bureau.roster_model import ScopeRosterModel
from cxdesk.ui.bureau.roster_page import BureauRosterPage
from cxdesk.ui.shell.context import AppContext
from cxdesk.ui.shell.main_window import MainWindow
from cxdesk.ui.shell.registry import pages_for
from cxdesk.validation import mask_identity_number
from tests.ui.pages import shown_page

from .conftest import SCHOOLS, Built


def column(key: str) -> int:
    return COLUMN_KEYS.index(key)


def everything(model: ScopeRosterModel, key: str) -> list[str]:
    """Every row's text in column ``key``, fetching the remaining pages as a scroll would."""
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())
    return [model.data(model.index(r, column(key))) for r in range(model.rowCount())]


def open_page(ctx: AppContext, qtbot: QtBot) -> BureauRosterPage:
    page = BureauRosterPage(ctx)
    qtbot.addWidget(page)
    page.resize(1366, 700)
    page.show()
    page.refresh()
    return page


def test_the_page_is_listed_for_both_bureaus_and_opens_in_the_main_window(
    collected_ctx: AppContext,
    qtbot: QtBot,
    shown_messages: list[str],
) -> None:
    for role in ("county", "prefecture"):
        assert "bureau_roster" in [p.key for p in pages_for(role)]
    assert "bureau_roster" not in [p.key for p in pages_for("school")]
    window = MainWindow(collected_ctx)
    qtbot.addWidget(window)
    window.show()
    page = shown_page(window, "bureau_roster", BureauRosterPage)
    assert isinstance(page, BureauRosterPage) and page.isVisible()
    assert page.model.rowCount() > 0
    assert shown_messages == []


def test_it_shows_the_counted_counselors_with_masked_identity_numbers(
    collected_ctx: AppContext,
    built: Built,
    qtbot: QtBot,
) -> None:
    page = open_page(collected_ctx, qtbot)
    sent = [built.plan(s.code) for s in built.schools[:SCHOOLS]]
    people = [(plan, person) for plan in sent for person in plan.counselors]
    assert page.model.total == len(people)
    assert page.count.text() == f"{len(people)} 名教师"
    assert sorted(everything(page.model, "name")) == sorted(p.name for _s, p in people)
    # Schools that never sent a package have no counselor here.
    assert set(everything(page.model, "school_name")) == {plan.name for plan in sent}

    shown = everything(page.model, "identity_masked")
    numbers = [p.identity_number for _s, p in people if p.identity_number]
    assert numbers and sorted(shown) == sorted(mask_identity_number(n) for n in numbers)
    for text in shown:
        assert "********" in text
    assert not set(numbers) & set(shown)

    # Codes become Chinese labels; certificates are listed by name.
    header = page.model.headerData(column("certificates"), Qt.Orientation.Horizontal)
    assert header == "证书"
    holders = {p.name: p for _s, p in people if p.certificates}
    assert holders
    names = everything(page.model, "name")
    certificates = everything(page.model, "certificates")
    checked = 0
    for name, text in zip(names, certificates, strict=True):
        if name in holders and names.count(name) == 1:
            checked += 1
            kinds = holders[name].certificates
            labels = [ref.CERTIFICATE_KINDS.label(k, "zh") for k in kinds]
            assert text.split("、") == labels
            row = names.index(name)
            tip = page.model.index(row, column("certificates")).data(Qt.ItemDataRole.ToolTipRole)
            assert tip == "\n".join(labels)
    assert checked > 0
    studio = set(everything(page.model, "studio_role"))
    assert "" in studio and "无" not in studio  # no role is left blank
    ethnic = set(everything(page.model, "ethnic_group"))
    assert ethnic <= {c.zh for c in ref.ETHNIC_GROUPS} | {""} and ethnic - {""}


def test_clicking_a_header_sorts_by_sql(
    collected_ctx: AppContext,
    qtbot: QtBot,
) -> None:
    page = open_page(collected_ctx, qtbot)
    page.model._page_size = 3  # several pages, so the order must come from SQL
    header = page.view.horizontalHeader()

    def click(key: str) -> None:
        x = header.sectionViewportPosition(column(key)) + header.sectionSize(column(key)) // 2
        qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))

    before = everything(page.model, "name")
    click("name")
    first = header.sortIndicatorOrder()
    assert header.sortIndicatorSection() == column("name")
    names = everything(page.model, "name")
    assert names != before and sorted(names) == sorted(before)
    assert names == sorted(names, reverse=first == Qt.SortOrder.DescendingOrder)
    click("name")
    assert header.sortIndicatorOrder() != first
    again = everything(page.model, "name")
    assert again == sorted(names, reverse=first == Qt.SortOrder.AscendingOrder)

    click("certificates")
    held = [len(t.split("、")) if t else 0 for t in everything(page.model, "certificates")]
    order = header.sortIndicatorOrder()
    assert held == sorted(held, reverse=order == Qt.SortOrder.DescendingOrder)
    assert len(set(held)) > 1
    assert header.sectionResizeMode(0) == QHeaderView.ResizeMode.Interactive


def test_the_search_narrows_the_roster_in_sql(
    collected_ctx: AppContext,
    built: Built,
    qtbot: QtBot,
) -> None:
    page = open_page(collected_ctx, qtbot)
    everyone = page.model.total
    person = built.plan(built.schools[1].code).counselors[0]
    page.search.setText(person.name)  # as typed: the search runs after a pause
    assert page.model.search == ""
    qtbot.waitUntil(lambda: page.model.search == person.name)
    names = everything(page.model, "name")
    assert person.name in names and 0 < len(names) < everyone
    assert all(person.name in n for n in names)
    assert page.count.text() == f"{len(names)} 名教师符合"

    school = built.schools[2]
    page.search.setText(school.name)
    page.apply_search()
    assert set(everything(page.model, "school_name")) == {school.name}
    assert page.model.total == len(built.plan(school.code).counselors)

    page.search.setText(school.code)  # a school code works too
    page.apply_search()
    assert set(everything(page.model, "school_code")) == {school.code}

    page.search.setText("%")  # a LIKE wildcard is a plain character
    page.apply_search()
    assert page.model.total == 0 and page.model.rowCount() == 0
    assert page.count.text() == "0 名教师符合"

    page.search.clear()
    page.apply_search()
    assert page.model.total == everyone


def test_another_period_has_no_counted_school(
    collected_ctx: AppContext,
    qtbot: QtBot,
    shown_messages: list[str],
) -> None:
    page = open_page(collected_ctx, qtbot)
    assert page.model.total > 0
    page.period.set_label("2020")
    assert page.model.total == 0 and page.count.text() == "0 名教师"
    assert shown_messages == []


def test_the_pages_model_passes_qtmodeltester(
    collected_ctx: AppContext,
    qtbot: QtBot,
    qtmodeltester: ModelTester,
) -> None:
    page = open_page(collected_ctx, qtbot)
    qtmodeltester.check(page.model)
    page.model.sort(column("identity_masked"), Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(page.model)
    page.model.set_search("学校")
    qtmodeltester.check(page.model)
