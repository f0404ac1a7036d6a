"""Start-up time of the desktop app, from source and frozen, and the size of the build.

    python -m benchmarks.startup [--repeats 5] [--frozen dist/cxdesk/cxdesk] [--offscreen] [--nice -15]

Start-up is measured from the moment the process is started (what a double-click does)
to the moment the main window has been painted and the event loop is free to take input:
the app, run with ``CXDESK_STARTUP_PROBE=1``, prints ``cxdesk-ready <unix time>`` then
(:mod:`cxdesk.ui.shell.ready_probe`).  The database is the sample school of ``cxdesk demo``.
The first start of a day also takes the daily backup; it is reported apart from the
following starts (the median of ``--repeats``).  Without a ``DISPLAY`` the script starts
its own Xvfb server (1366x768, a school laptop's screen), so the real X11 platform plugin
is loaded; ``--offscreen`` uses Qt's offscreen platform instead.

The size rows read the folder ``dist/cxdesk`` and the archive
``dist/cxdesk-linux-x86_64.tar.xz`` that ``.ci/build.sh`` makes.
``benchmark_rows()`` gives the same rows to ``python -m benchmarks``.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from benchmarks.stats import Measure, Row, table

ROOT = Path(__file__).resolve().parents[1]
FROZEN = ROOT / "dist" / "cxdesk" / "cxdesk"
ARCHIVE = ROOT / "dist" / "cxdesk-linux-x86_64.tar.xz"
TARGET_SECONDS = 1.5
BUDGET_MB = 60.0
TIMEOUT = 60


@contextmanager
def display(offscreen: bool) -> Iterator[dict[str, str]]:
    """Environment for the app: the current X display, a private Xvfb, or offscreen."""
    env = dict(os.environ)
    if offscreen:
        env["QT_QPA_PLATFORM"] = "offscreen"
        yield env
        return
    env.pop("QT_QPA_PLATFORM", None)
    if os.environ.get("DISPLAY") or shutil.which("Xvfb") is None:
        if not os.environ.get("DISPLAY"):
            env["QT_QPA_PLATFORM"] = "offscreen"
        yield env
        return
    read, write = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write), "-screen", "0", "1366x768x24", "-nolisten", "tcp"],
        pass_fds=(write,),
        stderr=subprocess.DEVNULL,
    )
    os.close(write)
    try:
        with os.fdopen(read) as pipe:
            number = pipe.readline().strip()
        env["DISPLAY"] = f":{number}"
        env["QT_QPA_PLATFORM"] = "xcb"
        yield env
    finally:
        server.terminate()
        server.wait(10)


def demo_database(folder: Path, env: dict[str, str]) -> dict[str, str]:
    """A data folder holding the sample school; returns the environment pointing at it."""
    env = {**env, "CXDESK_DATA_DIR": str(folder)}
    subprocess.run(
        [sys.executable, "-m", "cxdesk", "demo"],
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
        cwd=ROOT,
    )
    return env


#: Scheduling priority of the measured app (``--nice``): on a machine busy with other work
#: a negative value (root only) lets the start-up run close to how it runs on an idle one.
NICE = 0


def _priority() -> None:
    if NICE:
        os.setpriority(os.PRIO_PROCESS, 0, NICE)


def one_start(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Seconds from starting ``command`` to the app's ready line, and the CPU seconds the
    process used until then (on a busy machine the wall time includes waiting for a core)."""
    env = {**env, "CXDESK_STARTUP_PROBE": "1"}
    started = time.time()
    process = subprocess.Popen(
        command,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        preexec_fn=_priority,
    )
    try:
        out, _ = process.communicate(timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        process.kill()
        process.communicate()
        raise RuntimeError(f"{command[0]} did not show its window in {TIMEOUT} s") from None
    for line in out.splitlines():
        if line.startswith("cxdesk-ready "):
            _word, ready, cpu = line.split()
            return float(ready) - started, float(cpu)
    raise RuntimeError(f"{command} ended ({process.returncode}) without showing its window")


def starts(command: list[str], env: dict[str, str], repeats: int) -> tuple[float, Measure, Measure]:
    """The first start of the day (with the daily backup), then ``repeats`` more: wall
    seconds of the first, and of the others their wall and CPU seconds."""
    first, _cpu = one_start(command, env)
    later = [one_start(command, env) for _ in range(repeats)]
    return first, Measure([w for w, _ in later]), Measure([c for _, c in later])


def startup_rows(
    repeats: int, say: Callable[[str], None], *, frozen: Path | None, offscreen: bool
) -> list[Row]:
    rows: list[Row] = []
    builds = [("from source", [sys.executable, "-m", "cxdesk"])]
    if frozen is not None and frozen.exists():
        builds.append(("frozen", [str(frozen)]))
    else:
        say(f"startup: no frozen build at {frozen} (run .ci/build.sh); only from source")
    with display(offscreen) as env, tempfile.TemporaryDirectory(prefix="cxdesk-startup-") as tmp:
        platform = env.get("QT_QPA_PLATFORM", "default")
        for name, command in builds:
            data_env = demo_database(Path(tmp) / name.replace(" ", "-"), env)
            first, later, cpu = starts(command, data_env, repeats)
            say(
                f"startup {name}: first {first:.2f} s, then median {later.median:.2f} s "
                f"(CPU {cpu.median:.2f} s)"
            )
            note = (
                f"Qt platform {platform}; CPU time of the start-up median {cpu.median:.2f} s "
                f"(min {cpu.low:.2f}, max {cpu.high:.2f}); first start of the day (with the "
                f"daily backup) {first:.2f} s; load average at the end "
                f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"
                + (f"; app run at nice {NICE}" if NICE else "")
            )
            rows.append(
                Row(
                    f"start-up to usable main window, {name} (sample school)",
                    later,
                    f"< {TARGET_SECONDS} s",
                    later.median < TARGET_SECONDS,
                    note=note,
                )
            )
    return rows


def size_rows(say: Callable[[str], None]) -> list[Row]:
    folder = FROZEN.parent
    if not folder.is_dir() or not ARCHIVE.exists():
        say("size: no build in dist/ (run .ci/build.sh); size rows skipped")
        return []
    folder_mb = (
        sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink()) / 1e6
    )
    archive_mb = ARCHIVE.stat().st_size / 1e6
    return [
        Row("frozen build folder dist/cxdesk (unpacked)", Measure([folder_mb], "MB"), "—", None),
        Row(
            f"archive {ARCHIVE.name} (xz -6)",
            Measure([archive_mb], "MB"),
            f"≤ {BUDGET_MB:.0f} MB",
            archive_mb <= BUDGET_MB,
        ),
    ]


def benchmark_rows(repeats: int, say: Callable[[str], None]) -> list[Row]:
    """The start-up and size rows for ``python -m benchmarks``."""
    return startup_rows(max(repeats, 3), say, frozen=FROZEN, offscreen=False) + size_rows(say)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.startup", description=__doc__)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--frozen", type=Path, default=FROZEN)
    parser.add_argument("--offscreen", action="store_true")
    parser.add_argument(
        "--nice",
        type=int,
        default=0,
        help="priority of the app (e.g. -15 as root on a busy machine)",
    )
    args = parser.parse_args(argv)
    global NICE
    NICE = args.nice

    def say(text: str) -> None:
        print(f"[{time.strftime('%H:%M:%S')}] {text}", flush=True)

    say(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}; cores: {os.cpu_count()}")
    rows = startup_rows(args.repeats, say, frozen=args.frozen, offscreen=args.offscreen)
    rows += size_rows(say)
    print()
    print(table(rows))
    for row in rows:
        if row.note:
            print(f"- {row.case}: {row.note}")
    say(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return 0 if all(r.met is not False for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
