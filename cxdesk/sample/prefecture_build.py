"""Building the sample prefecture through the real chain (``cxdesk demo --prefecture OUT``).

Layout of ``OUT``::

    prefecture.db                       the prefecture bureau (keys set up first)
    counties/<county>/county.db         each county bureau's database
    bureau-keys/<code>.cxkey            the bureaus' key files
    schools/<county>/<code>/cxdesk.db   one school database each (with its key and outbox)
    packages/<county>/*.cxpkg           the schools' signed, encrypted packages
    county-packages/*.cxpkg             the counties' signed packages
    README.txt                          the same, for people (Chinese and English)

The bureaus set their keys up first (:mod:`cxdesk.sample.bureau_keys`): each school
registers its county's key file before it exports.  Schools are built in worker processes
(two on a two-core machine); each worker fills a copy of one freshly migrated empty
database through the services and exports it with the real export code.  The counties
and the prefecture then collect exactly as a clerk would.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from cxdesk.i18n import Text
from cxdesk.sample.bureau_keys import (
    KEY_FILES_DIR,
    PREFECTURE,
    SAMPLE_PASSPHRASE,
    bureau_db_path,
    ensure_sample_bureaus,
    register_county_key_file,
)
from cxdesk.sample.prefecture import PERIOD, SchoolPlan, design_prefecture

Report = Callable[[str], None]

SCHOOLS_BUILT = Text("学校上报包：{done}/{total}", "School packages: {done}/{total}")
BUREAU_KEYS_MADE = Text(
    "各级教育局的密钥和密钥文件已生成", "The bureaus' keys and key files are made"
)
COUNTIES_BUILT = Text(
    "各县市已收取本县学校的上报包并导出县级上报包",
    "Each county collected its schools' packages and exported its county package",
)
README_NAME = "README.txt"


def readme_text(schools: int) -> str:
    """What each folder of the sample is, and which role opens or collects it."""
    from cxdesk import reference as ref

    counties_zh = "、".join(f"{c.code} {c.zh}" for c in ref.COUNTIES)
    counties_en = ", ".join(f"{c.code} {c.en}" for c in ref.COUNTIES)
    return f"""示例州（cxdesk demo --prefecture 生成）
========================================

本文件夹是楚雄州的完整示例：{schools} 所学校的数据经真实流程上报（学校导出 → 县市收取并导出 → 州收取）。
各文件夹对应的角色：

schools/县市代码/学校标识码/cxdesk.db
    学校：每所学校的数据库（含签名密钥 keys/ 和已导出的包 outbox/）。
    用“cxdesk gui --db 该文件”以学校身份打开。
