"""The 教师 and 证书 sheets' planner: counselors matched with the stored ones, their
certificates; and the counselor a row of another sheet names (证书, 参训)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from cxdesk.i18n import Text
from cxdesk.models import Counselor
from cxdesk.services.counselors import counselor_input
from cxdesk.services.records import CertificateInput, CounselorInput, column_values
from cxdesk.workbook.import_plan import CounselorItem
from cxdesk.workbook.layout import CERTIFICATES, COUNSELORS, Sheet
from cxdesk.workbook.matching import CounselorIndex, Person
from cxdesk.workbook.planning import AMBIGUOUS_STORED, DUPLICATE_ROW, PlanContext, SheetRow
from cxdesk.workbook.sheet_rows import AttendanceValues, CertificateValues, CounselorValues

SAME_STORED = Text(
    "与第{other}行指的是同一位已有教师，请合并为一行",
    "Names the same stored counselor as row {other}; merge the two rows",
)
NOT_LISTED_TO_REPLACE = Text(
    "“{name}”不在“教师”表中：整表替换（--replace）时，证书和参训记录只能写“教师”表中列出的教师",
    "{name} is not on 教师: when the workbook replaces everything (--replace), certificates "
    "and attendance name counselors listed on 教师 only",
)
FIELD_CERTIFICATES = Text("证书", "certificates")


def counselor_of(v: CounselorValues) -> CounselorInput:
    """The counselor a 教师 row describes (empty cells as the form's defaults)."""
    return CounselorInput(
        name=v["name"] or "",
        post_type=v["post_type"] or "",
        gender=v["gender"],
        ethnic_group=v["ethnic_group"],
        identity_number=v["identity_number"],
        birth_date=v["birth_date"],
        main_subject=v["main_subject"],
        education=v["education"],
        psychology_degree=bool(v["psychology_degree"]),
        title=v["title"],
        start_date=v["start_date"],
        recruited_as_psych=bool(v["recruited_as_psych"]),
        studio_role=v["studio_role"] or "none",
        status=v["status"] or "in_post",
        left_date=v["left_date"],
    )


class CounselorPlanner:
    """Plans 教师, then 证书; afterwards tells which counselor a row of another sheet
    names, as a target: ``row:N`` (the N-th row of 教师) or ``db:ID`` (a stored counselor
    the workbook does not list)."""

    def __init__(self, ctx: PlanContext) -> None:
        self.ctx = ctx
        self.stored: dict[int, Counselor] = {}
        self.items: dict[str, CounselorItem] = {}
        self.index = CounselorIndex([], [])

    def plan(self, rows: list[SheetRow[CounselorValues]]) -> None:
        ctx = self.ctx
        stored = ctx.stored(
            lambda: (
                select(Counselor)
                .where(Counselor.school_id == ctx.school.id)
                .options(selectinload(Counselor.certificates))
                .order_by(Counselor.id)
            )
        )
        self.stored = {c.id: c for c in stored}
        people = [
            Person(r.values["name"] or "", r.values["identity_number"], r.values["birth_date"])
            for r in rows
        ]
        self._duplicates(COUNSELORS, rows, people)
        self.index = CounselorIndex(people, stored)
        first_row_of: dict[int, SheetRow[CounselorValues]] = {}
        for i, (row, existing_id) in enumerate(zip(rows, self.index.row_matches, strict=True)):
            data = counselor_of(row.values)
            ctx.rule_problems(COUNSELORS, row, data)
            if existing_id == -1:
                what = f"{data.name} {data.birth_date or ''}".strip()
                ctx.problem(AMBIGUOUS_STORED(what=what), COUNSELORS, row)
                existing_id = None
            elif existing_id is not None:
                if existing_id in first_row_of:
                    ctx.problem(
                        SAME_STORED(other=first_row_of[existing_id].number), COUNSELORS, row
                    )
                first_row_of.setdefault(existing_id, row)
            self.items[f"row:{i}"] = CounselorItem(f"row:{i}", row.number, data, existing_id, "add")

    def _duplicates(
        self, sheet: Sheet, rows: list[SheetRow[CounselorValues]], people: list[Person]
    ) -> None:
        by_identity: dict[str, SheetRow[CounselorValues]] = {}
        by_name: dict[tuple[str, date | None], list[tuple[SheetRow[CounselorValues], Person]]] = {}
        for row, person in zip(rows, people, strict=True):
            if person.identity:
                if person.identity in by_identity:
                    other = by_identity[person.identity].number
                    self.ctx.problem(
                        DUPLICATE_ROW(other=other, what=person.identity[:6] + "…"),
                        sheet,
                        row,
                        "identity_number",
                    )
                    continue
                by_identity[person.identity] = row
            same = by_name.setdefault((person.name, person.birth), [])
            # Two people of one name and birth date are told apart by identity numbers only.
            clash = next((r for r, p in same if not (p.identity and person.identity)), None)
            if clash is not None and person.name:
                what = f"{person.name} {person.birth or ''}".strip()
                self.ctx.problem(DUPLICATE_ROW(other=clash.number, what=what), sheet, row, "name")
            same.append((row, person))

    def plan_certificates(self, rows: list[SheetRow[CertificateValues]]) -> None:
        ctx = self.ctx
        wanted: dict[str, list[tuple[SheetRow[CertificateValues], CertificateInput]]] = {}
        for row in rows:
            v = row.values
            cert = CertificateInput(
                v["kind"] or "", v["other_name"], v["number"], v["issuer"], v["issued_on"]
            )
            ctx.rule_problems(CERTIFICATES, row, cert)
            target = self.holder(CERTIFICATES, row)
            if target is None:
                continue
            same = [r for r, c in wanted.get(target, []) if column_values(c) == column_values(cert)]
            if same:
                ctx.problem(
                    DUPLICATE_ROW(other=same[0].number, what=v["number"] or v["kind"]),
                    CERTIFICATES,
                    row,
                )
                continue
            wanted.setdefault(target, []).append((row, cert))
        # Stored counselors not on 教师 keep their certificates and gain the new ones.
        for target in wanted:
            if target.startswith("db:"):
                holder = self.stored[int(target[3:])]
                self.items[target] = CounselorItem(
                    target, None, counselor_input(holder), holder.id, "update"
                )
        for target, item in self.items.items():
            listed = item.row is not None
            certs = wanted.get(target, [])
            stored = self.stored.get(item.existing_id) if item.existing_id else None
            have = (
                [column_values(c) for c in counselor_input(stored).certificates] if stored else []
            )
            remaining = list(have)
            new_certs = (
                [] if listed else list(counselor_input(stored).certificates) if stored else []
            )
            for row, cert in certs:
                values = column_values(cert)
                if values in remaining:
                    remaining.remove(values)
                    ctx.change(CERTIFICATES, row.number, "unchanged", item.data.name)
                    if not listed:
                        continue
                else:
                    ctx.change(CERTIFICATES, row.number, "add", item.data.name)
                new_certs.append(cert)
            if listed:
                for _gone in remaining:
                    ctx.change(CERTIFICATES, None, "remove", item.data.name)
            item.data.certificates = new_certs
            self._action(item, stored)

    def _action(self, item: CounselorItem, stored: Counselor | None) -> None:
        if stored is None:
            item.action = "add"
            self.ctx.change(COUNSELORS, item.row, "add", item.data.name)
            return
        before = counselor_input(stored)
        changed = tuple(
            COUNSELORS.column(k).header
            for k, value in column_values(item.data).items()
            if getattr(before, k) != value
        )
        certs_before = sorted(map(_sort_key, (column_values(c) for c in before.certificates)))
        certs_after = sorted(map(_sort_key, (column_values(c) for c in item.data.certificates)))
        if certs_before != certs_after:
            changed += (FIELD_CERTIFICATES.render(),)
        item.action = "update" if changed else "unchanged"
        if item.row is not None:
            self.ctx.change(COUNSELORS, item.row, item.action, item.data.name, changed)

    def holder(
        self, sheet: Sheet, row: SheetRow[CertificateValues] | SheetRow[AttendanceValues]
    ) -> str | None:
        """The target of the counselor ``row`` names (None: its problem is listed)."""
        v = row.values
        if (
            "counselor_name" in row.bad
            or "counselor_identity" in row.bad
            or "counselor_birth_date" in row.bad
        ):
            return None
        if not v["counselor_name"] and not v["counselor_identity"]:
            return None  # the required cell has said it already
        person = Person(
            v["counselor_name"] or "", v["counselor_identity"], v["counselor_birth_date"]
        )
        target, problem = self.index.resolve(person)
        column = "counselor_identity" if person.identity else "counselor_name"
        if problem is not None:
            self.ctx.problem(problem, sheet, row, column)
        elif self.ctx.replace and target is not None and target.startswith("db:"):
            stored = self.stored[int(target[3:])]
            self.ctx.problem(NOT_LISTED_TO_REPLACE(name=stored.name), sheet, row, column)
            return None
        return target

    def stored_target(self, counselor_id: int) -> str:
        """The target of a stored counselor: its row on 教师 if listed there."""
        if counselor_id in self.index.row_matches:
            return f"row:{self.index.row_matches.index(counselor_id)}"
        return f"db:{counselor_id}"

    def target_id(self, target: str) -> int | None:
        """The stored id a target stands for (None: a counselor the import adds)."""
        if target.startswith("db:"):
            return int(target[3:])
        return self.items[target].existing_id


def _sort_key(values: dict[str, object]) -> tuple[str, ...]:
    return tuple("" if v is None else str(v) for v in values.values())
