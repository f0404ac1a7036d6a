"""Open and sort the roster view in a process of its own (offscreen Qt).

``python -m benchmarks.roster_child DB PERIOD REPEATS OUT.json``.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path


def main() -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication, QTableView

    from cxdesk.bureau.roster_rows import COLUMN_KEYS
    from cxdesk.storage.db import open_database
    from cxdesk.ui.bureau.roster_model import ScopeRosterModel

    db_path, period, repeats, out = (
        Path(sys.argv[1]),
        sys.argv[2],
        int(sys.argv[3]),
        Path(sys.argv[4]),
    )
    app = QApplication.instance() or QApplication([])
    db = open_database(db_path)
    opened: list[float] = []
    sorted_: list[float] = []
    total = loaded = 0
    columns = tuple(COLUMN_KEYS.index(k) for k in ("name", "school_name", "start_date"))
    try:
        for n in range(repeats):
            start = time.perf_counter()
            model = ScopeRosterModel(db, period)
            view = QTableView()
            view.setSortingEnabled(True)  # sorts by the first column: one SQL sort included
            view.setModel(model)
            view.resize(1280, 800)
            view.show()
            app.processEvents()
            opened.append(time.perf_counter() - start)
            total, loaded = model.total, model.rowCount()
            column = columns[n % len(columns)]
            start = time.perf_counter()
            view.sortByColumn(column, Qt.SortOrder.AscendingOrder)
            app.processEvents()
            sorted_.append(time.perf_counter() - start)
            view.close()
            view.deleteLater()
            app.processEvents()
    finally:
        db.close()
    out.write_text(
        json.dumps({"open": opened, "sort": sorted_, "total": total, "loaded": loaded}), "utf-8"
    )


if __name__ == "__main__":
    main()
