"""What a worksheet's XML holds that the cell values alone do not tell.

python-calamine, which reads the values, gives a formula's last computed result and an
error cell as an empty cell, and builds each sheet as a dense grid from its first to its
last cell.  So before a sheet is handed to it, one pass over the part's tags (regular
expressions, no XML parser) finds:

* every formula and error value, with its cell (the importer refuses them, naming the
  formula);
* the merged ranges (refused: one value per cell);
* an upper bound of the rows and columns the grid can span, counting every cell and row
  tag even in a comment, so that a sheet whose few cells lie far apart is refused by its
  limits instead of filling the memory.

Cells and rows are placed as a spreadsheet reader places them: by their ``r`` attribute,
or one after the one before when it is missing.  A tag whose attributes cannot be read
safely this way (a ``>`` inside a quoted value) stops the survey: the file is damaged or
made to deceive, and is refused.
"""

from __future__ import annotations

import functools
import html
import re
from dataclasses import dataclass, field

from cxdesk.workbook.problems import Problem
from cxdesk.workbook.xlsx_parts import CORRUPT, WorkbookRefused

BAD_TAG = "a tag of a worksheet cannot be read"
BAD_REFERENCE = "a worksheet names a cell or row {ref!r}, which is not a valid reference"
TWICE = "a tag of a worksheet has the attribute {name!r} twice"
UNKNOWN_ENCODING = "a worksheet is in an encoding that is not read"

#: A namespace prefix: anything up to a colon that cannot end a tag's name.
_PREFIX = rb"(?:[^\s<>/:=\"']+:)?"
_TAG = re.compile(rb"<(/?)" + _PREFIX + rb"(c|row|f|mergeCell)(?=[\s/>])([^>]*)>")
_VALUE = re.compile(rb"<" + _PREFIX + rb"v(?=[\s/>])([^>]*)>")
#: The attributes of a cell exactly as spreadsheet programs write them (r, then s and t):
#: read without :func:`_attributes`, for nothing else is in the tag.
_USUAL_CELL = re.compile(
    rb' r="([A-Z]{1,3}[1-9][0-9]{0,6})"(?: s="[0-9]{1,5}")?(?: t="([a-zA-Z]{1,9})")?/?'
)
_CELL_END = re.compile(rb"</" + _PREFIX + rb"c\s*>")
_ATTR = re.compile(rb"(?:^|\s)([^\s=/]+)\s*=\s*(?:\"([^\"]*)\"|'([^']*)')")
#: A cell's place: a spreadsheet has at most 3 column letters and 7 row digits.
_CELL_REF = re.compile(rb"([A-Z]{1,3})([1-9][0-9]{0,6})")
_ROW_REF = re.compile(rb"[1-9][0-9]{0,6}")
_RANGE = re.compile(rb"[A-Z]{1,3}[1-9][0-9]{0,6}(?::[A-Z]{1,3}[1-9][0-9]{0,6})?")
#: The quick survey (:func:`_plain_survey`): every cell and row tag of the part, a formula
#: or merged-range tag, and the tags in exactly the form spreadsheet programs write them.
#: One pass names them all: at a given "<" at most one of the four names can match.
_SURVEYED_TAG = re.compile(rb"<" + _PREFIX + rb"(c|row|f|mergeCell)(?=[\s/>])")
_PLAIN_CELL = re.compile(
    rb'<c r="([A-Z]{1,3})([1-9][0-9]{0,6})"(?: s="[0-9]{1,5}")?(?: t="(?!e")[a-zA-Z]{1,9}")?\s?/?>'
)
_PLAIN_ROW = re.compile(rb'<row r="([1-9][0-9]{0,6})"((?: [a-zA-Z]{1,20}="[^"<>&]{0,40}")*)\s?/?>')
_NAME = re.compile(rb" ([a-zA-Z]+)=")


@dataclass
class Survey:
    """A worksheet part's formulas, error values, merged ranges and extent."""

    #: Formula text as a spreadsheet shows it ("=SUM(A1:A3)"), by (row, column), 1-based.
    formulas: dict[tuple[int, int], str] = field(default_factory=dict)
    #: Error values ("#DIV/0!") by (row, column).
    errors: dict[tuple[int, int], str] = field(default_factory=dict)
    merged: list[str] = field(default_factory=list)
    #: No row or cell of the part lies below this row or right of this column.
    rows: int = 0
    columns: int = 0


def survey_sheet(data: bytes) -> Survey:
    """The survey of one worksheet part (its DTD has been checked already)."""
    data = _as_utf8(data)
    plain = _plain_survey(data)
    return plain if plain is not None else _survey_tags(data)


def _plain_survey(data: bytes) -> Survey | None:
    """The survey of a part written as spreadsheet programs write it, without walking its
    tags one by one (issue 16: the walk was a tenth of a collect's time); None when the part
    is not that plain, and the walk (:func:`_survey_tags`) must decide.

    Plain: no formula and no merged range anywhere; every cell tag is ``<c r="A1" s=".."
    t="..">`` (not an error value) and every row tag ``<row r="1" ...>`` with simple
    attributes, none twice, so that each is placed by its reference, as the walk would
    place it, and none is one the walk would refuse.  The
    extent is then the largest row and column any of them names (tags in a comment
    included, as the walk counts them).
    """
    tags = _SURVEYED_TAG.findall(data)
    if b"f" in tags or b"mergeCell" in tags:
        return None
    cells = _PLAIN_CELL.findall(data)
    if len(cells) != tags.count(b"c"):
        return None
    rows = _PLAIN_ROW.findall(data)
    if len(rows) != tags.count(b"row"):
        return None
    for rest in {rest for _, rest in rows}:  # a few kinds of row tag: none names one twice
        names = [b"r", *_NAME.findall(rest)]
        if len(set(names)) != len(names):
            return None
    letters = {letters for letters, _ in cells}
    row_numbers = [int(r) for r, _ in rows] + [int(r) for _, r in cells]
    return Survey(
        rows=max(row_numbers, default=0),
        columns=max((_column_number(x) for x in letters), default=0),
    )


