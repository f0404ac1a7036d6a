"""PostgreSQL for bureaus with several clerks: connecting, schema, locks, passwords.

Everything here is used only when ``--db`` names a server (:mod:`cxdesk.storage.dburl`); a
SQLite installation never imports the driver.  See ``docs/postgres.md``.
"""
