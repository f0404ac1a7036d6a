"""One realistic sample school (``cxdesk demo``): counselors, certificates, rooms, training."""

from __future__ import annotations

import random
from datetime import date

from sqlalchemy.orm import Session

from cxdesk.models import School
from cxdesk.sample.people import birth_date, chinese_name, identity_number
from cxdesk.services.counselors import add_counselor
from cxdesk.services.records import CertificateInput, CounselorInput, RoomInput, TrainingInput
from cxdesk.services.rooms import add_room
from cxdesk.services.training import add_training

SUBJECTS = ("chinese", "math", "english", "morality", "science", "pe", "music", "art")
ETHNIC = ("01",) * 6 + ("07",) * 3 + ("14", "16", "20")


def fill_demo_school(session: Session, *, school: School, year: int, seed: int = 2026) -> None:
    """Give ``school`` a living roster, two rooms and a year of training (period ``year``)."""
    rng = random.Random(seed)
    ids = []
    for n in range(7):
        full_time = n == 0
        gender = rng.choice("MF") if n else "F"
        born = birth_date(rng)
        certificates = []
        if n == 0:
            certificates = [
                CertificateInput(
                    "nc_level2",
                    number=f"ZX{rng.randrange(10**6):06d}",
                    issuer="人力资源和社会保障部",
                    issued_on=date(2016, 5, 20),
                ),
                CertificateInput(
                    "teacher_qualification",
                    number=f"JS{rng.randrange(10**6):06d}",
                    issuer="云南省教育厅",
                    issued_on=date(2019, 7, 1),
                ),
            ]
        elif n in (1, 2):
            certificates = [
                CertificateInput(
                    "nc_level3",
                    number=f"ZX{rng.randrange(10**6):06d}",
                    issuer="人力资源和社会保障部",
                    issued_on=date(2015, 11, 8),
                )
            ]
        elif n == 3:
            certificates = [
                CertificateInput(
                    "counselling_skill",
                    number=f"XL{rng.randrange(10**6):06d}",
                    issuer="中国心理卫生协会",
                    issued_on=date(2022, 9, 3),
                )
            ]
        data = CounselorInput(
            name=chinese_name(rng),
            post_type="full_time" if full_time else "part_time",
            gender=gender,
            ethnic_group=rng.choice(ETHNIC),
            identity_number=identity_number(
                rng, address=school.county_code, born=born, gender=gender
            ),
            birth_date=born,
            main_subject=None if full_time else rng.choice(SUBJECTS),
            education=rng.choice(("bachelor", "bachelor", "master", "college")),
            psychology_degree=full_time,
            title=rng.choice(("first", "second", "senior")),
            start_date=date(2021, 9, 1) if full_time else date(rng.randrange(2005, 2024), 9, 1),
            recruited_as_psych=full_time,
            studio_role="member" if n == 0 else "none",
            certificates=certificates,
        )
        ids.append(add_counselor(session, school_id=school.id, data=data).id)
    add_room(
        session,
        school_id=school.id,
        data=RoomInput("心灵驿站个别辅导室", "individual", 186, year_opened=2019),
    )
    add_room(
        session,
        school_id=school.id,
        data=RoomInput(
            "阳光团体活动室", "group", 624, year_opened=2021, has_reception=True, grade="standard"
        ),
    )
    events = (
        (
            "全国中小学心理健康教育教师培训（线上）",
            "national",
            "教育部",
            "线上",
            date(year, 3, 12),
            24,
        ),
        (
            "云南省中小学心理健康教育骨干教师培训",
            "provincial",
            "云南省教育厅",
            "昆明",
            date(year, 5, 8),
            32,
        ),
        (
            "楚雄州心理健康教育骨干教师专题培训",
            "prefecture",
            "楚雄州教育体育局",
            "楚雄",
            date(year, 7, 15),
            16,
        ),
        ("县市心理健康教育全员培训", "county", "县市教育体育局", "县城", date(year, 9, 20), 8),
    )
    for n, (title, level, organiser, place, start, hours) in enumerate(events):
        attendees = ids[: 2 + n] if level != "county" else ids
        add_training(
            session,
            school_id=school.id,
            data=TrainingInput(title, level, start, start, organiser, place, hours, attendees),
        )
