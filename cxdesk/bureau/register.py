"""The school register (学校名册): the schools a bureau expects a package from.

It also decides where a school counts (cxdesk.bureau.register_rule): loading or editing it
gives the snapshots already taken the register's county, kind and name.

Loaded from an Excel file whose first sheet has a header row and the columns
学校标识码 (code), 学校名称 (name), 县市 (county: code or name), 学校类别 (kind: code or
name), 联系人 (contact person), 联系电话 (phone) — the layout of :func:`write_register_xlsx`
and of ``docs/bureau.md``.  Loading checks every row first and stores nothing if any row
is wrong; the clerk gets every problem with its row number.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from cxdesk import reference as ref
from cxdesk.bureau.excel_text import protect_text_cells
from cxdesk.bureau.register_rule import follow_register
from cxdesk.errors import InputError, NotFoundError
from cxdesk.i18n import Message, Text
from cxdesk.models import RegisterEntry
from cxdesk.services.bureaus import own_bureau
from cxdesk.storage.transaction_memo import forget
from cxdesk.validation import check_phone, check_school_code

#: Columns of the register workbook: (attribute, Chinese header, English header).
COLUMNS = (
    ("code", "学校标识码", "School code"),
    ("name", "学校名称", "School name"),
    ("county_code", "县市", "County"),
    ("kind", "学校类别", "Kind"),
    ("contact_person", "联系人", "Contact person"),
    ("contact_phone", "联系电话", "Phone"),
)
MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_ROWS = 30_000

BAD_FILE = Text(
    "无法读取名册文件“{path}”：{reason}。请用 Excel 另存为 .xlsx 后再试。",
    "Cannot read the register file {path}: {reason}. Save it as .xlsx in Excel and try again.",
)
TOO_BIG = Text(
    "名册文件“{path}”过大（超过 {limit} 行或 20 MB）",
    "The register file {path} is too large (over {limit} rows or 20 MB)",
)
MISSING_COLUMN = Text(
    "名册第一行缺少表头“{header}”。表头应为：{headers}",
    "The register's first row lacks the header {header!r}. The headers are: {headers}",
)
ROW_PROBLEM = Text("第 {row} 行：{problem}", "Row {row}: {problem}")
BAD_REGISTER = Text("名册有误，未导入任何学校：", "The register has errors; no school was loaded:")
DUPLICATE = Text(
    "学校标识码 {code} 重复（第 {first} 行已有）",
    "School code {code} appears twice (already in row {first})",
)
REQUIRED = Text("“{field}”必须填写", "{field} is required")
UNKNOWN = Text("“{field}”的值“{value}”无法识别", "{value!r} is not a known {field}")
OUTSIDE_COUNTY = Text(
    "学校 {code} 属于{county}，不在本局（{own}）的范围内",
    "School {code} is in {county}, outside this bureau's county ({own})",
)
UNKNOWN_SCHOOL = Text("名册中没有学校 {code}", "School {code} is not in the register")


@dataclass(frozen=True)
class RegisterRow:
    """One school of the register, checked."""

    code: str
    name: str
    county_code: str
    kind: str
    contact_person: str | None = None
    contact_phone: str | None = None


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def check_row(values: dict[str, str]) -> tuple[RegisterRow | None, list[Message]]:
    """A register row from the texts of its cells, or the problems that prevent it."""
    problems: list[Message] = []
    code = values.get("code", "")
    if not code:
        problems.append(REQUIRED(field="学校标识码 / school code"))
    elif (p := check_school_code(code)) is not None:
        problems.append(p)
    name = values.get("name", "")
    if not name:
        problems.append(REQUIRED(field="学校名称 / name"))
    county = (
        ref.COUNTIES.parse(values.get("county_code", "")) if values.get("county_code") else None
    )
    if county is None:
        problems.append(UNKNOWN(field="县市 / county", value=values.get("county_code", "")))
    kind = ref.SCHOOL_KINDS.parse(values.get("kind", "")) if values.get("kind") else None
    if kind is None:
        problems.append(UNKNOWN(field="学校类别 / kind", value=values.get("kind", "")))
    phone = values.get("contact_phone") or None
    if phone and (p := check_phone(phone)) is not None:
        problems.append(p)
    if problems:
        return None, problems
    assert county is not None and kind is not None
    return (
        RegisterRow(
            code=code,
            name=name[:100],
            county_code=county,
            kind=kind,
            contact_person=(values.get("contact_person") or None),
            contact_phone=phone,
        ),
        [],
    )


def read_register_xlsx(path: Path) -> list[RegisterRow]:
    """Every row of the register workbook, checked; raises InputError listing all problems."""
    import zipfile

    from openpyxl import load_workbook

    path = Path(path)
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise InputError(TOO_BIG(path=path, limit=MAX_ROWS))
        workbook = load_workbook(path, read_only=True, data_only=True)
    except InputError:
        raise
    except (OSError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise InputError(BAD_FILE(path=path, reason=type(exc).__name__)) from exc
    try:
        sheet = workbook.worksheets[0]
        rows = sheet.iter_rows(values_only=True, max_col=len(COLUMNS) + 10)
        header = [_cell_text(v) for v in next(rows, ())]
        position: dict[str, int] = {}
        for attribute, zh, en in COLUMNS:
            for n, text in enumerate(header):
                if text in (zh, en, attribute):
                    position[attribute] = n
                    break
            else:
                if attribute in ("code", "name", "county_code", "kind"):
                    headers = "、".join(zh for _, zh, _ in COLUMNS)
                    raise InputError(MISSING_COLUMN(header=zh, headers=headers))
        result: list[RegisterRow] = []
        problems: list[Message] = []
        first_row: dict[str, int] = {}
        for row_number, cells in enumerate(rows, start=2):
            if row_number > MAX_ROWS + 1:
                raise InputError(TOO_BIG(path=path, limit=MAX_ROWS))
            values = {
                attribute: _cell_text(cells[n]) if n < len(cells) else ""
                for attribute, n in position.items()
            }
            if not any(values.values()):
                continue
            entry, row_problems = check_row(values)
            problems += [ROW_PROBLEM(row=row_number, problem=p.render()) for p in row_problems]
            if entry is None:
                continue
            if entry.code in first_row:
                problems.append(
                    ROW_PROBLEM(
                        row=row_number,
                        problem=DUPLICATE.render(code=entry.code, first=first_row[entry.code]),
                    )
                )
                continue
            first_row[entry.code] = row_number
            result.append(entry)
    finally:
        workbook.close()
    if problems:
        raise InputError(BAD_REGISTER(), details=problems)
    return result


def load_register(session: Session, rows: list[RegisterRow], *, source: str = "local") -> int:
    """Replace the register entries of ``source`` by ``rows``; returns how many are stored.

    A county may only register its own schools.  At the prefecture, each county package's
    register replaces the entries that county sent before (``source`` = the county code).
    """
    bureau = own_bureau(session)
    if bureau.county_code is not None:
        outside = [r for r in rows if r.county_code != bureau.county_code]
        if outside:
            raise InputError(
                BAD_REGISTER(),
                details=[
                    OUTSIDE_COUNTY(
                        code=r.code,
                        county=ref.COUNTIES.label(r.county_code),
                        own=ref.COUNTIES.label(bureau.county_code),
                    )
                    for r in outside
                ],
            )
    codes = [r.code for r in rows]
    session.execute(delete(RegisterEntry).where(RegisterEntry.source == source))
    # An entry of another source for the same school is replaced too: one entry per school.
    for start in range(0, len(codes), 500):
        session.execute(
            delete(RegisterEntry).where(RegisterEntry.code.in_(codes[start : start + 500]))
        )
    session.add_all(
        RegisterEntry(
            code=r.code,
            name=r.name,
            county_code=r.county_code,
            kind=r.kind,
            contact_person=r.contact_person,
            contact_phone=r.contact_phone,
            source=source,
        )
        for r in rows
    )
    session.flush()
    forget(session)  # what a collect's group looked up ahead may have changed
    follow_register(session, codes)  # the register decides, for packages taken too
    return len(rows)


def register_entries(session: Session, *, county_code: str | None = None) -> list[RegisterRow]:
    """The register, by county and code."""
    query = select(RegisterEntry).order_by(RegisterEntry.county_code, RegisterEntry.code)
    if county_code is not None:
        query = query.where(RegisterEntry.county_code == county_code)
    return [
        RegisterRow(e.code, e.name, e.county_code, e.kind, e.contact_person, e.contact_phone)
        for e in session.scalars(query)
    ]


def save_register_entry(session: Session, *, row: dict[str, str]) -> RegisterRow:
    """Add a school to the register, or change the one with the same code."""
    entry_row, problems = check_row(row)
    if entry_row is None:
        raise InputError(BAD_REGISTER(), details=problems)
    bureau = own_bureau(session)
    if bureau.county_code is not None and entry_row.county_code != bureau.county_code:
        raise InputError(
            OUTSIDE_COUNTY(
                code=entry_row.code,
                county=ref.COUNTIES.label(entry_row.county_code),
                own=ref.COUNTIES.label(bureau.county_code),
            )
        )
    entry = session.scalars(
        select(RegisterEntry).where(RegisterEntry.code == entry_row.code)
    ).first()
    if entry is None:
        entry = RegisterEntry(code=entry_row.code, source="local")
        session.add(entry)
    entry.name = entry_row.name
    entry.county_code = entry_row.county_code
    entry.kind = entry_row.kind
    entry.contact_person = entry_row.contact_person
    entry.contact_phone = entry_row.contact_phone
    session.flush()
    follow_register(session, [entry.code])  # the register decides, for packages taken too
    return entry_row


def remove_register_entry(session: Session, *, code: str) -> None:
    entry = session.scalars(select(RegisterEntry).where(RegisterEntry.code == code)).first()
    if entry is None:
        raise NotFoundError(UNKNOWN_SCHOOL(code=code))
    session.delete(entry)
    session.flush()


def is_registered(session: Session, code: str) -> bool:
    return session.scalar(select(RegisterEntry.id).where(RegisterEntry.code == code)) is not None


def write_register_xlsx(path: Path, rows: list[RegisterRow], *, lang: str = "zh") -> None:
    """The register as a workbook in the layout :func:`read_register_xlsx` reads."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "名册" if lang == "zh" else "Register"
    sheet.append([zh if lang == "zh" else en for _, zh, en in COLUMNS])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        values = [
            row.code,
            row.name,
            ref.COUNTIES.label(row.county_code, lang),
            ref.SCHOOL_KINDS.label(row.kind, lang),
            row.contact_person or "",
            row.contact_phone or "",
        ]
        sheet.append(values)
    for n, cell in enumerate(sheet[1], start=1):
        cell.number_format = "@"
        sheet.column_dimensions[cell.column_letter].width = (22, 32, 12, 16, 12, 16)[n - 1]
    for row_cells in sheet.iter_rows(min_row=2):
        for cell in row_cells:
            cell.number_format = "@"  # codes and phones stay text
            cell.data_type = "s"
    sheet.freeze_panes = "A2"
    protect_text_cells(workbook)
    workbook.save(path)
