"""``cxdesk summary``: the figures of domain.md for the school (bureaus: for their scope)."""

from __future__ import annotations

import argparse
from typing import Any

from cxdesk.commands.base import add_command, database, print_json
from cxdesk.figures import FIGURE_KEYS, FIGURE_LABELS, Summary, school_figures
from cxdesk.i18n import LIST_SEPARATOR, colon, current_language, in_parentheses
from cxdesk.reference import TRAINING_LEVELS
from cxdesk.services.periods import current_period_label, get_period
from cxdesk.services.setup import own_school


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


def bureau_or_school_summary(args: argparse.Namespace) -> Summary:
    """A bureau's summary of its scope (with ``--by``), or the school's own figures."""
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
            return bureau_summary(session, period=period, group_by=getattr(args, "by", None))
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
    summary = bureau_or_school_summary(args)
    lang = current_language()
    if getattr(args, "xlsx", None):
        from pathlib import Path

        from cxdesk.bureau.excel import write_summary_xlsx

        write_summary_xlsx(Path(args.xlsx), summary, group_by=getattr(args, "by", None), lang=lang)
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
    for row in summary.rows:
        print(
            f"  [{row['code']}] {row['name']}{colon(lang)}{row['schools_reported']}/"
            f"{'—' if row['schools_expected'] is None else row['schools_expected']}  "
            f"{FIGURE_LABELS['counselors'][1 if lang == 'en' else 0]} {row['counselors']}"
        )
    return 0
