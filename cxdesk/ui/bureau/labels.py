"""How the bureau's tables write times, states, counts and group names (translated when
shown, in the "BureauState" and "BureauTables" contexts)."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from cxdesk import reference as ref
from cxdesk.i18n import current_language


def when_text(value: datetime | None) -> str:
    return value.strftime("%Y-%m-%d %H:%M") if value else ""


def local_time(value: datetime) -> datetime:
    """A stored UTC time in the clerk's time zone."""
    return value.replace(tzinfo=UTC).astimezone().replace(tzinfo=None)


STATE_TITLES: dict[str, str] = {
    "not_received": str(QT_TRANSLATE_NOOP("BureauState", "Not received")),
    "held": str(QT_TRANSLATE_NOOP("BureauState", "Held")),
    "received": str(QT_TRANSLATE_NOOP("BureauState", "Received, to review")),
    "returned": str(QT_TRANSLATE_NOOP("BureauState", "Returned")),
    "accepted": str(QT_TRANSLATE_NOOP("BureauState", "Accepted")),
}
STATE_COLOURS: dict[str, str] = {
    "not_received": "#fde2e1",
    "held": "#fff4d6",
    "received": "#e6effa",
    "returned": "#fbe3c8",
    "accepted": "#e3f4e1",
}


def correction_mark() -> str:
    """Shown after the number of a package that corrects an accepted period."""
    return " " + QCoreApplication.translate("BureauTables", "(correction)")


def state_title(state: str) -> str:
    return QCoreApplication.translate("BureauState", STATE_TITLES.get(state, state))


def late_text(days: int | None) -> str:
    if not days:
        return ""
    return QCoreApplication.translate("BureauTables", "{days} day(s) late").format(days=days)


def findings_text(hard: int, soft: int) -> str:
    if not hard and not soft:
        return QCoreApplication.translate("BureauTables", "none")
    return QCoreApplication.translate("BureauTables", "{hard} hard, {soft} soft").format(
        hard=hard, soft=soft
    )


def rate_text(rate: Decimal | None) -> str:
    return "—" if rate is None else f"{rate}%"


def count_text(count: int | None) -> str:
    """A count, or "—" when it cannot be known (no register of schools loaded)."""
    return "—" if count is None else str(count)


def county_name(code: str, fallback: str) -> str:
    return ref.COUNTIES.label(code, current_language()) if code in ref.COUNTIES.codes else fallback


def group_label(code: str, fallback: str) -> str:
    """A county's or kind's name in the current language (the core's rows carry Chinese)."""
    lang = current_language()
    if code in ref.COUNTIES.codes:
        return ref.COUNTIES.label(code, lang)
    if code in ref.SCHOOL_KINDS.codes:
        return ref.SCHOOL_KINDS.label(code, lang)
    return fallback
