"""``standards``, ``compliance`` and ``explain-figure``: standards as data, and where figures come from."""

from __future__ import annotations

import argparse
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any, NoReturn

from cxdesk.commands.base import add_command, database, print_json
from cxdesk.i18n import Text, current_language

ADDED = Text("已添加标准 {key}：{name}", "Standard {key} added: {name}")
SWITCHED = Text("标准 {key} 已{state}", "Standard {key} is now {state}")
REMOVED = Text("已删除标准 {key}", "Standard {key} removed")
EXPORTED = Text(
    "本局的标准（{count} 条）已写入 {path}", "This bureau's standards ({count}) written to {path}"
)
ADOPTED = Text(
    "已采用{issuer}的标准：新增 {added}，更改 {changed}，删除 {removed}",
    "Adopted the standards of {issuer}: {added} added, {changed} changed, {removed} removed",
)
BAD_DATE = Text("日期“{value}”应写成 YYYY-MM-DD", "The date {value!r} must be YYYY-MM-DD")
WRITTEN = Text("已写入 {path}", "Written to {path}")
AS_OF = Text(
    "{scope}（{code}）{period}，统计时点 {date}", "{scope} ({code}) {period}, as on {date}"
)
NOT_IN_FORCE = Text("  尚未生效：{names}", "  Not yet in force: {names}")
CELL = Text(
    "    {name}：{met}/{of} 达标{rate}{target}{unknown}",
    "    {name}: {met} of {of} meet it{rate}{target}{unknown}",
)
UNKNOWN = Text("，{n} 所缺少数据", "; {n} lack the data")
TARGET = Text("，目标 {target}%（{verdict}）", ", target {target}% ({verdict})")
VERDICT = {True: Text("已达到", "reached"), False: Text("未达到", "not reached")}
TOTAL = Text("合计", "Total")
ADVICE = Text("（建议）", " (advice)")
SOURCE = Text("        依据：{source}", "        Source: {source}")
MARKS = {"met": "✓", "not_met": "✗", "not_applicable": "–", "unknown": "?"}
EXPLAINED = Text("{label}：{value}（{scope}，{period}）", "{label}: {value} ({scope}, {period})")
ADDS_UP = Text("  以下 {count} 所学校合计 {sum}", "  The {count} schools below add up to {sum}")
PCT_PARTS = Text("  {part} / {whole} 所学校", "  {part} of {whole} schools")
PACKAGE = Text(
    "      上报包 #{sequence}  SHA-256 {sha}  指纹 {fingerprint}\n"
    "      收取 {when}（{by}）  审核 {review}{reviewed}{via}",
    "      package #{sequence}  SHA-256 {sha}  key {fingerprint}\n"
    "      collected {when} ({by})  review {review}{reviewed}{via}",
)
NO_PACKAGE = Text("      （未收到上报包）", "      (no package received)")
VIA = Text("  经{county}县级上报包 #{sequence}", "  via {county}'s county package #{sequence}")


