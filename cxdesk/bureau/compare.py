"""Two periods side by side: every figure, its value in each, and the change.

For a bureau, per school, county or kind of school (the groups of its summary), and in
total; for a school, its own figures.  Each period's figures are the summary of that
period as defined in docs/figures.md (each as of its own reference date); a group that
reported in one period only appears with the other side empty.  ``cxdesk summary
--compare``, its Excel workbook (:mod:`cxdesk.bureau.compare_excel`) and the bureau's
对比 page show it.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from cxdesk import reference as ref
from cxdesk.figures import FIGURE_KEYS, FIGURE_LABELS, Summary

#: The figures compared, in order: every key, the training levels one by one.
COMPARED_KEYS: tuple[str, ...] = tuple(
    k for k in FIGURE_KEYS if k != "training_person_times"
) + tuple(f"training_person_times.{level}" for level in ref.TRAINING_LEVELS.codes)


def figure_label(key: str, lang: str = "zh") -> str:
    """The name of a compared figure (a training level: 培训人次（国家级）)."""
    index = 1 if lang == "en" else 0
    if key.startswith("training_person_times."):
        level = key.split(".", 1)[1]
        base = FIGURE_LABELS["training_person_times"][index]
        shown = ref.TRAINING_LEVELS.label(level, lang)
        return f"{base} ({shown})" if lang == "en" else f"{base}（{shown}）"
    return FIGURE_LABELS[key][index]


def value_of(figures: dict[str, Any] | None, key: str) -> Any:
    """A compared figure's value (None: the group did not report in that period)."""
    if figures is None:
        return None
    if key.startswith("training_person_times."):
        return figures["training_person_times"].get(key.split(".", 1)[1])
    return figures.get(key)


def change(before: Any, after: Any) -> Any:
    """after − before, exact (a percentage's change is in points); None if one is missing."""
    if before is None or after is None:
        return None
    return after - before


@dataclass(frozen=True)
class ComparedRow:
    """One group (or the total) in both periods."""

    code: str
    name: str
    base: dict[str, Any] | None
    now: dict[str, Any] | None

    def values(self, key: str) -> tuple[Any, Any, Any]:
        """(base, now, change) of one compared figure."""
        before, after = value_of(self.base, key), value_of(self.now, key)
        return before, after, change(before, after)

    def to_json(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "name": self.name,
            "figures": {
                key: dict(zip(("base", "now", "change"), map(_json, self.values(key)), strict=True))
                for key in COMPARED_KEYS
            },
        }


@dataclass(frozen=True)
class Comparison:
    """A summary of ``period`` compared with one of ``base_period``, same scope."""

    period: str
    base_period: str
    scope_code: str
    scope_name: str
    group_by: str | None
    totals: ComparedRow
    rows: list[ComparedRow]

    def to_json(self) -> dict[str, Any]:
        return {
            "period": self.period,
            "compared_with": self.base_period,
            "scope": {"code": self.scope_code, "name": self.scope_name},
            "by": self.group_by,
            "totals": self.totals.to_json(),
            "rows": [r.to_json() for r in self.rows],
        }


def _json(value: Any) -> Any:
    return float(value) if isinstance(value, Decimal) else value


def compare_summaries(now: Summary, base: Summary, *, group_by: str | None) -> Comparison:
    """``now`` and ``base`` (same scope, grouped alike) side by side, group by group."""
    before = {r["code"]: r for r in base.rows}
    after = {r["code"]: r for r in now.rows}
    codes = list(after) + [c for c in before if c not in after]
    rows = [
        ComparedRow(
            code,
            str((after.get(code) or before.get(code) or {}).get("name") or ""),
            before.get(code),
            after.get(code),
        )
        for code in codes
    ]
    return Comparison(
        period=now.period,
        base_period=base.period,
        scope_code=now.scope_code,
        scope_name=now.scope_name,
        group_by=group_by,
        totals=ComparedRow("", now.scope_name, base.totals, now.totals),
        rows=rows,
    )
