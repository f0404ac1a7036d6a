"""The command line: ``cxdesk COMMAND [options]``.

Exit codes: 0 success, 1 findings (checks), 2 usage or input error.  Every command but
``gui`` runs without a display and without importing Qt.  Messages are Chinese unless
``--lang en`` is given.  Each command lives in a module of :mod:`cxdesk.commands` that
registers its parser and handler.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import sys
from collections.abc import Sequence
from typing import NoReturn

from cxdesk import __version__
from cxdesk.errors import UserError
from cxdesk.i18n import Text, set_language
from cxdesk.logs import setup_logging

#: The modules of cxdesk.commands, in the order their commands are listed in --help.
COMMAND_MODULES = (
    "gui",
    "setup",
    "workbook",
    "checks",
    "records",
    "summary",
    "standards",
    "demo",
    "backup",
    "bureau",
    "report",
    "trust",
    "keys",
    "changes",
)

#: Which module of cxdesk.commands registers each command, so that a command imports its
#: own module only: a light command (``trust list``, ``board``) starts in a fraction of a
#: second.  A command missing here still works (every module is imported, as for ``--help``);
#: tests/cli/test_light_start.py keeps the list complete.
COMMAND_HOMES = {
    "gui": "gui",
    "init": "setup",
    "template": "workbook",
    "import-xlsx": "workbook",
    "check": "checks",
    "explain": "records",
    "delete": "records",
    "changes": "changes",
    "standards": "standards",
    "compliance": "standards",
    "explain-figure": "standards",
    "summary": "summary",
    "demo": "demo",
    "backup": "backup",
    "collect": "bureau",
    "held": "bureau",
    "register": "bureau",
    "board": "bureau",
    "review": "bureau",
    "county-export": "bureau",
    "export": "report",
    "verify": "report",
    "receive": "report",
    "outbox": "report",
    "trust": "trust",
    "key": "keys",
}
#: Options of cxdesk itself that take a value (skipped when looking for the command).
_VALUED_OPTIONS = ("--db", "--lang")

INTERNAL_ERROR = Text(
    "程序内部错误：{error}。数据未受影响。请把此信息告诉技术支持（设置 CXDESK_DEBUG=1 可显示详情）。",
    "Internal error: {error}. Your data is unaffected. Please report this message "
    "(set CXDESK_DEBUG=1 for details).",
)
USAGE_ERROR = Text("命令用法有误：{error}", "Wrong use of the command: {error}")


class ArgumentParser(argparse.ArgumentParser):
    """argparse, but usage errors are said in the user's language with exit code 2."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        print(USAGE_ERROR(error=message).render(), file=sys.stderr)
        raise SystemExit(2)


def _common_options() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--db",
        metavar="PATH|URL",
        default=argparse.SUPPRESS,
        help="database file (default: cxdesk.db in the user data folder), or for a bureau a "
        "PostgreSQL server: postgresql+psycopg://user@host/db / 数据库文件或服务器地址",
    )
    common.add_argument(
        "--lang",
        choices=("zh", "en"),
        default=argparse.SUPPRESS,
        help="language of messages (default zh) / 提示语言",
    )
    return common


def build_parser(command: str | None = None) -> ArgumentParser:
    """The parser of every command, or of ``command`` only when its module is known."""
    common = _common_options()
    parser = ArgumentParser(
        prog="cxdesk",
        description="cxdesk — 楚雄州中小学心理健康教育教师配备情况填报 / "
        "psychological-health education staffing reports",
        parents=[common],
    )
    parser.add_argument("--version", action="version", version=f"cxdesk {__version__}")
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="检查本机安装是否完好 / check that this installation works",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=ArgumentParser)
    home = COMMAND_HOMES.get(command or "")
    for name in (home,) if home else COMMAND_MODULES:
        module = importlib.import_module(f"cxdesk.commands.{name}")
        module.register(commands, common)
    return parser


def _without_command(argv: Sequence[str]) -> argparse.Namespace | None:
    """The options of a start without a command (a double-click: the desktop app, or
    ``--self-test``), parsed without importing every command module, which costs most of
    a second of the app's start-up (shipping, issue 6).  None when there is a command."""
    if any(arg in ("-h", "--help", "--version") for arg in argv):
        return None
    parser = ArgumentParser(prog="cxdesk", parents=[_common_options()], add_help=False)
    parser.add_argument("--self-test", action="store_true")
    args, rest = parser.parse_known_args(argv)
    if rest:
        return None
    args.command = None
    return args


def command_word(argv: Sequence[str]) -> str | None:
    """The command ``argv`` names (its first word that is not an option), if any."""
    skip = False
    for arg in argv:
        if skip:
            skip = False
        elif arg in _VALUED_OPTIONS:
            skip = True
        elif not arg.startswith("-"):
            return arg
    return None


def _language_asked(argv: Sequence[str]) -> str:
    """The ``--lang`` of ``argv``, read before parsing so usage errors are in that language."""
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv) and argv[i + 1] in ("zh", "en"):
            return argv[i + 1]
        if arg in ("--lang=zh", "--lang=en"):
            return arg.removeprefix("--lang=")
    return "zh"


def _one_line(exc: BaseException, limit: int = 300) -> str:
    """An exception as one short line: SQL errors, for one, run over many lines."""
    lines = str(exc).strip().splitlines()
    text = f"{type(exc).__name__}: {lines[0] if lines else ''}".strip()
    return text if len(text) <= limit else text[: limit - 1] + "…"


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    set_language(_language_asked(argv))
    command = command_word(argv)
    if command is None and "--version" in argv and not {"-h", "--help"} & set(argv):
        print(f"cxdesk {__version__}")  # what argparse's version action prints
        return 0
    args = _without_command(argv) or build_parser(command).parse_args(argv)
    set_language(getattr(args, "lang", None) or "zh")
    setup_logging()
    if args.self_test:
        from cxdesk.selftest import run_self_test

        return run_self_test()
    if args.command is None:
        from cxdesk.commands.gui import run_gui

        return run_gui(args)
    try:
        return int(args.handler(args))
    except UserError as exc:
        print(exc.render(), file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        return 130
    except Exception as exc:
        logging.getLogger("cxdesk").exception("internal error in %s", args.command)
        if os.environ.get("CXDESK_DEBUG"):
            raise
        print(INTERNAL_ERROR(error=_one_line(exc)).render(), file=sys.stderr)
        return 3
    finally:
        from cxdesk.commands.base import close_databases

        close_databases()  # a server sees the connections end cleanly (issue 8)
