"""The desktop app: Qt widgets over the core services.  Only this package imports Qt.

Three wings (details in ``docs/architecture.md``, "Desktop app"):

* :mod:`cxdesk.ui.shell` — what every role shares: the app's start, ``AppContext``, the
  main window and its registry, the first-start wizard, pages and dialogs to build on,
  errors, the worker, printing, settings, translations (``python -m
  cxdesk.ui.shell.i18n_tools update | compile | check | fill``);
* :mod:`cxdesk.ui.school` — the school's pages;
* :mod:`cxdesk.ui.bureau` — the county's and the prefecture's pages.

The shell imports neither wing and the wings never import each other; each wing registers
its pages with the shell (``wing.register()``), and :mod:`cxdesk.ui.desktop` puts the three
together (``cxdesk gui``).  ``i18n/`` holds the compiled translations, ``icons/`` the icon.
"""
