"""Typing a key fingerprint from a stamped form: six boxes of five digits.

Used where a fingerprint is copied from paper: the bureau registering a school's key
(Trusted keys) and the school registering its county bureau's key (上报 page).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QRegularExpressionValidator
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QWidget

from cxdesk.exchange.fingerprints import FINGERPRINT_GROUPS


class FingerprintField(QWidget):
    """Six boxes of five digits; typing the fifth digit moves on to the next box."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        font = QFont("monospace")
        font.setStyleHint(QFont.StyleHint.Monospace)
        font.setPointSizeF(self.font().pointSizeF() * 1.3)
        self.groups: list[QLineEdit] = []
        for n in range(FINGERPRINT_GROUPS):
            box = QLineEdit()
            box.setObjectName(f"group_{n}")
            box.setFont(font)
            box.setMaxLength(5)
            box.setValidator(QRegularExpressionValidator(r"[0-9]{0,5}", box))
            box.setFixedWidth(box.fontMetrics().horizontalAdvance("000000") + 16)
            box.setAlignment(Qt.AlignmentFlag.AlignCenter)
            box.textEdited.connect(lambda text, n=n: self._advance(n, text))
            layout.addWidget(box)
            self.groups.append(box)
        layout.addStretch(1)

    def _advance(self, n: int, text: str) -> None:
        if len(text) == 5 and n + 1 < len(self.groups):
            self.groups[n + 1].setFocus()
            self.groups[n + 1].selectAll()

    def text(self) -> str:
        return " ".join(box.text() for box in self.groups).strip()

    def set_text(self, digits: str) -> None:
        clean = digits.replace(" ", "")
        for n, box in enumerate(self.groups):
            box.setText(clean[5 * n : 5 * n + 5])
