"""Collecting report packages: files or whole folders, any number, in any order.

Each package gets one :class:`CollectResult`:

* ``accepted`` — intact, from a registered key of a school in scope, and the newest
  sequence of that school and period: its snapshot is the one counted (an older accepted
  one becomes ``superseded``);
* ``already_had`` — the very same file (same SHA-256) was received before: nothing changes;
* ``superseded`` — intact and trusted, but an older sequence than the one counted: its
  snapshot is kept in history and not counted;
* ``held`` — intact, but its key is not registered, or the school is not in the register
  or not in this county: the file waits for the clerk (:mod:`cxdesk.bureau.held`);
* ``refused`` — not an intact package, a revoked or misused key, the wrong kind of file:
  the verifier's one-line reason; nothing is stored.

Every package is one transaction (all or nothing: a killed process leaves each package
fully in or not at all), the change log is off (the ``submission`` table is the history),
and the package file is copied into the bureau's package store before the transaction
commits, so a stored submission always has its file.  Collecting the same files again, or
in another order, ends with the same counted snapshots: the highest sequence wins.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

from sqlalchemy import select
from sqlalchemy.orm import Session

from cxdesk.bureau.roles import Bureau, own_bureau
from cxdesk.db import Database
from cxdesk.errors import UserError
from cxdesk.i18n import Message, Text
from cxdesk.models import RegisterEntry, School, Submission

Outcome = Literal["accepted", "already_had", "superseded", "held", "refused"]
OUTCOMES: tuple[Outcome, ...] = ("accepted", "already_had", "superseded", "held", "refused")
PACKAGE_SUFFIX = ".cxpkg"
STORE_DIRNAME = "received"

OUTCOME_LABELS: dict[str, tuple[str, str]] = {
    "accepted": ("已接收", "accepted"),
    "already_had": ("已有（重复）", "already had"),
    "superseded": ("旧版本（仅存档）", "superseded"),
    "held": ("待确认", "held"),
    "refused": ("已拒收", "refused"),
}

UNKNOWN_KEY = Text(
    "发送方密钥未登记（指纹 {fingerprint}）：请核对该校盖章的备案表后确认或拒绝。",
    "The sender's key is not registered (fingerprint {fingerprint}): check the school's "
    "stamped registration form, then accept or reject.",
)
NOT_IN_REGISTER = Text(
    "学校 {code}（{name}）不在本局的学校名册中：请核实后确认或拒绝。",
    "School {code} ({name}) is not in this bureau's register: check, then accept or reject.",
)
OTHER_COUNTY = Text(
    "学校 {code}（{name}）属于{county}，不属于本局（{own}）。",
    "School {code} ({name}) belongs to {county}, not to this bureau ({own}).",
)
REVOKED_KEY = Text(
    "发送方密钥（指纹 {fingerprint}）已作废，已拒收。",
    "The sender's key (fingerprint {fingerprint}) has been revoked; refused.",
)
WRONG_SENDER = Text(
    "发送方密钥（指纹 {fingerprint}）登记在“{owner}”名下，而上报包自称来自“{claimed}”，已拒收。",
    "The sender's key (fingerprint {fingerprint}) is registered for {owner}, but the package "
    "claims to come from {claimed}; refused.",
)
NOT_FOR_COUNTY = Text(
    "县级上报包只能由州教育体育局接收，已拒收。",
    "County packages are collected by the prefecture bureau only; refused.",
)
SAME_SEQUENCE = Text(
    "已有同一序号（{sequence}）但内容不同的上报包：请向学校核实后确认或拒绝。",
    "A different package with the same sequence ({sequence}) was received before: check "
    "with the school, then accept or reject.",
)
BAD_WORKBOOK = Text(
    "上报包内的填报表无法读取：{reason}，已拒收。",
    "The workbook inside the package cannot be read: {reason}; refused.",
)
NOT_FOUND = Text("找不到文件或文件夹“{path}”", "No such file or folder: {path}")
DONE = Text(
    "共 {total} 个：接收 {accepted}，重复 {already_had}，旧版本 {superseded}，待确认 {held}，拒收 {refused}",
    "{total} packages: {accepted} accepted, {already_had} already had, {superseded} "
    "superseded, {held} held, {refused} refused",
)


@dataclass
class CollectResult:
    """What became of one package file."""

    path: str
    outcome: Outcome
    sender_code: str | None = None
    sender_name: str | None = None
    period: str | None = None
    sequence: int | None = None
    reason: Message | None = None
    submission_id: int | None = None
    #: For a county package: the results of the school packages inside it.
    inner: list[CollectResult] = field(default_factory=list)

    def to_json(self, lang: str | None = None) -> dict[str, Any]:
        data: dict[str, Any] = {
            "file": self.path,
            "outcome": self.outcome,
            "sender": self.sender_code,
            "name": self.sender_name,
            "period": self.period,
            "sequence": self.sequence,
            "reason": self.reason.render(lang) if self.reason else None,
            "submission_id": self.submission_id,
        }
        if self.inner:
            data["schools"] = [r.to_json(lang) for r in self.inner]
        return data


@dataclass
class CollectReport:
    results: list[CollectResult] = field(default_factory=list)

    def count(self, outcome: str) -> int:
        return sum(1 for r in self.results if r.outcome == outcome)

    def school_counts(self) -> dict[str, int]:
        """Outcomes over school packages, those inside county packages included."""
        counts: dict[str, int] = dict.fromkeys(OUTCOMES, 0)
        for r in self.results:
            for x in r.inner or [r]:
                counts[x.outcome] += 1
        return counts

    def summary(self) -> Message:
        counts = {o: self.count(o) for o in OUTCOMES}
        return DONE(total=len(self.results), **counts)

    def to_json(self, lang: str | None = None) -> dict[str, Any]:
        return {
            "total": len(self.results),
            "counts": {o: self.count(o) for o in OUTCOMES},
            "results": [r.to_json(lang) for r in self.results],
        }


Progress = Callable[[int, int, CollectResult], None]


def package_files(paths: Iterable[Path]) -> list[Path]:
    """The package files named, and every ``*.cxpkg`` under the folders named, sorted."""
    found: list[Path] = []
    for path in paths:
        path = Path(path)
        if path.is_dir():
            found += sorted(p for p in path.rglob(f"*{PACKAGE_SUFFIX}") if p.is_file())
        elif path.is_file():
            found.append(path)
        else:
            from cxdesk.errors import InputError

            raise InputError(NOT_FOUND(path=path))
    return list(dict.fromkeys(found))


def store_dir(db: Database) -> Path:
    return Path(db.path).resolve().parent / STORE_DIRNAME


def collect(
    db: Database,
    paths: Iterable[Path],
    *,
    progress: Progress | None = None,
    backup: bool = True,
) -> CollectReport:
    """Collect every package under ``paths`` into the bureau database ``db``.

    ``progress(done, total, result)`` is called after each package (from this thread:
    a GUI runs the whole call on a worker).  A backup of the database is taken first.
    """
    from cxdesk.bureau.intake import receive_file
    from cxdesk.bureau.unpack import sweep_scratch
    from cxdesk.exchange.bureau_keys import bureau_decryption_keys
    from cxdesk.exchange.keys import keys_dir

    files = package_files(paths)
    with db.reading() as session:
        own_bureau(session)  # a school's database is refused before anything happens
        # Protected keys are opened now (or the clerk is told to give the passphrase),
        # not half-way through the folder.
        bureau_decryption_keys(session, key_dir=keys_dir(Path(db.path)))
    sweep_scratch(Path(db.path).resolve().parent)
    if backup and files and not db.is_server:  # a server is backed up with pg_dump
        from cxdesk.backup import backup_before

        backup_before(Path(db.path), "before-collect")
    report = CollectReport()
    for n, path in enumerate(files, start=1):
        result = receive_file(db, path)
        report.results.append(result)
        if progress is not None:
            progress(n, len(files), result)
    return report


# --- helpers shared by intake and the held list ---------------------------------------


def now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None, microsecond=0)


def scope_problem(
    session: Session, bureau: Bureau, *, code: str, name: str, county: str | None
) -> Message | None:
    """Why a school is outside this bureau's scope or register, or None if it is in."""
    from cxdesk import reference as ref

    entry = session.scalars(select(RegisterEntry).where(RegisterEntry.code == code)).first()
    school_county = entry.county_code if entry is not None else county
    if bureau.county_code is not None and school_county != bureau.county_code:
        return OTHER_COUNTY(
            code=code,
            name=name,
            county=ref.COUNTIES.label(school_county) or "?",
            own=bureau.name,
        )
    has_register = session.scalar(select(RegisterEntry.id).limit(1)) is not None
    if has_register and entry is None:
        return NOT_IN_REGISTER(code=code, name=name)
    return None


