"""The benchmarks' data, built with the sample-prefecture generator and the real export.

* :func:`sample_schools` — the 902 schools of the sample prefecture
  (:mod:`cxdesk.sample.prefecture`), each a real school database filled through the
  services and exported as a signed package by :func:`cxdesk.exchange.export.export_report`
  (:func:`cxdesk.sample.prefecture_build.build_schools`); kept in the work folder and
  reused by later runs unless ``--fresh``.
* :func:`bureau_template` — an empty prefecture bureau database with the register of the
  schools and their keys registered, as a clerk sets it up before collecting.
* :func:`province_packages` — 20,000 school packages.  Exporting 20,000 school databases
  one by one would take hours on two cores, so each of the 902 real packages is the base
  of about 22 variants: its workbook (written by the real export) gets a new school code,
  and the variant is signed with its own new key by the real package writer
  (:func:`cxdesk.exchange.build_manifest` and :func:`cxdesk.exchange.package_bytes`), the
  manifest's figures and counts taken from the base (the data are the same), its workbook
  and details encrypted again to the base's bureaus (format 2).  Each variant
  is thus a distinct school that the collector verifies, reads and stores in full.
"""

from __future__ import annotations

import io
import json
import shutil
import zipfile
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from cxdesk.exchange.encryption import DecryptionKeys

Report = Callable[[str], None]

SAMPLE_DIR = "sample"
SCHOOLS_FILE = "schools.json"


@dataclass(frozen=True)
class SchoolPackage:
    """A school package on disk and what the bureau needs to expect it."""

    code: str
    name: str
    county: str
    kind: str
    fingerprint: str
    package: str


def _quiet(_: str) -> None:
    pass


def sample_schools(
    work: Path, *, fresh: bool = False, report: Report = _quiet
) -> list[SchoolPackage]:
    """The 902 sample schools' packages (built once, then reused)."""
    from cxdesk.sample.prefecture import design_prefecture
    from cxdesk.sample.prefecture_build import build_schools

    out = work / SAMPLE_DIR
    listing = out / SCHOOLS_FILE
    if not fresh and listing.exists():
        schools = [SchoolPackage(**s) for s in json.loads(listing.read_text("utf-8"))]
        if all(Path(s.package).exists() for s in schools):
            return schools
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    plans = design_prefecture()
    kinds = {p.code: p.kind for p in plans}
    built = build_schools(out, plans, report=lambda s: report(f"sample schools {s}"))
    schools = [
        SchoolPackage(b.code, b.name, b.county, kinds[b.code], b.fingerprint, str(b.package))
        for b in built
    ]
    listing.write_text(json.dumps([asdict(s) for s in schools], ensure_ascii=False), "utf-8")
    return schools


def school_databases(work: Path) -> list[Path]:
    """The sample's school database files (for the export case)."""
    return sorted((work / SAMPLE_DIR / "schools").glob("*/*/cxdesk.db"))


