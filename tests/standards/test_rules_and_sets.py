"""Rule kinds, their parameters, and the standard set's JSON: strict, and what the seed holds."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from cxdesk.errors import InputError
from cxdesk.standards.catalogue import (
    NewStandard,
    add_standard,
    list_standards,
    remove_standard,
    set_enabled,
)
from cxdesk.standards.facts import RoomFact, SchoolFacts
from cxdesk.standards.rules import evaluate, validate_params
from cxdesk.standards.standard_set import (
    adopt_standard_set,
    current_set,
    parse_standard_set,
)
from cxdesk.storage.db import Database

#: The documents of the national standards and their numbers, as the reference gives them
#: (../shared/reference/standards.md), with how sure it is of each.
REFERENCE = {
    "cn-2021-full-time": ("教思政厅函〔2021〕10号", "likely"),
    "cn-2023-counselor": ("专项行动计划（2023—2025年）", "likely"),
    "cn-2015-room-areas": ("教基一厅函〔2015〕36号", "certain"),
    "cn-2015-individual-size": ("教基一厅函〔2015〕36号", "likely"),
    "cn-2015-group-size": ("教基一厅函〔2015〕36号", "likely"),
}


def facts(**changes: Any) -> SchoolFacts:
    values: dict[str, Any] = {
        "school_id": 1,
        "code": "2153010001",
        "name": "甲",
        "county_code": "532301",
        "kind": "primary",
        "enrolment": 500,
        "boarders": 0,
        "submission_id": None,
        "counselors": 1,
        "full_time": 0,
    }
    values.update(changes)
    return SchoolFacts(**values)


def room(function: str, area: int, areas: tuple[str, ...] = ()) -> RoomFact:
    return RoomFact(
        "室",
        function,
        area,
        frozenset((function, *areas)) & {"individual", "group", "reception"},
        None,
    )


@pytest.mark.parametrize(
    ("kind", "params", "problem"),
    [
        ("min_counselors", {"post_type": "full_time"}, "'count' is missing"),
        ("min_counselors", {"post_type": "all", "count": 1}, "'post_type' must be one of"),
        ("min_counselors", {"post_type": "any", "count": True}, "'count' must be a whole number"),
        ("min_counselors", {"post_type": "any", "count": 0}, "1–100"),
        ("min_counselors", {"post_type": "any", "count": "1"}, "whole number"),
        (
            "min_counselors",
            {"post_type": "any", "count": 1, "ratio": 500},
            "Unknown parameter 'ratio'",
        ),
        (
            "min_counselors",
            {"post_type": "any", "count": 1, "when_pupils_at_least": -5},
            "1–100000",
        ),
        ("room_areas", {"areas": []}, "at least one"),
        ("room_areas", {"areas": ["individual", "individual"]}, "none twice"),
        ("room_areas", {"areas": "individual"}, "list of areas"),
        ("room_size", {"function": "individual"}, "minimum or a maximum"),
        ("room_size", {"function": "individual", "min_m2": 15, "max_m2": 10}, "above the maximum"),
        ("room_size", {"function": "individual", "min_m2": "NaN"}, "at most one decimal"),
        ("room_size", {"function": "individual", "min_m2": 10.25}, "at most one decimal"),
        ("room_size", {"function": "individual", "max_m2": 1e9}, "0–10000"),
        ("room_size", {"function": "combined", "min_m2": 10}, "must be one of"),
        ("has_room", {"x": 1}, "Unknown parameter"),
        ("ratio", {}, "not a rule kind"),
    ],
)
def test_parameters_are_checked_strictly(kind: str, params: Any, problem: str) -> None:
    with pytest.raises(InputError) as caught:
        validate_params(kind, params)
    assert problem in caught.value.render("en")


def test_parameters_are_normalised() -> None:
    assert validate_params("room_areas", {"areas": ["reception", "individual"]}) == {
        "areas": ["individual", "reception"]
    }
    assert validate_params("room_size", {"function": "group", "min_m2": "20.0"}) == {
        "function": "group",
        "min_m2": 20,
    }


def test_each_rule_kind_on_a_school() -> None:
    full = {"post_type": "full_time", "count": 1}
    assert evaluate("min_counselors", facts(), full).outcome == "not_met"
    assert evaluate("min_counselors", facts(full_time=1), full).outcome == "met"
    conditional = {**full, "when_pupils_at_least": 1000, "when_boarders_at_least": 200}
    assert evaluate("min_counselors", facts(), conditional).outcome == "not_applicable"
    assert evaluate("min_counselors", facts(boarders=200), conditional).outcome == "not_met"
    assert (
        evaluate("min_counselors", facts(enrolment=1000, boarders=None), conditional).outcome
        == "not_met"
    )
    missing = evaluate("min_counselors", facts(enrolment=None, boarders=None), conditional)
    assert missing.outcome == "unknown" and missing.message is not None
    assert missing.message.render("en") == "number of pupils and number of boarders not given"
    # pupils known and below, boarders unknown: cannot tell
    assert evaluate("min_counselors", facts(boarders=None), conditional).outcome == "unknown"
    three = {"areas": ["individual", "group", "reception"]}
    combined = facts(rooms=[room("combined", 600, ("individual", "group"))])
    verdict = evaluate("room_areas", combined, three)
    assert verdict.outcome == "not_met" and verdict.message is not None
    assert verdict.message.render("zh") == "缺办公接待区"
    both = facts(rooms=[room("combined", 600, ("individual", "group")), room("reception", 100)])
    assert evaluate("room_areas", both, three).outcome == "met"
    size = {"function": "individual", "min_m2": 10, "max_m2": 15}
    assert evaluate("room_size", facts(), size).outcome == "not_applicable"
    assert evaluate("room_size", facts(rooms=[room("individual", 100)]), size).outcome == "met"
    assert evaluate("room_size", facts(rooms=[room("individual", 151)]), size).outcome == "not_met"
    assert evaluate("has_room", facts(), {}).outcome == "not_met"
    graded = facts(rooms=[RoomFact("室", "combined", 300, frozenset(), "standard")])
    assert evaluate("standardised_room", graded, {}).outcome == "met"
    assert evaluate("standardised_room", combined, {}).outcome == "not_met"


def test_the_seed_is_the_national_standards_of_the_reference(db: Database) -> None:
    with db.reading() as session:
        seeded = list_standards(session)
    assert [s.key for s in seeded] == list(REFERENCE)
    for s in seeded:
        assert s.origin == "national" and s.enabled
        assert validate_params(s.rule_kind, s.params) == s.params
        number, certainty = REFERENCE[s.key]
        assert number in s.source and s.certainty == certainty, s.key
        assert s.certainty_note and s.certainty_note_en
    by_key = {s.key: s for s in seeded}
    assert by_key["cn-2023-counselor"].target_pct == 95
    assert by_key["cn-2021-full-time"].target_pct == 100
    assert by_key["cn-2015-room-areas"].applies_from == date(2015, 7, 29)
    assert {s.level for s in seeded if "size" in s.key} == {"advisory"}
    text = json.dumps([s.to_json() for s in seeded], ensure_ascii=False)
    for invented in ("1:500", "500", "50 yuan", "50元"):  # standards.md: "Not to be used"
        assert invented not in text


def _bureau(db: Database, role: str = "county", code: str = "532301") -> None:
    from cxdesk.services.bureaus import init_bureau

    with db.transaction() as session:
        init_bureau(session, role=role, code=code)


OWN = NewStandard(
    name="每校至少一间标准化辅导室",
    name_en="Every school has a standard room",
    source="楚教体〔2026〕1号",
    applies_from=date(2026, 1, 1),
    rule_kind="standardised_room",
    params={},
    target_pct=80,
)


def test_a_bureau_switches_off_adds_and_removes_its_own(db: Database) -> None:
    _bureau(db)
    with db.transaction() as session:
        set_enabled(session, key="cn-2015-group-size", enabled=False)
        added = add_standard(session, data=OWN)
        second = add_standard(session, data=OWN)
    assert (added.key, second.key) == ("532301-1", "532301-2")
    with db.transaction() as session:
        remove_standard(session, key="532301-1")
        with pytest.raises(InputError) as national:
            remove_standard(session, key="cn-2021-full-time")
        listed = {s.key: s.enabled for s in list_standards(session)}
    assert "只能停用" in national.value.render("zh")
    assert listed["cn-2015-group-size"] is False and "532301-1" not in listed
    with db.transaction() as session, pytest.raises(InputError) as bad:
        add_standard(
            session,
            data=NewStandard(
                name="",
                name_en="x",
                source="y",
                applies_from=date(2026, 1, 1),
                rule_kind="min_counselors",
                params={"post_type": "any", "count": 0},
                school_kinds=("kindergarten",),
                target_pct=120,
            ),
        )
    rendered = bad.value.render("en")
    for part in ("name is required", "'kindergarten' is not a kind", "0–100", "1–100"):
        assert part in rendered


def test_a_school_cannot_change_its_standards(school_db: Database) -> None:
    with school_db.transaction() as session, pytest.raises(InputError) as caught:
        set_enabled(session, key="cn-2021-full-time", enabled=False)
    assert "教育局" in caught.value.render("zh")


def test_the_set_round_trips_and_a_school_adopts_its_countys(
    db: Database, school_db: Database, tmp_path: Path
) -> None:
    from cxdesk.storage.db import open_database

    county = open_database(tmp_path / "county.db")
    try:
        _bureau(county)
        with county.transaction() as session:
            set_enabled(session, key="cn-2015-group-size", enabled=False)
            add_standard(session, data=OWN)
            sent = current_set(session, today=date(2026, 3, 1))
    finally:
        county.close()
    again = parse_standard_set(sent.to_bytes())
    assert again == sent
    with school_db.transaction() as session:
        adopted = adopt_standard_set(session, again)
        listed = list_standards(session)
    assert (adopted.added, adopted.changed, adopted.removed) == (1, 1, 0)
    assert [s.key for s in listed][-1] == "532301-1"
    assert {s.key: s.enabled for s in listed}["cn-2015-group-size"] is False


def _set(**changes: Any) -> dict[str, Any]:
    document = {
        "format": "cxdesk-standards",
        "version": 1,
        "issuer": {"role": "county", "code": "532301", "name": "楚雄市教育体育局"},
        "issued_on": "2026-03-01",
        "standards": [
            {
                "key": "532301-1",
                "name": "标准",
                "name_en": "standard",
                "source": "文件",
                "applies_from": "2026-01-01",
                "school_kinds": [],
                "rule": {"kind": "has_room", "params": {}},
                "level": "required",
                "target_pct": None,
                "certainty": "certain",
                "certainty_note": "",
                "certainty_note_en": "",
                "enabled": True,
                "origin": "532301",
            }
        ],
    }
    for path, value in changes.items():
        target: Any = document
        parts = path.split(".")
        for part in parts[:-1]:
            target = target[int(part)] if part.isdigit() else target[part]
        if value is ...:
            del target[parts[-1]]
        else:
            target[parts[-1]] = value
    return document


@pytest.mark.parametrize(
    ("changes", "problem"),
    [
        ({"format": "other"}, "not a cxdesk standards file"),
        ({"version": 2}, "newer cxdesk"),
        ({"version": "1"}, "version is not valid"),
        ({"extra": 1}, "unexpected extra"),
        ({"issuer.role": "school"}, "issuer is not valid"),
        ({"issuer.code": "530100"}, "issuer is not valid"),
        ({"issued_on": "2026-02-30"}, "is not a date"),
        ({"standards.0.key": "Bad Key!"}, "key is not valid"),
        ({"standards.0.enabled": "yes"}, "enabled is not valid"),
        ({"standards.0.origin": "moon"}, "origin is not valid"),
        ({"standards.0.rule": {"kind": "ratio", "params": {}}}, "not a rule kind"),
        ({"standards.0.rule": {"kind": "has_room", "params": {"x": 1}}}, "Unknown parameter"),
        ({"standards.0.target_pct": 101}, "0–100"),
        ({"standards.0.level": ["required"]}, "level is not valid"),
        ({"standards.0.name": ""}, "name is required"),
        ({"standards.0.school_kinds": ["kindergarten"]}, "not a kind of school"),
        ({"standards.0.certainty_note": ...}, "missing certainty_note"),
        ({"standards": {}}, "standards is not valid"),
    ],
)
def test_a_bad_set_is_refused_with_the_reason(changes: dict[str, Any], problem: str) -> None:
    with pytest.raises(InputError) as caught:
        parse_standard_set(json.dumps(_set(**changes)))
    assert problem in caught.value.render("en"), caught.value.render("en")


def test_hostile_sets_are_refused() -> None:
    for data in (
        b"",
        b"\xff\xfe",
        b"[]",
        b"{" * 10_000,
        json.dumps(_set()).encode() + b" " * 300_000,
    ):
        with pytest.raises(InputError):
            parse_standard_set(data)
    twice = _set()
    twice["standards"] *= 2
    with pytest.raises(InputError) as caught:
        parse_standard_set(json.dumps(twice))
    assert "appears twice" in caught.value.render("en")
    many = _set()
    many["standards"] = [dict(many["standards"][0], key=f"532301-{n}") for n in range(201)]
    with pytest.raises(InputError) as too_many:
        parse_standard_set(json.dumps(many))
    assert "at most 200" in too_many.value.render("en")


def test_who_may_adopt_whose_set(db: Database, school_db: Database, tmp_path: Path) -> None:
    from cxdesk.storage.db import open_database

    other_county = parse_standard_set(json.dumps(_set(**{"issuer.code": "532302"})))
    with school_db.transaction() as session, pytest.raises(InputError) as caught:
        adopt_standard_set(session, other_county)
    assert "不是本校所在县市" in caught.value.render("zh")
    prefecture_set = parse_standard_set(
        json.dumps(
            _set(
                **{
                    "issuer": {"role": "prefecture", "code": "532300", "name": "楚雄州教育体育局"},
                    "standards.0.key": "532300-1",
                    "standards.0.origin": "532300",
                }
            )
        )
    )
    county = open_database(tmp_path / "county.db")
    try:
        _bureau(county)
        with county.transaction() as session:
            add_standard(session, data=OWN)
            adopted = adopt_standard_set(session, prefecture_set)
            keys = [s.key for s in list_standards(session)]
        # The prefecture's set replaces the national ones and adds its own; the county's
        # own addition stays.
        assert keys == ["532300-1", "532301-1"]
        assert (adopted.added, adopted.removed) == (1, 5)
        with county.transaction() as session, pytest.raises(InputError):
            adopt_standard_set(session, other_county)
    finally:
        county.close()
    prefecture = open_database(tmp_path / "prefecture.db")
    try:
        _bureau(prefecture, "prefecture", "532300")
        with prefecture.transaction() as session, pytest.raises(InputError) as above:
            adopt_standard_set(session, prefecture_set)
        assert "只能采用州教育体育局" in above.value.render("zh")
    finally:
        prefecture.close()
