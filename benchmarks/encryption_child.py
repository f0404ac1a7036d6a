"""One side of benchmarks.encryption_before_after, run with that side's cxdesk on PYTHONPATH.

``build OUT N`` (base code): the sample schools' databases; ``bureaus OUT`` (current code):
the sample bureaus' keys; ``export SIDE SCHOOLS OUT BUREAUS START:END``: those schools
exported from a copy of their databases, each export timed; ``collect SIDE FOLDER BUREAUS SCHOOLS``: the
side's packages collected into a fresh prefecture, timed.  Prints one JSON line.
"""

from __future__ import annotations

import json
import shutil
import sys
import time
from pathlib import Path
from typing import Any

PERIOD = "2026"


def build(out: Path, count: int) -> dict[str, Any]:
    from cxdesk.sample.prefecture import design_prefecture
    from cxdesk.sample.prefecture_build import build_schools, school_db_path

    plans = design_prefecture()
    if count:
        step = max(1, len(plans) // count)
        plans = plans[::step][:count]
    built = build_schools(out, plans)
    listing = [
        {
            "code": b.code,
            "name": b.name,
            "county": b.county,
            "kind": next(p.kind for p in plans if p.code == b.code),
            "fingerprint": b.fingerprint,
            "db": str(school_db_path(out, next(p for p in plans if p.code == b.code))),
        }
        for b in built
    ]
    (out / "built.json").write_text(json.dumps(listing, ensure_ascii=False), "utf-8")
    return {"count": len(listing)}


def bureaus(out: Path) -> dict[str, Any]:
    from cxdesk import reference as ref
    from cxdesk.sample.bureau_keys import ensure_sample_bureaus

    ensure_sample_bureaus(out, ref.COUNTIES.codes, workers=2)
    return {"ok": True}


def _schools(folder: Path) -> list[dict[str, str]]:
    return json.loads((folder / "built.json").read_text("utf-8"))  # type: ignore[no-any-return]


def export(side: str, schools: Path, out: Path, bureau_keys: Path, part: str) -> dict[str, Any]:
    """Export the schools ``part`` (``start:end`` of the list), each timed."""
    from cxdesk.exchange.export import export_report, outbox_dir
    from cxdesk.exchange.keys import keys_dir, load_signer
    from cxdesk.storage.db import open_database

    packages = out / "packages"
    packages.mkdir(parents=True, exist_ok=True)
    start, end = (int(x) for x in part.split(":"))
    times = []
    for school in _schools(schools)[start:end]:
        source = Path(school["db"]).parent
        folder = out / "schools" / school["code"]
        shutil.copytree(source, folder, ignore=shutil.ignore_patterns("outbox", "backups"))
        path = folder / "cxdesk.db"
        db = open_database(path)  # the current code upgrades the copy here, untimed
        try:
            if side == "after":
                from cxdesk.sample.bureau_keys import register_county_key_file

                with db.transaction() as session:
                    register_county_key_file(session, bureau_keys, school["county"])
            began = time.perf_counter()
            with db.transaction() as session:
                signer = load_signer(session, key_dir=keys_dir(path))
                export_report(
                    session,
                    period_label=PERIOD,
                    out_dir=packages,
                    outbox=outbox_dir(path),
                    signer=signer,
                )
            times.append(time.perf_counter() - began)
        finally:
            db.close()
    return {"times": times}


def collect(side: str, folder: Path, bureau_keys: Path, schools: Path) -> dict[str, Any]:
    from cxdesk import reference as ref
    from cxdesk.bureau.collect import collect as collect_packages
    from cxdesk.bureau.register import RegisterRow, load_register
    from cxdesk.exchange.keys import keys_dir
    from cxdesk.exchange.trust import register_key
    from cxdesk.services.bureaus import init_bureau
    from cxdesk.storage.db import open_database

    bureau = folder / "bureau"
    if bureau.exists():
        shutil.rmtree(bureau)
    path = bureau / "prefecture.db"
    db = open_database(path)
    listing = _schools(schools)
    try:
        with db.transaction() as session:
            init_bureau(session, role="prefecture", code=ref.PREFECTURE_CODE)
            if side == "after":  # the keys its schools encrypted to, opened (once a session)
                from cxdesk.sample.bureau_keys import adopt_sample_keys

                adopt_sample_keys(
                    session, key_dir=keys_dir(path), out=bureau_keys, code=ref.PREFECTURE_CODE
                )
            load_register(
                session,
                [
                    RegisterRow(s["code"], s["name"], s["county"], s["kind"], None, None)
                    for s in listing
                ],
            )
            for s in listing:
                register_key(session, fingerprint=s["fingerprint"], code=s["code"], name=s["name"])
        wall_start, cpu_start = time.perf_counter(), time.process_time()
        report = collect_packages(db, [folder / "packages"], backup=False)
        seconds, cpu = time.perf_counter() - wall_start, time.process_time() - cpu_start
    finally:
        db.close()
    return {"seconds": seconds, "cpu": cpu, "accepted": report.count("accepted")}


def main() -> None:
    command, *args = sys.argv[1:]
    if command == "build":
        answer = build(Path(args[0]), int(args[1]))
    elif command == "bureaus":
        answer = bureaus(Path(args[0]))
    elif command == "export":
        answer = export(args[0], Path(args[1]), Path(args[2]), Path(args[3]), args[4])
    else:
        answer = collect(args[0], Path(args[1]), Path(args[2]), Path(args[3]))
    print(json.dumps(answer))


if __name__ == "__main__":
    main()