def register(commands: Any, common: argparse.ArgumentParser) -> None:
    p = add_command(
        commands, common, "standards", "达标标准 / the standards schools are measured against"
    )
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True, parser_class=type(p))
    a = actions.add_parser("list", help="列出 / list", parents=[common])
    a.add_argument("--json", action="store_true")
    a.set_defaults(handler=run_list)
    for name, enabled in (("enable", True), ("disable", False)):
        a = actions.add_parser(
            name, help=("启用 / switch on" if enabled else "停用 / switch off"), parents=[common]
        )
        a.add_argument("key")
        a.set_defaults(handler=run_switch, enabled=enabled)
    a = actions.add_parser(
        "add", help="添加本局的标准 / add a standard of this bureau's", parents=[common]
    )
    a.add_argument("--name", required=True)
    a.add_argument("--name-en", required=True)
    a.add_argument("--source", required=True, help="依据文件及文号 / the document and its number")
    a.add_argument("--from", dest="applies_from", required=True, metavar="YYYY-MM-DD")
    a.add_argument(
        "--rule",
        required=True,
        help="min_counselors | room_areas | room_size | has_room | standardised_room",
    )
    a.add_argument("--post-type", choices=("full_time", "any"))
    a.add_argument("--count", type=int)
    a.add_argument(
        "--when-pupils",
        type=int,
        metavar="N",
        help="在校生 ≥ N 的学校 / schools with N or more pupils",
    )
    a.add_argument("--when-boarders", type=int, metavar="N", help="寄宿生 ≥ N / N or more boarders")
    a.add_argument("--areas", help="individual,group,reception")
    a.add_argument("--function", choices=("individual", "group"))
    a.add_argument("--min-m2", type=Decimal)
    a.add_argument("--max-m2", type=Decimal)
    a.add_argument("--kinds", help="学校类别代码，逗号分隔；不填为全部 / kinds, comma-separated")
    a.add_argument("--level", choices=("required", "advisory"), default="required")
    a.add_argument("--target", type=int, metavar="PERCENT")
    a.add_argument("--certainty", choices=("certain", "likely", "open"), default="certain")
    a.add_argument("--note", default="")
    a.add_argument("--note-en", default="")
    a.set_defaults(handler=run_add)
    a = actions.add_parser(
        "remove", help="删除本局添加的标准 / remove one of this bureau's", parents=[common]
    )
    a.add_argument("key")
    a.set_defaults(handler=run_remove)
    a = actions.add_parser(
        "export", help="写出本局的标准（JSON）/ write this bureau's set", parents=[common]
    )
    a.add_argument("out", type=Path)
    a.set_defaults(handler=run_export)
    a = actions.add_parser(
        "import", help="采用上级下发的标准 / adopt the set from above", parents=[common]
    )
    a.add_argument("file", type=Path)
    a.set_defaults(handler=run_import)

    p = add_command(
        commands, common, "compliance", "达标情况 / how schools stand against the standards"
    )
    p.add_argument("--period", help="期次 / period")
    p.add_argument("--by", choices=("county", "kind", "school"), help="分组 / group by")
    p.add_argument("--county", help="只看一个县市 / one county")
    p.add_argument("--kind", help="只看一类学校 / one kind of school")
    p.add_argument(
        "--without", metavar="KEY", help="列出未达到该标准的学校 / schools falling short of KEY"
    )
    p.add_argument("--json", action="store_true")
    p.add_argument("--xlsx", type=Path, metavar="OUT", help="导出 Excel / write Excel")
    p.set_defaults(handler=run_compliance)

    p = add_command(
        commands,
        common,
        "explain-figure",
        "某个数字由哪些学校、哪些上报包构成 / the schools and packages behind a figure",
    )
    p.add_argument("figure", help="例如 counselors、rooms、training.national、persons")
    p.add_argument("--period", help="期次 / period")
    p.add_argument("--county")
    p.add_argument("--kind")
    p.add_argument("--school", help="学校标识码 / school code")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=run_explain)


def _period_label(args: argparse.Namespace) -> str:
    from cxdesk.services.period_label import current_period_label

    return getattr(args, "period", None) or current_period_label()


def _lang_index() -> int:
    return 1 if current_language() == "en" else 0


def run_list(args: argparse.Namespace) -> int:
    from cxdesk.standards.catalogue import CERTAINTIES, LEVELS, list_standards, origin_label

    db = database(args)
    lang = current_language()
    with db.reading() as session:
        standards = list_standards(session)
    if args.json:
        print_json([{**s.to_json(), "rule_text": s.rule_text().render(lang)} for s in standards])
        return 0
    on_off = (("启用", "on"), ("停用", "off"))
    for s in standards:
        state = on_off[0 if s.enabled else 1][_lang_index()]
        target = "" if s.target_pct is None else f"  {s.target_pct}%"
        print(f"[{state}] {s.key}  {s.label(lang)}{target}")
        print(f"      {s.rule_text().render(lang)}; {LEVELS.label(s.level, lang)}")
        print(f"      {s.source}  {s.applies_from.isoformat()}  {origin_label(s.origin, lang)}")
        note = s.certainty_note_en if lang == "en" else s.certainty_note
        print(f"      {CERTAINTIES.label(s.certainty, lang)}: {note}")
    return 0


def run_switch(args: argparse.Namespace) -> int:
    from cxdesk.standards.catalogue import set_enabled

    db = database(args)
    with db.transaction() as session:
        set_enabled(session, key=args.key, enabled=args.enabled)
    state = (("启用", "on"), ("停用", "off"))[0 if args.enabled else 1][_lang_index()]
    print(SWITCHED.render(key=args.key, state=state))
    return 0


def _date(value: str) -> date:
    from cxdesk.errors import InputError

    try:
        return date.fromisoformat(value)
    except ValueError:
        raise InputError(BAD_DATE(value=value)) from None


