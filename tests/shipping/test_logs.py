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


def test_a_number_glued_to_letters_is_masked() -> None:
    assert mask_identity_numbers(f"ID{IDENTITY}abc") == "ID110105********002Xabc"
    assert mask_identity_numbers(f"身份证{IDENTITY}号") == "身份证110105********002X号"
    assert mask_identity_numbers(f"key=id:{LOWER}x") == "key=id:532301********1234x"


@pytest.mark.parametrize(
    "written",
    [
        "110105 19491231 002X",
        "110105-19491231-002X",
        "1101 0519 4912 3100 2X",
        "110105\u300019491231\u3000002X",  # ideographic spaces
        "110105 - 19491231 - 002X",
        "110105–19491231–002X",  # en dashes
    ],
)
def test_a_number_written_with_spaces_or_dashes_is_masked(written: str) -> None:
    masked = mask_identity_numbers(f"身份证号 {written} 已存在")
    digits = "".join(c for c in masked if c.isdigit() or c in "Xx")
    assert "19491231" not in digits and "*" in masked
    assert masked.startswith("身份证号 ") and masked.endswith(" 已存在")


def test_a_number_in_full_width_digits_is_masked() -> None:
    wide = "".join(chr(ord(c) + 0xFEE0) for c in IDENTITY)  # １１０１０５…Ｘ
    masked = mask_identity_numbers(f"证件：{wide}。")
    assert masked == "证件：１１０１０５********００２Ｘ。"
    mixed = IDENTITY[:6] + wide[6:-1] + "x"
    assert "１９４９" not in mask_identity_numbers(mixed)


def test_other_long_numbers_stay_as_they_are() -> None:
    # A 30-digit key fingerprint in groups of five, a phone number, a time stamp.
    for text in (
        "45804 46322 05507 29940 74617 57931",
        "0878-3122846",
        "2026-11-29 14:22:21.654145",
        "12345678901234567890",
    ):
        assert mask_identity_numbers(text) == text


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
    log.info("spaced %s", "110105 19491231 002X")
    log.info("full width %s", "１１０１０５１９４９１２３１００２Ｘ")
    text = logged.read_text(encoding="utf-8")
    assert IDENTITY not in text and LOWER not in text
    assert "19491231" not in text and "１９４９１２３１" not in text
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
