"""The small form widgets: optional dates and code drop-downs."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from cxdesk.i18n import set_language
from cxdesk.reference import POST_TYPES
from cxdesk.ui.shell.widgets import CodeCombo, DateField


def test_an_optional_date_starts_empty_and_can_be_emptied(qtbot: QtBot) -> None:
    field = DateField()
    qtbot.addWidget(field)
    field.show()
    assert field.value() is None and field.text().strip() == "" and field.problem() is None
    field.set_value(date(2021, 9, 1))
    assert field.value() == date(2021, 9, 1) and field.text() == "2021-09-01"
    field.edit.selectAll()
    qtbot.keyClick(field.edit, Qt.Key.Key_Delete)
    assert field.value() is None and field.problem() is None


def test_a_required_date_starts_empty_too(qtbot: QtBot) -> None:
    # Never a date the user did not type (today's date used to stand in it).
    field = DateField(optional=False)
    qtbot.addWidget(field)
    assert field.value() is None and field.is_empty()


def test_code_combo_shows_labels_and_gives_codes(qtbot: QtBot) -> None:
    combo = CodeCombo(POST_TYPES, optional=True)
    qtbot.addWidget(combo)
    assert [combo.itemText(i) for i in range(combo.count())] == ["—", "专职", "兼职"]
    assert combo.code() is None
    combo.set_code("part_time")
    assert combo.code() == "part_time" and combo.currentText() == "兼职"
    set_language("en")
    english = CodeCombo(POST_TYPES)
    qtbot.addWidget(english)
    assert english.currentText() == "Full-time"


def test_fitted_widths_cut_the_widest_columns_first() -> None:
    from cxdesk.ui.shell.table_view import fitted_widths

    assert fitted_widths([100, 200, 300], 1000) == [100, 200, 300]  # fits: unchanged
    widths = fitted_widths([100, 200, 500], 600)
    assert widths == [100, 200, 300]  # only the widest gives way
    assert fitted_widths([100, 400, 500], 600) == [100, 250, 250]
    assert fitted_widths([300, 300], 50) == [64, 64]  # never below the minimum


def test_whole_columns_are_never_cut() -> None:
    from cxdesk.ui.shell.table_view import fitted_widths

    widths = fitted_widths([150, 400, 400], 500, whole=frozenset({0}))
    assert widths == [150, 175, 175]
