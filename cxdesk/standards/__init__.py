"""Standards as data, and how schools stand against them (compliance).

* :mod:`cxdesk.standards.rules` — the fixed set of rule kinds a standard can use, their
  parameters (validated strictly) and how each is evaluated on a school's facts;
* :mod:`cxdesk.standards.catalogue` — reading and changing the ``standard`` table
  (switch off, add, remove), plain :class:`~cxdesk.standards.catalogue.StandardDef` rows;
* :mod:`cxdesk.standards.facts` — what the rules read about each school, by SQL, as of
  the period's reference date (:mod:`cxdesk.standards.as_of`);
* :mod:`cxdesk.standards.compliance` — per school and per group (county, kind, school);
* :mod:`cxdesk.standards.standard_set` — the small versioned JSON form of a bureau's set,
  validated strictly on import, that travels to its schools (the template's hidden sheet,
  :mod:`cxdesk.workbook.standards_sheet`; later the bureau key file).

See ``docs/standards.md``.
"""
