"""The findings of a school's stored snapshot: what the board counts and review lists."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy.orm import Session

from cxdesk.bureau.previous import counted_previous
from cxdesk.checks import run_checks
from cxdesk.models import ReportingPeriod, School
from cxdesk.school_snapshot import StoredSnapshot
from cxdesk.services.periods import get_period


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
