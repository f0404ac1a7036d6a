"""Text from outside shown so that it cannot lie: invisible and reordering characters escaped.

A school name, a manifest's sender name, a comment or a file name comes from whoever made
the package.  Shown as it is, a right-to-left override (U+202E) can turn "gpj.exe" into
"exe.jpg", a zero-width space can make two different codes look the same, and a newline
or an escape sequence can start a line that looks like the program's own verdict.
:func:`safe_text` makes every such character visible as ``<U+202E>``: the text still reads
the same for people, and nothing is hidden.  It is the one function the desktop app, the
command line and the Excel files use for sender-supplied text (and every parameter of a
core message goes through it, see :mod:`cxdesk.i18n`).
"""

from __future__ import annotations

import re

#: Bidirectional controls: embeddings, overrides, isolates and the implicit marks.
_BIDI = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
#: Zero-width and invisible characters: spaces, joiners, word joiner, invisible operators,
#: the byte-order mark, the Mongolian vowel separator, soft hyphen, Hangul fillers, and
#: the interlinear annotation and tag characters.
_INVISIBLE = (
    "\u00ad\u034f\u115f\u1160\u17b4\u17b5\u180b-\u180e\u200b-\u200d\u2060-\u2064\u206a-\u206f"
    "\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff9-\ufffb\U000e0000-\U000e007f"
)
#: C0 and C1 control characters and DEL (the line breaks are kept where asked).
_CONTROL = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029"
_UNSAFE_ONE_LINE = re.compile(f"[{_BIDI}{_INVISIBLE}{_CONTROL}\t\n\r]")
_UNSAFE_MULTILINE = re.compile(f"[{_BIDI}{_INVISIBLE}{_CONTROL}]")


def _visible(match: re.Match[str]) -> str:
    return f"<U+{ord(match.group()):04X}>"


def safe_text(text: str, *, multiline: bool = False) -> str:
    """``text`` with every bidi control, invisible and control character shown as ``<U+XXXX>``.

    ``multiline`` keeps line feeds, carriage returns and tabs (a bureau's message, a
    comment); otherwise they are escaped too, so that the text stays on its line.
    """
    pattern = _UNSAFE_MULTILINE if multiline else _UNSAFE_ONE_LINE
    if pattern.search(text) is None:
        return text
    return pattern.sub(_visible, text)


def has_unsafe_characters(text: str) -> bool:
    """Whether :func:`safe_text` (one line) would change ``text``."""
    return _UNSAFE_ONE_LINE.search(text) is not None