def bureau_template(path: Path, schools: list[SchoolPackage]) -> Path:
    """A prefecture bureau database expecting ``schools``: the sample prefecture's keys (the
    packages are encrypted to them), register loaded, the schools' keys registered."""
    from cxdesk import reference as ref
    from cxdesk.bureau.register import RegisterRow, load_register
    from cxdesk.exchange.keys import keys_dir
    from cxdesk.exchange.trust import register_key
    from cxdesk.sample.bureau_keys import adopt_sample_keys
    from cxdesk.services.bureaus import init_bureau
    from cxdesk.storage.db import open_database

    marker = path.with_suffix(".json")
    codes = [s.code for s in schools]
    if path.exists() and marker.exists() and json.loads(marker.read_text("utf-8")) == codes:
        return path  # made by an earlier run for the same schools
    remove_database(path)
    shutil.rmtree(keys_dir(path), ignore_errors=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    db = open_database(path)
    try:
        with db.transaction() as session:
            init_bureau(session, role="prefecture", code=ref.PREFECTURE_CODE)
            adopt_sample_keys(
                session,
                key_dir=keys_dir(path),
                out=path.parents[1] / SAMPLE_DIR,
                code=ref.PREFECTURE_CODE,
            )
            load_register(
                session,
                [RegisterRow(s.code, s.name, s.county, s.kind, None, None) for s in schools],
            )
            for s in schools:
                register_key(session, fingerprint=s.fingerprint, code=s.code, name=s.name)
    finally:
        db.close()
    marker.write_text(json.dumps(codes), "utf-8")
    return path


def remove_database(path: Path) -> None:
    for part in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        part.unlink(missing_ok=True)


def fresh_copy(template: Path, target: Path) -> Path:
    """A copy of a closed database file (with its keys folder), its package store emptied."""
    remove_database(target)
    for folder in ("received", "keys"):
        if (target.parent / folder).exists():
            shutil.rmtree(target.parent / folder)
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(template, target)
    if (template.parent / "keys").is_dir():
        shutil.copytree(template.parent / "keys", target.parent / "keys")
    return target


def prefecture_keys(work: Path) -> DecryptionKeys:
    """The sample prefecture's decryption keys (every sample package is encrypted to them)."""
    from cxdesk.sample.bureau_keys import PREFECTURE, sample_decryption_keys

    return sample_decryption_keys(work / SAMPLE_DIR, PREFECTURE)


def extract_workbooks(schools: list[SchoolPackage], out: Path) -> list[Path]:
    """The workbook of each package as a file (decrypted): what the floor reads."""
    from cxdesk.exchange.encryption import open_package
    from cxdesk.exchange.verify import verify_package
    from cxdesk.exchange.workbook_check import WORKBOOK_NAME

    out.mkdir(parents=True, exist_ok=True)
    keys = prefecture_keys(out.parent)
    paths = []
    for s in schools:
        target = out / f"{s.code}.xlsx"
        if not target.exists():
            opened = open_package(verify_package(Path(s.package)), keys)
            target.write_bytes(opened.members[WORKBOOK_NAME])
        paths.append(target)
    return paths


def _recode_workbook(content: bytes, old: str, new: str) -> bytes:
    """The xlsx with every occurrence of the school code ``old`` replaced by ``new``."""
    source = zipfile.ZipFile(io.BytesIO(content))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename.endswith(".xml"):
                data = data.replace(old.encode(), new.encode())
            target.writestr(info, data)
    return buffer.getvalue()


def province_packages(
    work: Path,
    schools: list[SchoolPackage],
    count: int,
    *,
    fresh: bool = False,
    report: Report = _quiet,
) -> list[SchoolPackage]:
    """``count`` distinct school packages made from the sample's (see the module's doc)."""
    from cxdesk.exchange.encryption import (
        DETAILS_NAME,
        UNENCRYPTED,
        encrypt_members,
        open_package,
    )
    from cxdesk.exchange.keys import Signer
    from cxdesk.exchange.package import build_manifest, package_bytes
    from cxdesk.exchange.verify import verify_package
    from cxdesk.exchange.workbook_check import WORKBOOK_NAME

    out = work / f"province-{count}"
    listing = out / SCHOOLS_FILE
    if not fresh and listing.exists():
        made = [SchoolPackage(**s) for s in json.loads(listing.read_text("utf-8"))]
        if len(made) == count and all(
            Path(s.package).exists() for s in made[:: max(1, count // 50)]
        ):
            return made
    if out.exists():
        shutil.rmtree(out)
    keys = prefecture_keys(work)
    bases = []
    for s in schools:
        package = open_package(verify_package(Path(s.package)), keys)
        bases.append((s, package.manifest, package.members))
    made = []
    for n in range(count):
        base, manifest, plain = bases[n % len(bases)]
        # Same kind (first two digits) and province; a sequence no sample school uses.
        code = f"{base.code[:4]}{200000 + n:06d}"
        signer = Signer.from_private_key(Ed25519PrivateKey.generate())
        # Encrypted to the same bureaus as the base, as that school's export would be.
        members = encrypt_members(
            {
                WORKBOOK_NAME: _recode_workbook(plain[WORKBOOK_NAME], base.code, code),
                DETAILS_NAME: plain[DETAILS_NAME],
            },
            manifest.encryption or UNENCRYPTED,
            names=(WORKBOOK_NAME, DETAILS_NAME),
        )
        new_manifest = build_manifest(
            kind="report",
            signer=signer,
            sender_role="school",
            sender_code=code,
            sender_name=base.name,
            sender_county=base.county,
            period=manifest.period,
            sequence=1,
            members=members,
            created_at=manifest.created_at,
            encryption=manifest.encryption,
            extra={
                "figures": manifest.data.get("figures", {}),
                "counts": manifest.data.get("counts", {}),
            },
        )
        target = out / base.county / f"{code}_{manifest.period.label}_001.cxpkg"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(package_bytes(new_manifest, members, signer))
        made.append(
            SchoolPackage(code, base.name, base.county, base.kind, signer.fingerprint, str(target))
        )
        if (n + 1) % 1000 == 0:
            report(f"province packages {n + 1}/{count}")
    listing.write_text(json.dumps([asdict(s) for s in made], ensure_ascii=False), "utf-8")
    return made
