"""The shell of the desktop app: what every role shares, and nothing of the school's or
the bureau's pages.

The app's start (``app``), the context every page gets (``context.AppContext``), the main
window and its registry (``registry``: the wings register their pages, wizard roles and
menu items), the first-start wizard (``wizard/``), the base of a page and of a record list
(``page``, ``record_page``), data-entry dialogs and their fields (``entry_dialog``,
``form_dialog``, ``field_checks``, ``widgets``, ``date_field``, ``typed_fields``), table
models (``table_model``), errors shown in one place (``errors``), work off the GUI thread
(``worker``), file dialogs, A4 printing (``paper``, ``registration_print``,
``key_notice_print``), settings, languages and ``i18n_tools``.

May import the core and Qt; never :mod:`cxdesk.ui.school` nor :mod:`cxdesk.ui.bureau`
(``tests/core/test_import_graph.py``).
"""
