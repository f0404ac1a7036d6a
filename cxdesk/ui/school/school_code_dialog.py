"""Correcting the school code before the first export, typed twice (a guarded change)."""

from __future__ import annotations

from PySide6.QtWidgets import QDialogButtonBox, QFormLayout, QLabel, QWidget

from cxdesk.errors import UserError
from cxdesk.services.school_code import change_school_code
from cxdesk.ui.school.school_form import kind_mismatch
from cxdesk.ui.shell.context import AppContext
from cxdesk.ui.shell.entry_dialog import EntryDialog
from cxdesk.ui.shell.errors import show_error
from cxdesk.ui.shell.typed_fields import CodeEdit
from cxdesk.validation import check_school_code


class SchoolCodeDialog(EntryDialog):
    """The new code twice; its fit with the school's kind is shown before it is stored."""

    def __init__(
        self, ctx: AppContext, *, current: str, kind: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent, ok_button=QDialogButtonBox.StandardButton.Save)
        self.ctx = ctx
        self.kind = kind
        self.setWindowTitle(self.tr("Change the school code"))
        self.setMinimumWidth(560)
        intro = QLabel(
            self.tr(
                "The school code identifies the school's report packages at the bureau. It can be corrected until the first package is exported. The signing key stays; if the key's registration form was already handed in with the old code, print it again from the Report page."
            )
        )
        intro.setWordWrap(True)
        self.body.addWidget(intro)
        self.current = QLabel(current)
        self.current.setObjectName("current_code")
        self.new_code = CodeEdit(r"[0-9]{0,10}", max_length=10)
        self.new_code.setObjectName("new_code")
        self.again = CodeEdit(r"[0-9]{0,10}", max_length=10)
        self.again.setObjectName("new_code_again")
        form = QFormLayout()
        form.addRow(self.tr("Current code:"), self.current)
        self.add_row(
            form,
            self.tr("New code:"),
            self.new_code,
            required=True,
            check=self._code_problem,
            warning=self._kind_warning,
        )
        self.add_row(
            form, self.tr("New code again:"), self.again, required=True, check=self._again_problem
        )
        self.checks.watch(self.new_code)
        self.body.addLayout(form)
        self.save_button.setText(self.tr("Change the code"))

    def _code_problem(self) -> str | None:
        problem = check_school_code(self.new_code.text())
        return problem.render() if problem is not None else None

    def _again_problem(self) -> str | None:
        if self.again.text().strip() != self.new_code.text().strip():
            return self.tr("The two codes differ: type the new code again.")
        return None

    def _kind_warning(self) -> str | None:
        mismatch = kind_mismatch(self.new_code.text().strip(), self.kind)
        if mismatch is None:
            return None
        return self.tr(
            "The code starts with {prefix}, which does not fit the school's kind."
        ).format(prefix=mismatch[0])

    def save(self) -> bool:
        code = self.new_code.text().strip()
        try:
            self.ctx.write(lambda s: change_school_code(s, new_code=code))
        except UserError as error:
            show_error(self, error)
            return False
        self.ctx.reload_installation()
        return True
