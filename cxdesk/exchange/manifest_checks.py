"""What a manifest's values must mean, beyond their shape: dates that exist, in order, in
plausible years, and a period label that can safely name a file.

:mod:`cxdesk.exchange.manifest` checks types and lengths; the rules here check meaning, so
that nothing later (defining the period at the bureau, naming the stored file, comparing
sequences) meets a value it cannot use.  Each refusal is one line naming the field and
the value (docs/package-format.md, "The manifest").
"""

from __future__ import annotations

import re
from datetime import date, datetime

from cxdesk.exchange.errors import PackageError, refuse
from cxdesk.i18n import Text

#: A period label: a year, then at most 16 letters, digits or hyphens ("2026", "2026-spring").
#: Only these characters ever reach a file name (no dot, no slash, no "..").
PERIOD_LABEL = re.compile(r"[0-9]{4}[A-Za-z0-9-]{0,16}")
FIRST_YEAR = 2000
LAST_YEAR = 2100
#: The label's year may differ from the dates' by one (a school year 2025-09 … 2026-07).
LABEL_YEAR_SLACK = 1

BAD_LABEL = Text(
    "包内清单中的期次名称“{value}”无效：应以四位年份开头（如 2026），其后最多 16 个字母、数字或连字符，已拒收。",
    "The manifest's period label {value!r} is not valid: a four-digit year (e.g. 2026) "
    "followed by at most 16 letters, digits or hyphens; refused.",
)
BAD_DATE = Text(
    "包内清单中期次的{which}“{value}”不是存在的日期（应为 YYYY-MM-DD），已拒收。",
    "The manifest's period {which} {value!r} is not a date that exists (YYYY-MM-DD); refused.",
)
DATES_REVERSED = Text(
    "包内清单中期次的开始日期 {start} 晚于结束日期 {end}，已拒收。",
    "The manifest's period starts ({start}) after it ends ({end}); refused.",
)
IMPLAUSIBLE_YEAR = Text(
    "包内清单中的{what}“{value}”不在 {first}–{last} 年之间，已拒收。",
    "The manifest's {what} {value!r} is not between the years {first} and {last}; refused.",
)
LABEL_NOT_DATES = Text(
    "包内清单中的期次名称“{label}”与其日期（{start} 至 {end}）年份不符，已拒收。",
    "The manifest's period label {label!r} does not match its dates ({start} to {end}); refused.",
)
WHICH = {
    "start": Text("开始日期", "start date"),
    "end": Text("结束日期", "end date"),
    "label": Text("期次年份", "period year"),
    "created_at": Text("生成时间", "creation time"),
}


def _plausible(year: int) -> bool:
    return FIRST_YEAR <= year <= LAST_YEAR


def check_period_label(label: str) -> str:
    """``label`` if it is a safe, plausible period label; else a refusal."""
    if not PERIOD_LABEL.fullmatch(label):
        raise refuse("manifest_period", BAD_LABEL, value=label)
    if not _plausible(int(label[:4])):
        raise _implausible("label", label[:4])
    return label


def _date(which: str, value: str) -> date:
    if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value):
        raise refuse("manifest_period", BAD_DATE, which=WHICH[which], value=value)
    try:
        day = date.fromisoformat(value)
    except ValueError:
        raise refuse("manifest_period", BAD_DATE, which=WHICH[which], value=value) from None
    if not _plausible(day.year):
        raise _implausible(which, value)
    return day


def check_period(label: str, start: str, end: str) -> tuple[date, date]:
    """The period's dates, once the label and the dates are known to make sense together."""
    check_period_label(label)
    first, last = _date("start", start), _date("end", end)
    if first > last:
        raise refuse("manifest_period", DATES_REVERSED, start=start, end=end)
    year = int(label[:4])
    if not first.year - LABEL_YEAR_SLACK <= year <= last.year + LABEL_YEAR_SLACK:
        raise refuse("manifest_period", LABEL_NOT_DATES, label=label, start=start, end=end)
    return first, last


def check_created_at(created_at: datetime) -> datetime:
    """A creation time in a plausible year (a PC clock a few years off is still accepted)."""
    if not _plausible(created_at.year):
        raise _implausible("created_at", created_at.isoformat())
    return created_at


def _implausible(which: str, value: str) -> PackageError:
    return refuse(
        "manifest_period",
        IMPLAUSIBLE_YEAR,
        what=WHICH[which],
        value=value,
        first=FIRST_YEAR,
        last=LAST_YEAR,
    )
