"""The compliance table and the drill-downs of a province (issue 15), on the database the
20,000-package collect filled.

Each is what a clerk waits for after a click: the compliance page's table by county; the
drill-down of a whole-province figure (every school with its package); of a county's
compliance rate; of one school to its package; of the people counted more than once (the
province's variants of the sample schools share their rosters, so every person is on
about 22 rosters: the worst case).  The reference is the bare SQL of the facts the
compliance table reads.  ``people_count`` is timed apart: it is what ``bureau_summary``
pays more since issue 15 (the summary row measures the whole).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks.stats import Measure, Row, repeat

LIMIT_S = 1.0
PERIOD = "2026"
COUNTY = "532301"

#: The bare floor: the two facts per counted school the standards read, by SQL.
BARE_FACTS_SQL = """
SELECT s.county_code, count(DISTINCT s.id), count(c.id), sum(c.post_type = 'full_time'),
       (SELECT count(*) FROM counselling_room r JOIN school s2 ON s2.id = r.school_id
        JOIN submission u2 ON u2.id = s2.submission_id
        WHERE u2.status = 'accepted' AND u2.period_label = ?)
FROM school s
JOIN submission u ON u.id = s.submission_id AND u.status = 'accepted' AND u.period_label = ?
LEFT JOIN counselor c ON c.school_id = s.id AND c.status = 'in_post'
GROUP BY s.county_code
"""


def compliance_rows(db_path: Path, repeats: int, schools: int) -> list[Row]:
    from cxdesk.bureau.drilldown import explain_figure, explain_standard
    from cxdesk.bureau.people import people_count
    from cxdesk.models import School
    from cxdesk.services.bureaus import counted_schools, own_bureau
    from cxdesk.services.periods import get_period
    from cxdesk.standards.compliance import compliance_report
    from cxdesk.storage.db import open_database

    db = open_database(db_path)
    seen: dict[str, Any] = {}

    def run(name: str, work: Callable[[Any, Any], Any]) -> Measure:
        def timed() -> None:
            with db.reading() as session:
                seen[name] = work(session, get_period(session, PERIOD))

        return repeat(timed, repeats)

    try:
        with db.reading() as session:
            one = (
                session.query(School.code)
                .filter(counted_schools(own_bureau(session), PERIOD))
                .first()
            )
        assert one is not None, "the database holds no counted school"
        table = run(
            "table",
            lambda s, p: compliance_report(s, period=p, group_by="county"),
        )
        whole = run(
            "whole",
            lambda s, p: explain_figure(s, period=p, figure="counselors"),
        )
        rate = run(
            "rate",
            lambda s, p: explain_standard(
                s, period=p, standard_key="cn-2021-full-time", county=COUNTY
            ),
        )
        school = run(
            "school",
            lambda s, p: explain_figure(s, period=p, figure="counselors", school=one[0]),
        )
        twice = run(
            "twice",
            lambda s, p: explain_figure(s, period=p, figure="counted_more_than_once"),
        )
        people = run(
            "people",
            lambda s, p: people_count(
                s, period=p, school_filter=counted_schools(own_bureau(s), PERIOD)
            ),
        )
    finally:
        db.close()
    counted = seen["table"].totals.schools
    if counted != schools:
        raise RuntimeError(f"the compliance table counted {counted} schools, not {schools}")
    conn = sqlite3.connect(db_path)
    try:
        reference = repeat(
            lambda: conn.execute(BARE_FACTS_SQL, (PERIOD, PERIOD)).fetchall(), repeats
        )
    finally:
        conn.close()
    county_rows = len(seen["rate"].rows)
    shared = seen["twice"]
    return [
        Row(
            f"compliance table of {schools:,} schools by county",
            table,
            f"< {LIMIT_S:g} s",
            table.median < LIMIT_S,
            reference=reference,
            reference_name="bare SQL of the facts by county",
            ratio=table.median / reference.median,
            note=f"{len(seen['table'].standards)} standards",
        ),
        Row(
            f"drill-down: counselors of the province, {schools:,} schools with their packages",
            whole,
            f"< {LIMIT_S:g} s",
            whole.median < LIMIT_S,
        ),
        Row(
            "drill-down: a county's rate of one standard, its schools with their packages",
            rate,
            f"< {LIMIT_S:g} s",
            rate.median < LIMIT_S,
            note=f"{county_rows:,} schools of 楚雄市",
        ),
        Row(
            "drill-down: one school to its package",
            school,
            f"< {LIMIT_S:g} s",
            school.median < LIMIT_S,
        ),
        Row(
            "drill-down: people counted more than once, the province",
            twice,
            f"< {LIMIT_S:g} s",
            twice.median < LIMIT_S,
            note=f"{len(shared.people):,} people on {len(shared.rows):,} roster entries",
        ),
        Row(
            "people count of the summary (part of the summary row)",
            people,
            "—",
            None,
        ),
    ]
