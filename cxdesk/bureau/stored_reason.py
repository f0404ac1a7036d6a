"""A reason stored on a submission in both languages, so that the clerk may switch: what
the intake writes when it holds or refuses a package, and what the held list, the review
and the revocation read back."""

from __future__ import annotations

import json

from cxdesk.i18n import Message


def both_languages(message: Message | None) -> str | None:
    """A reason kept in both languages (the clerk may switch)."""
    if message is None:
        return None
    return json.dumps({"zh": message.render("zh"), "en": message.render("en")}, ensure_ascii=False)


def stored_reason(text: str | None, lang: str) -> str | None:
    """The reason of :func:`both_languages` in ``lang`` (an older plain text as it is)."""
    if not text:
        return None
    try:
        return str(json.loads(text).get(lang) or "")
    except (ValueError, AttributeError):
        return text
