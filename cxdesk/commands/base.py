"""What the command modules share: opening the database, printing JSON."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from cxdesk.backup import daily_backup
from cxdesk.db import Database, open_database


def database(args: argparse.Namespace) -> Database:
    """The database of ``--db``, or the default one in the user data folder."""
    path = getattr(args, "db", None)
    db = open_database(Path(path) if path else None)
    daily_backup(db.path)  # first use of the day: a backup (issue 6, cxdesk/backup.py)
    return db


def print_json(value: Any) -> None:
    json.dump(value, sys.stdout, ensure_ascii=False, indent=2, default=str)
    sys.stdout.write("\n")


def add_command(
    commands: Any, common: argparse.ArgumentParser, name: str, help_text: str
) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = commands.add_parser(
        name, help=help_text, description=help_text, parents=[common]
    )
    return parser
