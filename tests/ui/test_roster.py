"""The roster page: add with certificates, wrong identity number, edit, delete and undo."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from cxdesk.models import Certificate, Counselor
from cxdesk.services.counselors import add_counselor
from cxdesk.services.records import CertificateInput, CounselorInput
from cxdesk.ui.school.roster.counselor_form import CounselorForm
from cxdesk.ui.school.roster.page import RosterPage
from cxdesk.ui.shell import record_page
from cxdesk.ui.shell.context import AppContext
from cxdesk.ui.shell.main_window import MainWindow
from cxdesk.validation import identity_check_character
from tests.ui.conftest import ShownMessage
from tests.ui.pages import shown_page

FIRST17 = "53230119850302152"
IDENTITY = FIRST17 + identity_check_character(FIRST17)  # a woman born 1985-03-02


@pytest.fixture
def roster(window: MainWindow) -> RosterPage:
    page = shown_page(window, "roster", RosterPage)
    assert isinstance(page, RosterPage)
    return page


@pytest.fixture
def answer_yes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    asked: list[str] = []

    def ask(box: QMessageBox) -> QMessageBox.StandardButton:
        asked.append(box.text())
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(record_page, "ask", ask)
    return asked


def _table_texts(page: RosterPage, column: int = 0) -> list[str]:
    model = page.table.model()
    return [model.index(r, column).data() for r in range(model.rowCount())]


def _add_certificate(qtbot: QtBot, form: CounselorForm, kind: str, number: str) -> None:
    qtbot.mouseClick(form.add_cert, Qt.MouseButton.LeftButton)
    dialog = form.cert_dialog
    assert dialog.isVisible()
    dialog.kind.set_code(kind)
    qtbot.keyClicks(dialog.number, number)
    dialog.issued_on.set_value(date(2016, 5, 20))
    dialog.accept()
    assert not dialog.isVisible()


def test_add_a_counselor_with_two_certificates(
    roster: RosterPage, ctx: AppContext, qtbot: QtBot
) -> None:
    qtbot.mouseClick(roster.add_button, Qt.MouseButton.LeftButton)
    form = roster.form
    assert form is not None and form.isVisible()
    form.name.insert("王秀英")
    qtbot.keyClicks(form.identity_number, IDENTITY)
    assert form.birth_date.value() == date(1985, 3, 2)
    assert form.gender.code() == "F"
    assert "1985-03-02" in form.identity_hint.text()
    form.post_type.set_code("full_time")
    form.start_date.set_value(date(2021, 9, 1))
    form.recruited_as_psych.setChecked(True)
    _add_certificate(qtbot, form, "nc_level3", "1511000300")
    _add_certificate(qtbot, form, "teacher_qualification", "20165320042")
    assert form.certificates.rowCount() == 2
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert not form.isVisible()

    assert _table_texts(roster) == ["王秀英"]
    masked = _table_texts(roster, 3)[0]
    assert masked.startswith("532301") and "*" in masked and IDENTITY not in masked
    assert "国家心理咨询师三级" in _table_texts(roster, 11)[0]
    selected = roster.selected_row()
    assert selected is not None and selected.name == "王秀英"
    with ctx.db.reading() as session:
        counselor = session.query(Counselor).one()
        assert counselor.identity_number == IDENTITY and counselor.gender == "F"
        assert counselor.post_type == "full_time" and counselor.recruited_as_psych
        kinds = sorted(c.kind for c in session.query(Certificate))
        assert kinds == ["nc_level3", "teacher_qualification"]


def test_a_wrong_identity_number_is_rejected_with_the_reason(
    roster: RosterPage, ctx: AppContext, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []

    def discard(box: QMessageBox) -> QMessageBox.StandardButton:
        asked.append(box.text())
        return QMessageBox.StandardButton.Discard

    monkeypatch.setattr(record_page, "ask", discard)
    roster.open_form(None)
    form = roster.form
    assert form is not None
    form.name.insert("李明")
    wrong_check = "0" if IDENTITY[-1] != "0" else "1"
    qtbot.keyClicks(form.identity_number, IDENTITY[:17] + wrong_check)
    assert form.identity_hint.isVisible()
    assert "校验位错误" in form.identity_hint.text()
    assert f"应为{IDENTITY[-1]}" in form.identity_hint.text()
    assert not form.save_button.isEnabled()
    qtbot.keyClick(form, Qt.Key.Key_Return)  # Enter does not save it either
    assert form.isVisible()
    qtbot.keyClick(form, Qt.Key.Key_Escape)
    assert asked == ["放弃已填写的内容？"]  # something was typed: Esc asks first
    assert not form.isVisible()
    assert _table_texts(roster) == []
    with ctx.db.reading() as session:
        assert session.query(Counselor).count() == 0


def _store(ctx: AppContext, name: str) -> int:
    return ctx.write(
        lambda s: (
            add_counselor(
                s,
                school_id=ctx.require_school_id(),
                data=CounselorInput(
                    name=name,
                    post_type="part_time",
                    main_subject="chinese",
                    certificates=[CertificateInput("nc_level2", number="ZX1")],
                ),
            ).id
        ),
    )


def test_edit_delete_and_undo(
    roster: RosterPage, window: MainWindow, ctx: AppContext, qtbot: QtBot, answer_yes: list[str]
) -> None:
    _store(ctx, "张伟")
    _store(ctx, "杨丽")
    assert sorted(_table_texts(roster)) == ["张伟", "杨丽"]

    roster.search.insert("杨")
    assert _table_texts(roster) == ["杨丽"]
    roster.search.clear()

    row = next(r for r in roster.model.rows if r.name == "张伟")
    roster.select_id(row.id)
    qtbot.mouseClick(roster.edit_button, Qt.MouseButton.LeftButton)
    form = roster.form
    assert form is not None
    assert form.name.text() == "张伟" and form.certificates.rowCount() == 1
    form.name.selectAll()
    form.name.insert("张伟强")
    form.main_subject.set_code("math")
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert "张伟强" in _table_texts(roster)
    with ctx.db.reading() as session:
        edited = session.get(Counselor, row.id)
        assert edited is not None
        assert edited.name == "张伟强" and edited.main_subject == "math"
        assert [c.kind for c in edited.certificates] == ["nc_level2"]

    roster.select_id(row.id)
    qtbot.mouseClick(roster.delete_button, Qt.MouseButton.LeftButton)
    assert answer_yes and "张伟强" in answer_yes[0]
    assert _table_texts(roster) == ["杨丽"]
    with ctx.db.reading() as session:
        assert session.get(Counselor, row.id) is None

    window.undo_action.trigger()  # Ctrl+Z
    assert sorted(_table_texts(roster)) == ["张伟强", "杨丽"]
    with ctx.db.reading() as session:
        back = session.query(Counselor).filter_by(name="张伟强").one()
        assert back.main_subject == "math" and [c.kind for c in back.certificates] == ["nc_level2"]

    window.redo_action.trigger()
    assert _table_texts(roster) == ["杨丽"]


def test_delete_cancelled_keeps_the_row(
    roster: RosterPage, ctx: AppContext, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(record_page, "ask", lambda box: QMessageBox.StandardButton.No)
    counselor_id = _store(ctx, "张伟")
    roster.select_id(counselor_id)
    roster.delete_selected()
    assert _table_texts(roster) == ["张伟"]
    assert ctx.undo_stack.count() == 0


def test_the_roster_model_passes_the_model_tester(
    roster: RosterPage, ctx: AppContext, qtmodeltester: ModelTester
) -> None:
    _store(ctx, "张伟")
    _store(ctx, "杨丽")
    qtmodeltester.check(roster.model)
    qtmodeltester.check(roster.proxy)


def test_undo_after_a_language_switch_and_an_undo_that_cannot_be_done(
    window: MainWindow, ctx: AppContext, answer_yes: list[str], shown_messages: list[ShownMessage]
) -> None:
    def store(name: str) -> int:
        return ctx.write(
            lambda s: (
                add_counselor(
                    s,
                    school_id=ctx.require_school_id(),
                    data=CounselorInput(name=name, post_type="full_time", identity_number=IDENTITY),
                ).id
            )
        )

    first = store("王秀英")
    roster = shown_page(window, "roster", RosterPage)
    roster.select_id(first)
    roster.delete_selected()
    ctx.set_language("en")  # every page is rebuilt
    window.undo_action.trigger()
    roster = shown_page(window, "roster", RosterPage)
    assert _table_texts(roster) == ["王秀英"] and roster.heading.text().startswith("Roster")

    roster.select_id(roster.model.rows[0].id)
    roster.delete_selected()
    store("王秀英（新）")  # the same identity number is in use again
    window.undo_action.trigger()  # cannot put the first one back: said, not crashed
    assert shown_messages and "Identity number" in " ".join(m.details for m in shown_messages)
    with ctx.db.reading() as session:
        assert [c.name for c in session.query(Counselor)] == ["王秀英（新）"]
