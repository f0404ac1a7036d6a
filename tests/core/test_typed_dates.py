"""Dates as people type them: one reader for the date fields and the workbook import."""

from __future__ import annotations

from datetime import date

import pytest

from cxdesk.typed_dates import (
    NO_SUCH_DAY,
    NO_SUCH_MONTH,
    NOT_A_DATE,
    YEAR_OUT_OF_RANGE,
    read_typed_date,
    typed_year,
)


@pytest.mark.parametrize(
    "text",
    [
        "2010-09-01",
        "20100901",
        "2010.9.1",
        "2010/9/1",
        "2010-9-1",
        "2010年9月1日",
        "2010年09月01日",
        "2010 年 9 月 1 日",
        "２０１０－０９－０１",
        "２０１００９０１",
        "２０１０年９月１日",
        "  2010-09-01  ",
    ],
)
def test_every_way_people_type_a_date(text: str) -> None:
    assert read_typed_date(text) == (date(2010, 9, 1), None)


def test_a_blank_date_is_no_date_and_no_problem() -> None:
    assert read_typed_date("") == (None, None)
    assert read_typed_date("　 ") == (None, None)


@pytest.mark.parametrize(
    ("text", "reason", "zh"),
    [
        ("0100901", NOT_A_DATE, "“0100901”不是日期：请写成 2010-09-01、20100901 或 2010年9月1日"),
        ("2010-09", NOT_A_DATE, None),
        ("五月", NOT_A_DATE, None),
        ("9/1/2010", NOT_A_DATE, None),
        ("2010-13-01", NO_SUCH_MONTH, "没有13月：月份为1至12"),
        ("2010-02-30", NO_SUCH_DAY, "2010年2月没有30日"),
        ("20100230", NO_SUCH_DAY, None),
        ("1850-01-01", YEAR_OUT_OF_RANGE, "年份1850不在1900至2100之间"),
    ],
)
def test_a_text_that_is_not_a_real_date_is_never_guessed_at(
    text: str, reason: object, zh: str | None
) -> None:
    value, problem = read_typed_date(text)
    assert value is None and problem is not None and problem.text is reason
    if zh is not None:
        assert problem.render("zh") == zh
    assert problem.render("en")  # both languages


def test_the_year_being_typed() -> None:
    assert typed_year("2010-0") == 2010
    assert typed_year("２０１０") == 2010
    assert typed_year("201") is None
    assert typed_year("1850") is None
