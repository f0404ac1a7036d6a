"""The first-start wizard sets a fresh database up for a school."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard

from cxdesk.db import Database
from cxdesk.models import Installation, School
from cxdesk.ui.context import AppContext
from cxdesk.ui.wizard.setup_wizard import SetupWizard


def _open_wizard(db: Database, qtbot) -> tuple[AppContext, SetupWizard]:  # type: ignore[no-untyped-def]
    ctx = AppContext(db, "zh")
    assert not ctx.initialized
    wizard = SetupWizard(ctx)
    qtbot.addWidget(wizard)
    wizard.show()
    return ctx, wizard


def test_completing_the_wizard_sets_the_school_up(db: Database, qtbot, shown_messages) -> None:  # type: ignore[no-untyped-def]
    ctx, wizard = _open_wizard(db, qtbot)
    assert wizard.choice.findChild(object, "role_school").isChecked()
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)
    page = wizard.role_pages["school"]
    assert wizard.currentPage() is page
    finish = wizard.button(QWizard.WizardButton.FinishButton)
    assert not finish.isEnabled()

    form = page.form
    qtbot.keyClicks(form.code, "2153230007")
    form.name.insert("南华县五街镇中心小学")  # Chinese comes from an input method
    form.county.set_code("532324")
    form.kind.set_code("primary")
    form.mountain.setChecked(True)
    form.enrolment.setValue(420)
    form.contact_person.insert("杨老师")
    qtbot.keyClicks(form.contact_phone, "0878-7221234")
    assert finish.isEnabled()
    qtbot.mouseClick(finish, Qt.MouseButton.LeftButton)

    assert wizard.result() == QWizard.DialogCode.Accepted
    assert shown_messages == []
    assert ctx.role == "school" and ctx.school_id is not None
    with db.reading() as session:
        school = session.query(School).one()
        assert (school.code, school.name, school.county_code) == (
            "2153230007",
            "南华县五街镇中心小学",
            "532324",
        )
        assert school.mountain and school.enrolment == 420
        assert session.get(Installation, 1).role == "school"


def test_a_wrong_school_code_is_explained_as_typed(db: Database, qtbot) -> None:  # type: ignore[no-untyped-def]
    _ctx, wizard = _open_wizard(db, qtbot)
    wizard.next()
    form = wizard.role_pages["school"].form
    qtbot.keyClicks(form.code, "2163230007")
    form.name.insert("某小学")
    assert form.code_hint.isVisible()
    assert "云南省代码53" in form.code_hint.text()
    assert not wizard.button(QWizard.WizardButton.FinishButton).isEnabled()
    form.code.clear()
    qtbot.keyClicks(form.code, "2153230007")
    assert not form.code_hint.isVisible()
    assert wizard.button(QWizard.WizardButton.FinishButton).isEnabled()
    with db.reading() as session:
        assert session.query(School).count() == 0


def _visible_texts(widget) -> list[str]:  # type: ignore[no-untyped-def]
    """Every text a person can read on a wizard page: titles, labels, buttons, fields."""
    from PySide6.QtWidgets import QAbstractButton, QComboBox, QGroupBox, QLabel, QLineEdit

    texts = [widget.title(), widget.subTitle()]
    texts += [w.text() for w in widget.findChildren(QLabel)]
    texts += [w.text() for w in widget.findChildren(QAbstractButton)]
    texts += [w.title() for w in widget.findChildren(QGroupBox)]
    texts += [w.placeholderText() for w in widget.findChildren(QLineEdit)]
    for combo in widget.findChildren(QComboBox):
        texts += [combo.itemText(i) for i in range(combo.count())]
    return [t for t in texts if t]


def test_every_wizard_page_speaks_chinese(db: Database, qtbot) -> None:  # type: ignore[no-untyped-def]
    import re

    _ctx, wizard = _open_wizard(db, qtbot)
    roles = {button.property("role"): button.text() for button in wizard.choice.buttons.buttons()}
    assert roles == {"school": "学校", "county": "县市教育体育局", "prefecture": "州教育体育局"}
    assert wizard.windowTitle() == "首次设置 cxdesk"
    for page_id in wizard.pageIds():
        page = wizard.page(page_id)
        texts = _visible_texts(page)
        assert texts, page
        # An English word (three letters or more) other than the program's name is a
        # string that bypassed the translation.
        english = [t for t in texts if re.search(r"[A-Za-z]{3,}", t.replace("cxdesk", ""))]
        assert english == [], (type(page).__name__, english)
