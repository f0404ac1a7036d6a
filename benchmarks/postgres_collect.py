"""Collecting 20,000 packages into PostgreSQL (issue 8): one clerk, and four at once.

``python -m benchmarks.postgres_collect --url postgresql+psycopg://user:pw@127.0.0.1/db``
(the URL names a role that may create databases, e.g. the one ``.ci/postgres.sh`` prints).
It uses the province packages of ``python -m benchmarks`` (``benchmarks/data.py``, built
into ``--work`` if they are not there yet), makes a fresh server database for each run with
the register loaded and every key registered (as the SQLite case's template), and collects:

* **one clerk**: one ``collect`` of all packages in a process of its own, time after every
  package and peak memory, as ``benchmarks.collecting.collect_province`` does on SQLite;
* **four clerks at once**: four processes, each collecting a quarter of the folders (the
  counties), started together: the wall time until the last one ends;
* **the reference, in the same run**: the same one-clerk collect into a SQLite file (the
  same child code), so that a busy machine shows in the reference too.

It prints the table (``benchmarks.stats.table``) and keeps it in ``--work``; the figures are
copied by hand into docs/benchmarks.md ("PostgreSQL").
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

from benchmarks.data import SchoolPackage, province_packages, sample_schools
from benchmarks.stats import Measure, Row, table

ROOT = Path(__file__).resolve().parents[1]


def _say(text: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {text}", flush=True)


def new_database(admin_url: str) -> str:
    """A new, empty database on the server; its URL."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    url = make_url(admin_url)
    name = f"cxdesk_bench_{uuid.uuid4().hex[:10]}"
    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    finally:
        engine.dispose()
    return url.set(database=name).render_as_string(hide_password=False)


