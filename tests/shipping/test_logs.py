"""The log file: rotating, in the data folder, and never holding an identity number."""

from __future__ import annotations

import logging
import logging.handlers
from collections.abc import Iterator
from pathlib import Path

import pytest

from cxdesk.cli import main
from cxdesk.logs import current_log_path, log_path, mask_identity_numbers, setup_logging
from cxdesk.paths import data_dir

IDENTITY = "11010519491231002X"
LOWER = "532301199001011234"


@pytest.fixture
def logged() -> Iterator[Path]:
    path = setup_logging()
    yield path
    for handler in logging.getLogger().handlers[:]:
        if getattr(handler, "baseFilename", None) == str(path):
            logging.getLogger().removeHandler(handler)
            handler.close()


def test_masking_keeps_area_code_and_last_four() -> None:
    assert mask_identity_numbers(f"id={IDENTITY}.") == "id=110105********002X."
    assert mask_identity_numbers("id 11010519491231002x") == "id 110105********002x"
    assert mask_identity_numbers("order 1234567890123456789") == "order 1234567890123456789"
    assert mask_identity_numbers("school 2153230101") == "school 2153230101"


def test_the_log_never_holds_an_identity_number(logged: Path) -> None:
    log = logging.getLogger("cxdesk.test")
    log.info("added counselor %s", IDENTITY)
    log.warning(f"in the message itself {LOWER}")
    log.error("as a dict %(id)s", {"id": IDENTITY})
    try:
        raise ValueError(f"bad identity number {IDENTITY}")
    except ValueError:
        log.exception("import failed for %s", LOWER)
    log.warning("with a stack", stack_info=True, extra={"note": IDENTITY})
    logging.getLogger("sqlalchemy.test").warning("other library %s", IDENTITY)
    text = logged.read_text(encoding="utf-8")
    assert IDENTITY not in text and LOWER not in text
    assert "110105********002X" in text and "ValueError: bad identity number 110105" in text
    assert "other library" in text


def test_log_lives_in_the_data_folder_and_rotates(logged: Path) -> None:
    assert logged == log_path() == data_dir() / "logs" / "cxdesk.log"
    assert current_log_path() == logged
    log = logging.getLogger("cxdesk.test")
    for n in range(2500):
        log.info("line %d %s", n, "x" * 500)
    files = sorted(p.name for p in logged.parent.iterdir())
    assert files[0] == "cxdesk.log" and "cxdesk.log.1" in files
    assert len(files) <= 6
    assert all(p.stat().st_size <= 1_000_000 for p in logged.parent.iterdir())


def test_setup_twice_keeps_one_handler(logged: Path) -> None:
    setup_logging()
    root = logging.getLogger()
    ours = [h for h in root.handlers if isinstance(h, logging.handlers.RotatingFileHandler)]
    assert len(ours) == 1


def test_cli_logs_internal_errors_masked(logged: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import cxdesk.commands.summary

    def broken(args: object) -> int:
        raise KeyError(IDENTITY)

    monkeypatch.setattr(cxdesk.commands.summary, "run_summary", broken)
    assert main(["summary"]) == 3
    text = log_path().read_text(encoding="utf-8")
    assert "KeyError" in text and IDENTITY not in text
