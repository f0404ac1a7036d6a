"""``cxdesk summary``: the figures of domain.md for the school (bureaus: for their scope)."""

from __future__ import annotations

import argparse
from typing import Any

from cxdesk.commands.base import add_command, opened_database, print_json
from cxdesk.figures import FIGURE_KEYS, FIGURE_LABELS, Summary, school_figures
from cxdesk.i18n import LIST_SEPARATOR, Text, colon, current_language, in_parentheses
from cxdesk.reference import TRAINING_LEVELS
from cxdesk.services.period_label import current_period_label
from cxdesk.services.periods import get_period
from cxdesk.services.setup import own_school

PEOPLE_LINE = Text(
    "  按人计：{persons} 人（名册记录 {roster_entries} 条，其中 {counted_more_than_once} 人被重复统计；"
    "{without_identity_number} 条无身份证号，各按一人计）",
    "  Persons: {persons} ({roster_entries} roster entries; {counted_more_than_once} people "
    "counted more than once; {without_identity_number} entries without an identity number, "
    "one person each)",
)


def register(commands: Any, common: argparse.ArgumentParser) -> None:
    parser = add_command(commands, common, "summary", "汇总数字 / the summary figures")
    parser.add_argument("--period", help="期次，默认今年 / period, default this year")
    parser.add_argument("--json", action="store_true", help="JSON 输出 / JSON output")
    parser.add_argument(
        "--by",
        choices=("county", "kind", "school"),
        help="分组（教育局）/ group by (bureaus)",
    )
    parser.add_argument(
        "--xlsx", metavar="OUT", help="导出 Excel（含图表）/ write Excel with charts"
    )
    parser.add_argument(
        "--compare",
        metavar="PERIOD",
        help="与另一期次对比，如 2025（JSON、Excel）/ compare with another period, e.g. 2025",
    )
    parser.set_defaults(handler=run_summary)


def bureau_or_school_summary(
    args: argparse.Namespace,
    period_label: str | None = None,
    sections: list[Any] | None = None,
) -> Summary:
    """A bureau's summary of its scope (with ``--by``), or the school's own figures.

    A bureau's extra Excel sheets (compliance, packages, people) are put in ``sections``.
    """
    from cxdesk.bureau.summary import bureau_summary
    from cxdesk.services.setup import get_installation

    label = period_label or args.period or current_period_label()
    with opened_database(args) as db:
        with db.reading() as session:
            role = get_installation(session).role
        with db.transaction() as session:
            period = get_period(session, label)
            if role == "school":
                school = own_school(session)
                totals = school_figures(session, school=school, period=period)
                return Summary(period.label, school.code, school.name, totals, [])
            group_by = getattr(args, "by", None)
            if sections is not None:
                from cxdesk.bureau.excel_sections import summary_sections

                sections += summary_sections(session, period=period, group_by=group_by).sections()
            return bureau_summary(session, period=period, group_by=group_by)


def run_summary(args: argparse.Namespace) -> int:
    if getattr(args, "compare", None):
        return run_compare(args)
    sections: list[Any] = []
    summary = bureau_or_school_summary(
        args, sections=sections if getattr(args, "xlsx", None) else None
    )
    lang = current_language()
    if getattr(args, "xlsx", None):
        from pathlib import Path

        from cxdesk.bureau.excel import write_summary_xlsx

        write_summary_xlsx(
            Path(args.xlsx),
            summary,
            group_by=getattr(args, "by", None),
            lang=lang,
            sections=sections,
        )
    if args.json:
        print_json(summary.to_json())
        return 0
    print(f"{summary.scope_name}{in_parentheses(summary.scope_code, lang)}  {summary.period}")
    for key in FIGURE_KEYS:
        label = FIGURE_LABELS[key][1 if lang == "en" else 0]
        value = summary.totals[key]
        if key == "training_person_times":
            value = LIST_SEPARATOR.render(lang).join(
                f"{TRAINING_LEVELS.label(k, lang)} {v}" for k, v in value.items()
            )
        print(f"  {label}{colon(lang)}{'—' if value is None else value}")
    if summary.people is not None:
        print(PEOPLE_LINE.render(None, **summary.people))
    for row in summary.rows:
        print(
            f"  [{row['code']}] {row['name']}{colon(lang)}{row['schools_reported']}/"
            f"{'—' if row['schools_expected'] is None else row['schools_expected']}  "
            f"{FIGURE_LABELS['counselors'][1 if lang == 'en' else 0]} {row['counselors']}"
        )
    return 0


def run_compare(args: argparse.Namespace) -> int:
    """``summary --compare BASE``: two periods side by side, with the change of each figure."""
    from cxdesk.bureau.compare import COMPARED_KEYS, compare_summaries, figure_label

    group_by = getattr(args, "by", None)
    now = bureau_or_school_summary(args)
    base = bureau_or_school_summary(args, args.compare)
    comparison = compare_summaries(now, base, group_by=group_by)
    lang = current_language()
    if getattr(args, "xlsx", None):
        from pathlib import Path

        from cxdesk.bureau.compare_excel import write_comparison_xlsx

        write_comparison_xlsx(Path(args.xlsx), comparison, lang=lang)
    if args.json:
        print_json(comparison.to_json())
        return 0
    print(f"{comparison.scope_name} ({comparison.scope_code})  {base.period} → {now.period}")
    for row in [comparison.totals, *comparison.rows]:
        if row is not comparison.totals:
            print(f"[{row.code}] {row.name}")
        for key in COMPARED_KEYS:
            before, after, delta = row.values(key)
            if before is None and after is None:
                continue
            shown = "" if delta is None else f"  ({'+' if delta > 0 else ''}{delta})"
            print(f"  {figure_label(key, lang)}: {_dash(before)} → {_dash(after)}{shown}")
    return 0


def _dash(value: Any) -> str:
    return "—" if value is None else str(value)
