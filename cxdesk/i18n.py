"""Bilingual text for the core (Chinese first, English second), without Qt.

The core cannot use Qt's translation, so a user-facing sentence of the core is written where
it is used as a :class:`Text` holding both languages; a :class:`Message` is such a text with
its parameters, rendered in the language the user chose (``set_language``; the CLI's
``--lang``, the GUI's setting).  Qt widgets translate their own strings with ``self.tr``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from cxdesk.safe_text import safe_text

LANGUAGES = ("zh", "en")
_current = "zh"


def set_language(lang: str) -> None:
    global _current
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}")
    _current = lang


def current_language() -> str:
    return _current


@dataclass(frozen=True, slots=True)
class Text:
    """One sentence in both languages, with ``{name}`` placeholders."""

    zh: str
    en: str

    def __call__(self, **params: object) -> Message:
        return Message(self, params)

    def render(self, lang: str | None = None, **params: object) -> str:
        lang = lang or _current
        template = self.en if lang == "en" else self.zh
        if not params:
            return template
        # A parameter that is itself bilingual (a field's name) follows the same language;
        # a text parameter may come from outside (a sender's name): nothing in it may hide.
        return template.format(**{k: _param(v, lang) for k, v in params.items()})


def _param(value: object, lang: str) -> object:
    if isinstance(value, Text | Message):
        return value.render(lang)
    if isinstance(value, str):
        return safe_text(value, multiline=True)
    return value


@dataclass(frozen=True, slots=True)
class Message:
    """A :class:`Text` with its parameters, ready to be shown in either language."""

    text: Text
    params: Mapping[str, object] = field(default_factory=dict)

    def render(self, lang: str | None = None) -> str:
        return self.text.render(lang, **self.params)

    def __str__(self) -> str:
        return self.render()


#: Punctuation of the command line's lines built from parts: Chinese text takes the
#: full-width forms (标签：值（说明）), English the ASCII ones.
COLON = Text("：", ": ")
PARENTHESES = Text("（{text}）", " ({text})")
LIST_SEPARATOR = Text("，", ", ")


def colon(lang: str | None = None) -> str:
    return COLON.render(lang)


def in_parentheses(text: object, lang: str | None = None) -> str:
    return PARENTHESES.render(lang, text=text)
