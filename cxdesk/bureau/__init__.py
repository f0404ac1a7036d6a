"""The bureau side: county and prefecture bureaus collect, check and sum schools' packages.

Core only (no Qt); the GUI pages and the command line call these functions:

* :mod:`~cxdesk.bureau.register` — the school register: load from Excel, edit, list;
* :mod:`~cxdesk.bureau.collect` — ``collect(db, paths, progress=...)``: one result per package;
* :mod:`~cxdesk.bureau.held` — packages waiting for the clerk: list, accept, reject;
* :mod:`~cxdesk.bureau.board` — the completeness board and the list of schools to chase;
* :mod:`~cxdesk.bureau.review` — one school's data and findings, compare, accept, return;
* :mod:`~cxdesk.bureau.summary` — the figures of the scope, by county, kind or school;
* :mod:`~cxdesk.bureau.excel` — the summary and the board as formatted workbooks;
* :mod:`~cxdesk.bureau.county` — the county package for the prefecture.

Who this bureau is (``init_bureau``, ``own_bureau``) and which schools it counts live in
:mod:`cxdesk.services.bureaus`, below the packages and standards that read them too.

See docs/bureau.md.
"""
