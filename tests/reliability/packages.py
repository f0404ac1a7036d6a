"""Real school packages for the reliability tests: sample schools through the real export.

Plain functions (imported by the tests and by fixtures of other folders): the schools
come from the sample-prefecture design (:mod:`cxdesk.sample.prefecture`), are entered
through the services and exported with the real export code, exactly as in ``cxdesk demo
--prefecture``; the bureau database registers their keys and the register as a clerk would.
"""

from __future__ import annotations

from pathlib import Path

from cxdesk.sample.prefecture import SchoolPlan, design_prefecture
from cxdesk.sample.prefecture_build import BuiltSchool, build_schools

PERIOD = "2026"


def sample_plans(count: int) -> list[SchoolPlan]:
    """``count`` schools of the sample, taken across the counties and the sizes."""
    plans = design_prefecture()
    step = max(1, len(plans) // count)
    return plans[::step][:count]


def build_packages(
    out: Path, count: int, bureaus: Path | None = None
) -> tuple[list[SchoolPlan], list[BuiltSchool]]:
    """``count`` school databases and their signed packages under ``out`` (the bureaus'
    keys in ``bureaus``, by default ``out``)."""
    plans = sample_plans(count)
    return plans, build_schools(out, plans, workers=1, bureaus=bureaus)


def make_bureau(
    path: Path, plans: list[SchoolPlan], built: list[BuiltSchool], bureaus: Path
) -> Path:
    """A prefecture bureau database expecting the schools: the sample prefecture's keys
    (in ``bureaus``), register loaded, the schools' keys registered."""
    from cxdesk import reference as ref
    from cxdesk.bureau.register import RegisterRow, load_register
    from cxdesk.exchange.trust import register_key
    from cxdesk.storage.db import open_database
    from tests.sample_bureaus import bureau_with_sample_keys

    db = open_database(path)
    try:
        bureau_with_sample_keys(db, bureaus, role="prefecture", code=ref.PREFECTURE_CODE)
        with db.transaction() as session:
            load_register(
                session,
                [
                    RegisterRow(p.code, p.name, p.county, p.kind, p.contact_person, p.contact_phone)
                    for p in plans
                ],
            )
            for b in built:
                register_key(session, fingerprint=b.fingerprint, code=b.code, name=b.name)
    finally:
        db.close()
    return path
