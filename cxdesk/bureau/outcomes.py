"""What became of a package at collect: the five outcomes, one result per file, the report.

The vocabulary the collector (:mod:`cxdesk.bureau.collect`), the intake
(:mod:`cxdesk.bureau.intake`), the held list, the command line and the desktop app share;
it imports nothing of the bureau, so each of them can import it.

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
  is stored.  So is a package on which the program itself failed (``internal_error``).

:meth:`CollectReport.exit_code` is ``cxdesk collect``'s: 0 when every package was accepted,
already had or superseded, 1 when any was held or refused.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from cxdesk.i18n import Message, Text
from cxdesk.storage.changes import Changes

Outcome = Literal["accepted", "already_had", "superseded", "held", "refused"]
OUTCOMES: tuple[Outcome, ...] = ("accepted", "already_had", "superseded", "held", "refused")

OUTCOME_LABELS: dict[str, tuple[str, str]] = {
    "accepted": ("已接收", "accepted"),
    "already_had": ("已有（重复）", "already had"),
    "superseded": ("旧版本（仅存档）", "superseded"),
    "held": ("待确认", "held"),
    "refused": ("已拒收", "refused"),
}

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
    #: The tables written by the transaction that stored it (shared by the packages
    #: committed in the same group; nothing for a package refused).
    changes: Changes = field(default_factory=Changes)

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

    @property
    def changes(self) -> Changes:
        """What the collect wrote (nothing when it stored nothing)."""
        return Changes.union(r.changes for r in self.results)

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
