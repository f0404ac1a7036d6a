"""A full-scale sample prefecture: ten counties, 902 schools, through the real chain.

The data is designed so that the prefecture's figures for period 2026 are exactly those of
the prefecture's 2023 reply (domain.md): 2232 counselors (70 full-time), 37 / 70 / 86
certificates, 16 recruited since 2020, a studio of 1 host and 70 members, 809 rooms of
23476.8 m² in total (one room in each of 809 of the 902 schools: 89.69 %), national and
provincial training in the 600s, and 100 counselors at the Shanghai training.

Each total is *allocated* over schools and counselors (largest remainder, seeded random
order), so the totals are exact by construction and the spread looks real: big schools of
Chuxiong city have more counselors, full-time posts and rooms than village schools.

:func:`build_prefecture` then takes the path users take: one school database per school
filled through the services and exported as a signed package by the real export code; a
county database per county that registers its schools' keys, collects their packages and
exports a county package; and ``OUT_DIR/prefecture.db`` that registers the counties' keys
and collects the county packages.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from cxdesk.sample.people import birth_date, chinese_name, identity_number, phone_number

PERIOD = "2026"
SEED = 532300

#: Schools per county: Chuxiong city is the biggest, Yongren the smallest.
COUNTY_SCHOOLS: dict[str, int] = {
    "532301": 175,
    "532302": 135,
    "532329": 120,
    "532326": 95,
    "532324": 80,
    "532328": 70,
    "532325": 60,
    "532322": 60,
    "532323": 55,
    "532327": 52,
}
#: Towns of each county, for school names.
TOWNS: dict[str, tuple[str, ...]] = {
    "532301": (
        "鹿城",
        "东瓜",
        "吕合",
        "东华",
        "子午",
        "苍岭",
        "三街",
        "八角",
        "中山",
        "大过口",
        "大地基",
        "树苴",
        "西舍路",
        "新村",
    ),
    "532302": (
        "金山",
        "广通",
        "勤丰",
        "一平浪",
        "碧城",
        "妥安",
        "黑井",
        "土官",
        "彩云",
        "和平",
        "仁兴",
        "中村",
        "高峰",
        "恐龙山",
    ),
    "532329": (
        "狮山",
        "高桥",
        "猫街",
        "插甸",
        "白路",
        "万德",
        "东坡",
        "田心",
        "发窝",
        "己衣",
        "环州",
    ),
    "532326": (
        "金碧",
        "石羊",
        "龙街",
        "赵家店",
        "新街",
        "六苴",
        "昙华",
        "桂花",
        "三岔河",
        "铁锁",
        "湾碧",
        "三台",
    ),
    "532324": (
        "龙川",
        "沙桥",
        "五街",
        "红土坡",
        "马街",
        "兔街",
        "一街",
        "罗武庄",
        "五顶山",
        "雨露",
    ),
    "532328": ("元马", "黄瓜园", "羊街", "老城", "物茂", "江边", "新华", "平田", "姜驿", "凉山"),
    "532325": ("栋川", "光禄", "前场", "弥兴", "太平", "左门", "大河口", "官屯", "适中"),
    "532322": ("妥甸", "大庄", "法脿", "鄂嘉", "大麦地", "安龙堡", "爱尼山", "独田"),
    "532323": ("共和", "新桥", "江坡", "凤屯", "蟠猫", "戌街", "安乐"),
    "532327": ("永定", "宜就", "中和", "莲池", "维的", "猛虎", "永兴"),
}
COUNTY_SHORT = {
    "532301": "楚雄市",
    "532302": "禄丰市",
    "532322": "双柏县",
    "532323": "牟定县",
    "532324": "南华县",
    "532325": "姚安县",
    "532326": "大姚县",
    "532327": "永仁县",
    "532328": "元谋县",
    "532329": "武定县",
}

#: The targets of domain.md (room area in tenths of m²).
TARGETS = {
    "counselors": 2232,
    "full_time": 70,
    "cert_level2": 37,
    "cert_level3": 70,
    "cert_other": 86,
    "recruited_since_2020": 16,
    "studio_hosts": 1,
    "studio_members": 70,
    "rooms": 809,
    "area_tenths": 234_768,
    "national": 186,
    "provincial": 452,
    "shanghai": 100,
    "prefecture_other": 240,
}

#: (kind, code prefix, share of schools)
KIND_MIX = (
    ("primary", "21", 0.62),
    ("junior", "31", 0.15),
    ("nine-year", "21", 0.10),
    ("senior", "34", 0.05),
    ("complete", "31", 0.04),
    ("vocational", "36", 0.03),
)
SUBJECTS = (
    "chinese",
    "math",
    "english",
    "morality",
    "science",
    "pe",
    "music",
    "art",
    "biology",
    "politics",
)
OTHER_CERTS = (
    "social_work_skill",
    "counselling_skill",
    "teacher_qualification",
    "professional_registration",
    "other",
)
ETHNIC = ("01",) * 12 + ("07",) * 6 + ("03", "14", "16", "20", "06")


@dataclass
class PersonPlan:
    """One counselor of the sample, as the school will enter them."""

    name: str
    gender: str
    ethnic_group: str
    identity_number: str
    birth_date: date
    post_type: str
    main_subject: str | None
    education: str
    psychology_degree: bool
    title: str
    start_date: date
    recruited_as_psych: bool
    studio_role: str = "none"
    #: certificate kinds held (first is the highest)
    certificates: list[str] = field(default_factory=list)
    status: str = "in_post"
    left_date: date | None = None


@dataclass
class EventPlan:
    title: str
    level: str
    organiser: str
    place: str
    start: date
    end: date
    hours: int
    #: indexes into the school's counselors
    attendees: list[int]


@dataclass
class SchoolPlan:
    code: str
    name: str
    county: str
    kind: str
    mountain: bool
    enrolment: int
    contact_person: str
    contact_phone: str
    counselors: list[PersonPlan] = field(default_factory=list)
    #: (name, function, area in tenths, year opened)
    rooms: list[tuple[str, str, int, int]] = field(default_factory=list)
    events: list[EventPlan] = field(default_factory=list)
    boarders: int | None = None
    #: Per room name: the basic areas ticked besides its function's, and its grade.
    room_details: dict[str, tuple[tuple[str, ...], str | None]] = field(default_factory=dict)


def allocate(total: int, weights: list[float], caps: list[int] | None = None) -> list[int]:
    """Integers proportional to ``weights`` that add up to ``total`` exactly (largest
    remainder), never above ``caps``."""
    n = len(weights)
    caps = caps or [total] * n
    result = [0] * n
    remaining = total
    active = [i for i in range(n) if caps[i] > 0 and weights[i] > 0]
    while remaining > 0 and active:
        weight_sum = sum(weights[i] for i in active)
        shares = {i: remaining * weights[i] / weight_sum for i in active}
        given = 0
        for i in active:
            add = min(int(shares[i]), caps[i] - result[i])
            result[i] += add
            given += add
        remaining -= given
        if remaining > 0:
            order = sorted(active, key=lambda i: shares[i] - int(shares[i]), reverse=True)
            for i in order:
                if remaining == 0:
                    break
                if result[i] < caps[i]:
                    result[i] += 1
                    remaining -= 1
        active = [i for i in active if result[i] < caps[i]]
    if remaining:
        raise ValueError("caps too small for the total")
    return result


def _schools(rng: random.Random) -> list[SchoolPlan]:
    schools: list[SchoolPlan] = []
    for county_index, (county, count) in enumerate(COUNTY_SCHOOLS.items(), start=1):
        kinds = allocate(count - 1, [share for _, _, share in KIND_MIX])
        plan = [("special", "51")]
        for (kind, prefix, _), n in zip(KIND_MIX, kinds, strict=True):
            plan += [(kind, prefix)] * n
        towns = TOWNS[county]
        numbers: dict[tuple[str, str], int] = {}
        for n, (kind, prefix) in enumerate(plan, start=1):
            town = (
                towns[0]
                if kind in ("senior", "vocational", "special", "complete")
                else rng.choice(towns)
            )
            short = COUNTY_SHORT[county]
            suffix = {
                "primary": "小学",
                "junior": "中学",
                "nine-year": "九年一贯制学校",
                "senior": "高级中学",
                "complete": "完全中学",
                "vocational": "职业高级中学",
                "special": "特殊教育学校",
            }[kind]
            key = (town, kind)
            numbers[key] = numbers.get(key, 0) + 1
            ordinal = "第一第二第三第四第五第六第七第八第九第十"
            if kind == "special":
                name = f"{short}{suffix}"
            elif numbers[key] == 1:
                name = f"{short}{town}{'镇中心' if kind == 'primary' else ''}{suffix}"
            elif numbers[key] <= 10:
                name = f"{short}{town}{ordinal[2 * numbers[key] - 2 : 2 * numbers[key]]}{suffix}"
            else:
                name = f"{short}{town}第{numbers[key]}{suffix}"
            size = {
                "primary": (60, 1500),
                "junior": (300, 2200),
                "nine-year": (150, 1200),
                "senior": (900, 3500),
                "complete": (600, 2400),
                "vocational": (500, 2600),
                "special": (60, 220),
            }[kind]
            # Village schools are small: a skewed draw gives few big ones.
            enrolment = int(size[0] + (size[1] - size[0]) * rng.random() ** 2.2)
            schools.append(
                SchoolPlan(
                    code=f"{prefix}53{county_index:02d}{n:04d}",
                    name=name,
                    county=county,
                    kind=kind,
                    mountain=rng.random() < 0.55,
                    enrolment=enrolment,
                    contact_person=chinese_name(rng),
                    contact_phone=phone_number(rng),
                )
            )
    return schools


def design_prefecture(seed: int = SEED) -> list[SchoolPlan]:
    """The 902 schools with their counselors, rooms and training; totals are exact."""
    rng = random.Random(seed)
    schools = _schools(rng)
    n = len(schools)
    by_size = sorted(range(n), key=lambda i: schools[i].enrolment, reverse=True)

    # Counselors: at least one everywhere, the rest by size (a big school has up to 9).
    extra = allocate(
        TARGETS["counselors"] - n,
        [schools[i].enrolment ** 1.1 for i in range(n)],
        caps=[8] * n,
    )
    full_time_schools = set(by_size[: TARGETS["full_time"]])
    seen_ids: set[str] = set()
    people: list[tuple[int, int]] = []  # (school index, counselor index)
    for i, school in enumerate(schools):
        for k in range(1 + extra[i]):
            full = k == 0 and i in full_time_schools
            school.counselors.append(_person(rng, school, full, seen_ids))
            people.append((i, k))

    full_timers = [(i, 0) for i in by_size[: TARGETS["full_time"]]]
    part_timers = [p for p in people if p not in set(full_timers)]
    rng.shuffle(part_timers)

    def person(p: tuple[int, int]) -> PersonPlan:
        return schools[p[0]].counselors[p[1]]

    # Recruited as psychological-health teachers since 2020: 16 of the full-timers.
    for p in full_timers[: TARGETS["recruited_since_2020"]]:
        person(p).recruited_as_psych = True
        person(p).start_date = date(rng.choice((2020, 2021, 2022, 2023, 2024, 2025)), 9, 1)
    for p in full_timers[TARGETS["recruited_since_2020"] :]:
        person(p).recruited_as_psych = rng.random() < 0.6
        person(p).start_date = date(rng.randrange(2008, 2020), 9, 1)

    # Certificates, highest first: full-timers hold most of the national levels.
    holders = (
        full_timers[:30]
        + part_timers[: TARGETS["cert_level2"] + TARGETS["cert_level3"] + TARGETS["cert_other"]]
    )
    level2 = holders[: TARGETS["cert_level2"]]
    level3 = holders[len(level2) : len(level2) + TARGETS["cert_level3"]]
    other = holders[len(level2) + len(level3) : len(level2) + len(level3) + TARGETS["cert_other"]]
    for p in level2:
        person(p).certificates = ["nc_level2"] + (
            ["teacher_qualification"] if rng.random() < 0.3 else []
        )
    for p in level3:
        person(p).certificates = ["nc_level3"] + (
            ["counselling_skill"] if rng.random() < 0.2 else []
        )
    for n_other, p in enumerate(other):
        person(p).certificates = [OTHER_CERTS[n_other % len(OTHER_CERTS)]]

    # The prefecture's studio: a host at the biggest school, 70 members across counties.
    studio = full_timers[: TARGETS["studio_members"] + 1]
    person(studio[0]).studio_role = "host"
    for p in studio[1:]:
        person(p).studio_role = "member"
    if len(studio) < TARGETS["studio_members"] + 1:
        for p in part_timers[-(TARGETS["studio_members"] + 1 - len(studio)) :]:
            person(p).studio_role = "member"

    # Rooms: one in every school but the 93 smallest, exact total area.
    with_room = sorted(by_size[: TARGETS["rooms"]])
    areas = [
        rng.randrange(180, 420) + (120 if schools[i].enrolment > 1200 else 0) for i in with_room
    ]
    _adjust(areas, TARGETS["area_tenths"], low=120, high=1500)
    for i, area in zip(with_room, areas, strict=True):
        school = schools[i]
        function = "combined" if area < 400 else rng.choice(("individual", "group", "combined"))
        school.rooms.append(
            (
                f"{rng.choice(('心灵驿站', '阳光', '心语', '彩虹', '暖心'))}心理辅导室",
                function,
                area,
                rng.randrange(2012, 2026),
            )
        )

    # Training, as person-times per school and level.
    _training(rng, schools, people, full_timers, part_timers)
    # What the standards read (issue 15), drawn apart so the figures above stay as they are.
    _boarders_and_room_details(random.Random(seed + 1), schools)
    _shared_people(schools)
    return schools


def _boarders_and_room_details(rng: random.Random, schools: list[SchoolPlan]) -> None:
    """Boarders at mountain secondary schools; which basic areas each room has; its grade."""
    boarding = {"junior": 0.6, "nine-year": 0.45, "senior": 0.7, "complete": 0.6, "primary": 0.1}
    for school in schools:
        share = (
            boarding.get(school.kind, 0.0)
            if school.mountain
            else boarding.get(school.kind, 0.0) / 3
        )
        school.boarders = int(school.enrolment * share * rng.uniform(0.6, 1.1)) if share else 0
        for name, function, area, _year in school.rooms:
            others = [a for a in ("individual", "group", "reception") if a != function]
            draw = rng.random()
            if function == "combined":
                ticked = tuple(others) if draw < 0.7 else tuple(others[:2]) if draw < 0.85 else ()
            else:
                ticked = tuple(others) if draw < 0.5 else ()
            grade = "standard" if area >= 300 and rng.random() < 0.75 else "ordinary"
            school.room_details[name] = (ticked, grade)


#: People the sample puts on two schools' rosters: a part-time counselor two schools of
#: 牟定县 share (among the 36 biggest, not among the schools the bureau tests build), and
#: one on the rosters of a school of 楚雄市 and one of 禄丰市.
def _shared_people(schools: list[SchoolPlan]) -> None:
    def part_timer(school: SchoolPlan) -> PersonPlan:
        return next(p for p in reversed(school.counselors) if p.post_type == "part_time")

    mouding = [s for s in schools if s.county == "532323"]
    tested = {s.code for s in mouding[:3]} | {mouding[-1].code}
    tested.add(next(s.code for s in mouding if not s.rooms))
    biggest = sorted(mouding, key=lambda s: -s.enrolment)[:36]
    first, second = [s for s in biggest if s.code not in tested][3:5]
    chuxiong = max((s for s in schools if s.county == "532301"), key=lambda s: s.enrolment)
    lufeng = max((s for s in schools if s.county == "532302"), key=lambda s: s.enrolment)
    for one, other in ((first, second), (chuxiong, lufeng)):
        source, copy = part_timer(one), part_timer(other)
        copy.name, copy.gender, copy.ethnic_group = source.name, source.gender, source.ethnic_group
        copy.birth_date, copy.identity_number = source.birth_date, source.identity_number
        copy.start_date = source.start_date  # part-timers: no figure depends on it


def _person(rng: random.Random, school: SchoolPlan, full: bool, seen: set[str]) -> PersonPlan:
    gender = "F" if rng.random() < 0.62 else "M"
    born = birth_date(rng, oldest=1968, youngest=1998)
    address = school.county
    if school.county == "532302" and born.year < 1990 and rng.random() < 0.5:
        address = "532331"  # Lufeng's code before 2021: older numbers keep it
    while True:
        number = identity_number(rng, address=address, born=born, gender=gender)
        if number not in seen:
            seen.add(number)
            break
    start_year = max(born.year + 22, rng.randrange(2003, 2026))
    return PersonPlan(
        name=chinese_name(rng),
        gender=gender,
        ethnic_group=rng.choice(ETHNIC),
        identity_number=number,
        birth_date=born,
        post_type="full_time" if full else "part_time",
        main_subject=None if full else rng.choice(SUBJECTS),
        education=rng.choice(("bachelor",) * 6 + ("college",) * 3 + ("master",)),
        psychology_degree=full and rng.random() < 0.7,
        title=rng.choice(("first", "first", "second", "senior", "third")),
        start_date=date(min(start_year, 2025), 9, 1),
        recruited_as_psych=False,
    )


def _adjust(values: list[int], total: int, *, low: int, high: int) -> None:
    """Nudge ``values`` (within bounds) until they add up to ``total`` exactly."""
    diff = total - sum(values)
    i = 0
    while diff:
        step = 1 if diff > 0 else -1
        j = i % len(values)
        if low <= values[j] + step <= high:
            move = step * min(abs(diff), 40)
            move = max(low - values[j], min(high - values[j], move))
            values[j] += move
            diff -= move
        i += 1


def _training(
    rng: random.Random,
    schools: list[SchoolPlan],
    people: list[tuple[int, int]],
    full_timers: list[tuple[int, int]],
    part_timers: list[tuple[int, int]],
) -> None:
    """Attendances per level; each school holds one event per level it attended."""
    by_school: dict[int, dict[str, list[int]]] = {}

    def attend(level: str, chosen: list[tuple[int, int]]) -> None:
        for i, k in chosen:
            by_school.setdefault(i, {}).setdefault(level, []).append(k)

    everyone = full_timers + part_timers
    order = everyone[:]
    rng.shuffle(order)
    # Shanghai: the studio and other lead teachers (prefecture level, organised by the bureau).
    studio = [p for p in everyone if schools[p[0]].counselors[p[1]].studio_role != "none"]
    leads = studio + [p for p in full_timers if p not in studio]
    leads += [p for p in order if p not in set(leads)]
    attend("shanghai", leads[: TARGETS["shanghai"]])
    full_set = set(full_timers)
    by_full_time_first = full_timers + [p for p in order if p not in full_set]
    attend("national", by_full_time_first[: TARGETS["national"]])
    attend("provincial", by_full_time_first[: TARGETS["provincial"]])
    attend("prefecture", order[200 : 200 + TARGETS["prefecture_other"]])
    # County training for everyone; school-level training where there are several.
    attend("county", everyone)
    attend("school", [p for p in everyone if len(schools[p[0]].counselors) >= 3])

    events = {
        "national": (
            "全国中小学心理健康教育教师网络研修",
            "national",
            "教育部",
            "线上",
            date(2026, 3, 16),
            date(2026, 3, 20),
            30,
        ),
        "provincial": (
            "云南省中小学心理健康教育骨干教师培训",
            "provincial",
            "云南省教育厅",
            "昆明",
            date(2026, 4, 13),
            date(2026, 4, 17),
            32,
        ),
        "shanghai": (
            "楚雄州心理健康教育骨干教师上海研修班",
            "prefecture",
            "楚雄州教育体育局",
            "上海",
            date(2026, 5, 11),
            date(2026, 5, 22),
            80,
        ),
        "prefecture": (
            "楚雄州中小学心理健康教育专题培训",
            "prefecture",
            "楚雄州教育体育局",
            "楚雄",
            date(2026, 6, 8),
            date(2026, 6, 10),
            16,
        ),
        "county": (
            "县市心理健康教育全员培训",
            "county",
            "县市教育体育局",
            "县城",
            date(2026, 7, 6),
            date(2026, 7, 7),
            8,
        ),
        "school": (
            "校本心理健康教育教研",
            "school",
            "本校",
            "本校",
            date(2026, 9, 18),
            date(2026, 9, 18),
            4,
        ),
    }
    for i, levels in by_school.items():
        for key, (title, level, organiser, place, start, end, hours) in events.items():
            attendees = sorted(set(levels.get(key, [])))
            if attendees:
                schools[i].events.append(
                    EventPlan(title, level, organiser, place, start, end, hours, attendees)
                )


def expected_totals(schools: list[SchoolPlan]) -> dict[str, Any]:
    """The figures the design gives, counted from the plan (a check of the design)."""
    from decimal import Decimal

    people = [p for s in schools for p in s.counselors if p.status == "in_post"]
    training: dict[str, int] = {}
    for s in schools:
        for e in s.events:
            training[e.level] = training.get(e.level, 0) + len(e.attendees)
    return {
        "schools_reported": len(schools),
        "counselors": len(people),
        "full_time": sum(p.post_type == "full_time" for p in people),
        "part_time": sum(p.post_type == "part_time" for p in people),
        "cert_level2": sum(
            bool(p.certificates) and p.certificates[0] == "nc_level2" for p in people
        ),
        "cert_level3": sum(
            bool(p.certificates) and p.certificates[0] == "nc_level3" for p in people
        ),
        "cert_other": sum(
            bool(p.certificates) and p.certificates[0] not in ("nc_level2", "nc_level3")
            for p in people
        ),
        "recruited_since_2020": sum(
            p.recruited_as_psych and p.start_date >= date(2020, 1, 1) for p in people
        ),
        "studio_hosts": sum(p.studio_role == "host" for p in people),
        "studio_members": sum(p.studio_role == "member" for p in people),
        "rooms": sum(len(s.rooms) for s in schools),
        "room_area_m2": Decimal(sum(r[2] for s in schools for r in s.rooms)) / 10,
        "schools_with_room": sum(bool(s.rooms) for s in schools),
        "training_person_times": training,
        "shanghai": sum(len(e.attendees) for s in schools for e in s.events if e.place == "上海"),
    }
