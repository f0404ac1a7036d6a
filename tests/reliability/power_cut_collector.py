"""A collector for the power-cut test: collects a folder of packages until it is killed.

Run as ``python power_cut_collector.py DB FOLDER``.  It prints ``ready`` once the bureau
database is open and its keys unlocked (``CXDESK_KEY_PASSPHRASE``), then ``<outcome> <file name>`` for each package, only after that
package's transaction has committed (the progress callback of
:func:`cxdesk.bureau.collect.collect` is called after each package), so every line the
test reads is a package reported done.
"""

from __future__ import annotations

import sys
from pathlib import Path

from cxdesk.bureau.collect import collect
from cxdesk.bureau.outcomes import CollectResult
from cxdesk.exchange.bureau_keys import bureau_decryption_keys
from cxdesk.exchange.keys import keys_dir
from cxdesk.storage.db import open_database


def main() -> None:
    db = open_database(Path(sys.argv[1]))
    with db.reading() as session:  # opening the protected keys takes seconds: before "ready"
        bureau_decryption_keys(session, key_dir=keys_dir(Path(sys.argv[1])))
    out = sys.stdout
    out.write("ready\n")
    out.flush()

    def progress(done: int, total: int, result: CollectResult) -> None:
        out.write(f"{result.outcome} {Path(result.path).name}\n")
        out.flush()

    collect(db, [Path(sys.argv[2])], progress=progress)
    out.write("done\n")
    out.flush()


if __name__ == "__main__":
    main()
