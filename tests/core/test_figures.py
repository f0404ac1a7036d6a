"""The figures of domain.md, each definition on purpose-built data."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import insert

from cxdesk.figures import FIGURE_KEYS, Summary, figure_rows, school_figures
from cxdesk.models import CounsellingRoom, School
from cxdesk.percentage import percent
from cxdesk.services import counselors as cs
from cxdesk.services import rooms as rs
from cxdesk.services import training as ts
from cxdesk.services.periods import define_period, get_period
from cxdesk.services.setup import own_school
from cxdesk.storage.db import Database
from tests.core.helpers import certificate, counselor, part_timer, room, training

#: The keys of the table "The figures" in domain.md, in its order.
DOMAIN_KEYS = [
    "schools_expected",
    "schools_reported",
    "counselors",
    "full_time",
    "part_time",
    "cert_level2",
    "cert_level3",
    "cert_other",
    "recruited_since_2020",
    "studio_hosts",
    "studio_members",
    "rooms",
    "room_area_m2",
    "schools_with_room",
    "schools_with_room_pct",
    "training_person_times",
]
LEVELS = ["national", "provincial", "prefecture", "county", "school"]
DOCS = Path(__file__).parents[2] / "docs" / "figures.md"


def _figures(db: Database, period: str) -> dict[str, Any]:
    with db.transaction() as session:
        return school_figures(
            session, school=own_school(session), period=get_period(session, period)
        )


def _add(db: Database, school_id: int, *people: Any) -> list[int]:
    with db.transaction() as session:
        return [cs.add_counselor(session, school_id=school_id, data=p).id for p in people]


def test_keys_are_exactly_domain_md() -> None:
    assert list(FIGURE_KEYS) == DOMAIN_KEYS


def test_docs_list_every_key() -> None:
    documented = [
        line.split("|")[1].strip().strip("`")
        for line in DOCS.read_text(encoding="utf-8").splitlines()
        if line.startswith("| `")
    ]
    assert documented == DOMAIN_KEYS


def test_docs_state_the_as_of_rule_of_every_key() -> None:
    rows = [
        [cell.strip() for cell in line.split("|")[1:-1]]
        for line in DOCS.read_text(encoding="utf-8").splitlines()
        if line.startswith("| `")
    ]
    assert len(rows) == len(DOMAIN_KEYS)
    assert all(len(row) == 3 and row[2] for row in rows), "key | definition | as of"


def test_an_empty_school(school_db: Database) -> None:
    figures = _figures(school_db, "2026")
    assert list(figures) == DOMAIN_KEYS
    assert figures == {
        "schools_expected": None,
        "schools_reported": 1,
        "counselors": 0,
        "full_time": 0,
        "part_time": 0,
        "cert_level2": 0,
        "cert_level3": 0,
        "cert_other": 0,
        "recruited_since_2020": 0,
        "studio_hosts": 0,
        "studio_members": 0,
        "rooms": 0,
        "room_area_m2": Decimal("0"),
        "schools_with_room": 0,
        "schools_with_room_pct": Decimal("0.00"),
        "training_person_times": dict.fromkeys(LEVELS, 0),
    }


def test_in_post_at_the_reference_date(school_db: Database, school_id: int) -> None:
    """Period 2024: the reference date is 2024-12-31."""
    _add(
        school_db,
        school_id,
        counselor("在岗", studio_role="host"),
        part_timer("无任职日期", start_date=None),
        part_timer("统计后离岗", status="left", left_date=date(2025, 1, 15)),
        part_timer("期内离岗", status="left", left_date=date(2024, 6, 30)),
        part_timer("统计日离岗", status="left", left_date=date(2024, 12, 31)),
        part_timer("统计后任职", start_date=date(2025, 2, 1), studio_role="member"),
        part_timer(
            "期前离岗", start_date=date(2001, 9, 1), status="left", left_date=date(2010, 7, 1)
        ),
    )
    figures = _figures(school_db, "2024")
    # In post: 在岗 (started 2021), 无任职日期, 统计后离岗 (left after the reference date).
    assert figures["counselors"] == 3
    assert (figures["full_time"], figures["part_time"]) == (1, 2)
    assert figures["full_time"] + figures["part_time"] == figures["counselors"]
    assert (figures["studio_hosts"], figures["studio_members"]) == (1, 0)
    # A year on, 统计后任职 is in post and 统计后离岗 is gone.
    later = _figures(school_db, "2025")
    assert (later["counselors"], later["studio_members"]) == (3, 1)


def test_certificate_ranks_are_disjoint(school_db: Database, school_id: int) -> None:
    _add(
        school_db,
        school_id,
        counselor(
            "三证",
            certificates=[
                certificate("counselling_skill"),
                certificate("nc_level3"),
                certificate("nc_level2"),
            ],
        ),
        part_timer(
            "三级加其他",
            certificates=[certificate("teacher_qualification"), certificate("nc_level3")],
        ),
        part_timer("仅三级", certificates=[certificate("nc_level3")]),
        part_timer("教师资格", certificates=[certificate("teacher_qualification")]),
        part_timer("其他具名", certificates=[certificate("other", other_name="心理健康教育C证")]),
        part_timer(
            "两张其他",
            certificates=[
                certificate("social_work_skill"),
                certificate("professional_registration"),
            ],
        ),
        part_timer("无证"),
        part_timer(
            "离岗二级",
            status="left",
            left_date=date(2024, 3, 1),
            certificates=[certificate("nc_level2")],
        ),
    )
    figures = _figures(school_db, "2026")
    assert figures["counselors"] == 7
    assert (figures["cert_level2"], figures["cert_level3"], figures["cert_other"]) == (1, 2, 3)


def test_recruited_since_2020(school_db: Database, school_id: int) -> None:
    _add(
        school_db,
        school_id,
        counselor("元旦入职", start_date=date(2020, 1, 1), recruited_as_psych=True),
        counselor("前一天", start_date=date(2019, 12, 31), recruited_as_psych=True, sequence=4),
        part_timer("转岗", start_date=date(2022, 9, 1), recruited_as_psych=False),
        part_timer("无日期", start_date=None, recruited_as_psych=True),
        part_timer(
            "已离岗",
            start_date=date(2021, 9, 1),
            recruited_as_psych=True,
            status="left",
            left_date=date(2023, 7, 1),
        ),
    )
    assert _figures(school_db, "2026")["recruited_since_2020"] == 1


def test_rooms_in_use_and_their_exact_area(school_db: Database, school_id: int) -> None:
    with school_db.transaction() as session:
        for data in (
            room("甲", 1, year_opened=2019),  # 0.1 m²
            room("乙", 2, year_opened=None),  # 0.2 m²
            room("停用", 500, status="closed"),
            room("明年启用", 300, year_opened=2025),
        ):
            rs.add_room(session, school_id=school_id, data=data)
    figures = _figures(school_db, "2024")
    assert figures["rooms"] == 2
    assert figures["room_area_m2"] == Decimal("0.3")
    assert str(figures["room_area_m2"]) == "0.3"
    assert 0.1 + 0.2 != 0.3  # what floats would have given
    assert figures["schools_with_room"] == 1
    assert figures["schools_with_room_pct"] == Decimal("100.00")
    assert _figures(school_db, "2025")["rooms"] == 3
    # In JSON the area is the number 0.3, not 0.30000000000000004.
    summary = Summary("2024", "2153230001", "楚雄市鹿城小学", figures, [])
    assert '"room_area_m2": 0.3,' in json.dumps(summary.to_json(), ensure_ascii=False)


@pytest.mark.parametrize(
    ("part", "whole", "expected"),
    [
        (809, 902, "89.69"),
        (1, 800, "0.13"),  # 0.125: half-up, not half-even
        (3, 800, "0.38"),  # 0.375
        (1, 3, "33.33"),
        (2, 3, "66.67"),
        (0, 5, "0.00"),
        (5, 5, "100.00"),
    ],
)
def test_percentage_rounded_half_up(part: int, whole: int, expected: str) -> None:
    assert str(percent(part, whole)) == expected


def test_percentage_of_no_schools_is_none() -> None:
    assert percent(0, 0) is None


def test_schools_with_room_pct_over_the_prefecture(school_db: Database, school_id: int) -> None:
    """902 schools reporting, 809 of them with one room each: 89.69 (domain.md)."""
    with school_db.transaction() as session:
        session.execute(
            insert(School),
            [
                {
                    "code": f"2153{n:06d}",
                    "name": f"学校{n}",
                    "county_code": "532301" if n % 2 else "532329",
                    "kind": "primary",
                    "mountain": False,
                }
                for n in range(2, 903)  # 901 more, 902 with the fixture's school
            ],
        )
        ids = list(session.scalars(School.__table__.select().with_only_columns(School.id)))
        session.execute(
            insert(CounsellingRoom),
            [
                {
                    "school_id": i,
                    "name": "辅导室",
                    "function": "combined",
                    "area_tenths": 290,
                    "status": "in_use",
                }
                for i in sorted(ids)[:809]
            ],
        )
        period = get_period(session, "2026")
        (totals,) = figure_rows(session, period=period)
        by_county = figure_rows(session, period=period, group_by="county")
    assert totals["schools_reported"] == 902
    assert totals["rooms"] == totals["schools_with_room"] == 809
    assert totals["schools_with_room_pct"] == Decimal("89.69")
    assert totals["room_area_m2"] == Decimal("23461")  # 809 × 29.0, exactly
    assert [r["code"] for r in by_county] == ["532301", "532329"]
    assert [r["name"] for r in by_county] == ["楚雄市", "武定县"]
    assert sum(r["schools_reported"] for r in by_county) == 902
    assert sum(r["rooms"] for r in by_county) == 809


def test_training_person_times_by_level_for_events_starting_in_the_period(
    school_db: Database, school_id: int
) -> None:
    a, b = _add(school_db, school_id, counselor(), part_timer())
    with school_db.transaction() as session:
        define_period(session, label="2024", start=date(2024, 1, 1), end=date(2024, 12, 31))
        for title, level, start, end, who in (
            ("跨年开始于上期", "national", date(2023, 12, 30), date(2024, 1, 2), [a, b]),
            ("元旦", "national", date(2024, 1, 1), date(2024, 1, 1), [a, b]),
            ("省培", "provincial", date(2024, 5, 8), date(2024, 5, 10), [a]),
            ("州培", "prefecture", date(2024, 7, 15), date(2024, 7, 15), [b]),
            ("年末跨年", "county", date(2024, 12, 31), date(2025, 1, 3), [a, b]),
            ("下期", "school", date(2025, 1, 1), date(2025, 1, 1), [a, b]),
            ("无人参加", "school", date(2024, 3, 1), date(2024, 3, 1), []),
        ):
            ts.add_training(
                session,
                school_id=school_id,
                data=training(title, level=level, start=start, end=end, counselor_ids=who),
            )
    assert _figures(school_db, "2024")["training_person_times"] == {
        "national": 2,
        "provincial": 1,
        "prefecture": 1,
        "county": 2,
        "school": 0,
    }
    assert _figures(school_db, "2025")["training_person_times"]["school"] == 2


def test_summary_json_shape(school_db: Database) -> None:
    figures = _figures(school_db, "2026")
    data = Summary("2026", "2153230001", "楚雄市鹿城小学", figures, []).to_json()
    assert list(data) == ["period", "scope", "totals", "rows"]
    assert data["scope"] == {"code": "2153230001", "name": "楚雄市鹿城小学"}
    assert list(data["totals"]) == DOMAIN_KEYS
    json.dumps(data)  # plain JSON types only


def test_figures_per_school_and_per_kind(school_db: Database, school_id: int) -> None:
    from cxdesk.services.setup import update_school

    with school_db.transaction() as session:
        other = School(code="3153230002")
        update_school(session, other, name="鹿城中学", county="532301", kind="junior")
        session.flush()
        cs.add_counselor(session, school_id=other.id, data=part_timer())
        cs.add_counselor(session, school_id=school_id, data=counselor())
        rs.add_room(session, school_id=other.id, data=room(area_tenths=305))
        period = get_period(session, "2026")
        by_school = figure_rows(session, period=period, group_by="school")
        by_kind = figure_rows(session, period=period, group_by="kind")
        only_junior = figure_rows(session, period=period, school_filter=School.kind == "junior")
    assert [(r["code"], r["name"], r["counselors"], r["rooms"]) for r in by_school] == [
        ("2153230001", "楚雄市鹿城小学", 1, 0),
        ("3153230002", "鹿城中学", 1, 1),
    ]
    assert [(r["code"], r["name"], r["schools_with_room_pct"]) for r in by_kind] == [
        ("junior", "初级中学", Decimal("100.00")),
        ("primary", "小学", Decimal("0.00")),
    ]
    (junior,) = only_junior
    assert (junior["schools_reported"], junior["room_area_m2"]) == (1, Decimal("30.5"))
