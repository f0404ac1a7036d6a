"""Wording of the Chinese interface and papers (issue 13): full-width punctuation in
Chinese text; the registration form and the template's instructions name the app's
pages, not command lines; the registration form leaves room to sign."""

from __future__ import annotations

import html
import importlib
import pkgutil
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from PySide6.QtWidgets import QApplication

import cxdesk
from cxdesk.i18n import Text
from cxdesk.storage.db import Database
from cxdesk.ui.shell import i18n_tools

CJK = r"[\u3400-\u9fff\u3000-\u303f\uff00-\uffef]"
#: ASCII punctuation right next to a Chinese character: Chinese text takes 、，：；（）？！.
HALF_WIDTH = re.compile(rf"{CJK}[,:;?!()]|[,:;?!()]{CJK}")
#: Where ASCII stays: menu mnemonics such as 文件(&F), and Qt's file-filter syntax.
ALLOWED = re.compile(r"\(&[A-Z]\)|\(\*[^)]*\)|;;")


def half_width(text: str) -> list[str]:
    return HALF_WIDTH.findall(ALLOWED.sub("", text))


def chinese_translations() -> list[tuple[str, str]]:
    found = []
    for context in ET.parse(i18n_tools.TS_FILE).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            found.append((name, message.findtext("translation") or ""))
    return found


def core_texts() -> list[tuple[str, str]]:
    """Every bilingual sentence of the core and its module-level tables."""
    found: list[tuple[str, str]] = []
    for module in pkgutil.walk_packages(cxdesk.__path__, "cxdesk."):
        if ".migrations" in module.name or module.name.endswith("__main__"):
            continue
        for name, value in vars(importlib.import_module(module.name)).items():
            values: list[Any] = [value]
            if isinstance(value, tuple | list):
                values = list(value)
            elif isinstance(value, dict):
                values = list(value.values())
            for item in values:
                if isinstance(item, Text):
                    found.append((f"{module.name}.{name}", item.zh))
                elif isinstance(getattr(item, "text", None), Text):
                    found.append((f"{module.name}.{name}", item.text.zh))
                elif isinstance(item, tuple) and item and isinstance(item[0], str):
                    found.append((f"{module.name}.{name}", item[0]))
    return found


def test_chinese_text_uses_full_width_punctuation() -> None:
    texts = chinese_translations() + core_texts()
    assert len(texts) > 500
    wrong = [(where, text) for where, text in texts if half_width(text)]
    assert wrong == []


def test_the_check_catches_half_width_punctuation() -> None:
    assert half_width("期次: 2026") == ["次:"]
    assert half_width("应报 8 所(75%)") == ["所("]
    assert half_width("文件(&F)") == [] and half_width("Excel 文件 (*.xlsx);;所有文件 (*)") == []


def test_the_command_lines_chinese_lines_are_full_width(school_db: Database) -> None:
    from cxdesk.i18n import colon, in_parentheses

    assert colon("zh") == "：" and in_parentheses(3, "zh") == "（3）"
    assert colon("en") == ": " and in_parentheses(3, "en") == " (3)"


COMMAND_LINE = re.compile(r"cxdesk\s+(?:trust|import-xlsx|key|init|collect|held|register)\b|--\w")


def test_the_registration_form_names_the_page_not_a_command(school_db: Database) -> None:
    from cxdesk.exchange.keys import ensure_key, keys_dir
    from cxdesk.exchange.registration import registration_form, render_registration_html

    with school_db.transaction() as session:
        ensure_key(session, key_dir=keys_dir(school_db.path))
    with school_db.reading() as session:
        form = registration_form(session)
    assert form is not None
    page = render_registration_html(form)
    assert COMMAND_LINE.search(page) is None
    assert "“密钥登记”页" in page  # the bureau's page where the fingerprint is typed
    shown = html.unescape(re.sub(r"<style.*?</style>|<[^>]+>", "", page, flags=re.S))
    assert not half_width(shown)


def test_the_templates_instructions_name_the_page_not_a_command(tmp_path: Path) -> None:
    from cxdesk.workbook import write_template

    path = tmp_path / "t.xlsx"
    write_template(path)
    sheet = openpyxl.load_workbook(path)["说明"]
    text = "\n".join(str(c.value) for row in sheet.iter_rows() for c in row if c.value)
    assert COMMAND_LINE.search(text) is None
    assert "“Excel 导入”页" in text
    assert not half_width(text)


@pytest.mark.parametrize("page", ["密钥登记", "Excel 导入"])
def test_the_pages_named_on_paper_exist(page: str) -> None:
    assert ("Navigation", page) in chinese_translations()


def test_the_registration_form_leaves_room_to_sign(school_db: Database, qapp: QApplication) -> None:
    """Each signature row at least 25 mm high on the printed A4 page, all on one page."""
    from PySide6.QtGui import QTextTable

    from cxdesk.exchange.keys import ensure_key, keys_dir
    from cxdesk.exchange.registration import registration_form
    from cxdesk.ui.shell.paper import PIXELS_PER_POINT, layout_page_size
    from cxdesk.ui.shell.registration_print import a4_printer, registration_document

    with school_db.transaction() as session:
        ensure_key(session, key_dir=keys_dir(school_db.path))
    with school_db.reading() as session:
        form = registration_form(session)
    assert form is not None
    document = registration_document(form)
    document.setPageSize(layout_page_size(a4_printer()))
    assert document.pageCount() == 1
    table = next(f for f in document.rootFrame().childFrames() if isinstance(f, QTextTable))
    layout = document.documentLayout()
    millimetres_per_pixel = 25.4 / 72 / PIXELS_PER_POINT
    heights = {}
    for row in range(table.rows()):
        label = table.cellAt(row, 0).firstCursorPosition().block().text()
        if "签字" in label or "公章" in label:
            top = layout.blockBoundingRect(table.cellAt(row, 0).firstCursorPosition().block()).top()
            below = table.cellAt(row + 1, 0) if row + 1 < table.rows() else None
            bottom = (
                layout.blockBoundingRect(below.firstCursorPosition().block()).top()
                if below is not None
                else layout.frameBoundingRect(table).bottom()
            )
            heights[label] = (bottom - top) * millimetres_per_pixel
    assert set(heights) == {"经办人（签字）", "单位负责人（签字）", "单位公章"}
    assert all(height >= 25 for height in heights.values()), heights
