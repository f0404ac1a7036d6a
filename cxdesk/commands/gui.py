"""``cxdesk gui``: the desktop app (the only command that imports Qt)."""

from __future__ import annotations

import argparse
from typing import Any

from cxdesk.commands.base import add_command


def register(commands: Any, common: argparse.ArgumentParser) -> None:
    parser = add_command(commands, common, "gui", "启动桌面程序 / start the desktop app")
    parser.set_defaults(handler=run_gui)


def run_gui(args: argparse.Namespace) -> int:
    from cxdesk.ui.desktop import run

    return run(db_path=getattr(args, "db", None), lang=getattr(args, "lang", None))
