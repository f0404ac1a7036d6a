"""The summary form: A4 PDF with the figures, the roster, signature and seal lines."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from cxdesk.services.counselors import add_counselor
from cxdesk.services.records import CertificateInput, CounselorInput, RoomInput
from cxdesk.services.rooms import add_room
from cxdesk.ui import file_dialogs
from cxdesk.ui.context import AppContext
from cxdesk.ui.main_window import MainWindow
from cxdesk.ui.summary_form import load_summary_form, save_form_pdf, summary_form_html
from cxdesk.validation import identity_check_character

FIRST17 = "53230119850302152"
IDENTITY = FIRST17 + identity_check_character(FIRST17)


@pytest.fixture
def filled(ctx: AppContext) -> AppContext:
    school_id = ctx.require_school_id()

    def fill(session) -> None:  # type: ignore[no-untyped-def]
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

    def choose(dialog) -> list[str]:  # type: ignore[no-untyped-def]
        offered.append((dialog.directory().absolutePath(), dialog.selectedFiles()[0]))
        return [str(target)]

    monkeypatch.setattr(file_dialogs, "run", choose)
    overview = window.show_page("overview")
    overview.pdf_button.click()
    written = target.with_suffix(".pdf")
    assert written.read_bytes().startswith(b"%PDF")
    assert str(written) in overview.saved_label.text()
    # Offered in Documents with the form's name, never the working directory.
    assert offered[0][0] == file_dialogs.documents_folder()
    assert offered[0][1].endswith("学校心理健康教育基本情况表-楚雄市鹿城小学.pdf")
