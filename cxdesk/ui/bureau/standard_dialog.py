"""Adding a standard of the bureau's own: its name, source, date, schools and rule.

The rule is one of the fixed kinds (:data:`cxdesk.standards.rules.RULE_KINDS`); only the
parameters of the kind chosen are shown.  What is typed goes to the core as it is
(:func:`cxdesk.standards.catalogue.add_standard`), which checks everything and says what
is wrong; thresholds are whatever the bureau's document says, never a default here.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGridLayout,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from cxdesk import reference as ref
from cxdesk.i18n import current_language
from cxdesk.standards.catalogue import CERTAINTIES, LEVELS, NewStandard
from cxdesk.standards.rules import RULE_KINDS
from cxdesk.ui.shell.widgets import CodeCombo, DateField


def optional_number(spin: QSpinBox | QDoubleSpinBox, text: str) -> None:
    """The spin box's minimum stands for "not given"."""
    spin.setSpecialValueText(text)
    if isinstance(spin, QSpinBox):
        spin.setValue(spin.minimum())
    else:
        spin.setValue(spin.minimum())


class StandardDialog(QDialog):
    """The fields of a new standard; :meth:`new_standard` reads them."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Add a standard"))
        self.resize(760, 640)
        lang = current_language()
        self.name = QLineEdit()
        self.name.setObjectName("name")
        self.name.setMaxLength(200)
        self.name_en = QLineEdit()
        self.name_en.setObjectName("name_en")
        self.name_en.setMaxLength(200)
        self.source = QLineEdit()
        self.source.setObjectName("source")
        self.source.setMaxLength(300)
        self.source.setPlaceholderText(
            self.tr("the document's title and number, e.g. 楚办通〔2024〕20号")
        )
        self.applies_from = DateField(optional=False)
        self.applies_from.setObjectName("applies_from")
        self.kinds = {choice.code: QCheckBox(choice.label(lang)) for choice in ref.SCHOOL_KINDS}
        kinds_box = QWidget()
        kinds_grid = QGridLayout(kinds_box)
        kinds_grid.setContentsMargins(0, 0, 0, 0)
        for n, box in enumerate(self.kinds.values()):
            kinds_grid.addWidget(box, n // 4, n % 4)
        self.rule = QComboBox()
        self.rule.setObjectName("rule_kind")
        for kind in RULE_KINDS.values():
            self.rule.addItem(kind.label(lang), kind.code)
        self.post_type = QComboBox()
        self.post_type.addItem(self.tr("full-time"), "full_time")
        self.post_type.addItem(self.tr("full- or part-time"), "any")
        self.count = QSpinBox()
        self.count.setRange(0, 100)
        optional_number(self.count, self.tr("not given"))
        self.when_pupils = QSpinBox()
        self.when_pupils.setRange(0, 100_000)
        optional_number(self.when_pupils, self.tr("every school"))
        self.when_boarders = QSpinBox()
        self.when_boarders.setRange(0, 100_000)
        optional_number(self.when_boarders, self.tr("every school"))
        self.areas = {
            code: QCheckBox(ref.ROOM_FUNCTIONS.label(code, lang)) for code in ref.BASIC_AREAS
        }
        areas_box = QWidget()
        areas_row = QGridLayout(areas_box)
        areas_row.setContentsMargins(0, 0, 0, 0)
        for n, box in enumerate(self.areas.values()):
            areas_row.addWidget(box, 0, n)
        self.function = QComboBox()
        for code in ("individual", "group"):
            self.function.addItem(ref.ROOM_FUNCTIONS.label(code, lang), code)
        self.min_m2, self.max_m2 = QDoubleSpinBox(), QDoubleSpinBox()
        for spin in (self.min_m2, self.max_m2):
            spin.setDecimals(1)
            spin.setRange(-0.1, 10_000)
            spin.setSuffix(" m²")
            optional_number(spin, self.tr("no limit"))
        self.level = CodeCombo(LEVELS)
        self.target = QSpinBox()
        self.target.setRange(-1, 100)
        self.target.setSuffix(" %")
        optional_number(self.target, self.tr("no target"))
        self.certainty = CodeCombo(CERTAINTIES)
        self.note = QPlainTextEdit()
        self.note.setMaximumHeight(60)
        self.note_en = QPlainTextEdit()
        self.note_en.setMaximumHeight(60)

        form = QFormLayout()
        form.addRow(self.tr("Name:"), self.name)
        form.addRow(self.tr("Name in English:"), self.name_en)
        form.addRow(self.tr("Source document:"), self.source)
        form.addRow(self.tr("Applies from:"), self.applies_from)
        form.addRow(self.tr("Kinds of school (none: all):"), kinds_box)
        form.addRow(self.tr("Rule:"), self.rule)
        self.param_rows: dict[str, tuple[QWidget, ...]] = {}
        for name, label, widget in (
            ("post_type", self.tr("Counselors:"), self.post_type),
            ("count", self.tr("At least:"), self.count),
            ("when_pupils_at_least", self.tr("Only schools with pupils ≥"), self.when_pupils),
            ("when_boarders_at_least", self.tr("or with boarders ≥"), self.when_boarders),
            ("areas", self.tr("Areas:"), areas_box),
            ("function", self.tr("Area measured:"), self.function),
            ("min_m2", self.tr("At least:"), self.min_m2),
            ("max_m2", self.tr("At most:"), self.max_m2),
        ):
            form.addRow(label, widget)
            self.param_rows[name] = (form.labelForField(widget), widget)
        form.addRow(self.tr("Requirement or advice:"), self.level)
        form.addRow(self.tr("Target share of schools:"), self.target)
        form.addRow(self.tr("How sure:"), self.certainty)
        form.addRow(self.tr("Note:"), self.note)
        form.addRow(self.tr("Note in English:"), self.note_en)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.rule.currentIndexChanged.connect(lambda _i: self._show_params())
        self._show_params()

    def _show_params(self) -> None:
        wanted = {p.name for p in RULE_KINDS[self.rule.currentData()].params}
        for name, widgets in self.param_rows.items():
            for widget in widgets:
                if widget is not None:
                    widget.setVisible(name in wanted)

    def params(self) -> dict[str, Any]:
        """The shown parameters that were given (the core checks them)."""
        values: dict[str, Any] = {
            "post_type": self.post_type.currentData(),
            "count": self.count.value() or None,
            "when_pupils_at_least": self.when_pupils.value() or None,
            "when_boarders_at_least": self.when_boarders.value() or None,
            "areas": [code for code, box in self.areas.items() if box.isChecked()],
            "function": self.function.currentData(),
            "min_m2": None
            if self.min_m2.value() < 0
            else str(Decimal(f"{self.min_m2.value():.1f}")),
            "max_m2": None
            if self.max_m2.value() < 0
            else str(Decimal(f"{self.max_m2.value():.1f}")),
        }
        wanted = {p.name for p in RULE_KINDS[self.rule.currentData()].params}
        return {k: v for k, v in values.items() if k in wanted and v is not None}

    def new_standard(self) -> NewStandard:
        return NewStandard(
            name=self.name.text(),
            name_en=self.name_en.text(),
            source=self.source.text(),
            applies_from=self.applies_from.value() or date.today(),
            rule_kind=str(self.rule.currentData()),
            params=self.params(),
            school_kinds=tuple(code for code, box in self.kinds.items() if box.isChecked()),
            level=self.level.code() or "required",
            target_pct=None if self.target.value() < 0 else self.target.value(),
            certainty=self.certainty.code() or "certain",
            certainty_note=self.note.toPlainText(),
            certainty_note_en=self.note_en.toPlainText(),
        )
