"""The register decides where a school counts: its county, kind and name, for every figure.

* A school in the bureau's register counts with the register's county, kind and name,
  whatever its package says.  When the package (its workbook, or its manifest's county)
  says otherwise, the package is held naming both values; accepted, it counts with the
  register's (at the prefecture, where the county already decided, it counts with the
  county's register and the difference is reported with that school's result).
* A school not in the register while the register is empty counts with its own values,
  provided they place it in this bureau's county.
* A school that says it is of another county, and is not in this county's register, is
  refused at once ("不属于本县市（禄丰市）"): its key is never looked at, let alone
  registered, and nothing is stored.
* A school not in a register that is not empty is held until the clerk adds it (accepting
  it adds it from the package's details, in this county).

docs/bureau.md ("The register decides") says the same for people.
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Collection
from typing import TYPE_CHECKING, Any

from sqlalchemy import Select, bindparam, select, update
from sqlalchemy.orm import Session

from cxdesk import reference as ref
from cxdesk.i18n import Message, Text
from cxdesk.models import RegisterEntry, School, Submission
from cxdesk.services.bureau_identity import Bureau
from cxdesk.storage.transaction_memo import forget, look_up_ahead, looked_up

if TYPE_CHECKING:
    from cxdesk.exchange.manifest import Manifest
    from cxdesk.school_snapshot import SchoolSnapshot

NOT_OUR_COUNTY = Text(
    "学校 {code}（{name}）不属于本县市（{county}），已拒收。",
    "School {code} ({name}) is not of this county (it says {county}); refused.",
)
OUTSIDE_SENDING_COUNTY = Text(
    "学校 {code} 属于{county}，不能由{sender}上报，已拒收。",
    "School {code} belongs to {county} and cannot be reported by {sender}; refused.",
)
NOT_IN_REGISTER = Text(
    "学校 {code}（{name}）不在本局的学校名册中：请核实后接收（将按包内信息加入名册）或拒绝。",
    "School {code} ({name}) is not in this bureau's register: check, then accept (it is "
    "added to the register from the package) or reject.",
)
DIFFERS = Text(
    "学校 {code} 的上报内容与本局学校名册不一致：{differences}。请向学校核实：接收后按名册计入，或拒绝。",
    "School {code}'s package disagrees with this bureau's register: {differences}. Check "
    "with the school: accepted, it counts as the register says; or reject it.",
)
DECIDED = Text(
    "上报内容与学校名册不一致（{differences}），已按名册计入。",
    "The package disagreed with the register ({differences}); counted as the register says.",
)
DIFFERENCE = Text(
    "{field}为“{reported}”，名册为“{register}”",
    "{field} {reported!r}, register {register!r}",
)
FIELDS = {
    "county": Text("填报表中的县市", "the workbook's county"),
    "manifest_county": Text("上报包清单中的县市", "the manifest's county"),
    "kind": Text("学校类别", "kind"),
    "name": Text("学校名称", "name"),
}


def register_entry(session: Session, code: str) -> RegisterEntry | None:
    return looked_up(
        session, ("register entry", code), lambda: session.scalars(_entry(), {"code": code}).first()
    )


def look_up_entries(session: Session, codes: Collection[str]) -> None:
    """The register's entries of ``codes``, looked up at once for a group of packages
    (cxdesk.storage.transaction_memo.look_up_ahead)."""
    found = {
        e.code: e
        for e in session.scalars(select(RegisterEntry).where(RegisterEntry.code.in_(codes)))
    }
    look_up_ahead(session, {("register entry", code): found.get(code) for code in codes})


@functools.cache
def _entry() -> Select[RegisterEntry]:
    return select(RegisterEntry).where(RegisterEntry.code == bindparam("code"))  # built once


def _county_label(code: str | None) -> str:
    return ref.COUNTIES.label(code) if code else "?"


def county_refusal(
    bureau: Bureau,
    entry: RegisterEntry | None,
    manifest: Manifest,
    *,
    sending_county: str | None = None,
) -> Message | None:
    """Why the school is refused at once as another county's (None: it may be ours).

    ``sending_county``: at the prefecture, the county whose package carried the school's.
    """
    sender = manifest.sender
    claimed = sender.county or ""
    if sending_county is not None:
        home = entry.county_code if entry is not None else claimed
        if home != sending_county:
            return OUTSIDE_SENDING_COUNTY(
                code=sender.code,
                county=_county_label(home),
                sender=_county_label(sending_county),
            )
        return None
    own = bureau.county_code
    if own is None:
        return None  # the prefecture: every county of it is its own
    home = entry.county_code if entry is not None else claimed
    if home != own:
        return NOT_OUR_COUNTY(code=sender.code, name=sender.name, county=_county_label(home))
    return None


def register_in_use(session: Session, bureau: Bureau) -> bool:
    """Whether the bureau's register (of its county, at a county) holds any school."""
    query = select(RegisterEntry.id)
    if bureau.county_code is not None:
        query = query.where(RegisterEntry.county_code == bureau.county_code)
    return session.scalar(query.limit(1)) is not None


