"""The lazy roster of every counted school (ScopeRosterModel): pages, SQL sort, modeltester."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt
from pytestqt.modeltest import ModelTester

from cxdesk.bureau.collect import collect
from cxdesk.bureau.roster_rows import ROSTER_COLUMNS, roster_page
from cxdesk.i18n import set_language
from cxdesk.sample.prefecture import SchoolPlan
from cxdesk.storage.db import Database, open_database
from cxdesk.ui.bureau.roster_model import ScopeRosterModel
from tests.reliability.packages import build_packages, make_bureau


@pytest.fixture(scope="module")
def collected(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[SchoolPlan]]:
    """A prefecture bureau that collected four sample schools' real packages."""
    out = tmp_path_factory.mktemp("roster")
    plans, built = build_packages(out, 4)
    path = make_bureau(out / "bureau" / "prefecture.db", plans, built, out)
    db = open_database(path)
    try:
        assert collect(db, [out / "packages"], backup=False).count("accepted") == 4
    finally:
        db.close()
    return path, plans


@pytest.fixture
def bureau(collected: tuple[Path, list[SchoolPlan]]) -> Iterator[Database]:
    db = open_database(collected[0])
    yield db
    db.close()


def _all_rows(model: ScopeRosterModel) -> list[list[str]]:
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())
    return [
        [model.data(model.index(r, c)) for c in range(model.columnCount())]
        for r in range(model.rowCount())
    ]


def test_rows_are_loaded_a_page_at_a_time(
    bureau: Database, collected: tuple[Path, list[SchoolPlan]]
) -> None:
    plans = collected[1]
    everyone = sum(len(p.counselors) for p in plans)
    assert everyone > 4
    model = ScopeRosterModel(bureau, "2026", page_size=2)
    assert model.total == everyone
    assert model.rowCount() == 2 and model.canFetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    assert model.rowCount() == 4
    rows = _all_rows(model)
    assert len(rows) == everyone and not model.canFetchMore(QModelIndex())
    names = sorted(person.name for p in plans for person in p.counselors)
    assert sorted(r[3] for r in rows) == names
    assert {r[1] for r in rows} == {p.code for p in plans}


def test_sorting_by_a_column_is_done_by_sql_from_the_first_page(bureau: Database) -> None:
    model = ScopeRosterModel(bureau, "2026", page_size=2)
    name_column = [c.key for c in ROSTER_COLUMNS].index("name")
    model.sort(name_column, Qt.SortOrder.AscendingOrder)
    assert model.rowCount() == 2  # back to one page
    ascending = [r[name_column] for r in _all_rows(model)]
    with bureau.reading() as session:
        expected = [
            r.name for r in roster_page(session, period_label="2026", sort="name", limit=999)
        ]
    assert ascending == expected
    model.sort(name_column, Qt.SortOrder.DescendingOrder)
    descending = [r[name_column] for r in _all_rows(model)]
    assert sorted(descending, reverse=True) == descending == sorted(ascending, reverse=True)


def test_codes_are_shown_as_labels_in_the_users_language(bureau: Database) -> None:
    model = ScopeRosterModel(bureau, "2026")
    post = [c.key for c in ROSTER_COLUMNS].index("post_type")
    assert model.headerData(post, Qt.Orientation.Horizontal) == "专兼职"
    assert {model.data(model.index(r, post)) for r in range(model.rowCount())} <= {"专职", "兼职"}
    set_language("en")
    assert model.headerData(post, Qt.Orientation.Horizontal) == "Post"
    shown = {model.data(model.index(r, post)) for r in range(model.rowCount())}
    assert shown <= {"Full-time", "Part-time", "full-time", "part-time"} and shown


def test_the_model_passes_qtmodeltester(bureau: Database, qtmodeltester: ModelTester) -> None:
    model = ScopeRosterModel(bureau, "2026", page_size=2)
    qtmodeltester.check(model)
    model.sort(3, Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(model)
