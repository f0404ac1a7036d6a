"""The bureau side of the desktop app: pages for the county and prefecture roles.

Every page calls the bureau core (:mod:`cxdesk.bureau`) and never builds a query; slow
work (collecting, exporting) runs through :mod:`cxdesk.ui.shell.worker`.

* ``wizard`` — the county and prefecture roles of the first-start wizard;
* ``collect_page`` — collect packages from files, folders or a USB drive; held packages;
* ``trust_page`` — the trust registry: keys from stamped registration forms, revoke;
* ``register_page`` — the school register: load from Excel, edit;
* ``board_page`` — the completeness board and the schools to chase;
* ``review_page`` — one school's data and findings, accept or return;
* ``summary_page`` — the figures of the scope and per group, Excel export;
* ``dashboard_page`` — charts per county for the big screen, PNG export;
* ``county_page`` — the county package for the prefecture.

``wing.register()`` adds the pages and the two wizard roles to the shell.  May import the
core, Qt and :mod:`cxdesk.ui.shell`; never :mod:`cxdesk.ui.school`
(``tests/core/test_import_graph.py``).
"""
