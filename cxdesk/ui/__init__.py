"""The desktop app: Qt widgets over the core services.  Only this package imports Qt.

How the pieces fit (details in ``docs/architecture.md``, "Desktop app"):

* ``app.run(db_path, lang)`` — QApplication, translators, database, first-start wizard,
  main window.
* ``context.AppContext`` — passed to every page: ``db``, ``role``, ``school_id``,
  ``language``, ``undo_stack``, ``write(action, changed=...)`` (one transaction, then the
  ``data_changed`` signal), ``period(session)``, ``set_language(lang)``.
* ``registry`` — one line adds a page (``PAGES``) or a wizard role (``WIZARD_ROLES``), by
  class; ``settings_page.SECTIONS`` — one line adds a settings group.
* ``page.Page`` — the base of a page: ``__init__(ctx)``, ``refresh()``.
* ``errors.show_error(parent, exc)`` — the one place exceptions become dialogs.
* ``worker.run_with_progress(parent, label, work, on_done=...)`` — slow work off the GUI
  thread with a progress dialog; ``work(progress)`` must not touch widgets.
* ``i18n_tools`` — ``python -m cxdesk.ui.i18n_tools update | compile | check | fill``.
"""
