"""The log file: a few rotating files in the data folder, never holding identity numbers.

When something goes wrong at a school, the log is what a technician gets (by USB stick or
a photo of the crash dialog that names it).  It must say what happened, and it must not
leak personal data: every record passes :class:`IdentityNumberFilter`, which masks anything
that looks like a resident identity number, in the message, its arguments, the traceback
and the stack, before any handler writes it: 17 digits and a check character, also glued
to letters (``ID11010519491231002Xabc``), in groups split by spaces or dashes
(``110105 19491231 002X``, ``110105-19491231-002X``) and in full-width digits
(``１１０１０５…``).  It masks rather too much than too little: any such run of 18.
"""

from __future__ import annotations

import logging
import logging.handlers
import re
from pathlib import Path

from cxdesk.paths import data_dir
from cxdesk.validation import mask_identity_number

LOG_DIRNAME = "logs"
LOG_FILENAME = "cxdesk.log"
MAX_BYTES = 1_000_000
BACKUP_COUNT = 5
FORMAT = "%(asctime)s %(levelname)s %(name)s [%(process)d]: %(message)s"

_DIGIT = "[0-9\uff10-\uff19]"  # ASCII and full-width digits
#: What may split the groups of a written number: a space (also no-break and
#: ideographic), a tab, or a dash (ASCII, Unicode dashes, the minus sign, full-width).
_SPLIT = "[ \t\u00a0\u3000\\-\u2010-\u2015\u2212\uff0d]"
#: 17 digits and a check character, each optionally split from the next by up to three
#: spaces or dashes, not inside a longer run of digits (letters around do not matter).
IDENTITY_LIKE = re.compile(
    rf"(?<!{_DIGIT}){_DIGIT}(?:{_SPLIT}{{0,3}}{_DIGIT}){{16}}{_SPLIT}{{0,3}}"
    rf"[0-9\uff10-\uff19Xx\uff38\uff58](?!{_DIGIT})"
)

_HANDLER_MARK = "_cxdesk_log_file"


def mask_identity_numbers(text: str) -> str:
    """``text`` with every identity-number-like run masked (532301********123X)."""
    return IDENTITY_LIKE.sub(lambda m: mask_identity_number(m.group(0)), text)


class IdentityNumberFilter(logging.Filter):
    """Masks identity numbers in a record; attached to the handlers, so it sees every record."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        masked = mask_identity_numbers(message)
        if masked != message or record.args:
            record.msg, record.args = masked, None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = mask_identity_numbers(record.exc_text)
        if record.stack_info:
            record.stack_info = mask_identity_numbers(record.stack_info)
        return True


class MaskingFormatter(logging.Formatter):
    """A second guard: masks the formatted line, whatever a record carried."""

    def format(self, record: logging.LogRecord) -> str:
        return mask_identity_numbers(super().format(record))


def log_path(folder: Path | None = None) -> Path:
    """Where the log file is (``logs/cxdesk.log`` in the data folder)."""
    return (folder or data_dir()) / LOG_DIRNAME / LOG_FILENAME


def setup_logging(folder: Path | None = None, *, level: int = logging.INFO) -> Path:
    """Send cxdesk's log to the rotating file; call once at start (CLI and GUI).

    Calling it again (tests, a second start in one process) replaces the earlier file
    handler rather than adding a second one.  Returns the log file's path.
    """
    path = log_path(folder)
    path.parent.mkdir(parents=True, exist_ok=True)
    root = logging.getLogger()
    for old in [h for h in root.handlers if getattr(h, _HANDLER_MARK, False)]:
        root.removeHandler(old)
        old.close()
    handler = logging.handlers.RotatingFileHandler(
        path, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT, encoding="utf-8", delay=True
    )
    setattr(handler, _HANDLER_MARK, True)
    handler.setFormatter(MaskingFormatter(FORMAT))
    handler.addFilter(IdentityNumberFilter())
    root.addHandler(handler)
    root.setLevel(min(root.level or logging.WARNING, level))
    logging.getLogger("cxdesk").setLevel(level)
    return path


def current_log_path() -> Path | None:
    """The file the log goes to now, if :func:`setup_logging` was called."""
    for handler in logging.getLogger().handlers:
        if getattr(handler, _HANDLER_MARK, False):
            return Path(getattr(handler, "baseFilename"))  # noqa: B009
    return None
