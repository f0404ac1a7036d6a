"""The data-entry workbook: one layout for the template, the import and the export.

Public API (the GUI and the report package use these):

- ``write_template(path)``: the empty workbook.
- ``plan_import(session, *, school, path) -> ImportPlan``: read and check, write nothing.
- ``apply_import(session, *, plan) -> counts``: store a plan without problems.
- ``write_school_workbook(session, *, school, period, path, include_summary=True)``.
"""

from cxdesk.workbook.apply import apply_import, refusal
from cxdesk.workbook.export import school_rows, write_school_workbook
from cxdesk.workbook.plan import Change, ImportPlan, plan_import
from cxdesk.workbook.problems import Problem
from cxdesk.workbook.template import write_template

__all__ = [
    "Change",
    "ImportPlan",
    "Problem",
    "apply_import",
    "plan_import",
    "refusal",
    "school_rows",
    "write_school_workbook",
    "write_template",
]
