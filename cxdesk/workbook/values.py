"""Turning a cell's plain value into the typed value of its column, or saying why not.

People type into Excel in many ways: a date as a date or as text, a year as a number or as
text, a code as its label.  Each kind of column accepts the reasonable ones and refuses the
rest with a sentence the user understands.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from cxdesk.i18n import Message, Text
from cxdesk.services.records import BAD_AREA, TOO_LONG, parse_area_tenths
from cxdesk.typed_dates import read_typed_date
from cxdesk.validation import check_identity_number, normalize_identity_number, normalize_typed
from cxdesk.workbook.layout import YES_NO, Column, Kind

REQUIRED = Text("必须填写", "is required")
NOT_A_CHOICE = Text(
    "“{value}”不在可选列表中（可选：{choices}）",
    "{value!r} is not one of the choices ({choices})",
)
NOT_AN_INTEGER = Text("“{value}”不是整数", "{value!r} is not a whole number")
NOT_YES_NO = Text("“{value}”应填“是”或“否”", "{value!r} should be 是 (yes) or 否 (no)")
IDENTITY_AS_NUMBER = Text(
    "身份证号被存成了数字（Excel 会丢掉末几位）。请把该列设为“文本”格式后重新输入。",
    "The identity number was stored as a number (Excel loses its last digits). Format "
    "the column as text and type it again.",
)
NOT_TEXT = Text("“{value}”不是文字", "{value!r} is not text")

#: Reads a cell's value (never None) for a column: its typed value, or a problem.
Parser = Callable[[Column, Any], tuple[Any, Message | None]]

_YES = {"是", "yes", "y", "true", "1", "√", "✓"}
_NO = {"否", "no", "n", "false", "0", "×", "✗"}


def parse_value(
    column: Column, raw: Any, parser: Parser | None = None
) -> tuple[Any, Message | None]:
    """The typed value of ``raw`` for ``column`` (None when blank), or a problem.
    ``parser``: :func:`parser_for` the column, when the caller has it already (a sheet's
    rows are read column by column: found once per sheet, not once per cell)."""
    if raw is None:
        return None, (REQUIRED() if column.required else None)
    return (parser or _PARSERS[column.kind])(column, raw)


def parser_for(column: Column) -> Parser:
    """What :func:`parse_value` reads a value of ``column`` with."""
    return _PARSERS[column.kind]


def _as_text(raw: Any) -> str | None:
    """Numbers typed into a text column are fine as their digits; other types are not."""
    if isinstance(raw, str):
        return unicodedata.normalize("NFC", raw).strip()
    if isinstance(raw, bool):
        return None
    if isinstance(raw, int):
        return str(raw)
    if isinstance(raw, float):
        return str(int(raw)) if raw.is_integer() else repr(raw)
    if isinstance(raw, Decimal):
        return str(raw)
    if isinstance(raw, datetime):
        return raw.date().isoformat()
    if isinstance(raw, date):
        return raw.isoformat()
    return None


def _text(column: Column, raw: Any) -> tuple[Any, Message | None]:
    text = _as_text(raw)
    if text is None:
        return None, NOT_TEXT(value=str(raw))
    if len(text) > column.max_length:
        return None, TOO_LONG(field=column.header, limit=column.max_length)
    return text, None


def _code_text(column: Column, raw: Any) -> tuple[Any, Message | None]:
    """A code, number or phone: full-width characters typed in Chinese read as ASCII."""
    text, problem = _text(column, raw)
    return (normalize_typed(text).strip() or None, None) if problem is None else (None, problem)


def _identity(column: Column, raw: Any) -> tuple[Any, Message | None]:
    if not isinstance(raw, str):
        return None, IDENTITY_AS_NUMBER()
    number = normalize_identity_number(raw)
    problem = check_identity_number(number)
    return (None, problem) if problem is not None else (number, None)


def _choice(column: Column, raw: Any) -> tuple[Any, Message | None]:
    assert column.codes is not None
    text = _as_text(raw) or ""
    code = column.codes.parse(text)
    if code is None:
        choices = "、".join(c.zh for c in column.codes)
        return None, NOT_A_CHOICE(value=text, choices=choices)
    return code, None


def _yes_no(column: Column, raw: Any) -> tuple[Any, Message | None]:
    if isinstance(raw, bool):
        return raw, None
    text = (_as_text(raw) or "").lower()
    if text in _YES or YES_NO.parse(text) == "yes":
        return True, None
    if text in _NO or YES_NO.parse(text) == "no":
        return False, None
    return None, NOT_YES_NO(value=str(raw))


def _date(column: Column, raw: Any) -> tuple[Any, Message | None]:
    if isinstance(raw, datetime):
        return raw.date(), None
    if isinstance(raw, date):
        return raw, None
    # Text as people type it, or a number such as 20100901 (a cell not formatted as a date).
    return read_typed_date(str(raw))


def _integer(column: Column, raw: Any) -> tuple[Any, Message | None]:
    if isinstance(raw, bool):
        return None, NOT_AN_INTEGER(value=str(raw))
    if isinstance(raw, int):
        return raw, None
    if isinstance(raw, float) and raw.is_integer():
        return int(raw), None
    if isinstance(raw, str):
        text = normalize_typed(raw).strip()
        if re.fullmatch(r"[+-]?\d{1,9}", text):
            return int(text), None
    return None, NOT_AN_INTEGER(value=str(raw))


def _area(column: Column, raw: Any) -> tuple[Any, Message | None]:
    value = normalize_typed(raw) if isinstance(raw, str) else raw
    tenths = parse_area_tenths(value)
    if tenths is None or tenths > 10**9:
        return None, BAD_AREA(value=str(raw))
    return tenths, None


_PARSERS: dict[Kind, Parser] = {
    Kind.TEXT: _text,
    Kind.CODE_TEXT: _code_text,
    Kind.IDENTITY: _identity,
    Kind.CHOICE: _choice,
    Kind.YES_NO: _yes_no,
    Kind.DATE: _date,
    Kind.INTEGER: _integer,
    Kind.AREA: _area,
}
