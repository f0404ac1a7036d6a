"""Column titles on several lines, so that a table of many figures fits the window.

A table of twenty figures (the summary by county) needs sideways scrolling at 1366 pixels
when each title stands on one line ("国家心理咨询师二级", "有辅导室学校占比（%）").  Broken
into lines no wider than the numbers below them, every column fits.  Titles are cut
between words, after a Chinese character, never inside a number or a bracketed unit.
"""

from __future__ import annotations

import re

from PySide6.QtGui import QFontMetrics

_TOKENS = re.compile(r"（[^）]*）|\([^)]*\)|[A-Za-z0-9.%²+-]+|\s+|.")


def wrap_title(text: str, metrics: QFontMetrics, width: int) -> str:
    """``text`` in lines of at most ``width`` pixels where it can be cut (a longer token
    stays whole on its own line), the lines as even as they can be ("应报\n学校数", not
    "应报学校\n数")."""
    lines = _greedy(text, metrics, width)
    narrowest = width
    while narrowest > 1 and len(_greedy(text, metrics, narrowest - 1)) == len(lines):
        narrowest -= 1
    return "\n".join(_greedy(text, metrics, narrowest))


def _greedy(text: str, metrics: QFontMetrics, width: int) -> list[str]:
    lines: list[str] = []
    line = ""
    for token in _TOKENS.findall(text):
        if token.isspace():
            line += " " if line else ""
            continue
        candidate = line + token
        if line.strip() and metrics.horizontalAdvance(candidate.strip()) > width:
            lines.append(line.strip())
            line = token
        else:
            line = candidate
    if line.strip():
        lines.append(line.strip())
    return lines
