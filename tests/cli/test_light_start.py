"""Light commands start without importing what they do not use (issue 16).

Each command runs in a fresh interpreter, exactly as ``cxdesk ...`` starts, and reports the
modules it has imported by the end.  The same harness run on a command that does use a
heavy module sees it: the test cannot pass because the harness is blind.  Time is measured
by the benchmarks (``python -m benchmarks --only startup``), never here.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

import pytest

from cxdesk.cli import COMMAND_HOMES, COMMAND_MODULES, build_parser, command_word

ROOT = Path(__file__).resolve().parents[2]
#: Modules a light command has no use for.
HEAVY = (
    "openpyxl",  # writing workbooks
    "python_calamine",  # reading them
    "alembic",  # migrations, imported only when one is due
    "PySide6",  # the desktop app
    "sqlalchemy.dialects.postgresql",  # a server's dialect, for a SQLite file
    "cxdesk.workbook.plan",
)
#: Nor does a command that touches no package (see below for the others).
NO_PACKAGES = ("cryptography", "cxdesk.exchange", "cxdesk.checks.engine", "cxdesk.bureau.intake")
#: ``trust list`` and ``held list`` show fingerprints (cxdesk.exchange.fingerprints) read
#: from the trust registry (cxdesk.exchange.trust_list): nothing that writes, verifies,
#: opens or takes in a package.
NO_PACKAGE_WORK = (
    "cxdesk.exchange.export",
    "cxdesk.exchange.verify",
    "cxdesk.exchange.encryption",
    "cxdesk.exchange.bureau_keyfile",
    "cxdesk.exchange.replies",
    "cxdesk.checks.engine",
    "cxdesk.bureau.intake",
    "cxdesk.bureau.collect",
    "cxdesk.bureau.held",
    "cxdesk.figures",
)
#: A listing of an up-to-date SQLite file reads it with sqlite3 (cxdesk.storage.light_read):
#: no SQLAlchemy, no models, no signing (issue 16).
NO_ORM = ("sqlalchemy", "cxdesk.models", "cxdesk.storage.db", "cryptography")
#: The light commands, and what else each must not import.
LIGHT = {
    "--version": ("sqlalchemy", "cxdesk.storage.db", *NO_PACKAGES),
    "board": (*NO_ORM, *NO_PACKAGES),
    "trust list": (*NO_ORM, *NO_PACKAGE_WORK),
    "held list": (*NO_ORM, *NO_PACKAGE_WORK),
}

_PROBE = """
import json, sys
from cxdesk.cli import main
code = main(sys.argv[2:])
wanted = json.loads(sys.argv[1])
seen = sorted(w for w in wanted if any(m == w or m.startswith(w + ".") for m in sys.modules))
print("\\nIMPORTED " + json.dumps({"code": code, "seen": seen}))
"""


def _imported(args: list[str], wanted: tuple[str, ...], cwd: Path) -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, "-c", _PROBE, json.dumps(wanted), *args],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=cwd,
        env={**_env(), "PYTHONPATH": str(ROOT)},
    )
    line = next(x for x in done.stdout.splitlines()[::-1] if x.startswith("IMPORTED "))
    result: dict[str, object] = json.loads(line.removeprefix("IMPORTED "))
    return result


def _env() -> dict[str, str]:
    import os

    return {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}


@pytest.fixture(scope="module")
def bureau(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A county bureau's database, made (and migrated) before any light command runs."""
    folder = tmp_path_factory.mktemp("light")
    db = folder / "county.db"
    result = _imported(["init", "county", "--county", "532301", "--db", str(db)], (), folder)
    assert result["code"] == 0
    return db


@pytest.mark.parametrize("command", list(LIGHT))
def test_a_light_command_imports_nothing_heavy(command: str, bureau: Path) -> None:
    wanted = HEAVY + LIGHT[command]
    result = _imported([*command.split(), "--db", str(bureau)], wanted, bureau.parent)
    assert result == {"code": 0, "seen": []}


@pytest.mark.parametrize(
    ("args", "module"),
    [
        (["template", "{dir}/t.xlsx"], "openpyxl"),
        (
            ["import-xlsx", "{dir}/t.xlsx", "--dry-run", "--db", "{dir}/school.db"],
            "python_calamine",
        ),
        (["board", "--db", "{dir}/new.db"], "alembic"),  # a new file: its schema is made
        (["trust", "list", "--db", "{dir}/new2.db"], "sqlalchemy"),  # made the normal way
        (["key", "show"], "cryptography"),
        (["trust", "list"], "cxdesk.exchange"),
    ],
)
def test_the_probe_sees_a_heavy_module_when_it_is_used(
    args: list[str], module: str, bureau: Path, tmp_path: Path
) -> None:
    school = tmp_path / "school.db"
    init = ["init", "school", "--code", "2153230001", "--name", "鹿城小学", "--county", "532301"]
    assert _imported([*init, "--kind", "primary", "--db", str(school)], (), tmp_path)["code"] == 0
    filled = [a.format(dir=tmp_path) for a in args]
    if "--db" not in filled:
        filled += ["--db", str(bureau if args[0] in ("trust",) else school)]
    if args[0] == "import-xlsx":
        assert _imported(["template", str(tmp_path / "t.xlsx"), "--db", str(school)], (), tmp_path)
    result = _imported(filled, (module,), tmp_path)
    assert result["seen"] == [module], result


def _subcommands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(action.choices)


def test_every_command_is_found_in_its_own_module() -> None:
    everything = _subcommands(build_parser())
    assert sorted(everything) == sorted(COMMAND_HOMES), (
        "add each new command to cxdesk.cli.COMMAND_HOMES with the module that registers it"
    )
    assert set(COMMAND_HOMES.values()) <= set(COMMAND_MODULES)
    for name, parser in everything.items():
        alone = _subcommands(build_parser(name))
        assert list(alone) == [name] or name in alone, name
        assert alone[name].format_help() == parser.format_help(), name


@pytest.mark.parametrize(
    ("argv", "word"),
    [
        (["--db", "x.db", "board"], "board"),
        (["--lang", "en", "trust", "list"], "trust"),
        (["--db=x.db", "held", "list", "--json"], "held"),
        (["--version"], None),
        (["--db", "board"], None),  # "board" is the file here, not a command
    ],
)
def test_the_command_word(argv: list[str], word: str | None) -> None:
    assert command_word(argv) == word


def test_an_import_reads_without_openpyxl(tmp_path: Path) -> None:
    """openpyxl writes workbooks; reading one (python-calamine) does not import it."""
    school = tmp_path / "school.db"
    init = ["init", "school", "--code", "2153230001", "--name", "鹿城小学", "--county", "532301"]
    assert _imported([*init, "--kind", "primary", "--db", str(school)], (), tmp_path)["code"] == 0
    template = str(tmp_path / "t.xlsx")
    assert _imported(["template", template, "--db", str(school)], (), tmp_path)["code"] == 0
    result = _imported(["import-xlsx", template, "--db", str(school)], ("openpyxl",), tmp_path)
    assert result == {"code": 0, "seen": []}