def _survey_tags(data: bytes) -> Survey:
    """The survey of any part: its tags walked one by one."""
    survey = Survey()
    row = column = 0
    rows_seen = rows_without_ref = cells_without_ref = max_column = 0
    cell: tuple[int, int] | None = None
    shared: dict[bytes, tuple[str, tuple[int, int]]] = {}
    merged: set[str] = set()
    for match in _TAG.finditer(data):
        closing, name, raw = match.group(1, 2, 3)
        if closing:
            if name == b"c":
                cell = None
            continue
        if name == b"c":
            usual = _USUAL_CELL.fullmatch(raw)
            attrs = {b"r": usual[1], b"t": usual[2] or b""} if usual else _attributes(raw)
            ref = attrs.get(b"r")
            if ref is None:
                column += 1
                cells_without_ref += 1
                place = (max(row, 1), column)
            elif ref_match := _CELL_REF.fullmatch(ref):
                column = _column_number(ref_match.group(1))
                place = (int(ref_match.group(2)), column)
                rows_seen = max(rows_seen, place[0])
            else:
                raise _bad_reference(ref)
            max_column = max(max_column, column)
            cell = None if raw.endswith(b"/") else place
            if cell is not None and attrs.get(b"t") == b"e":
                end = _CELL_END.search(data, match.end())
                value = _VALUE.search(data, match.end(), end.start() if end else len(data))
                survey.errors[cell] = _text_after(data, value.end()) if value else ""
        elif name == b"row":
            ref = _attributes(raw).get(b"r")
            if ref is None:
                row += 1
                rows_without_ref += 1
            elif _ROW_REF.fullmatch(ref):
                row = int(ref)
            else:
                raise _bad_reference(ref)
            rows_seen = max(rows_seen, row)
            column = 0
        elif name == b"f" and cell is not None:
            text = "" if raw.endswith(b"/") else _text_after(data, match.end())
            survey.formulas[cell] = _formula(text, _attributes(raw), cell, shared)
        elif name == b"mergeCell":
            ref = _attributes(raw).get(b"ref", b"")
            if _RANGE.fullmatch(ref):
                merged.add(ref.decode("ascii"))
    survey.merged = sorted(merged)
    # Rows and cells without a reference follow the one before: at most one step each.
    survey.rows = rows_seen + rows_without_ref
    survey.columns = max_column + cells_without_ref
    return survey


def _as_utf8(data: bytes) -> bytes:
    """The part as UTF-8 bytes (Excel and its kin write UTF-8; UTF-16 is allowed by XML)."""
    if b"\x00" not in data[:4] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data
    for codec in ("utf-16", "utf-32"):
        try:
            return data.decode(codec).encode("utf-8")
        except UnicodeError:
            continue
    raise WorkbookRefused(Problem(CORRUPT(reason=UNKNOWN_ENCODING)))


def _attributes(raw: bytes) -> dict[bytes, bytes]:
    """A tag's attributes, as written; refuses a tag this simple reading could get wrong."""
    if raw.count(b'"') % 2 or raw.count(b"'") % 2:
        # A quote left open: a '>' inside a value ended the tag early, or the XML is broken.
        raise WorkbookRefused(Problem(CORRUPT(reason=BAD_TAG)))
    attrs: dict[bytes, bytes] = {}
    for key, double, single in _ATTR.findall(raw):
        if b":" in key:
            continue  # only attributes without a prefix count, as the reader takes them
        if key in attrs:
            # Not well-formed XML, and the reader takes the first or the last of the two.
            name = key.decode("ascii", "replace")
            raise WorkbookRefused(Problem(CORRUPT(reason=TWICE.format(name=name))))
        attrs[key] = double or single
    return attrs


def _bad_reference(ref: bytes) -> WorkbookRefused:
    shown = ref[:20].decode("utf-8", "replace")
    return WorkbookRefused(Problem(CORRUPT(reason=BAD_REFERENCE.format(ref=shown))))


def _text_after(data: bytes, start: int) -> str:
    """The text content that starts at ``start`` (up to the next tag), unescaped."""
    end = data.find(b"<", start)
    text = data[start : end if end >= 0 else len(data)]
    return html.unescape(text.decode("utf-8", "replace"))


def _formula(
    text: str,
    attrs: dict[bytes, bytes],
    cell: tuple[int, int],
    shared: dict[bytes, tuple[str, tuple[int, int]]],
) -> str:
    """The formula of a cell as a spreadsheet shows it.

    A shared formula is written once, in its first cell; the others hold only its index and
    show it moved to their own place (as Excel and openpyxl do).
    """
    index = attrs.get(b"si")
    if attrs.get(b"t") != b"shared" or index is None:
        return "=" + text
    if text:
        shared.setdefault(index, (text, cell))
        return "=" + text
    if index not in shared:
        return "="
    first, origin = shared[index]
    from openpyxl.formula.translate import Translator  # rare: only for copied formulas

    try:
        moved: str = Translator("=" + first, _reference(origin)).translate_formula(_reference(cell))
    except Exception:  # a formula openpyxl cannot move: show the one written
        return "=" + first
    return moved


@functools.lru_cache(maxsize=1024)
def _column_number(letters: bytes) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + letter - ord("A") + 1
    return number


def _column_letters(number: int) -> str:
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def _reference(cell: tuple[int, int]) -> str:
    return f"{_column_letters(cell[1])}{cell[0]}"
