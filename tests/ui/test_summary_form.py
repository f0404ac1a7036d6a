"""The summary form: A4 PDF with the figures, the roster, signature and seal lines."""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtGui import QTextBlock
from PySide6.QtWidgets import QFileDialog
from sqlalchemy.orm import Session

from cxdesk.exchange.summary_form import PEOPLE_TITLE, STATEMENT, summary_form_html
from cxdesk.services.counselors import add_counselor
from cxdesk.services.records import CertificateInput, CounselorInput, RoomInput
from cxdesk.services.rooms import add_room
from cxdesk.ui.school.overview import OverviewPage
from cxdesk.ui.school.summary_form import load_summary_form, save_form_pdf
from cxdesk.ui.shell import file_dialogs
from cxdesk.ui.shell.context import AppContext
from cxdesk.ui.shell.main_window import MainWindow
from cxdesk.validation import identity_check_character
from tests.ui.pages import shown_page

FIRST17 = "53230119850302152"
IDENTITY = FIRST17 + identity_check_character(FIRST17)


@pytest.fixture
def filled(ctx: AppContext) -> AppContext:
    school_id = ctx.require_school_id()

    def fill(session: Session) -> None:
        add_counselor(
            session,
            school_id=school_id,
            data=CounselorInput(
                name="王秀英",
                post_type="full_time",
                identity_number=IDENTITY,
                certificates=[
                    CertificateInput("teacher_qualification", number="JS1"),
                    CertificateInput("nc_level3", number="ZX3"),
                ],
            ),
        )
        add_counselor(
            session,
            school_id=school_id,
            data=CounselorInput(name="李明", post_type="part_time", main_subject="chinese"),
        )
        add_room(
            session,
            school_id=school_id,
            data=RoomInput(name="心理辅导室", function="individual", area_tenths=283),
        )

    ctx.write(fill)
    return ctx


def test_the_form_holds_the_schools_figures_and_the_signature_lines(filled: AppContext) -> None:
    html = summary_form_html(load_summary_form(filled))
    assert "学校心理健康教育基本情况表" in html and "楚雄市鹿城小学" in html
    assert "2153230001" in html and "楚雄市" in html
    assert "王秀英" in html and "李明" in html
    assert "国家心理咨询师三级" in html  # the highest of her two certificates
    assert "总面积 28.3 平方米" in html
    assert "校长（签字）" in html and "公章" in html
    assert IDENTITY not in html and IDENTITY[:6] + "*" not in html


def test_the_form_is_an_a4_pdf(filled: AppContext, tmp_path: Path) -> None:
    path = save_form_pdf(load_summary_form(filled), tmp_path / "form.pdf")
    data = path.read_bytes()
    assert data.startswith(b"%PDF")
    boxes = re.findall(rb"/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]", data)
    assert boxes, "no page in the PDF"
    for width, height in boxes:  # A4 is 595 × 842 points
        assert round(float(width)) == 595 and round(float(height)) == 842


def test_save_as_pdf_from_the_overview(
    filled: AppContext, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "基本情况表"
    offered: list[tuple[str, str]] = []

    def choose(dialog: QFileDialog) -> list[str]:
        offered.append((dialog.directory().absolutePath(), dialog.selectedFiles()[0]))
        return [str(target)]

    monkeypatch.setattr(file_dialogs, "run", choose)
    overview = shown_page(window, "overview", OverviewPage)
    overview.pdf_button.click()
    written = target.with_suffix(".pdf")
    assert written.read_bytes().startswith(b"%PDF")
    assert str(written) in overview.saved_label.text()
    # Offered in Documents with the form's name, never the working directory.
    assert offered[0][0] == file_dialogs.documents_folder()
    assert offered[0][1].endswith("学校心理健康教育基本情况表-楚雄市鹿城小学.pdf")


@pytest.fixture
def forty(ctx: AppContext) -> AppContext:
    """A big school: 40 counselors, names of two to five characters, long certificates."""
    school_id = ctx.require_school_id()
    names = ["王芳", "李建国", "欧阳明华", "者荣瑾", "阿西木古", "普丽华", "段晓燕", "施云"]

    def fill(session: Session) -> None:
        for n in range(40):
            add_counselor(
                session,
                school_id=school_id,
                data=CounselorInput(
                    name=names[n % len(names)] + ("" if n < 8 else "甲乙丙丁戊"[n % 5]),
                    post_type="part_time" if n else "full_time",
                    main_subject="morality" if n else None,
                    title="senior",
                    start_date=date(2015, 9, 1),
                    certificates=(
                        [CertificateInput("social_work_skill", number=f"SG{n}")]
                        if n % 3 == 0
                        else []
                    ),
                ),
            )

    ctx.write(fill)
    return ctx


def test_the_printed_roster_keeps_its_rows_and_repeats_its_header(forty: AppContext) -> None:
    """Issue 13: the header split from the table, names and dates wrapped, 专/职 split."""
    from cxdesk.ui.school.summary_form import _roster_table, a4_printer, printable_document

    document = printable_document(load_summary_form(forty), a4_printer())
    table = _roster_table(document)
    assert table is not None
    # The section's title and the column titles repeat at the top of every page.
    assert table.format().headerRowCount() == 2
    assert table.cellAt(0, 0).firstCursorPosition().block().text() == PEOPLE_TITLE
    layout = document.documentLayout()
    page_height = document.pageSize().height()

    def pages_of(block: QTextBlock) -> tuple[int, int]:
        rect = layout.blockBoundingRect(block)
        return int(rect.top() // page_height), int((rect.bottom() - 1) // page_height)

    pages = set()
    for row in range(1, table.rows()):
        spans = set()
        for column in range(table.columns()):
            block = table.cellAt(row, column).firstCursorPosition().block()
            assert block.layout().lineCount() == 1, (row, column, block.text())
            first, last = pages_of(block)
            spans |= {first, last}
        assert len(spans) == 1, f"row {row} is split over pages {spans}"  # never split
        pages |= spans
    assert len(pages) >= 2  # the roster does run onto a second page
    # The statement, signatures and seal stay on one page.
    statement = document.find(STATEMENT).block()
    signatures = [f for f in document.rootFrame().childFrames()][-1]
    assert pages_of(statement)[0] == int(
        (layout.frameBoundingRect(signatures).bottom() - 1) // page_height
    )


def test_the_printed_form_is_10_5_point_text_and_every_page_has_the_header(
    forty: AppContext, tmp_path: Path
) -> None:
    """The PDF read back as a printer would: the text size and each page's header."""
    import shutil
    import subprocess

    if shutil.which("pdftotext") is None:
        pytest.skip("poppler-utils (pdftotext) is not installed")
    pdf = save_form_pdf(load_summary_form(forty), tmp_path / "form.pdf")
    words = subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    words = unicodedata.normalize("NFKC", words)  # the font maps 心 to the radical ⼼
    box = re.search(r'xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)"[^>]*>学校名称<', words)
    assert box is not None
    per_character = (float(box.group(2)) - float(box.group(1))) / 4
    assert 10 <= per_character <= 11  # it printed a third larger (14 pt)
    pages = words.split("<page ")[1:]
    assert len(pages) >= 2
    for page in pages[1:]:
        if "序号" in page:
            assert "五、心理健康教育教师名单" in page and "任职日期" in page
