"""The school's pages: overview, school, roster, rooms, training, checks, Excel, report
(上报), the summary form and its printing, the school's role in the first-start wizard.

``wing.register()`` adds them to the shell.  May import the core, Qt and
:mod:`cxdesk.ui.shell`; never :mod:`cxdesk.ui.bureau` (``tests/core/test_import_graph.py``).
"""
