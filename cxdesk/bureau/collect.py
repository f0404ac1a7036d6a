"""Collecting report packages: files or whole folders, any number, in any order.

Each package gets one :class:`CollectResult`:

* ``accepted`` — intact, from a registered key of a school in scope, and the newest
  sequence of that school and period: its snapshot is the one counted (an older accepted
  one becomes ``superseded``);
* ``already_had`` — the very same file (same SHA-256) was received before: nothing changes;
* ``superseded`` — intact and trusted, but an older sequence than the one counted: its
  snapshot is kept in history and not counted;
* ``held`` — intact, but its key is not registered (or is another key than the school's
  registered one, with no key-change statement from it), the school is not in the
  register, or the package disagrees with the register: the file waits for the clerk
  (:mod:`cxdesk.bureau.held`);
* ``refused`` — not an intact package, a school of another county, a revoked or misused
  key, the wrong kind of file, a workbook that cannot be read: a one-line reason; nothing
  is stored.  So is a package on which the program itself failed (``internal_error``):
  the batch goes on with the next package.

:func:`exit_code` is ``cxdesk collect``'s: 0 when every package was accepted, already
had or superseded, 1 when any was held or refused.

Every package is one transaction (all or nothing: a killed process leaves each package
fully in or not at all), the change log is off (the ``submission`` table is the history),
and the package file is copied into the bureau's package store before the transaction
commits, so a stored submission always has its file.  Collecting the same files again, or
in another order, ends with the same counted snapshots: the highest sequence wins.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from sqlalchemy import select
from sqlalchemy.orm import Session

from cxdesk.errors import DatabaseError, UserError
from cxdesk.i18n import Message, Text
from cxdesk.models import ReportingPeriod, School, Submission
from cxdesk.services.bureaus import own_bureau
from cxdesk.storage.db import Database

if TYPE_CHECKING:
    from cxdesk.school_snapshot import StoredSnapshot

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
INTERNAL_ERROR = Text(
    "处理这个上报包时程序出错（{error}），这个包未作任何改动，详情已记入日志；其余上报包照常收取。",
    "The program failed on this package ({error}): nothing of it was stored and the details "
    "are in the log; the other packages are collected as usual.",
)
DONE = Text("共 {files} 个文件：{parts}", "{files} files: {parts}")
COUNTED = Text("{schools} 所学校已计入", "{schools} schools counted")
COUNTED_IN = Text("{period} 期 {schools} 所", "{period}: {schools}")
OLDER = Text("{count} 个为同校旧版本", "{count} superseded by a newer package of the same school")
ALREADY = Text("{count} 个已有（重复）", "{count} already had")
HELD_PART = Text("{count} 个待确认", "{count} held")
REFUSED_PART = Text("{count} 个已拒收", "{count} refused")


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
    #: What the clerk should know of a package taken: its key was changed, the register
    #: decided other values than its workbook's.
    note: Message | None = None
    #: Refused because the program failed on it (a bug, logged), not because of the file.
    internal_error: bool = False

    @property
    def fine(self) -> bool:
        """Taken or nothing to do (no package in it held or refused)."""
        return self.outcome in ("accepted", "already_had", "superseded") and all(
            r.fine for r in self.inner
        )

    #: What the clerk should know about a package taken (e.g. a person counted twice).
    notes: list[Message] = field(default_factory=list)

    def to_json(self, lang: str | None = None) -> dict[str, Any]:
        data: dict[str, Any] = {
            "file": self.path,
            "outcome": self.outcome,
            "sender": self.sender_code,
            "name": self.sender_name,
            "period": self.period,
            "sequence": self.sequence,
            "reason": self.reason.render(lang) if self.reason else None,
            "note": self.note.render(lang) if self.note else None,
            "submission_id": self.submission_id,
            "notes": [n.render(lang) for n in self.notes],
        }
        if self.internal_error:
            data["internal_error"] = True
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
        return collect_summary(self.results)

    def exit_code(self) -> int:
        """0: every package taken or already had; 1: any held or refused (documented)."""
        return 0 if all(r.fine for r in self.results) else 1

    def to_json(self, lang: str | None = None) -> dict[str, Any]:
        return {
            "total": len(self.results),
            "counts": {o: self.count(o) for o in OUTCOMES},
            "results": [r.to_json(lang) for r in self.results],
        }


def collect_summary(results: list[CollectResult]) -> Message:
    """Files and schools, said apart: "9 个文件：8 所学校已计入，1 个为同校旧版本".

    A folder may hold several packages of one school (sequences 1 and 2): each is a file,
    only the newest counts.  Schools inside county packages are counted one by one.
    """
    schools = [x for r in results for x in (r.inner or [r])]
    accepted = [x for x in schools if x.outcome == "accepted"]
    counted: dict[str, set[str]] = {}
    for x in accepted:
        counted.setdefault(x.period or "", set()).add(x.sender_code or x.path)
    n_counted = sum(len(codes) for codes in counted.values())
    older = len(accepted) - n_counted + sum(x.outcome == "superseded" for x in schools)

    def zh_en(text: Text, **params: object) -> tuple[str, str]:
        return text(**params).render("zh"), text(**params).render("en")

    parts = [zh_en(COUNTED, schools=n_counted)]
    if len(counted) > 1:
        each = [zh_en(COUNTED_IN, period=p, schools=len(c)) for p, c in sorted(counted.items())]
        parts[0] = (
            f"{parts[0][0]}（{'、'.join(z for z, _ in each)}）",
            f"{parts[0][1]} ({', '.join(e for _, e in each)})",
        )
    for text, count in (
        (OLDER, older),
        (ALREADY, sum(x.outcome == "already_had" for x in schools)),
        (HELD_PART, sum(x.outcome == "held" for x in schools)),
        (REFUSED_PART, sum(x.outcome == "refused" for x in schools)),
    ):
        if count:
            parts.append(zh_en(text, count=count))
    return DONE(
        files=len(results),
        parts=Text("，".join(z for z, _ in parts), "; ".join(e for _, e in parts))(),
    )


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
    from cxdesk.bureau.collect_notes import note_shared_people
    from cxdesk.bureau.intake import bureau_kinds
    from cxdesk.bureau.scratch import sweep
    from cxdesk.exchange.bureau_keys import bureau_decryption_keys
    from cxdesk.exchange.keys import keys_dir

    files = package_files(paths)
    with db.reading() as session:
        # A school's database is refused before anything happens.
        kinds = bureau_kinds(own_bureau(session))
        # Protected keys are opened now (or the clerk is told to give the passphrase),
        # not half-way through the folder.
        bureau_decryption_keys(session, key_dir=keys_dir(Path(db.path)))
    sweep(store_dir(db).parent)  # what a killed collector left (cxdesk.bureau.scratch)
    if backup and files and not db.is_server:  # a server is backed up with pg_dump
        from cxdesk.storage.backup import backup_before

        backup_before(Path(db.path), "before-collect")
    report = CollectReport()
    for n, path in enumerate(files, start=1):
        result = receive_guarded(db, path, kinds)
        note_shared_people(db, result)
        report.results.append(result)
        if progress is not None:
            progress(n, len(files), result)
    return report


def receive_guarded(db: Database, path: Path, kinds: tuple[str, ...]) -> CollectResult:
    """One package, whatever happens: a failure of the program on it is that package's
    refusal (logged with its traceback), never the end of the batch.  Only a database that
    cannot be written at all (locked, disk full, server gone) stops the collect."""
    from cxdesk.bureau.intake import receive_file

    try:
        return receive_file(db, path, kinds=kinds)
    except DatabaseError:
        raise
    except UserError as exc:
        return CollectResult(str(path), "refused", reason=exc.message)
    except Exception as exc:
        _log.exception("collect: the program failed on %s", path)
        return CollectResult(
            str(path),
            "refused",
            reason=INTERNAL_ERROR(error=type(exc).__name__),
            internal_error=True,
        )


_log = logging.getLogger(__name__)


# --- helpers shared by intake and the held list ---------------------------------------


def now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None, microsecond=0)


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
    stored: StoredSnapshot | None = None,
    period: ReportingPeriod | None = None,
) -> dict[str, Any]:
    """Run the rules on a stored snapshot: counts for the board and the list for review.

    ``school_findings`` are the soft findings the school listed in its manifest, with the
    explanations (填写说明) it wrote: a bureau finding of the same rule on the same record
    is shown with the school's explanation and is not counted as open.  ``stored`` is the
    snapshot as :func:`~cxdesk.school_snapshot.store_snapshot` has just written it: its
    records are checked as they are, not read back; ``period`` the period of
    ``period_label`` when the caller holds it.
    """
    from cxdesk.bureau.previous import counted_previous
    from cxdesk.checks import run_checks
    from cxdesk.services.periods import get_period

    school = stored.school if stored is not None else session.get(School, school_id)
    assert school is not None and school.id == school_id
    if period is None or period.label != period_label:
        period = get_period(session, period_label)
    previous = counted_previous(session, school_code=school.code, period=period)
    records = stored.records if stored is not None else None
    findings = run_checks(session, school=school, period=period, previous=previous, records=records)
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
