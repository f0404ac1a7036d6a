"""A trusted key's note, in the user's language.

The program writes one note itself: when a held package is accepted, the sender's key is
registered with the note ``accepted from held package #N`` (``cxdesk.bureau.held``).  It
is stored in that one form, whatever the language of the moment, so the program can
recognise it and show it in the language of the reader; a note a clerk typed is shown as
typed.
"""

from __future__ import annotations

import re

from cxdesk.i18n import Text

ACCEPTED_FROM_HELD = Text("确认接收待确认的上报包 #{id} 时登记", "accepted from held package #{id}")
_ACCEPTED_FROM_HELD = re.compile(r"accepted from held package #(\d+)")


def shown_note(note: str | None, lang: str | None = None) -> str:
    """``note`` as the reader sees it: the program's own notes in their language."""
    if not note:
        return ""
    return _ACCEPTED_FROM_HELD.sub(lambda m: ACCEPTED_FROM_HELD.render(lang, id=m.group(1)), note)
