"""``cxdesk template`` and ``cxdesk import-xlsx``: the data-entry workbook."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from cxdesk.commands.base import add_command, database, opened_database, print_json
from cxdesk.commands.confirm import add_yes_option, confirmed
from cxdesk.i18n import Message, Text, current_language
from cxdesk.services.period_lock import describe
from cxdesk.workbook.import_plan import ImportPlan
from cxdesk.workbook.importing import WorkbookImport, import_workbook, preview_import
from cxdesk.workbook.layout import DATA_SHEETS

TEMPLATE_DONE = Text(
    "填报模板已保存到 {path}。填写后用 cxdesk import-xlsx {path} 导入。",
    "The template is saved as {path}. Fill it in, then import it with cxdesk import-xlsx {path}.",
)
PROBLEMS = Text(
    "表格有 {count} 处问题，没有导入任何数据。请改正后重新导入：",
    "The workbook has {count} problems; nothing was imported. Correct them and import again:",
)
DRY_RUN = Text("试导入（未保存）：", "Dry run (nothing stored):")
PREVIEW = Text("将要导入（尚未保存）：", "About to import (nothing stored yet):")
REMOVES = Text(
    "整表替换：将删除表格中没有的 {count} 条已有记录（见上面的“删除”行；已先备份）。",
    "Replacing everything: {count} stored records the workbook lacks will be removed (the "
    "lines marked remove above; a backup was taken first).",
)
IMPORTED = Text("已导入：", "Imported:")
NOTHING_NEW = Text(
    "表格与已有数据完全一致，没有需要保存的更改。",
    "The workbook matches the stored data; nothing to change.",
)
SHEET_COUNTS = Text(
    "  {sheet}：新增 {add}，更新 {update}，不变 {unchanged}，删除 {remove}",
    "  {sheet}: {add} added, {update} updated, {unchanged} unchanged, {remove} removed",
)
ACTIONS = {
    "add": Text("新增", "add"),
    "update": Text("更新", "update"),
    "remove": Text("删除", "remove"),
}
CHANGE_LINE = Text(
    "    [{action}] “{sheet}”{row}{label}{fields}", "    [{action}] {sheet}{row} {label}{fields}"
)
ROW = Text("第{row}行 ", " row {row}")
STANDARDS_TAKEN = Text(
    "  达标标准：采用{issuer}{date}下发的标准（启用 {count} 条）",
    "  Standards: those sent by {issuer} on {date} ({count} enabled)",
)
WITH_STANDARDS = Text(
    "模板中含本局的达标标准（启用 {count} 条），学校导入后即采用。",
    "The template carries this bureau's standards ({count} enabled); a school adopts them "
    "when it imports the workbook.",
)


def register(commands: Any, common: argparse.ArgumentParser) -> None:
    template = add_command(
        commands, common, "template", "生成数据填报表（Excel）/ write the data-entry workbook"
    )
    template.add_argument("out", metavar="OUT.xlsx", help="保存到 / file to write")
    template.set_defaults(handler=run_template)

    importer = add_command(
        commands, common, "import-xlsx", "导入填好的填报表 / import a filled-in workbook"
    )
    importer.add_argument("path", metavar="IN.xlsx", help="填好的表格 / the workbook")
    importer.add_argument(
        "--dry-run", action="store_true", help="只检查，不保存 / check only, store nothing"
    )
    importer.add_argument(
        "--replace",
        action="store_true",
        help="表格即本校全部数据：表中没有的已有记录将被删除（先列出、先备份）/ the workbook is "
        "the school's complete data: stored records it lacks are removed (listed first, "
        "after a backup)",
    )
    add_yes_option(importer)
    importer.add_argument("--json", action="store_true", help="JSON 输出 / JSON output")
    importer.set_defaults(handler=run_import)


def run_template(args: argparse.Namespace) -> int:
    from cxdesk.workbook import write_template  # openpyxl: only the template needs it

    path = Path(args.out)
    standards = installation_standards(args)
    write_template(path, standards=standards)
    print(TEMPLATE_DONE.render(path=path))
    if standards is not None:
        print(WITH_STANDARDS.render(count=sum(s.enabled for s in standards.standards)))
    return 0


def installation_standards(args: argparse.Namespace) -> Any:
    """A bureau's standard set for its template (None for a school or no database yet)."""
    from cxdesk.paths import default_db_path
    from cxdesk.services.setup import get_installation, is_initialized
    from cxdesk.standards.standard_set import current_set

    if getattr(args, "db", None) is None and not default_db_path().exists():
        return None  # a template needs no database: none is made for it
    db = database(args)
    with db.reading() as session:
        if not is_initialized(session) or get_installation(session).role == "school":
            return None
        return current_set(session)


def run_import(args: argparse.Namespace) -> int:
    path, replace = Path(args.path), args.replace
    with opened_database(args) as db:
        if args.dry_run:  # planning writes nothing: a read-only session
            plan = preview_import(db, path=path, replace=replace)
            _report(plan, args)
            return 0 if plan.ok else 2
        done = import_workbook(db, path=path, replace=replace, confirmed=args.yes)
        if done.needs_yes and not args.yes:
            if not args.json:
                _report(done.plan, args, heading=PREVIEW)
            if not confirmed(args, _warnings(done)):
                return 2
            done = import_workbook(db, path=path, replace=replace, confirmed=True)
        elif done.needs_yes:
            confirmed(args, _warnings(done))  # --yes: said, not asked
    _report(done.plan, args)
    return 0 if done.plan.ok else 2


def _warnings(done: WorkbookImport) -> list[Message]:
    """What an import asks about: the records it removes, the accepted periods it alters."""
    removals = [REMOVES(count=len(done.plan.removals))] if done.plan.removals else []
    return removals + ([describe(done.affected)] if done.affected else [])


def _report(plan: ImportPlan, args: argparse.Namespace, heading: Text | None = None) -> None:
    lang = current_language()
    if args.json:
        result = plan.to_json(lang)
        result["stored"] = plan.ok and not args.dry_run
        result["removed"] = [
            {"table": r.table, "id": r.record_id, "record": r.label} for r in plan.removals
        ]
        print_json(result)
        return
    if not plan.ok:
        print(PROBLEMS.render(count=len(plan.problems)))
        for problem in plan.problems:
            print("  " + problem.render())
        return
    print((heading or (DRY_RUN if args.dry_run else IMPORTED)).render())
    counts = plan.counts()
    for sheet in DATA_SHEETS:
        print(SHEET_COUNTS.render(None, sheet=sheet.name, **counts[sheet.key]))
    for change in plan.changes:
        if change.action == "unchanged":
            continue
        fields = f"（{'、'.join(change.fields)}）" if change.fields else ""
        if lang == "en" and change.fields:
            fields = f" ({', '.join(change.fields)})"
        print(
            CHANGE_LINE.render(
                action=ACTIONS[change.action].render(),
                sheet=change.sheet,
                row=ROW.render(row=change.row) if change.row else "",
                label=change.label,
                fields=fields,
            )
        )
    if plan.standards is not None:
        print(
            STANDARDS_TAKEN.render(
                issuer=plan.standards.issuer.name,
                date=plan.standards.issued_on.isoformat(),
                count=sum(s.enabled for s in plan.standards.standards),
            )
        )
    if not plan.has_changes:
        print(NOTHING_NEW.render())
