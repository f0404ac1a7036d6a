"""``cxdesk backup list|create|restore``: the program's backups, from the command line.

These work on the file itself, without opening it as a database: they must work when the
database is damaged, which is exactly when someone needs them.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from cxdesk.commands.base import add_command, print_json
from cxdesk.errors import InputError
from cxdesk.i18n import Text
from cxdesk.paths import default_db_path
from cxdesk.storage.backup import Backup, create_backup, latest_good_backup, list_backups
from cxdesk.storage.restore import restore_backup

KINDS = {
    "daily": Text("每日", "daily"),
    "manual": Text("手动", "manual"),
    "damaged": Text("损坏的原文件", "damaged file set aside"),
    "operation": Text("操作前", "before an operation"),
}
HEADER = Text(
    "编号  时间              类型          大小      文件",
    "no.   taken             kind          size      file",
)
NONE_YET = Text("还没有备份（{folder}）", "There are no backups yet ({folder})")
CREATED = Text("已备份到 {path}", "Backed up to {path}")
RESTORED = Text("已从 {source} 恢复数据到 {path}", "Restored {path} from {source}")
PREVIOUS_SAVED = Text("恢复前的文件已另存为 {path}", "The file as it was before is kept as {path}")
NO_GOOD_BACKUP = Text(
    "没有找到完好的备份。请指定备份文件：cxdesk backup restore 文件路径",
    "No good backup was found. Name a backup file: cxdesk backup restore PATH",
)
NO_NUMBER = Text(
    "没有编号为 {number} 的备份；用 cxdesk backup list 查看编号",
    "There is no backup number {number}; see cxdesk backup list",
)


def register(commands: Any, common: argparse.ArgumentParser) -> None:
    parser = add_command(commands, common, "backup", "备份与恢复 / backups and restore")
    actions = parser.add_subparsers(
        dest="action", metavar="ACTION", required=True, parser_class=type(parser)
    )
    listing = actions.add_parser("list", help="列出备份 / list the backups", parents=[common])
    listing.add_argument("--json", action="store_true", help="JSON 输出 / JSON output")
    listing.set_defaults(handler=run_list)
    create = actions.add_parser("create", help="立即备份 / back up now", parents=[common])
    create.add_argument(
        "--to",
        metavar="DIR",
        type=Path,
        help="备份到指定文件夹（如 U 盘）/ back up into this folder (a USB stick)",
    )
    create.set_defaults(handler=run_create)
    restore = actions.add_parser(
        "restore",
        help="从备份恢复（当前文件先另存）/ restore a backup (the current file is kept first)",
        parents=[common],
    )
    restore.add_argument(
        "backup",
        nargs="?",
        help="备份编号（见 list）或文件路径；默认最近一份完好的备份 / "
        "number from list, or a file; default the latest good backup",
    )
    restore.set_defaults(handler=run_restore)


def _db_path(args: argparse.Namespace) -> Path:
    from cxdesk.storage.dburl import ServerAddress, parse_target

    target = parse_target(getattr(args, "db", None))
    if isinstance(target, ServerAddress):  # issue 8: a server is backed up with pg_dump
        from cxdesk.storage.server.backup import refuse_file_backup

        raise refuse_file_backup(target)
    return target or default_db_path()


def _size(size: int) -> str:
    return f"{size / 1024:.0f} KB" if size < 1024 * 1024 else f"{size / 1024 / 1024:.1f} MB"


def run_list(args: argparse.Namespace) -> int:
    db_path = _db_path(args)
    backups = list_backups(db_path)
    if args.json:
        print_json(
            [
                {
                    "number": n,
                    "taken_at": b.taken_at.isoformat(timespec="seconds"),
                    "reason": b.reason,
                    "kind": b.kind,
                    "size": b.size,
                    "path": str(b.path),
                }
                for n, b in enumerate(backups, 1)
            ]
        )
        return 0
    if not backups:
        print(NONE_YET.render(folder=db_path.parent / "backups"))
        return 0
    print(HEADER.render())
    for n, b in enumerate(backups, 1):
        when = b.taken_at.strftime("%Y-%m-%d %H:%M")
        kind = KINDS[b.kind].render()
        print(f"{n:<5} {when:<17} {kind:<12}  {_size(b.size):>8}  {b.path.name}")
    return 0


def run_create(args: argparse.Namespace) -> int:
    path = create_backup(_db_path(args), folder=args.to)
    print(CREATED.render(path=path))
    return 0


def _chosen_backup(db_path: Path, choice: str | None) -> Path:
    if choice is None:
        good: Backup | None = latest_good_backup(db_path)
        if good is None:
            raise InputError(NO_GOOD_BACKUP())
        return good.path
    if choice.isdigit() and not Path(choice).exists():
        backups = list_backups(db_path)
        number = int(choice)
        if not 1 <= number <= len(backups):
            raise InputError(NO_NUMBER(number=number))
        return backups[number - 1].path
    return Path(choice)


def run_restore(args: argparse.Namespace) -> int:
    db_path = _db_path(args)
    result = restore_backup(db_path, _chosen_backup(db_path, args.backup))
    print(RESTORED.render(source=result.restored_from, path=db_path))
    if result.previous_saved_as is not None:
        print(PREVIOUS_SAVED.render(path=result.previous_saved_as))
    return 0
