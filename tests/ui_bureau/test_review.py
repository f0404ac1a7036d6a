"""Review: a school's data and findings; accept (signed receipt) and return (signed return)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from cxdesk.exchange.package import sha256_hex
from cxdesk.exchange.records import mask_name
from cxdesk.exchange.replies import current_return_comments, receive_file
from cxdesk.exchange.verify import verify_package
from cxdesk.models import Submission
from cxdesk.services.periods import get_period
from cxdesk.services.setup import own_school
from cxdesk.storage.db import Database
from cxdesk.ui.bureau.return_dialog import ReturnDialog
from cxdesk.ui.bureau.review_page import ReviewPage
from cxdesk.ui.shell.context import AppContext

from .conftest import SCHOOLS, Answers, Built


def _page(ctx: AppContext, qtbot: QtBot) -> ReviewPage:
    page = ReviewPage(ctx)
    qtbot.addWidget(page)
    page.show()
    page.period.set_label("2026")
    page.refresh()
    return page


def _review_state(db: Database, code: str) -> tuple[str, str | None]:
    with db.reading() as session:
        sub = session.scalars(
            select(Submission).where(
                Submission.sender_code == code, Submission.status == "accepted"
            )
        ).one()
        return sub.review, sub.review_file


def _figure(page: ReviewPage, label: str) -> str:
    for row in range(page.figures.rowCount()):
        if page.figures.index(row, 0).data() == label:
            return str(page.figures.index(row, 1).data())
    raise AssertionError(label)


def test_review_shows_the_data_and_accepts_with_a_receipt(
    collected_ctx: AppContext,
    built: Built,
    answers: Answers,
    tmp_path: Path,
    qtbot: QtBot,
    shown_messages: list[str],
    qtmodeltester: ModelTester,
) -> None:
    page = _page(collected_ctx, qtbot)
    assert page.schools.rowCount() == SCHOOLS
    assert not page.accept_button.isEnabled()
    school = built.schools[0]
    plan = built.plan(school.code)
    assert page.select_school(school.code)
    assert plan.name in page.title.text()
    assert _figure(page, "心理健康教育教师") == str(len(plan.counselors))
    assert _figure(page, "心理辅导室（间）") == str(len(plan.rooms))
    assert page.counselors.rowCount() == len(plan.counselors)
    # Identity numbers are masked in the list.
    number = page.counselors.index(0, 1).data()
    assert number and "*" in number and number != plan.counselors[0].identity_number
    assert "没有更早的上报包" in page.changes.toPlainText()
    for model in (
        page.figures,
        page.findings,
        page.counselors,
        page.rooms,
        page.training,
        page.schools,
    ):
        qtmodeltester.check(model)

    usb = tmp_path / "usb-back"
    usb.mkdir()
    answers.folder = str(usb)
    page.message.insert("数据完整，已审核")
    with qtbot.waitSignal(page.decided) as decided:
        qtbot.mouseClick(page.accept_button, Qt.MouseButton.LeftButton)
    assert shown_messages == []
    outcome, path = decided.args
    assert outcome == "accepted" and Path(path).parent == usb
    review, stored = _review_state(collected_ctx.db, school.code)
    assert review == "accepted" and stored == path
    assert "已审核接收" in page.state.text()

    # The receipt is signed by the county and answers exactly this package.
    receipt = verify_package(Path(path), kinds=("receipt",))
    assert receipt.manifest.sender.code == "532323"
    subject = receipt.manifest.subject
    assert subject is not None and subject.sender_code == school.code
    assert subject.package_sha256 == sha256_hex(school.package.read_bytes())
    # ... and the school takes it.
    school_db = built.school_db(school.code, tmp_path / "school")
    try:
        with school_db.transaction() as session:
            result = receive_file(session, path=Path(path))
        assert result.kind == "receipt"
    finally:
        school_db.close()


def test_return_with_comments_per_record(
    collected_ctx: AppContext,
    built: Built,
    answers: Answers,
    tmp_path: Path,
    qtbot: QtBot,
    shown_messages: list[str],
    qtmodeltester: ModelTester,
) -> None:
    page = _page(collected_ctx, qtbot)
    school = built.schools[2]
    plan = built.plan(school.code)
    assert page.select_school(school.code)
    first = plan.counselors[0].name

    def fill(dialog: QDialog) -> None:
        assert isinstance(dialog, ReturnDialog)
        qtmodeltester.check(dialog.comments)
        dialog.message.insertPlainText("请核实教师信息后重新上报")
        model = dialog.comments
        row = next(
            r
            for r in range(model.rowCount())
            if model.row_at(r).table == "counselor" and model.row_at(r).label == first
        )
        index = model.index(row, model.COMMENT_COLUMN)
        assert model.flags(index) & Qt.ItemFlag.ItemIsEditable
        assert model.setData(index, "身份证号与姓名不符")
        assert model.index(row, model.COMMENT_COLUMN).data() == "身份证号与姓名不符"

    answers.fill = fill
    answers.folder = str(tmp_path)
    with qtbot.waitSignal(page.decided) as decided:
        qtbot.mouseClick(page.return_button, Qt.MouseButton.LeftButton)
    assert shown_messages == []
    outcome, path = decided.args
    assert outcome == "returned"
    assert _review_state(collected_ctx.db, school.code) == ("returned", path)
    notice = verify_package(Path(path), kinds=("return",))
    assert notice.manifest.message == "请核实教师信息后重新上报"
    # The name masked in the file, which travels in the clear...
    assert [(c.table, c.record, c.comment) for c in notice.manifest.comments] == [
        ("counselor", mask_name(first), "身份证号与姓名不符")
    ]
    # ... the school sees the comment next to its record, by its own name.
    school_db = built.school_db(school.code, tmp_path / "school")
    try:
        with school_db.transaction() as session:
            assert receive_file(session, path=Path(path)).comments == 1
            comments = current_return_comments(
                session, school=own_school(session), period=get_period(session, "2026")
            )
            assert [(c.record_label, c.comment) for c in comments] == [
                (first, "身份证号与姓名不符")
            ]
    finally:
        school_db.close()


def test_a_return_without_a_word_is_explained(
    collected_ctx: AppContext,
    built: Built,
    answers: Answers,
    tmp_path: Path,
    qtbot: QtBot,
    shown_messages: list[str],
) -> None:
    page = _page(collected_ctx, qtbot)
    page.select_school(built.schools[3].code)
    answers.folder = str(tmp_path)
    qtbot.mouseClick(page.return_button, Qt.MouseButton.LeftButton)
    assert len(shown_messages) == 1 and "至少写一条" in shown_messages[0]
    assert _review_state(collected_ctx.db, built.schools[3].code) == ("pending", None)
    assert list(tmp_path.glob("*.cxreply")) == []


def test_the_prefecture_reviews_by_county(
    prefecture_ctx: AppContext, built: Built, qtbot: QtBot
) -> None:
    """902 schools at the prefecture: a county column and a county filter (issue 13)."""
    from cxdesk.ui.bureau.review_page import ReviewPage

    page = ReviewPage(prefecture_ctx)
    qtbot.addWidget(page)
    page.show()
    page.period.set_label("2026")
    page.refresh()
    view, proxy = page.schools_view, page.schools_proxy
    assert not view.isColumnHidden(2) and page.county.isVisible()
    assert proxy.rowCount() == len(built.schools)
    assert {proxy.index(r, 2).data() for r in range(proxy.rowCount())} == {"牟定县"}
    page.county.setCurrentIndex(page.county.findData("532301"))  # 楚雄市: none of these
    assert proxy.rowCount() == 0
    page.county.setCurrentIndex(page.county.findData("532323"))
    assert proxy.rowCount() == len(built.schools)
    qtbot.keyClicks(page.search, built.schools[0].code)
    assert proxy.rowCount() == 1
    page.county.setCurrentIndex(0)  # 全部县市
    assert page.county.currentText() == "全部县市" and proxy.rowCount() == 1
