"""``cxdesk changes``: what changed since the last package the school sent."""

from __future__ import annotations

import argparse
from typing import Any

from cxdesk.commands.base import add_command, database, print_json
from cxdesk.exchange.changes import changes_since_last_package
from cxdesk.exchange.export import outbox_dir
from cxdesk.i18n import Text, current_language
from cxdesk.services.period_label import current_period_label

FIRST = Text(
    "{period} 期次：本校还没有发送过上报包，没有可比较的。",
    "{period}: this school has sent no package yet; there is nothing to compare with.",
)
SINCE = Text(
    "{period} 期次：与上次发送的上报包（{base} 期次第 {sequence} 次，{file}）相比：",
    "{period}: compared with the last package sent ({base}, no. {sequence}, {file}):",
)
SAME = Text("没有变化。", "Nothing changed.")


def register(commands: Any, common: argparse.ArgumentParser) -> None:
    parser = add_command(
        commands,
        common,
        "changes",
        "与上次上报相比的变化 / what changed since the last package sent",
    )
    parser.add_argument("--period", help="期次，默认今年 / period, default this year")
    parser.add_argument("--json", action="store_true", help="JSON 输出 / JSON output")
    parser.set_defaults(handler=run_changes)


def run_changes(args: argparse.Namespace) -> int:
    db = database(args)
    lang = current_language()
    with db.transaction() as session:  # the period may be created
        changes = changes_since_last_package(
            session,
            period_label=args.period or current_period_label(),
            outbox=outbox_dir(db.path),
        )
    if args.json:
        print_json(changes.to_json(lang))
        return 0
    if changes.first:
        print(FIRST.render(period=changes.period))
        return 0
    print(
        SINCE.render(
            period=changes.period,
            base=changes.base_period,
            sequence=f"{changes.base_sequence:03d}",
            file=changes.base_file,
        )
    )
    lines = changes.lines(lang)
    for line in lines:
        print(f"  {line}")
    if not lines:
        print(f"  {SAME.render()}")
    return 0
