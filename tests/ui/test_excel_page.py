"""The Excel page: template download, import preview, all-or-nothing import."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from cxdesk.models import Certificate, Counselor
from cxdesk.ui.school.excel_page import ExcelPage
from cxdesk.ui.school.roster.page import RosterPage
from cxdesk.ui.shell.context import AppContext
from cxdesk.ui.shell.main_window import MainWindow
from cxdesk.validation import identity_check_character
from cxdesk.workbook import write_template
from tests.ui.pages import shown_page

FIRST17 = "53230119900715001"
GOOD_ID = FIRST17 + identity_check_character(FIRST17)
BAD_ID = FIRST17 + ("0" if GOOD_ID[-1] != "0" else "1")

SCHOOL_ROW = {  # as the school_db fixture holds it
    "学校标识码": "2153230001",
    "学校名称": "楚雄市鹿城小学",
    "所在县市": "楚雄市",
    "学校类别": "小学",
    "山区学校": "否",
    "在校生数": 800,
    "联系人": "李老师",
    "联系电话": "0878-3122846",
}


def _workbook(tmp_path: Path, name: str, identity: str) -> Path:
    template = tmp_path / "template.xlsx"
    write_template(template)
    rows: dict[str, list[dict[str, Any]]] = {
        "学校": [SCHOOL_ROW],
        "教师": [
            {
                "姓名": "王建华",
                "身份证号": identity,
                "性别": "男",
                "出生日期": date(1990, 7, 15),
                "专兼职": "兼职",
                "主教学科": "语文",
                "任职日期": date(2012, 9, 1),
            },
            {"姓名": "李春梅", "专兼职": "专职", "任职日期": date(2021, 9, 1)},
        ],
        "证书": [{"教师姓名": "李春梅", "证书类别": "国家心理咨询师二级", "证书编号": "ZX1"}],
    }
    book = openpyxl.load_workbook(template)
    for sheet, records in rows.items():
        ws = book[sheet]
        headers = {ws.cell(1, c).value: c for c in range(1, ws.max_column + 1)}
        for r, record in enumerate(records, start=2):
            for header, value in record.items():
                ws.cell(r, headers[header], value)
    out = tmp_path / name
    book.save(out)
    return out


@pytest.fixture
def excel(window: MainWindow) -> ExcelPage:
    page = shown_page(window, "excel", ExcelPage)
    assert isinstance(page, ExcelPage)
    return page


def _count(ctx: AppContext, model: type) -> int:
    with ctx.db.reading() as session:
        return session.query(model).count()


def test_download_the_template(excel: ExcelPage, qtbot: QtBot, tmp_path: Path) -> None:
    with qtbot.wait_signal(excel.template_written, timeout=20000) as blocker:
        excel.write_template_to(tmp_path / "填报表")
    written = Path(blocker.args[0])
    assert written.name == "填报表.xlsx" and written.exists()
    assert "教师" in openpyxl.load_workbook(written).sheetnames
    assert str(written) in excel.verdict.text()


def test_a_workbook_with_errors_stores_nothing(
    excel: ExcelPage,
    window: MainWindow,
    ctx: AppContext,
    qtbot: QtBot,
    tmp_path: Path,
    qtmodeltester: ModelTester,
) -> None:
    path = _workbook(tmp_path, "bad.xlsx", BAD_ID)
    with qtbot.wait_signal(excel.preview_ready, timeout=20000):
        excel.preview_import(path)
    assert excel.problems_table.isVisible() and not excel.changes_table.isVisible()
    assert not excel.confirm_button.isEnabled()
    assert "没有数据会被导入" in excel.verdict.text() or "不会导入" in excel.verdict.text()
    problems = [
        excel.problems_model.index(r, 3).data() for r in range(excel.problems_model.rowCount())
    ]
    assert any("校验位" in p for p in problems)
    rows = [excel.problems_model.index(r, 1).data() for r in range(excel.problems_model.rowCount())]
    assert "2" in rows  # the row Excel shows
    qtmodeltester.check(excel.problems_model)
    excel.confirm_import()  # even a stray call stores nothing
    assert _count(ctx, Counselor) == 0


def test_a_good_workbook_is_previewed_then_imported(
    excel: ExcelPage,
    window: MainWindow,
    ctx: AppContext,
    qtbot: QtBot,
    tmp_path: Path,
    qtmodeltester: ModelTester,
) -> None:
    path = _workbook(tmp_path, "good.xlsx", GOOD_ID.lower())
    with qtbot.wait_signal(excel.preview_ready, timeout=20000):
        excel.preview_import(path)
    assert excel.confirm_button.isEnabled() and excel.changes_table.isVisible()
    actions = [
        excel.changes_model.index(r, 0).data() for r in range(excel.changes_model.rowCount())
    ]
    labels = [excel.changes_model.index(r, 3).data() for r in range(excel.changes_model.rowCount())]
    assert actions.count("新增") >= 3 and "王建华" in labels and "李春梅" in labels
    qtmodeltester.check(excel.changes_model)
    assert _count(ctx, Counselor) == 0  # the preview stores nothing

    with qtbot.wait_signal(excel.import_done, timeout=20000):
        excel.confirm_import()
    assert "新增" in excel.verdict.text() or "已导入" in excel.verdict.text()
    with ctx.db.reading() as session:
        names = sorted(c.name for c in session.query(Counselor))
        assert names == ["李春梅", "王建华"]
        assert session.query(Counselor).filter_by(name="王建华").one().identity_number == GOOD_ID
        assert session.query(Certificate).one().kind == "nc_level2"

    roster = shown_page(window, "roster", RosterPage)
    model = roster.table.model()
    assert sorted(model.index(r, 0).data() for r in range(model.rowCount())) == ["李春梅", "王建华"]

    with qtbot.wait_signal(excel.preview_ready, timeout=20000):
        excel.preview_import(path)  # importing it again changes nothing
    assert not excel.confirm_button.isEnabled()


def test_a_bureau_template_brings_its_standards(
    excel: ExcelPage, ctx: AppContext, qtbot: QtBot, tmp_path: Path
) -> None:
    from cxdesk.services.bureaus import init_bureau
    from cxdesk.standards.catalogue import list_standards, set_enabled
    from cxdesk.standards.standard_set import current_set
    from cxdesk.storage.db import open_database

    county = open_database(tmp_path / "county.db")
    try:
        with county.transaction() as session:
            init_bureau(session, role="county", code="532301")
            set_enabled(session, key="cn-2015-group-size", enabled=False)
            standards = current_set(session, today=date(2026, 3, 1))
    finally:
        county.close()
    template = tmp_path / "县局模板.xlsx"
    write_template(template, standards=standards)
    with qtbot.wait_signal(excel.preview_ready, timeout=20000):
        excel.preview_import(template)
    assert excel.confirm_button.isEnabled()
    assert "楚雄市教育体育局于 2026-03-01 下发的达标标准" in excel.verdict.text()
    with qtbot.wait_signal(excel.import_done, timeout=20000):
        excel.confirm_import()
    with ctx.db.reading() as session:
        assert {s.key: s.enabled for s in list_standards(session)}["cn-2015-group-size"] is False