packages/县市代码/*.cxpkg
    学校的上报包。县市教育体育局在“收取上报包”页收取（选择该县市的文件夹）。
counties/县市代码/county.db
    县市教育体育局：已收取本县学校上报包的数据库。用“cxdesk gui --db 该文件”打开。
county-packages/*.cxpkg
    县级上报包。州教育体育局在“收取上报包”页收取。
prefecture.db
    州教育体育局：已收取全部县级上报包的数据库。用“cxdesk gui --db prefecture.db”打开。
bureau-keys/*.cxkey
    各教育体育局的密钥文件：学校在“上报”页导入本县市的文件，上报包即加密给县市和州。
    示例中各教育体育局私钥的口令：{SAMPLE_PASSPHRASE}

县市代码：{counties_zh}。


Sample prefecture (made by cxdesk demo --prefecture)
====================================================

This folder is a whole sample of Chuxiong prefecture: the data of {schools} schools reported
through the real chain (schools export, counties collect and export, the prefecture
collects). Which folder is whose:

schools/COUNTY/SCHOOL_CODE/cxdesk.db
    Schools: each school's database (with its signing key in keys/ and its exported
    packages in outbox/). Open one as that school with "cxdesk gui --db FILE".
packages/COUNTY/*.cxpkg
    The schools' report packages. A county bureau collects them on its "Collect" page
    (choose the county's folder).
counties/COUNTY/county.db
    County bureaus: each county's database, its schools' packages collected. Open with
    "cxdesk gui --db FILE".
county-packages/*.cxpkg
    The county packages. The prefecture bureau collects them on its "Collect" page.
prefecture.db
    The prefecture bureau: every county package collected. Open with
    "cxdesk gui --db prefecture.db".
bureau-keys/*.cxkey
    The bureaus' key files: a school imports its county's on the "Report" page, and its
    packages are then encrypted to the county and the prefecture. The sample bureaus'
    private keys are protected by the passphrase {SAMPLE_PASSPHRASE}.

County codes: {counties_en}.
"""


def write_readme(out: Path, *, schools: int) -> Path:
    """README.txt in ``out``, UTF-8 with a byte-order mark so that Notepad shows it right."""
    path = out / README_NAME
    path.write_text(readme_text(schools), encoding="utf-8-sig", newline="\r\n")
    return path


@dataclass(frozen=True)
class BuiltSchool:
    code: str
    name: str
    county: str
    fingerprint: str
    package: Path


def school_db_path(out: Path, school: SchoolPlan) -> Path:
    return out / "schools" / school.county / school.code / "cxdesk.db"


def fill_school(session: object, plan: SchoolPlan) -> None:
    """Enter the planned school through the services, as a teacher would."""
    from sqlalchemy.orm import Session

    from cxdesk.services.counselors import add_counselor
    from cxdesk.services.periods import get_period
    from cxdesk.services.records import (
        CertificateInput,
        CounselorInput,
        RoomInput,
        TrainingInput,
    )
    from cxdesk.services.rooms import add_room
    from cxdesk.services.setup import init_school
    from cxdesk.services.training import add_training

    assert isinstance(session, Session)
    school = init_school(
        session,
        code=plan.code,
        name=plan.name,
        county=plan.county,
        kind=plan.kind,
        mountain=plan.mountain,
        enrolment=plan.enrolment,
        contact_person=plan.contact_person,
        contact_phone=plan.contact_phone,
        boarders=plan.boarders,
    )
    get_period(session, PERIOD)
    ids = []
    for n, p in enumerate(plan.counselors):
        certificates = [
            CertificateInput(
                kind,
                other_name="心理危机干预培训合格证书" if kind == "other" else None,
                number=f"{plan.code[-6:]}{n:02d}{k}",
                issuer="人力资源和社会保障部" if kind.startswith("nc_") else "云南省心理卫生协会",
                issued_on=_issued(kind, p.birth_date.year),
            )
            for k, kind in enumerate(p.certificates)
        ]
        data = CounselorInput(
            name=p.name,
            post_type=p.post_type,
            gender=p.gender,
            ethnic_group=p.ethnic_group,
            identity_number=p.identity_number,
            birth_date=p.birth_date,
            main_subject=p.main_subject,
            education=p.education,
            psychology_degree=p.psychology_degree,
            title=p.title,
            start_date=p.start_date,
            recruited_as_psych=p.recruited_as_psych,
            studio_role=p.studio_role,
            certificates=certificates,
            status=p.status,
            left_date=p.left_date,
        )
        ids.append(add_counselor(session, school_id=school.id, data=data).id)
    for name, function, area, year in plan.rooms:
        ticked, grade = plan.room_details.get(name, ((), None))
        room = RoomInput(name, function, area, year, grade=grade)
        room.has_individual, room.has_group = "individual" in ticked, "group" in ticked
        room.has_reception = "reception" in ticked
        add_room(session, school_id=school.id, data=room)
    for e in plan.events:
        add_training(
            session,
            school_id=school.id,
            data=TrainingInput(
                e.title,
                e.level,
                e.start,
                e.end,
                e.organiser,
                e.place,
                e.hours,
                [ids[k] for k in e.attendees],
            ),
        )


def _issued(kind: str, born: int) -> date:
    if kind.startswith("nc_"):
        return date(max(born + 25, 2008), 6, 1) if born + 25 <= 2017 else date(2016, 11, 1)
    return date(2022, 10, 15)


def build_school(
    out: Path, template: Path, plan: SchoolPlan, bureaus: Path | None = None
) -> BuiltSchool:
    """One school: database, data, key, its county's key file registered, exported package
    (``bureaus``: where the bureaus' key files are, by default ``out``)."""
    from cxdesk.exchange.export import export_report, outbox_dir
    from cxdesk.exchange.keys import keys_dir, load_signer
    from cxdesk.storage.db import open_database

    path = school_db_path(out, plan)
    if path.parent.exists():
        shutil.rmtree(path.parent)
    path.parent.mkdir(parents=True)
    shutil.copyfile(template, path)
    db = open_database(path)
    try:
        with db.transaction() as session:
            session.info["changelog"] = False  # sample data has no history to keep
            fill_school(session, plan)
            register_county_key_file(session, bureaus or out, plan.county)
        packages = out / "packages" / plan.county
        packages.mkdir(parents=True, exist_ok=True)
        with db.transaction() as session:
            signer = load_signer(session, key_dir=keys_dir(path))
            result = export_report(
                session,
                period_label=PERIOD,
                out_dir=packages,
                outbox=outbox_dir(path),
                signer=signer,
            )
    finally:
        db.close()
    return BuiltSchool(plan.code, plan.name, plan.county, signer.fingerprint, result.path)


def _build_chunk(
    args: tuple[Path, Path, list[SchoolPlan], Path | None],
) -> list[BuiltSchool]:
    out, template, plans, bureaus = args
    return [build_school(out, template, plan, bureaus) for plan in plans]


def build_schools(
    out: Path,
    plans: list[SchoolPlan],
    *,
    workers: int | None = None,
    report: Report | None = None,
    bureaus: Path | None = None,
) -> list[BuiltSchool]:
    """Every school database and package, over ``workers`` processes (the bureaus'
    keys, in ``bureaus`` or else ``out``, are set up first where they are not yet)."""
    from cxdesk.storage.db import open_database

    workers = workers or max(1, min(2, os.cpu_count() or 1))
    counties = sorted({p.county for p in plans})
    ensure_sample_bureaus(bureaus or out, counties, workers=workers)
    template = out / ".empty-school.db"
    template.unlink(missing_ok=True)
    open_database(template).close()
    chunk = 25
    chunks = [(out, template, plans[i : i + chunk], bureaus) for i in range(0, len(plans), chunk)]
    built: list[BuiltSchool] = []
    if workers == 1:
        for c in chunks:
            built += _build_chunk(c)
            if report:
                report(SCHOOLS_BUILT.render(done=len(built), total=len(plans)))
    else:
        import multiprocessing

        context = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
            for result in pool.map(_build_chunk, chunks):
                built += result
                if report:
                    report(SCHOOLS_BUILT.render(done=len(built), total=len(plans)))
    template.unlink(missing_ok=True)
    return built


def build_county(
    out: Path, county: str, plans: list[SchoolPlan], built: list[BuiltSchool]
) -> tuple[str, Path]:
    """A county bureau (its keys set up before its schools exported): register, trust its
    schools' keys, collect, export; its key."""
    from cxdesk.bureau.collect import collect
    from cxdesk.bureau.county import export_county_package
    from cxdesk.bureau.register import RegisterRow, load_register
    from cxdesk.exchange.bureau_keys import unlock_bureau_keys
    from cxdesk.exchange.keys import keys_dir, load_signer
    from cxdesk.exchange.trust import register_key
    from cxdesk.storage.db import open_database

    ensure_sample_bureaus(out, [county])
    path = bureau_db_path(out, county)
    db = open_database(path)
    try:
        with db.transaction() as session:
            unlock_bureau_keys(session, key_dir=keys_dir(path), passphrase=SAMPLE_PASSPHRASE)
            load_register(
                session,
                [
                    RegisterRow(p.code, p.name, p.county, p.kind, p.contact_person, p.contact_phone)
                    for p in plans
                ],
            )
            for school in built:
                register_key(
                    session, fingerprint=school.fingerprint, code=school.code, name=school.name
                )
        collect(db, [out / "packages" / county], backup=False)
        target = out / "county-packages"
        target.mkdir(parents=True, exist_ok=True)
        with db.transaction() as session:
            signer = load_signer(session, key_dir=keys_dir(path))
            result = export_county_package(
                session, period_label=PERIOD, out_dir=target, signer=signer
            )
    finally:
        db.close()
    return signer.fingerprint, result.path


def _build_county(
    args: tuple[Path, str, list[SchoolPlan], list[BuiltSchool]],
) -> tuple[str, str, Path]:
    out, county, plans, built = args
    fingerprint, path = build_county(out, county, plans, built)
    return county, fingerprint, path


def build_prefecture(
    out: Path, *, workers: int | None = None, report: Report | None = None
) -> Path:
    """The whole chain into ``out``; returns the path of ``prefecture.db``."""
    from cxdesk import reference as ref
    from cxdesk.bureau.collect import collect
    from cxdesk.exchange.bureau_keys import unlock_bureau_keys
    from cxdesk.exchange.keys import keys_dir
    from cxdesk.exchange.trust import register_key
    from cxdesk.services.bureaus import bureau_name
    from cxdesk.storage.db import open_database

    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    plans = design_prefecture()
    # A new chain: every bureau starts afresh (its database and keys), as in a new year.
    shutil.rmtree(out / KEY_FILES_DIR, ignore_errors=True)
    ensure_sample_bureaus(out, ref.COUNTIES.codes, workers=workers or 2)
    if report:
        report(BUREAU_KEYS_MADE.render())
    built = build_schools(out, plans, workers=workers, report=report)
    jobs = [
        (
            out,
            county,
            [p for p in plans if p.county == county],
            [b for b in built if b.county == county],
        )
        for county in ref.COUNTIES.codes
    ]
    workers = workers or max(1, min(2, os.cpu_count() or 1))
    if workers == 1:
        counties = [_build_county(job) for job in jobs]
    else:
        import multiprocessing

        context = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
            counties = list(pool.map(_build_county, jobs))
    if report:
        report(COUNTIES_BUILT.render())
    write_readme(out, schools=len(plans))
    path = bureau_db_path(out, PREFECTURE)
    db = open_database(path)
    try:
        with db.transaction() as session:
            unlock_bureau_keys(session, key_dir=keys_dir(path), passphrase=SAMPLE_PASSPHRASE)
            for county, fingerprint, _ in counties:
                register_key(
                    session,
                    fingerprint=fingerprint,
                    code=county,
                    name=bureau_name("county", county),
                    role="county",
                )
        collect(db, [out / "county-packages"], backup=False)
    finally:
        db.close()
    return path
