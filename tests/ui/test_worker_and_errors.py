"""The background helper and the one place errors become dialogs."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from cxdesk.errors import InputError
from cxdesk.i18n import Text, set_language
from cxdesk.ui.shell import errors
from cxdesk.ui.shell.app import open_or_explain
from cxdesk.ui.shell.worker import (
    BackgroundTask,
    Cancelled,
    Progress,
    run_in_background,
    run_with_progress,
)
from tests.ui.conftest import ShownMessage

PROBLEM = Text("表格有问题", "The workbook has problems")
DETAIL = Text("第3行：身份证号校验位错误", "Row 3: wrong check character")


def test_work_runs_off_the_gui_thread_and_reports_on_it(qtbot: QtBot) -> None:
    main_thread = threading.get_ident()
    seen: dict[str, object] = {}
    progress: list[tuple[int, int, str]] = []

    def work(report: Progress) -> int:
        seen["worker_thread"] = threading.get_ident()
        for step in range(3):
            report(step + 1, 3, f"step {step + 1}")
        return 42

    def done(result: object) -> None:
        seen["result"] = result
        seen["done_thread"] = threading.get_ident()

    def progressed(done: int, total: int, text: str) -> None:
        progress.append((done, total, text))
        seen["progress_thread"] = threading.get_ident()

    def failed(error: BaseException) -> None:
        pytest.fail(f"the work failed: {error!r}")

    run_in_background(work, on_done=done, on_error=failed, on_progress=progressed)
    qtbot.wait_until(lambda: "result" in seen, timeout=10000)
    assert seen["result"] == 42
    assert seen["worker_thread"] != main_thread
    assert seen["done_thread"] == main_thread and seen["progress_thread"] == main_thread
    assert progress == [(1, 3, "step 1"), (2, 3, "step 2"), (3, 3, "step 3")]


def test_an_error_in_the_work_arrives_on_the_main_thread(qtbot: QtBot) -> None:
    caught: list[BaseException] = []

    def work(report: Progress) -> None:
        raise InputError(PROBLEM())

    run_in_background(work, on_done=pytest.fail, on_error=caught.append)
    qtbot.wait_until(lambda: bool(caught), timeout=10000)
    assert isinstance(caught[0], InputError)


def test_cancel_stops_the_work_at_its_next_report(qtbot: QtBot) -> None:
    started = threading.Event()
    release = threading.Event()
    outcome: list[BaseException] = []

    def work(report: Progress) -> None:
        started.set()
        release.wait(5)
        report(1, 2)

    task = BackgroundTask(work)
    task.failed.connect(outcome.append)
    task.start()
    assert started.wait(5)
    task.cancel()
    release.set()
    qtbot.wait_until(lambda: bool(outcome), timeout=10000)
    assert isinstance(outcome[0], Cancelled)


def test_with_progress_an_error_is_shown_in_words(
    qtbot: QtBot, shown_messages: list[ShownMessage]
) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)

    def work(report: Progress) -> None:
        raise InputError(PROBLEM(), details=[DETAIL()])

    run_with_progress(parent, "…", work, on_done=pytest.fail)
    qtbot.wait_until(lambda: bool(shown_messages), timeout=10000)
    assert shown_messages[0].text == "表格有问题"
    assert "第3行" in shown_messages[0].details


def test_a_user_error_is_shown_in_the_users_language(
    qtbot: QtBot, shown_messages: list[ShownMessage]
) -> None:
    set_language("en")
    errors.show_error(None, InputError(PROBLEM(), details=[DETAIL()]))
    shown = shown_messages[0]
    assert shown.text == "The workbook has problems"
    assert shown.details == "• Row 3: wrong check character"
    assert shown.icon == QMessageBox.Icon.Warning


def test_a_bug_is_shown_in_plain_words_and_logged(
    qtbot: QtBot, shown_messages: list[ShownMessage], tmp_path: Path
) -> None:
    from cxdesk.logs import setup_logging  # the log file of cxdesk.logs (issue 6)

    setup_logging()
    try:
        {"present": 1}["missing"]
    except KeyError as bug:
        errors.show_error(None, bug)
    shown = shown_messages[0]
    assert "数据是安全的" in shown.text
    assert "Traceback" not in shown.text + shown.details and "KeyError" not in shown.text
    log = (tmp_path / "data" / "logs" / "cxdesk.log").read_text(encoding="utf-8")
    assert "KeyError" in log and "Traceback" in log


def test_a_damaged_database_is_explained(
    qtbot: QtBot, shown_messages: list[ShownMessage], tmp_path: Path
) -> None:
    broken = tmp_path / "broken.db"
    broken.write_bytes(b"this is not a database at all" * 100)
    assert open_or_explain(str(broken)) is None
    shown = shown_messages[0]
    assert str(broken) in shown.text and "损坏" in shown.text  # the core's DatabaseError
    assert shown.icon == QMessageBox.Icon.Warning and "Traceback" not in shown.details
    assert broken.read_bytes().startswith(b"this is not")  # left as it was
