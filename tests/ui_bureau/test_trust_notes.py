"""A trusted key's note the program wrote itself is shown in the reader's language."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from cxdesk.bureau.trust_notes import shown_note
from cxdesk.exchange.trust import register_key
from cxdesk.ui.bureau.trust_page import TrustPage
from cxdesk.ui.shell.context import AppContext

from .conftest import Built


def test_the_programs_own_note_is_translated_and_a_clerks_note_kept() -> None:
    assert shown_note("accepted from held package #3", "zh") == "确认接收待确认的上报包 #3 时登记"
    assert shown_note("accepted from held package #3", "en") == "accepted from held package #3"
    assert shown_note("表格 2026-17 号", "zh") == "表格 2026-17 号"
    assert shown_note(None) == ""


def test_the_trusted_keys_page_shows_it_in_chinese(
    county_ctx: AppContext, built: Built, qtbot: QtBot
) -> None:
    school = built.schools[-1]
    county_ctx.write(
        lambda s: register_key(
            s,
            fingerprint=school.fingerprint,
            code=school.code,
            name=school.name,
            source="first_use",
            note="accepted from held package #3",
        ),
    )
    page = TrustPage(county_ctx)
    qtbot.addWidget(page)
    page.refresh()
    texts = [
        page.model.index(r, c).data()
        for r in range(page.model.rowCount())
        for c in range(page.model.columnCount())
    ]
    assert "确认接收待确认的上报包 #3 时登记" in texts
    assert not any("held package" in str(t) for t in texts)
