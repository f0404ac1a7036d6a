"""Where the data lives: opening the database, its schema, its soundness, its backups.

Imports inside go one way, from the bottom up (``tests/core/test_import_graph.py``):

* leaves: ``dburl`` (``--db`` as a file or a server URL), ``integrity`` (SQLite's quick
  check), ``sqlite_engine`` (every connection's durable PRAGMAs), ``locks``, ``ids`` and
  ``retry`` (several clerks writing at once: the bureau uses them on SQLite too), ``rows``
  (a listing's SQL text and its rows) and ``session_rows`` (run by a session);
* ``placement`` (a school's data never on a server) on ``dburl`` and ``locks``;
* ``backup`` (copies with SQLite's backup API, their rotation) on ``integrity``;
* ``schema`` and ``migrations/`` (alembic, backup before, restore on failure) on ``backup``;
* ``restore`` and ``damaged`` (a damaged file at open names the latest good backup);
* ``server/``: a bureau's PostgreSQL server only (engine, schema, password, backup);
* ``db``: ``open_database`` and ``Database``, on top of all of them;
* ``light_read``: a listing's rows read with sqlite3 alone (``dburl``, ``integrity``,
  ``schema``), without SQLAlchemy: ``dburl``, ``sqlite_engine`` and ``schema`` import it
  only in the functions that connect or migrate.

Nothing here imports the rest of cxdesk except ``errors``, ``i18n``, ``paths``,
``models`` and ``changelog``.
"""
