"""Fields for codes, numbers and areas that read full-width characters as plain ones.

A Chinese input method in full-width mode types ２１５３, Ｘ, －, ．; a plain validator
refuses them, so the digits silently disappear.  These fields normalise what is typed with
the core's :func:`cxdesk.validation.normalize_typed` (NFKC) *before* checking it, the same
function the workbook import uses, so "２１５３２３０００１" typed here is 2153230001.

An area is typed as text and read exactly (:func:`cxdesk.services.records.parse_area_tenths`):
a negative or malformed area is kept as typed and refused with the reason, never changed
into 0 the way a spin box would.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtGui import QValidator
from PySide6.QtWidgets import QLineEdit, QSpinBox, QWidget

from cxdesk.services.records import BAD_AREA, parse_area_tenths
from cxdesk.validation import normalize_typed


class NormalisingValidator(QValidator):
    """NFKC-normalises the text as it is typed, then allows it if ``allowed`` matches.

    ``allowed`` describes every text that may stand in the field while typing (a prefix
    of a valid value); None allows anything.  ``upper`` stores letters upper-case (the X
    of an identity number).
    """

    def __init__(
        self, allowed: str | None = None, *, upper: bool = False, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.allowed = re.compile(allowed) if allowed is not None else None
        self.upper = upper

    def validate(self, text: str, pos: int) -> Any:  # (state, text, pos), as PySide6 allows
        normal = normalize_typed(text)
        if self.upper:
            normal = normal.upper()
        # NFKC may change the length (rarely); keep the cursor where the typing is.
        pos = max(0, min(len(normal), pos + len(normal) - len(text)))
        if self.allowed is not None and not self.allowed.fullmatch(normal):
            return QValidator.State.Invalid, text, pos
        return QValidator.State.Acceptable, normal, pos


class CodeEdit(QLineEdit):
    """A line for a code, number or phone: full-width characters become ASCII as typed."""

    def __init__(
        self,
        allowed: str | None = None,
        *,
        max_length: int = 100,
        upper: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setMaxLength(max_length)
        self.setValidator(NormalisingValidator(allowed, upper=upper, parent=self))

    def value(self) -> str | None:
        """What was typed, without blanks at the ends; None when empty."""
        return self.text().strip() or None


class NumberField(QSpinBox):
    """A whole number whose full-width digits (１２) are read as digits."""

    def validate(self, text: str, pos: int) -> Any:
        normal = normalize_typed(text)
        result = super().validate(normal, pos)
        state = result[0] if isinstance(result, tuple) else result
        return state, normal, pos

    def valueFromText(self, text: str) -> int:
        return super().valueFromText(normalize_typed(text))


class AreaField(QLineEdit):
    """An area in m², at most one decimal, read exactly as integer tenths.

    Whatever is typed stays as typed; :meth:`problem` says why it is not an area (a
    negative or zero area, two decimals, letters), and the form shows it under the field.
    """

    def __init__(self, *, required: bool = True, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.required = required
        self.setMaxLength(12)
        # Signs, digits and points may be typed (then refused with a reason); nothing else.
        self.setValidator(NormalisingValidator(r"[-+]?[0-9]*[.]?[0-9]*", parent=self))

    def tenths(self) -> int | None:
        """The area in tenths of m², None when empty or not a valid area."""
        text = self.text().strip()
        if not text:
            return None
        tenths = parse_area_tenths(text)
        return tenths if tenths is not None and 0 < tenths <= 10**9 else None

    def set_tenths(self, tenths: int | None) -> None:
        self.setText("" if tenths is None else f"{Decimal(tenths) / 10:.1f}")

    def problem(self) -> str | None:
        """Why the text is not an area (None when it is one, or empty)."""
        text = self.text().strip()
        if text and self.tenths() is None:
            return BAD_AREA(value=text).render()
        return None
