"""Reading what a user typed: areas in m² as exact tenths."""

from __future__ import annotations

from decimal import Decimal

import pytest

from cxdesk.services.records import RoomInput, column_values, parse_area_tenths


@pytest.mark.parametrize(
    ("typed", "tenths"),
    [
        ("28.6", 286),
        (" 12 ", 120),
        ("0.1", 1),
        (Decimal("62.5"), 625),
        (40, 400),
        (
            0.1,
            1,
        ),  # a float from a spreadsheet cell: read by its shortest repr, not 0.1000000000000000055
        (28.6, 286),
        ("1E+1", 100),
        ("-5", -50),  # a number; "more than 0" is rule H-R03's to say
        ("12.25", None),  # two decimals
        ("abc", None),
        ("", None),
        ("NaN", None),
        ("Infinity", None),
        (None, None),
        (True, None),
    ],
)
def test_parse_area_tenths(typed: object, tenths: int | None) -> None:
    assert parse_area_tenths(typed) == tenths


def test_room_input_area_and_columns() -> None:
    data = RoomInput("心灵驿站", "individual", 286)
    assert data.area_m2 == Decimal("28.6")
    assert column_values(data) == {
        "name": "心灵驿站",
        "function": "individual",
        "area_tenths": 286,
        "year_opened": None,
        "status": "in_use",
        "closed_on": None,
        "has_individual": False,
        "has_group": False,
        "has_reception": False,
        "grade": None,
    }