def counted_submission(session: Session, code: str, period: str) -> Submission | None:
    return session.scalars(
        select(Submission).where(
            Submission.sender_code == code,
            Submission.period_label == period,
            Submission.status == "accepted",
        )
    ).first()


def findings_summary(
    session: Session,
    *,
    school_id: int,
    period_label: str,
    school_findings: list[Any] | None = None,
) -> dict[str, Any]:
    """Run the rules on a stored snapshot: counts for the board and the list for review.

    ``school_findings`` are the soft findings the school listed in its manifest, with the
    explanations (填写说明) it wrote: a bureau finding of the same rule on the same record
    is shown with the school's explanation and is not counted as open.
    """
    from cxdesk.checks import run_checks
    from cxdesk.services.periods import get_period

    school = session.get(School, school_id)
    assert school is not None
    period = get_period(session, period_label)
    findings = run_checks(session, school=school, period=period)
    explained = {
        (str(x.get("rule")), str(x.get("table")), str(x.get("record"))): str(x["explanation"])
        for x in school_findings or []
        if isinstance(x, dict) and x.get("explanation")
    }
    items = []
    for f in findings:
        item = {**f.to_json("zh"), "message_en": f.message.render("en")}
        if f.severity == "soft" and not item["explanation"]:
            item["explanation"] = explained.get((f.rule_id, f.table_name, f.record_label))
        items.append(item)
    return {
        "hard_findings": sum(1 for x in items if x["severity"] == "hard"),
        "soft_findings": sum(1 for x in items if x["severity"] == "soft" and not x["explanation"]),
        "findings_json": json.dumps(items, ensure_ascii=False),
    }


def user_message(exc: UserError) -> Message:
    return exc.message
