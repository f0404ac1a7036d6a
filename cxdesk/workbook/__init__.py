"""The data-entry workbook: one layout for the template, the import and the export.

Public API (the GUI and the report package use these):

- ``write_template(path)``: the empty workbook.
- ``plan_import(session, *, school, path) -> ImportPlan``: read and check, write nothing.
- ``apply_import(session, *, plan) -> counts``: store a plan without problems.
- ``write_school_workbook(session, *, school, period, path, include_summary=True)``.

The names are imported when first used: writing needs openpyxl, reading python-calamine,
and a command that does neither (``cxdesk trust list``) should not pay for them.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from cxdesk.workbook.apply import apply_import, refusal
    from cxdesk.workbook.export import school_rows, write_school_workbook
    from cxdesk.workbook.import_plan import Change, ImportPlan
    from cxdesk.workbook.plan import plan_import
    from cxdesk.workbook.problems import Problem
    from cxdesk.workbook.template import write_template

#: Where each public name lives.
_HOMES = {
    "apply_import": "apply",
    "refusal": "apply",
    "school_rows": "export",
    "write_school_workbook": "export",
    "Change": "import_plan",
    "ImportPlan": "import_plan",
    "plan_import": "plan",
    "Problem": "problems",
    "write_template": "template",
}

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


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{home}"), name)
    globals()[name] = value
    return value
