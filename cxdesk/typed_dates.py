"""Reading a date the way people type it: 2010-09-01, 20100901, 2010.9.1, 2010/9/1, 2010年9月1日.

One reader for the desktop app's date fields and the workbook import, so that a date typed
in either place means the same day.  Full-width digits from Chinese input methods are read
as digits (:func:`cxdesk.validation.normalize_typed`).  A text that is not a whole, real
date is never guessed at: the reader says why instead.
"""

from __future__ import annotations

import re
from datetime import date

from cxdesk.i18n import Message, Text
from cxdesk.validation import normalize_typed

#: The years a date of this program may fall in (birth dates of counselors to training).
FIRST_YEAR, LAST_YEAR = 1900, 2100

NOT_A_DATE = Text(
    "“{text}”不是日期：请写成 2010-09-01、20100901 或 2010年9月1日",
    "{text!r} is not a date: write 2010-09-01, 20100901 or 2010/9/1",
)
NO_SUCH_MONTH = Text("没有{month}月：月份为1至12", "There is no month {month}: months are 1 to 12")
NO_SUCH_DAY = Text("{year}年{month}月没有{day}日", "{year}-{month:02d} has no day {day}")
YEAR_OUT_OF_RANGE = Text(
    "年份{year}不在{first}至{last}之间", "The year {year} is not between {first} and {last}"
)

_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})")
_SEPARATED = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?")


def read_typed_date(text: str) -> tuple[date | None, Message | None]:
    """The date ``text`` means, or why it is not one; ``(None, None)`` for a blank text."""
    cleaned = normalize_typed(text).strip()
    if not cleaned:
        return None, None
    match = _COMPACT.fullmatch(cleaned) or _SEPARATED.fullmatch(cleaned)
    if match is None:
        return None, NOT_A_DATE(text=cleaned)
    year, month, day = (int(group) for group in match.groups())
    if not FIRST_YEAR <= year <= LAST_YEAR:
        return None, YEAR_OUT_OF_RANGE(year=year, first=FIRST_YEAR, last=LAST_YEAR)
    if not 1 <= month <= 12:
        return None, NO_SUCH_MONTH(month=month)
    try:
        return date(year, month, day), None
    except ValueError:
        return None, NO_SUCH_DAY(year=year, month=month, day=day)


def typed_year(text: str) -> int | None:
    """The year at the start of a date being typed ("2010-0" → 2010), if it has one yet."""
    match = re.match(r"(\d{4})", normalize_typed(text).strip())
    if match is None:
        return None
    year = int(match.group(1))
    return year if FIRST_YEAR <= year <= LAST_YEAR else None
