"""Answers kept for the same input (issue 16) are the answers worked out afresh: a
workbook's sheet parts, whatever the size of its parts, and an identity number's check,
which depends on the day."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from cxdesk import validation
from cxdesk.workbook.template import write_template
from cxdesk.workbook.xlsx_parts import (
    WORKBOOK_PART,
    WorkbookRefused,
    _sheet_parts,
    sheet_parts,
    unpack,
)

RELS = "xl/_rels/workbook.xml.rels"


def test_sheet_parts_kept_or_not_are_the_parts_worked_out(tmp_path: Path) -> None:
    template = tmp_path / "template.xlsx"
    write_template(template)
    parts = unpack(template.read_bytes())
    fresh = dict(_sheet_parts(parts[WORKBOOK_PART], parts[RELS]))
    assert fresh and sheet_parts(parts) == fresh
    assert sheet_parts(dict(parts)) == fresh  # kept: the same answer, a dict of its own
    sheet_parts(parts).clear()
    assert sheet_parts(parts) == fresh
    # Parts too large to be kept (a comment of 70 KB) are parsed every time, the same way.
    padded = parts[WORKBOOK_PART].replace(b"<sheets>", b"<!--" + b"x" * 70_000 + b"--><sheets>")
    assert sheet_parts({**parts, WORKBOOK_PART: padded}) == fresh


@pytest.mark.parametrize("size", [100, 70_000])
def test_a_damaged_workbook_part_is_refused_every_time(tmp_path: Path, size: int) -> None:
    damaged = {WORKBOOK_PART: b"<workbook>" + b" " * size, RELS: b"<Relationships/>"}
    for _ in range(2):  # a refusal is never kept as an answer
        with pytest.raises(WorkbookRefused):
            sheet_parts(damaged)
    with pytest.raises(WorkbookRefused):
        sheet_parts({RELS: b"<Relationships/>"})


def _number_born(birth: date) -> str:
    first17 = f"532301{birth:%Y%m%d}123"
    return first17 + validation.identity_check_character(first17)


def test_an_identity_number_is_checked_on_the_day_it_is_checked(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    number = _number_born(date(2026, 12, 1))

    class Today(date):
        fixed = date(2026, 11, 30)

        @classmethod
        def today(cls) -> Today:
            return cls(cls.fixed.year, cls.fixed.month, cls.fixed.day)

    monkeypatch.setattr(validation, "date", Today)
    problem = validation.check_identity_number(number)
    assert problem is not None and problem == validation.ID_BIRTH_DATE(text="20261201")
    assert validation.check_identity_number(number) == problem
    Today.fixed = date(2026, 12, 2)  # the next days: born yesterday, a valid number
    assert validation.check_identity_number(number) is None
    assert validation.check_identity_number(" " + number.lower()) is None
    long_text = number + " " * 40  # not kept, the same answer
    assert validation.check_identity_number(long_text) is None
    Today.fixed = date(2026, 11, 30)
    assert validation.check_identity_number(long_text) == problem