def _params(args: argparse.Namespace) -> dict[str, Any]:
    """The rule's parameters from the options given (the rule checks them)."""
    given: dict[str, Any] = {
        "post_type": args.post_type,
        "count": args.count,
        "when_pupils_at_least": args.when_pupils,
        "when_boarders_at_least": args.when_boarders,
        "areas": [a.strip() for a in args.areas.split(",")] if args.areas else None,
        "function": args.function,
        "min_m2": str(args.min_m2) if args.min_m2 is not None else None,
        "max_m2": str(args.max_m2) if args.max_m2 is not None else None,
    }
    if args.rule == "min_counselors" and given["count"] is None:
        given["count"] = 1
    return {k: v for k, v in given.items() if v is not None}


def run_add(args: argparse.Namespace) -> int:
    from cxdesk.standards.catalogue import NewStandard, add_standard

    data = NewStandard(
        name=args.name,
        name_en=args.name_en,
        source=args.source,
        applies_from=_date(args.applies_from),
        rule_kind=args.rule,
        params=_params(args),
        school_kinds=tuple(k.strip() for k in (args.kinds or "").split(",") if k.strip()),
        level=args.level,
        target_pct=args.target,
        certainty=args.certainty,
        certainty_note=args.note,
        certainty_note_en=args.note_en,
    )
    db = database(args)
    with db.transaction() as session:
        added = add_standard(session, data=data)
    print(ADDED.render(key=added.key, name=added.label(current_language())))
    return 0


def run_remove(args: argparse.Namespace) -> int:
    from cxdesk.standards.catalogue import remove_standard

    db = database(args)
    with db.transaction() as session:
        remove_standard(session, key=args.key)
    print(REMOVED.render(key=args.key))
    return 0


def run_export(args: argparse.Namespace) -> int:
    from cxdesk.exchange.package import write_atomically
    from cxdesk.standards.standard_set import current_set

    db = database(args)
    with db.reading() as session:
        standard_set = current_set(session)
    write_atomically(args.out, standard_set.to_bytes())
    print(EXPORTED.render(count=len(standard_set.standards), path=args.out))
    return 0


def run_import(args: argparse.Namespace) -> int:
    from cxdesk.errors import InputError
    from cxdesk.standards.standard_set import adopt_standard_set, parse_standard_set

    try:
        data = args.file.read_bytes()
    except OSError as exc:
        raise InputError(
            Text("无法读取“{path}”：{reason}", "Cannot read {path}: {reason}")(
                path=args.file, reason=exc.strerror or exc
            )
        ) from exc
    standard_set = parse_standard_set(data)
    db = database(args)
    with db.transaction() as session:
        adopted = adopt_standard_set(session, standard_set)
    print(
        ADOPTED.render(
            issuer=standard_set.issuer.name,
            added=adopted.added,
            changed=adopted.changed,
            removed=adopted.removed,
        )
    )
    return 0


def run_compliance(args: argparse.Namespace) -> int:
    from cxdesk.services.periods import get_period
    from cxdesk.services.setup import get_installation, own_school
    from cxdesk.standards.compliance import compliance_report, school_standing

    db = database(args)
    lang = current_language()
    explanation = None
    with db.transaction() as session:
        period = get_period(session, _period_label(args))
        own_standing = get_installation(session).role == "school"
        if own_standing:
            report = school_standing(session, school=own_school(session), period=period)
        else:
            report = compliance_report(
                session, period=period, group_by=args.by, county=args.county, kind=args.kind
            )
            if args.without:
                from cxdesk.bureau.drilldown import explain_standard

                if args.without not in {s.key for s in report.standards}:
                    _unknown_standard(args.without, report)
                explanation = explain_standard(
                    session,
                    period=period,
                    standard_key=args.without,
                    outcomes=("not_met", "unknown"),
                    county=args.county,
                    kind=args.kind,
                )
    if args.xlsx:
        from cxdesk.bureau.excel_sections import write_compliance_xlsx

        write_compliance_xlsx(args.xlsx, report, group_by=args.by, lang=lang)
    if args.json:
        data = report.to_json(lang)
        if explanation is not None:
            data["without"] = explanation.to_json()
        print_json(data)
        return 0
    if explanation is not None:
        _print_explanation(explanation)
        return 0
    print(
        AS_OF.render(
            scope=report.scope_name,
            code=report.scope_code,
            period=report.period,
            date=report.reference_date.isoformat(),
        )
    )
    if report.not_in_force:
        print(NOT_IN_FORCE.render(names="; ".join(s.label(lang) for s in report.not_in_force)))
    if own_standing and report.schools:
        _print_standing(report, lang)
        return 0
    for s in report.standards:
        print(f"[{s.key}] {s.label(lang)}")
        for row in [*report.rows, report.totals]:
            cell = row.cells[s.key]
            name = TOTAL.render() if row is report.totals and report.rows else row.name
            rate = cell.rate
            target = ""
            if cell.meets_target is not None:
                target = TARGET.render(
                    target=s.target_pct, verdict=VERDICT[cell.meets_target].render()
                )
            print(
                CELL.render(
                    name=name,
                    met=cell.met,
                    of=cell.concerned,
                    rate="" if rate is None else f" ({rate}%)",
                    target=target,
                    unknown=UNKNOWN.render(n=cell.unknown) if cell.unknown else "",
                )
            )
    if args.xlsx:
        print(WRITTEN.render(path=args.xlsx))
    return 0