def register_hold(
    session: Session, bureau: Bureau, entry: RegisterEntry | None, manifest: Manifest
) -> Message | None:
    """Why the school waits for the clerk: not in a register that is in use."""
    if entry is None and register_in_use(session, bureau):
        return NOT_IN_REGISTER(code=manifest.sender.code, name=manifest.sender.name)
    return None


def add_from_package(session: Session, bureau: Bureau, manifest: Manifest, kind: str) -> None:
    """The clerk accepted a school that is not in the register: add it from the package."""
    county = bureau.county_code or manifest.sender.county or ""
    session.add(
        RegisterEntry(
            code=manifest.sender.code,
            name=manifest.sender.name,
            county_code=county,
            kind=kind,
            source="local",
        )
    )
    session.flush()
    forget(session)  # what a collect's group looked up ahead may have changed


def _same_name(a: str, b: str) -> bool:
    def norm(text: str) -> str:
        return "".join(unicodedata.normalize("NFKC", text).split())

    return norm(a) == norm(b)


def differences(
    entry: RegisterEntry, manifest: Manifest, snapshot: SchoolSnapshot
) -> list[Message]:
    """Where the package disagrees with the register entry (empty: it agrees)."""
    school: dict[str, Any] = snapshot.school
    found: list[Message] = []

    def differ(field: str, reported: str, register: str) -> None:
        found.append(DIFFERENCE(field=FIELDS[field], reported=reported, register=register))

    if school.get("county_code") != entry.county_code:
        differ("county", _county_label(school.get("county_code")), _county_label(entry.county_code))
    if manifest.sender.county and manifest.sender.county != entry.county_code:
        differ(
            "manifest_county",
            _county_label(manifest.sender.county),
            _county_label(entry.county_code),
        )
    if school.get("kind") != entry.kind:
        differ(
            "kind",
            ref.SCHOOL_KINDS.label(school.get("kind")) or "?",
            ref.SCHOOL_KINDS.label(entry.kind),
        )
    if not _same_name(str(school.get("name") or ""), entry.name):
        differ("name", str(school.get("name") or ""), entry.name)
    return found


def join_messages(items: list[Message]) -> Message:
    """Several messages as one, separated as each language separates them."""
    names = [f"m{n}" for n in range(len(items))]
    text = Text("；".join(f"{{{n}}}" for n in names), "; ".join(f"{{{n}}}" for n in names))
    return text(**dict(zip(names, items, strict=True)))


def apply_register(snapshot: SchoolSnapshot, entry: RegisterEntry) -> None:
    """The snapshot counts with the register's county, kind and name."""
    snapshot.school.update(county_code=entry.county_code, kind=entry.kind, name=entry.name)


def follow_register(session: Session, codes: list[str]) -> None:
    """After the register changed: the snapshots of ``codes`` take its county, kind and
    name again (every figure follows the register, also for packages already taken)."""
    for start in range(0, len(codes), 500):
        chunk = codes[start : start + 500]
        for entry in session.scalars(select(RegisterEntry).where(RegisterEntry.code.in_(chunk))):
            session.execute(
                update(School)
                .where(School.code == entry.code, School.submission_id.is_not(None))
                .values(county_code=entry.county_code, kind=entry.kind, name=entry.name)
            )
            session.execute(
                update(Submission)
                .where(
                    Submission.sender_code == entry.code,
                    Submission.sender_role == "school",
                    Submission.county_code != entry.county_code,
                )
                .values(county_code=entry.county_code)
            )
    session.flush()


def own_values_refusal(
    bureau: Bureau,
    manifest: Manifest,
    snapshot: SchoolSnapshot,
    *,
    sending_county: str | None = None,
) -> Message | None:
    """A school outside the register counts with its own values: they must place it here."""
    county = snapshot.school.get("county_code")
    own = sending_county or bureau.county_code
    if own is None or county == own:
        return None
    if sending_county is not None:
        return OUTSIDE_SENDING_COUNTY(
            code=manifest.sender.code,
            county=_county_label(county),
            sender=_county_label(sending_county),
        )
    return NOT_OUR_COUNTY(
        code=manifest.sender.code, name=manifest.sender.name, county=_county_label(county)
    )
