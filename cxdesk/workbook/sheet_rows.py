"""The values of one row of each data sheet, typed: what each planner reads (issue 17).

A row's values are read by :func:`cxdesk.workbook.plan._parse`, one per column of the
sheet's layout (:mod:`cxdesk.workbook.layout`), each parsed by its column's kind
(:mod:`cxdesk.workbook.values`): text, codes and choices as ``str``, yes/no as ``bool``,
whole numbers and areas (in tenths of m²) as ``int``, dates as ``date``; an empty or bad
cell as None.  ``tests/workbook/test_sheet_rows.py`` checks that every class here names
exactly its sheet's columns, so a planner that reads a field by a wrong name is caught by
mypy, and a column added to the layout must be added here too.
"""

from __future__ import annotations

from datetime import date
from typing import TypedDict


class SchoolValues(TypedDict):
    code: str | None
    name: str | None
    county_code: str | None
    kind: str | None
    mountain: bool | None
    enrolment: int | None
    boarders: int | None
    contact_person: str | None
    contact_phone: str | None


class CounselorValues(TypedDict):
    name: str | None
    identity_number: str | None
    gender: str | None
    ethnic_group: str | None
    birth_date: date | None
    post_type: str | None
    main_subject: str | None
    education: str | None
    psychology_degree: bool | None
    title: str | None
    start_date: date | None
    recruited_as_psych: bool | None
    studio_role: str | None
    status: str | None
    left_date: date | None


class CertificateValues(TypedDict):
    counselor_name: str | None
    counselor_identity: str | None
    counselor_birth_date: date | None
    kind: str | None
    other_name: str | None
    number: str | None
    issuer: str | None
    issued_on: date | None


class RoomValues(TypedDict):
    name: str | None
    function: str | None
    area_tenths: int | None
    year_opened: int | None
    status: str | None
    closed_on: date | None
    has_individual: bool | None
    has_group: bool | None
    has_reception: bool | None
    grade: str | None


class EventValues(TypedDict):
    title: str | None
    level: str | None
    organiser: str | None
    place: str | None
    start_date: date | None
    end_date: date | None
    hours: int | None


class AttendanceValues(TypedDict):
    event_title: str | None
    event_start: date | None
    counselor_name: str | None
    counselor_identity: str | None
    counselor_birth_date: date | None


#: The values' class of each data sheet, by the sheet's key.
VALUES_OF_SHEET: dict[str, type] = {
    "school": SchoolValues,
    "counselors": CounselorValues,
    "certificates": CertificateValues,
    "rooms": RoomValues,
    "events": EventValues,
    "attendance": AttendanceValues,
}
