"""Keeping the Qt translations up to date: ``python -m cxdesk.ui.shell.i18n_tools update|compile``.

* ``update`` runs ``pyside6-lupdate`` over every ``.py`` file of ``cxdesk/ui`` and refreshes
  ``resources/i18n/cxdesk_zh_CN.ts`` (new strings appear unfinished; translate them in the
  .ts, e.g. with ``pyside6-linguist``, or by editing the XML).
* ``compile`` runs ``pyside6-lrelease`` to write ``cxdesk/ui/i18n/cxdesk_zh_CN.qm``, the file
  the app loads and ``pip install`` ships.
* ``fill FILE.tsv`` writes translations from lines ``context<TAB>English<TAB>中文`` into
  the .ts (handy for many strings at once; ``\\n`` in the TSV stands for a line break).
* ``check`` lists strings without a translation and says whether the .qm is stale (the
  test suite runs the same check).

Run ``update``, translate, then ``compile`` after adding or changing any ``tr()`` string.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

# The whole desktop app (every wing) is scanned; the .qm ships in cxdesk/ui/i18n/.
UI_DIR = Path(__file__).resolve().parent.parent
REPO_DIR = UI_DIR.parent.parent
TS_FILE = REPO_DIR / "resources" / "i18n" / "cxdesk_zh_CN.ts"
QM_FILE = UI_DIR / "i18n" / "cxdesk_zh_CN.qm"


def _tool(name: str) -> str:
    """The PySide6 tool next to this Python (the venv's), else on PATH."""
    beside = Path(sys.executable).parent / name
    if beside.exists():
        return str(beside)
    found = shutil.which(name)
    if found is None:
        raise SystemExit(f"{name} not found: install PySide6 in this environment")
    return found


def sources() -> list[Path]:
    return sorted(p for p in UI_DIR.rglob("*.py") if "__pycache__" not in p.parts)


def update(ts_file: Path = TS_FILE) -> None:
    """Bring ``ts_file`` in line with the ``tr()`` strings of the sources."""
    ts_file.parent.mkdir(parents=True, exist_ok=True)
    files = [str(p.relative_to(REPO_DIR)) for p in sources()]
    subprocess.run(
        [
            _tool("pyside6-lupdate"),
            "-silent",
            "-no-obsolete",
            "-locations",
            "none",
            *files,
            "-ts",
            str(ts_file),
        ],
        check=True,
        cwd=REPO_DIR,
    )


def compile_qm(target: Path = QM_FILE) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [_tool("pyside6-lrelease"), "-silent", str(TS_FILE), "-qm", str(target)], check=True
    )


@dataclass(frozen=True)
class Untranslated:
    context: str
    source: str


def untranslated(ts_file: Path = TS_FILE) -> list[Untranslated]:
    """Messages of the .ts without a finished Chinese translation."""
    missing = []
    for context in ET.parse(ts_file).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            if (
                translation is None
                or translation.get("type") in ("unfinished", "vanished", "obsolete")
                or not (translation.text or "").strip()
            ):
                if translation is not None and translation.get("type") in ("vanished", "obsolete"):
                    continue
                missing.append(Untranslated(name, message.findtext("source") or ""))
    return missing


def fill(tsv: Path, ts_file: Path = TS_FILE) -> int:
    """Set the translations listed in ``tsv``; returns how many messages were filled."""
    wanted: dict[tuple[str, str], str] = {}
    for line in tsv.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        context, source, translation = line.split("\t")
        wanted[(context, source.replace("\\n", "\n"))] = translation.replace("\\n", "\n")
    tree: ET.ElementTree[ET.Element[str]] = ET.parse(ts_file)
    filled = 0
    for context_node in tree.getroot().iter("context"):
        name = context_node.findtext("name") or ""
        for message in context_node.iter("message"):
            key = (name, message.findtext("source") or "")
            if key in wanted:
                node = message.find("translation")
                if node is None:
                    node = ET.SubElement(message, "translation")
                node.text = wanted[key]
                node.attrib.pop("type", None)
                filled += 1
    _write_ts(tree, ts_file)
    return filled


def _write_ts(tree: ET.ElementTree[ET.Element[str]], ts_file: Path) -> None:
    ET.indent(tree, space="    ")
    body = ET.tostring(tree.getroot(), encoding="unicode")
    ts_file.write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n", encoding="utf-8"
    )


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    command = args[0] if args else ""
    if command == "update":
        update()
        print(f"updated {TS_FILE}; untranslated: {len(untranslated())}")
    elif command == "compile":
        compile_qm()
        print(f"wrote {QM_FILE}")
    elif command == "fill" and len(args) == 2:
        print(f"filled {fill(Path(args[1]))} translations")
    elif command == "check":
        missing = untranslated()
        for item in missing:
            print(f"untranslated [{item.context}] {item.source}")
        return 1 if missing else 0
    else:
        print(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