def _print_standing(report: Any, lang: str) -> None:
    """One school (its own database): each standard met or not and why, as its overview."""
    from cxdesk.standards.rules import OUTCOME_LABELS

    standings = report.schools[0].standings
    index = 1 if lang == "en" else 0
    for s in report.standards:
        standing = standings[s.key]
        detail = standing.detail_en if lang == "en" else standing.detail
        mark, outcome = MARKS[standing.outcome], OUTCOME_LABELS[standing.outcome][index]
        advice = "" if s.level == "required" else ADVICE.render()
        why = f" — {detail}" if detail else ""
        print(f"  {mark} {outcome}  [{s.key}] {s.label(lang)}{advice}{why}")
        print(SOURCE.render(source=s.source))


def _unknown_standard(key: str, report: Any) -> NoReturn:
    from cxdesk.errors import InputError

    raise InputError(
        Text(
            "没有启用且已生效的标准“{key}”。可选：{choices}",
            "No standard {key!r} is enabled and in force. Choices: {choices}",
        )(key=key, choices=", ".join(s.key for s in report.standards))
    )


def run_explain(args: argparse.Namespace) -> int:
    from cxdesk.bureau.drilldown import explain_figure
    from cxdesk.services.periods import get_period

    db = database(args)
    with db.transaction() as session:
        period = get_period(session, _period_label(args))
        explanation = explain_figure(
            session,
            period=period,
            figure=args.figure,
            county=args.county,
            kind=args.kind,
            school=args.school,
        )
    if args.json:
        print_json(explanation.to_json())
        return 0
    _print_explanation(explanation)
    return 0


def _print_explanation(explanation: Any) -> None:
    from cxdesk import reference as ref

    lang = current_language()
    value = explanation.total
    shown = "—" if value is None else f"{value}%" if explanation.is_percent else str(value)
    print(
        EXPLAINED.render(
            label=explanation.label, value=shown, scope=explanation.scope, period=explanation.period
        )
    )
    if explanation.is_percent:
        print(PCT_PARTS.render(part=explanation.part, whole=explanation.whole))
    elif not explanation.people:
        print(ADDS_UP.render(count=len(explanation.rows), sum=explanation.rows_sum))
    review = {
        "pending": ("待审核", "pending"),
        "accepted": ("已回执", "accepted"),
        "returned": ("已退回", "returned"),
    }
    for row in explanation.rows:
        county = ref.COUNTIES.label(row.county_code, lang)
        detail = f"  {row.detail}" if row.detail else ""
        print(f"  {row.code} {row.name}  {county}  {row.value}{detail}")
        p = row.package
        if p is None:
            print(NO_PACKAGE.render())
            continue
        via = ""
        if p.via_code:
            via = VIA.render(county=ref.COUNTIES.label(p.via_code, lang), sequence=p.via_sequence)
        reviewed = ""
        if p.reviewed_at:
            reviewed = f" {p.reviewed_at:%Y-%m-%d %H:%M} {p.reviewed_by or ''}".rstrip()
        print(
            PACKAGE.render(
                sequence=p.sequence,
                sha=p.file_sha256,
                fingerprint=p.shown_fingerprint,
                when=f"{p.received_at:%Y-%m-%d %H:%M}",
                by=p.collected_by or "?",
                review=review.get(p.review, (p.review, p.review))[_lang_index()],
                reviewed=reviewed,
                via=via,
            )
        )
