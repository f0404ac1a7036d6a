"""``cxdesk summary``: the figures of domain.md for the school (bureaus: for their scope)."""

from __future__ import annotations

import argparse
from typing import Any

from cxdesk.commands.base import add_command, database, print_json
from cxdesk.figures import FIGURE_KEYS, FIGURE_LABELS, Summary, school_figures
from cxdesk.i18n import Text, current_language
from cxdesk.reference import TRAINING_LEVELS
from cxdesk.services.periods import current_period_label, get_period
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
    parser.set_defaults(handler=run_summary)


def bureau_or_school_summary(
    args: argparse.Namespace, sections: list[Any] | None = None
) -> Summary:
    """A bureau's summary of its scope (with ``--by``), or the school's own figures.

    A bureau's extra Excel sheets (compliance, packages, people) are put in ``sections``.
    """
    from cxdesk.bureau.summary import bureau_summary
    from cxdesk.services.setup import get_installation

    db = database(args)
    try:
        with db.reading() as session:
            role = get_installation(session).role
        if role == "school":
            return school_summary(args)
        with db.transaction() as session:
            period = get_period(session, args.period or current_period_label())
            group_by = getattr(args, "by", None)
            if sections is not None:
                from cxdesk.bureau.excel_sections import summary_sections

                sections += summary_sections(session, period=period, group_by=group_by).sections()
            return bureau_summary(session, period=period, group_by=group_by)
    finally:
        db.close()


def school_summary(args: argparse.Namespace) -> Summary:
    db = database(args)
    with db.transaction() as session:
        school = own_school(session)
        period = get_period(session, args.period or current_period_label())
        totals = school_figures(session, school=school, period=period)
        summary = Summary(period.label, school.code, school.name, totals, [])
    db.close()
    return summary


def run_summary(args: argparse.Namespace) -> int:
    sections: list[Any] = []
    summary = bureau_or_school_summary(args, sections if getattr(args, "xlsx", None) else None)
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
    print(f"{summary.scope_name} ({summary.scope_code})  {summary.period}")
    for key in FIGURE_KEYS:
        label = FIGURE_LABELS[key][1 if lang == "en" else 0]
        value = summary.totals[key]
        if key == "training_person_times":
            value = ", ".join(f"{TRAINING_LEVELS.label(k, lang)} {v}" for k, v in value.items())
        print(f"  {label}: {'—' if value is None else value}")
    if summary.people is not None:
        print(PEOPLE_LINE.render(None, **summary.people))
    for row in summary.rows:
        print(
            f"  [{row['code']}] {row['name']}: {row['schools_reported']}/"
            f"{'—' if row['schools_expected'] is None else row['schools_expected']}  "
            f"{FIGURE_LABELS['counselors'][1 if lang == 'en' else 0]} {row['counselors']}"
        )
    return 0