def drop_database(admin_url: str, url: str) -> None:
    """Drop the run's database; an autovacuum worker busy on it (a superuser's process the
    role may not end) is waited for, and a database that cannot be dropped is only said."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import DBAPIError

    name = make_url(url).database
    engine = create_engine(make_url(admin_url), isolation_level="AUTOCOMMIT")
    try:
        for _ in range(120):
            try:
                with engine.connect() as conn:
                    conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
                return
            except DBAPIError:
                time.sleep(0.5)
        _say(f"could not drop the database {name}; drop it by hand")
    finally:
        engine.dispose()


def server_bureau(url: str, local: Path, schools: list[SchoolPackage]) -> None:
    """The prefecture bureau (on the server, or in a file): register loaded, keys registered."""
    from cxdesk import reference as ref
    from cxdesk.bureau.register import RegisterRow, load_register
    from cxdesk.exchange.trust import register_key
    from cxdesk.services.bureaus import init_bureau
    from cxdesk.storage.db import open_database

    is_file = "://" not in url
    db = open_database(url, local_path=None if is_file else local / "setup" / "server.db")
    try:
        with db.transaction() as session:
            init_bureau(session, role="prefecture", code=ref.PREFECTURE_CODE)
            load_register(
                session,
                [RegisterRow(s.code, s.name, s.county, s.kind, None, None) for s in schools],
            )
            for s in schools:
                register_key(session, fingerprint=s.fingerprint, code=s.code, name=s.name)
    finally:
        db.close()


class _TimeUp(Exception):
    """The time given is over: stop between two packages (as a clerk pressing Cancel)."""


def child(url: str, local: Path, out: Path, folders: list[Path], limit: float | None) -> None:
    """In a process of its own: collect ``folders``, write times, outcomes and peak memory;
    with ``limit`` (seconds), stop after the first package that ends past it."""
    import resource

    from cxdesk.bureau.collect import collect
    from cxdesk.bureau.outcomes import CollectResult
    from cxdesk.storage.db import open_database

    db = open_database(url, local_path=None if "://" not in url else local / "server.db")
    marks: list[float] = []
    outcomes: dict[str, int] = {}

    def progress(done: int, total: int, result: CollectResult) -> None:
        marks.append(time.perf_counter() - start)
        outcomes[result.outcome] = outcomes.get(result.outcome, 0) + 1
        if limit is not None and marks[-1] > limit and done < total:
            raise _TimeUp

    start = time.perf_counter()
    try:
        collect(db, folders, progress=progress)
    except _TimeUp:
        pass
    finally:
        db.close()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    out.write_text(json.dumps({"marks": marks, "outcomes": outcomes, "peak_mb": peak}), "utf-8")


def _run_children(
    url: str, work: Path, groups: list[list[Path]], limit: float | None = None
) -> list[dict]:  # type: ignore[type-arg]
    with tempfile.TemporaryDirectory() as tmp:
        outs = [Path(tmp) / f"clerk{n}.json" for n in range(len(groups))]
        procs = [
            subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "benchmarks.postgres_collect",
                    "--child",
                    str(limit or 0),
                    url,
                    str(work / "pg-clerks" / f"pc{n}"),
                    str(out),
                    *map(str, folders),
                ],
                cwd=ROOT,
            )
            for n, (out, folders) in enumerate(zip(outs, groups, strict=True))
        ]
        for proc in procs:
            if proc.wait() != 0:
                raise RuntimeError("a collecting process failed")
        return [json.loads(out.read_text("utf-8")) for out in outs]


def sqlite_reference(
    work: Path, packages: list[SchoolPackage], folder: Path, limit: float | None
) -> tuple[int, float]:
    """(packages, seconds) of one clerk collecting the same packages into a new SQLite file."""
    import shutil

    place = work / "pg-clerks" / "sqlite-reference"
    if place.exists():
        shutil.rmtree(place)
    target = place / "prefecture.db"
    server_bureau(str(target), place, packages)
    _say(f"sqlite reference: collecting {len(packages):,} packages")
    (result,) = _run_children(str(target), work, [[folder]], limit)
    done = len(result["marks"])
    if result["outcomes"].get("accepted") != done:
        raise RuntimeError(f"not every package was accepted: {result['outcomes']}")
    shutil.rmtree(place)
    _say(f"sqlite reference: {done} packages in {result['marks'][-1]:.1f} s")
    return done, float(result["marks"][-1])


def one_clerk(
    admin_url: str,
    work: Path,
    packages: list[SchoolPackage],
    folder: Path,
    reference: tuple[int, float],
    limit: float | None,
) -> list[Row]:
    url = new_database(admin_url)
    try:
        server_bureau(url, work / "pg-clerks", packages)
        _say(f"postgres, one clerk: collecting {len(packages):,} packages")
        (result,) = _run_children(url, work, [[folder]], limit)
    finally:
        drop_database(admin_url, url)
    marks: list[float] = result["marks"]
    n = len(marks)
    if result["outcomes"].get("accepted") != n:
        raise RuntimeError(f"not every package was accepted: {result['outcomes']}")
    total = len(packages)
    stopped = f"stopped at the time limit after {n:,} of {total:,}; " if n < total else ""
    ref_n, ref_s = reference
    ref_stopped = f" (SQLite: {ref_n:,} packages in {ref_s:.0f} s)" if ref_n < total else ""
    block = 1000 if n >= 4000 else max(1, n // 4)
    first = Measure([marks[block - 1] / block])
    last = Measure([(marks[-1] - marks[-block - 1]) / block if n > block else marks[-1] / n])
    growth = last.median / first.median
    _say(f"postgres, one clerk: {n} packages in {marks[-1]:.1f} s, peak {result['peak_mb']:.0f} MB")
    return [
        Row(
            f"PostgreSQL: collect {total:,} school packages, one clerk: time per package",
            Measure([marks[-1] / n]),
            "—",
            None,
            reference=Measure([ref_s / ref_n]),
            reference_name="SQLite, same run",
            ratio=(marks[-1] / n) / (ref_s / ref_n),
            note=f"{stopped}{n / marks[-1]:.1f} packages/s{ref_stopped}",
        ),
        Row(
            f"PostgreSQL: collect {total:,}: time per package, last {block:,} of {n:,}",
            last,
            f"≤ 1.25× the first {block:,}",
            growth <= 1.25,
            reference=first,
            reference_name=f"first {block:,}",
            ratio=growth,
        ),
        Row(
            f"PostgreSQL: collect {total:,}: peak memory of the collecting process",
            Measure([result["peak_mb"]], unit="MB"),
            "< 500 MB",
            result["peak_mb"] < 500,
        ),
    ]


def four_clerks(
    admin_url: str,
    work: Path,
    packages: list[SchoolPackage],
    folder: Path,
    one_rate: float,
    limit: float | None,
) -> list[Row]:
    counties = sorted(p for p in folder.iterdir() if p.is_dir())
    groups: list[list[Path]] = [counties[n::4] for n in range(4)]
    url = new_database(admin_url)
    try:
        server_bureau(url, work / "pg-clerks", packages)
        _say(f"postgres, four clerks: collecting {len(packages):,} packages")
        start = time.perf_counter()
        results = _run_children(url, work, groups, limit)
        wall = time.perf_counter() - start
    finally:
        drop_database(admin_url, url)
    accepted = sum(r["outcomes"].get("accepted", 0) for r in results)
    done = sum(len(r["marks"]) for r in results)
    if accepted != done:
        raise RuntimeError(f"not every package was accepted: {[r['outcomes'] for r in results]}")
    _say(f"postgres, four clerks: {accepted} packages in {wall:.1f} s")
    rate = accepted / wall
    total = len(packages)
    stopped = f"stopped at the time limit after {accepted:,} of {total:,}; " if done < total else ""
    return [
        Row(
            f"PostgreSQL: collect {total:,} school packages, four clerks at once: packages/s",
            Measure([rate], unit="/s"),
            "more than one clerk",
            rate > one_rate,
            reference=Measure([one_rate], unit="/s"),
            reference_name="one clerk",
            ratio=rate / one_rate,
            note=f"{stopped}2 cores shared by the 4 clerks and the server",
        )
    ]


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] == "--child":
        limit, url, local, out, *folders = argv[1:]
        child(url, Path(local), Path(out), [Path(f) for f in folders], float(limit) or None)
        return 0
    parser = argparse.ArgumentParser(prog="python -m benchmarks.postgres_collect")
    parser.add_argument("--url", required=True, help="a server URL whose role may create databases")
    parser.add_argument("--province", type=int, default=20_000)
    parser.add_argument("--work", type=Path, default=ROOT / "benchmarks" / ".work")
    parser.add_argument("--schools", type=int, default=0, help="quick run: only N sample schools")
    parser.add_argument("--skip-four", action="store_true")
    parser.add_argument(
        "--minutes", type=float, default=None, help="stop each collect after this long"
    )
    parser.add_argument(
        "--one-clerk-rate",
        type=float,
        default=None,
        help="packages/s of one clerk from an earlier run: run only the four clerks",
    )
    args = parser.parse_args(argv)
    work: Path = args.work.resolve()
    work.mkdir(parents=True, exist_ok=True)
    schools = sample_schools(work, report=_say)
    if args.schools:
        schools = schools[: args.schools]
    packages = province_packages(work, schools, args.province, report=_say)
    folder = work / f"province-{args.province}"
    limit = args.minutes * 60 if args.minutes else None
    rows: list[Row] = []
    if args.one_clerk_rate:
        one_rate = args.one_clerk_rate
    else:
        reference = sqlite_reference(work, packages, folder, limit)
        rows = one_clerk(args.url, work, packages, folder, reference, limit)
        one_rate = 1 / rows[0].measure.median
    if not args.skip_four:
        rows += four_clerks(args.url, work, packages, folder, one_rate, limit)
    text = table(rows)
    print(text)
    (work / f"postgres-{args.province}.md").write_text(text + "\n", "utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
