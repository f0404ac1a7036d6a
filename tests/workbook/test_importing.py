"""The school's import as one user action (cxdesk.workbook.importing), which the desktop
app and ``cxdesk import-xlsx`` both call: preview, backup, plan and store, the yes it asks
for, and a preview that no longer holds."""

from __future__ import annotations

from pathlib import Path

import pytest

from cxdesk.storage.backup import list_backups
from cxdesk.storage.db import open_database
from cxdesk.workbook.importing import PlanChanged, import_workbook, preview_import
from tests.workbook.conftest import Cli, fill, snapshot
from tests.workbook.test_end_to_end import filled_rows


@pytest.fixture
def workbook(school: Cli, tmp_path: Path) -> Path:
    template = tmp_path / "template.xlsx"
    assert school("template", str(template)).code == 0
    return fill(template, tmp_path / "filled.xlsx", filled_rows())


def test_the_preview_writes_nothing_and_the_import_stores_it_after_a_backup(
    workbook: Path, tmp_path: Path
) -> None:
    path = tmp_path / "school.db"
    before = snapshot(path)
    db = open_database(path)
    try:
        plan = preview_import(db, path=workbook)
        assert plan.ok and plan.has_changes
        assert snapshot(path) == before
        assert not [b for b in list_backups(path) if b.reason == "before-import"]
        done = import_workbook(db, path=workbook)
    finally:
        db.close()
    assert done.stored and not done.needs_yes
    assert done.plan.counts() == plan.counts()
    after = snapshot(path)
    assert after["counselor"] == before["counselor"] + len(filled_rows()["教师"])
    assert [b for b in list_backups(path) if b.reason == "before-import"]


def test_an_import_that_no_longer_makes_the_previewed_changes_stores_nothing(
    workbook: Path, tmp_path: Path, school: Cli
) -> None:
    path = tmp_path / "school.db"
    db = open_database(path)
    try:
        shown = preview_import(db, path=workbook)
        assert school("import-xlsx", str(workbook)).code == 0  # meanwhile, by another way
        before = snapshot(path)
        with pytest.raises(PlanChanged) as changed:
            import_workbook(db, path=workbook, shown=shown)
    finally:
        db.close()
    assert not changed.value.plan.has_changes
    assert snapshot(path) == before


def test_removing_records_needs_a_yes(workbook: Path, tmp_path: Path, school: Cli) -> None:
    assert school("import-xlsx", str(workbook)).code == 0
    rows = filled_rows()
    rows["辅导室"] = rows["辅导室"][:1]  # the workbook lists one room of three
    fewer = fill(tmp_path / "template.xlsx", tmp_path / "fewer.xlsx", rows)
    path = tmp_path / "school.db"
    before = snapshot(path)
    db = open_database(path)
    try:
        asked = import_workbook(db, path=fewer, replace=True)
        assert asked.needs_yes and not asked.stored
        assert [r.table for r in asked.plan.removals] == ["counselling_room"] * 2
        assert snapshot(path) == before  # rolled back
        done = import_workbook(db, path=fewer, replace=True, confirmed=True)
    finally:
        db.close()
    assert done.stored
    assert snapshot(path)["counselling_room"] == before["counselling_room"] - 2
