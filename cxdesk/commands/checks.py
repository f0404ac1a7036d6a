"""``cxdesk check``: run the rules over the school's data."""

from __future__ import annotations

import argparse
from typing import Any

from cxdesk.checks.engine import TABLE_LABELS
from cxdesk.commands.base import add_command, opened_database, print_json
from cxdesk.i18n import Text, current_language
from cxdesk.services.period_label import current_period_label
from cxdesk.services.periods import get_period
from cxdesk.services.school_checks import check_school, left_out_notes
from cxdesk.services.setup import own_school

SUMMARY_LINE = Text(
    "{hard} 个逻辑错误（必须修正），{soft} 个经验校验问题（其中 {kept} 个已填写说明保留）",
    "{hard} hard findings (to fix), {soft} soft findings ({kept} kept with an explanation)",
)
HARD = Text("错误", "hard")
SOFT = Text("提示", "soft")
KEPT = Text("已说明：{text}", "explained: {text}")
NOTE = Text("[注意] {text}", "[note] {text}")


def register(commands: Any, common: argparse.ArgumentParser) -> None:
    parser = add_command(commands, common, "check", "数据检查 / run the checks")
    parser.add_argument("--period", help="期次，默认今年 / period, default this year")
    parser.add_argument("--json", action="store_true", help="JSON 输出 / JSON output")
    parser.set_defaults(handler=run_check)


def run_check(args: argparse.Namespace) -> int:
    lang = current_language()
    with opened_database(args) as db, db.transaction() as session:
        school = own_school(session)
        period = get_period(session, args.period or current_period_label())
        findings = check_school(session, school=school, period=period)
        notes = left_out_notes(session, school=school, period=period)
    hard = [f for f in findings if f.severity == "hard"]
    soft = [f for f in findings if f.severity == "soft"]
    kept = [f for f in soft if not f.open]
    if args.json:
        print_json(
            {
                "period": period.label,
                "school": school.code,
                "hard": len(hard),
                "soft": len(soft),
                "open": sum(f.open for f in findings),
                "findings": [f.to_json(lang) for f in findings],
                "notes": [n.render(lang) for n in notes],
            }
        )
    else:
        for f in findings:
            table = TABLE_LABELS[f.table_name][1 if lang == "en" else 0]
            kind = (HARD if f.severity == "hard" else SOFT).render()
            line = f"[{kind} {f.rule_id}] {table}「{f.record_label}」: {f.message.render()}"
            if f.explanation:
                line += f"  ({KEPT.render(text=f.explanation)})"
            print(line)
        for note in notes:
            print(NOTE.render(text=note.render()))
        print(SUMMARY_LINE.render(hard=len(hard), soft=len(soft), kept=len(kept)))
    return 1 if any(f.open for f in findings) else 0
