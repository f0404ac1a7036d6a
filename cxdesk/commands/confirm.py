"""Asking before a command removes records or changes a period the bureau accepted.

At a terminal the question is asked (y/N); in a script, where nobody can answer, the
command does nothing unless ``--yes`` was given, and says so.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import TypeVar

from sqlalchemy.orm import Session

from cxdesk.i18n import Message, Text
from cxdesk.services.period_lock import affected_periods, describe
from cxdesk.storage.db import Database

T = TypeVar("T")

QUESTION = Text(
    "确认执行吗？输入 y 确认，其他任意键取消：",
    "Go ahead? Type y to confirm, anything else to cancel: ",
)
NEEDS_YES = Text(
    "没有执行任何修改：不在终端中运行时，请加 --yes 表示确认。",
    "Nothing was changed: when not run at a terminal, add --yes to confirm.",
)
CANCELLED = Text("已取消，没有执行任何修改。", "Cancelled; nothing was changed.")
YES_HELP = "不再询问，直接执行 / do it without asking"


def _say(args: argparse.Namespace, warnings: list[Message]) -> None:
    """The warnings, on stderr when stdout carries JSON."""
    stream = sys.stderr if getattr(args, "json", False) else sys.stdout
    for warning in warnings:
        print(warning.render(), file=stream)


def add_yes_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--yes", "-y", action="store_true", help=YES_HELP)


def confirmed(args: argparse.Namespace, warnings: list[Message]) -> bool:
    """Print ``warnings``; True when ``--yes`` was given or the user typed y."""
    _say(args, warnings)
    if getattr(args, "yes", False):
        return True
    if not sys.stdin.isatty():
        print(NEEDS_YES.render(), file=sys.stderr)
        return False
    try:
        answer = input(QUESTION.render())
    except EOFError:
        answer = ""
    if answer.strip().lower() in ("y", "yes", "是"):
        return True
    print(CANCELLED.render(), file=sys.stderr)
    return False


class _Ask(Exception):
    def __init__(self, warnings: list[Message]) -> None:
        super().__init__("confirmation needed")
        self.warnings = warnings


def run_confirmed(
    db: Database,
    args: argparse.Namespace,
    change: Callable[[Session], T],
    *,
    warnings: Callable[[T], list[Message]] = lambda _result: [],
    preview: Callable[[T], None] = lambda _result: None,
) -> T | None:
    """Make ``change`` in one transaction, asking first when it needs a yes.

    It needs one when ``warnings(result)`` says something (records removed, ...) or when
    it alters a period the bureau has accepted (:mod:`cxdesk.services.period_lock`).  The
    change is tried, shown with ``preview`` and rolled back; after a yes it is made again.
    Returns its result, or None when it was not confirmed (``change`` never returns None).
    """
    try:
        with db.transaction() as session:
            result, affected = affected_periods(session, change)
            said = warnings(result) + ([describe(affected)] if affected else [])
            if not said:
                return result
            if getattr(args, "yes", False):
                _say(args, said)
                return result
            preview(result)
            raise _Ask(said)
    except _Ask as ask:
        if not confirmed(args, ask.warnings):
            return None
    with db.transaction() as session:
        return change(session)
