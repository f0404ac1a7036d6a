"""Finding the counselor a row names: in the workbook's 教师 sheet first, else in the database.

A counselor is named by identity number, else by name and birth date; a name alone is
enough when exactly one counselor has it.  The result is a *target*: ``"row:N"`` for the
N-th counselor row of the workbook (which may itself match a stored counselor), or
``"db:ID"`` for a stored counselor the workbook does not list.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from cxdesk.i18n import Message, Text
from cxdesk.models import Counselor
from cxdesk.validation import mask_identity_number

NO_SUCH_COUNSELOR = Text(
    "找不到教师“{who}”：请先在“教师”表中填写该教师，或核对姓名、身份证号、出生日期",
    "No counselor {who}: list the counselor on 教师 first, or check name, identity number "
    "and birth date",
)
AMBIGUOUS_COUNSELOR = Text(
    "有不止一位教师叫“{name}”，请填写教师身份证号或出生日期以区分",
    "More than one counselor is called {name}; give the identity number or birth date",
)
NAME_MISMATCH = Text(
    "身份证号 {masked} 属于教师“{found}”，不是“{given}”",
    "The identity number {masked} belongs to {found}, not {given}",
)


@dataclass(frozen=True)
class Person:
    """How a row names a counselor, or a counselor's own identifying details."""

    name: str
    identity: str | None
    birth: date | None


@dataclass
class CounselorIndex:
    """The counselors of the workbook and of the database, for looking people up."""

    rows: list[Person]
    stored: list[tuple[int, Person]]
    #: the stored counselor each workbook row updates (None: a new one)
    row_matches: list[int | None]

    @classmethod
    def build(cls, rows: list[Person], stored: Iterable[Counselor]) -> CounselorIndex:
        index = cls(
            rows, [(c.id, Person(c.name, c.identity_number, c.birth_date)) for c in stored], []
        )
        index.row_matches = [index.match_stored(p) for p in rows]
        return index

    def match_stored(self, person: Person) -> int | None:
        """The stored counselor a 教师 row is, or None; -1 when several could be.

        By identity number first; else by name and birth date, among stored counselors
        that have no other identity number.
        """
        if person.identity:
            for cid, other in self.stored:
                if other.identity == person.identity:
                    return cid
        found = [
            cid
            for cid, other in self.stored
            if other.name == person.name
            and other.birth == person.birth
            and (other.identity is None or person.identity is None)
        ]
        if len(found) > 1:
            return -1
        return found[0] if found else None

    def resolve(self, person: Person) -> tuple[str | None, Message | None]:
        """The target a certificate or attendance row names, or why there is none."""
        listed = {cid for cid in self.row_matches if cid is not None}
        who = person.name or (mask_identity_number(person.identity) if person.identity else "?")
        if person.identity:
            for i, row in enumerate(self.rows):
                if row.identity == person.identity:
                    return self._checked(f"row:{i}", row.name, person)
            for cid, other in self.stored:
                if other.identity == person.identity:
                    target = self._target_of_stored(cid, listed)
                    return self._checked(target, other.name, person)
            return None, NO_SUCH_COUNSELOR(who=who)
        candidates = [
            f"row:{i}"
            for i, row in enumerate(self.rows)
            if row.name == person.name and (person.birth is None or row.birth == person.birth)
        ]
        candidates += [
            f"db:{cid}"
            for cid, other in self.stored
            if cid not in listed
            and other.name == person.name
            and (person.birth is None or other.birth == person.birth)
        ]
        if not candidates:
            return None, NO_SUCH_COUNSELOR(who=who)
        if len(candidates) > 1:
            return None, AMBIGUOUS_COUNSELOR(name=person.name)
        return candidates[0], None

    def _target_of_stored(self, cid: int, listed: set[int]) -> str:
        if cid in listed:
            return f"row:{self.row_matches.index(cid)}"
        return f"db:{cid}"

    @staticmethod
    def _checked(target: str, found: str, person: Person) -> tuple[str | None, Message | None]:
        if person.name and person.name != found:
            masked = mask_identity_number(person.identity)
            return None, NAME_MISMATCH(masked=masked, found=found, given=person.name)
        return target, None
