"""Every tr() string has a Chinese translation, and the shipped .qm is up to date."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from cxdesk.ui.shell import i18n_tools


def test_every_ui_string_has_a_chinese_translation(tmp_path: Path) -> None:
    ts_copy = tmp_path / "cxdesk_zh_CN.ts"
    shutil.copy(i18n_tools.TS_FILE, ts_copy)
    i18n_tools.update(ts_copy)  # picks up strings added since the .ts was last updated
    missing = [f"[{m.context}] {m.source}" for m in i18n_tools.untranslated(ts_copy)]
    assert missing == [], "run: python -m cxdesk.ui.shell.i18n_tools update, translate, compile"


def test_the_shipped_qm_matches_the_ts(tmp_path: Path) -> None:
    fresh = tmp_path / "fresh.qm"
    i18n_tools.compile_qm(fresh)
    assert i18n_tools.QM_FILE.read_bytes() == fresh.read_bytes(), (
        "the .qm is stale: run python -m cxdesk.ui.shell.i18n_tools compile"
    )


def test_the_packaged_qm_is_found() -> None:
    from cxdesk.ui.shell.language import qm_path

    path = qm_path("zh")
    assert path is not None and Path(path).stat().st_size > 1000
    assert qm_path("en") is None


@pytest.mark.parametrize("name", ["cxdesk.svg", "cxdesk-256.png"])
def test_the_icon_in_resources_is_the_packaged_one(name: str) -> None:
    source = i18n_tools.REPO_DIR / "resources" / "icons" / name
    packaged = i18n_tools.UI_DIR / "icons" / name
    assert source.read_bytes() == packaged.read_bytes()


def test_the_app_icon_loads(qapp: QApplication) -> None:
    from cxdesk.ui.shell.resources import app_icon

    icon = app_icon()
    assert not icon.isNull() and not icon.pixmap(64, 64).isNull()
