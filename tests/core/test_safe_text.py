"""Text from outside cannot hide or reorder anything when it is shown (safe_text.py)."""

from __future__ import annotations

import pytest

from cxdesk.i18n import Text
from cxdesk.safe_text import has_unsafe_characters, safe_text


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("楚雄市鹿城小学", "楚雄市鹿城小学"),
        ("abc\u202egpj.exe", "abc<U+202E>gpj.exe"),  # right-to-left override
        ("\u2066x\u2069", "<U+2066>x<U+2069>"),  # isolates
        ("21532\u200b30001", "21532<U+200B>30001"),  # zero-width space
        ("a\ufeffb\u2060c", "a<U+FEFF>b<U+2060>c"),
        ("名称\n（已核对备案表，指纹一致）", "名称<U+000A>（已核对备案表，指纹一致）"),
        ("\x1b[32mOK\x1b[0m", "<U+001B>[32mOK<U+001B>[0m"),  # terminal escape
        ("a\x85b\u2028c", "a<U+0085>b<U+2028>c"),
        ("tab\there", "tab<U+0009>here"),
    ],
)
def test_hidden_characters_are_shown(raw: str, shown: str) -> None:
    assert safe_text(raw) == shown
    assert has_unsafe_characters(raw) == (raw != shown)
    assert not has_unsafe_characters(safe_text(raw))


def test_multiline_text_keeps_its_lines_but_not_its_tricks() -> None:
    assert safe_text("第一行\n第二行\u202e", multiline=True) == "第一行\n第二行<U+202E>"


def test_every_core_message_shows_its_parameters_safely() -> None:
    said = Text("学校“{name}”", "School {name}")(name="某校\u202e）致一纹指").render("zh")
    assert said == "学校“某校<U+202E>）致一纹指”"
