"""The collector's temporary workbooks: in the data folder, removed on every path, swept.

The workbook inside a package is handed to the workbook importer as a file.  That file
holds names and identity numbers, so it never goes to the system's temporary folder
(shared, kept after a crash): it is written into ``tmp/`` beside the bureau's database,
removed as soon as it has been read (``finally``), and what a killed collector left there
is removed at the start of the next collect.  Each file's name carries the process id, so
a sweep never takes the file another collector on the same PC is reading.
"""

from __future__ import annotations

import os
import secrets
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

SCRATCH_DIRNAME = "tmp"
PREFIX = "collect-"
#: A leftover older than this is removed even if its process id is in use again.
MAX_AGE_SECONDS = 24 * 3600


def scratch_dir(data_folder: Path) -> Path:
    return Path(data_folder) / SCRATCH_DIRNAME


@contextmanager
def scratch_file(data_folder: Path, content: bytes, suffix: str = ".xlsx") -> Iterator[Path]:
    """``content`` in a private file of the scratch folder for as long as the block runs."""
    folder = scratch_dir(data_folder)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{PREFIX}{os.getpid()}-{secrets.token_hex(8)}{suffix}"
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as f:
            f.write(content)
        yield path
    finally:
        path.unlink(missing_ok=True)


def sweep(data_folder: Path) -> int:
    """Remove the leftovers of collectors that are gone; returns how many were removed."""
    folder = scratch_dir(data_folder)
    if not folder.is_dir():
        return 0
    removed = 0
    now = time.time()
    for path in folder.glob(f"{PREFIX}*"):
        try:
            pid = int(path.name[len(PREFIX) :].split("-", 1)[0])
        except ValueError:
            pid = -1
        try:
            old = now - path.stat().st_mtime > MAX_AGE_SECONDS
            if old or not _alive(pid):
                path.unlink()
                removed += 1
        except OSError:
            continue  # gone meanwhile, or in use (Windows): the next sweep
    return removed


def _alive(pid: int) -> bool:
    if pid <= 0:
        return False
    if pid == os.getpid():
        return True
    if os.name == "nt":  # pragma: no cover - Windows
        import ctypes

        kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
        handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return False
        try:
            code = ctypes.c_ulong()
            kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
            return code.value == 259  # STILL_ACTIVE
        finally:
            kernel32.CloseHandle(handle)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
