"""Validators of the codes people type: identity numbers, school codes, phone numbers.

Each check returns ``None`` when the value is fine, otherwise a :class:`~cxdesk.i18n.Message`
that says why, in the user's language.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from cxdesk.i18n import Message, Text
from cxdesk.reference import SCHOOL_CODE_PREFIXES, YUNNAN_PROVINCE_CODE

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"
# ASCII digits only: ``\d`` would also take Arabic-Indic or full-width digits, which int()
# reads but which would then be stored as typed.
_ID_PATTERN = re.compile(r"[0-9]{17}[0-9X]")
_SCHOOL_CODE_PATTERN = re.compile(r"[0-9]{10}")
_PHONE_PATTERN = re.compile(r"[0-9+()\- ]{5,20}")


ID_LENGTH = Text(
    "身份证号应为18位，现为{length}位", "An identity number has 18 characters, not {length}"
)
ID_CHARACTERS = Text(
    "身份证号前17位应为数字，末位为数字或X", "An identity number is 17 digits then a digit or X"
)
ID_BIRTH_DATE = Text(
    "身份证号中的出生日期“{text}”不是有效日期",
    "The birth date {text} in the identity number is not a valid date",
)
ID_CHECK_DIGIT = Text(
    "身份证号校验位错误：末位为{found}，按前17位应为{expected}",
    "Wrong check character: it is {found}, the first 17 digits give {expected}",
)
SCHOOL_CODE_FORMAT = Text(
    "学校标识码应为10位数字，“{text}”不是", "A school code is 10 digits; {text!r} is not"
)
SCHOOL_CODE_KIND = Text(
    "学校标识码前两位“{prefix}”不是学校类别代码（21、31、34、36、51）",
    "The first two digits {prefix} are not a kind of school (21, 31, 34, 36, 51)",
)
SCHOOL_CODE_PROVINCE = Text(
    "学校标识码第3-4位应为云南省代码53，现为{province}",
    "Digits 3-4 of a school code are Yunnan's 53, not {province}",
)
PHONE_FORMAT = Text("电话号码“{text}”格式不对", "The phone number {text!r} is not valid")


@dataclass(frozen=True, slots=True)
class IdentityInfo:
    """What an identity number tells: birth date and gender ("M" or "F")."""

    number: str
    birth_date: date
    gender: str


def normalize_typed(text: str) -> str:
    """A code, number, date or phone number as typed, with its characters made plain.

    Chinese input methods type full-width digits, letters and punctuation (２１５３, Ｘ,
    －, ．, 　); they become their ASCII forms (Unicode NFKC), so that "２１５３２３０００１"
    is the school code 2153230001.  Used by the desktop app's fields as they are typed
    and by the workbook import, so both read the same text the same way.  Blanks at the
    ends are kept (a field strips them when it reads its value).
    """
    return unicodedata.normalize("NFKC", text)


def normalize_identity_number(text: str) -> str:
    """Strip blanks and store a lower-case check character upper-case.

    Full-width digits and letters, which Chinese input methods produce, become ASCII (NFKC).
    """
    return normalize_typed(text).strip().replace(" ", "").upper()


def identity_check_character(first17: str) -> str:
    total = sum(int(d) * w for d, w in zip(first17, _ID_WEIGHTS, strict=True))
    return _ID_CHECK[total % 11]


def check_identity_number(text: str) -> Message | None:
    """Check a GB 11643-1999 resident identity number; None when valid."""
    if len(text) <= 40:  # a workbook's counselor has it checked four times (issue 16)
        return _kept_identity_number_problem(text, date.today())
    return _identity_number_problem(text, date.today())


def _identity_number_problem(text: str, today: date) -> Message | None:
    """:func:`check_identity_number` on ``today``."""
    number = normalize_identity_number(text)
    if len(number) != 18:
        return ID_LENGTH(length=len(number))
    if not _ID_PATTERN.fullmatch(number):
        return ID_CHARACTERS()
    try:
        birth = date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return ID_BIRTH_DATE(text=number[6:14])
    if birth.year < 1900 or birth > today:
        return ID_BIRTH_DATE(text=number[6:14])
    expected = identity_check_character(number[:17])
    if number[17] != expected:
        return ID_CHECK_DIGIT(found=number[17], expected=expected)
    return None


#: The answer kept for the same text and day (a message is a value).
_kept_identity_number_problem = functools.lru_cache(maxsize=256)(_identity_number_problem)


def identity_info(text: str) -> IdentityInfo | None:
    """Birth date and gender of a valid identity number, None when it is not valid."""
    if check_identity_number(text) is not None:
        return None
    number = normalize_identity_number(text)
    birth = date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    gender = "M" if int(number[16]) % 2 == 1 else "F"
    return IdentityInfo(number, birth, gender)


def mask_identity_number(number: str | None) -> str:
    """Show the first 6 and last 4 characters only: 532301********123X."""
    if not number:
        return ""
    if len(number) <= 10:
        return "*" * len(number)
    return number[:6] + "*" * (len(number) - 10) + number[-4:]


def check_school_code(text: str) -> Message | None:
    """Check the 10-digit school identification code AABBCCCCCC; None when valid."""
    code = normalize_typed(text).strip()
    if not _SCHOOL_CODE_PATTERN.fullmatch(code):
        return SCHOOL_CODE_FORMAT(text=code)
    if code[:2] not in SCHOOL_CODE_PREFIXES:
        return SCHOOL_CODE_KIND(prefix=code[:2])
    if code[2:4] != YUNNAN_PROVINCE_CODE:
        return SCHOOL_CODE_PROVINCE(province=code[2:4])
    return None


def check_phone(text: str) -> Message | None:
    if not _PHONE_PATTERN.fullmatch(normalize_typed(text).strip()):
        return PHONE_FORMAT(text=text)
    return None
