"""A writer for the power-cut test: adds counselors through the services until it is killed.

Run as ``python power_cut_writer.py DB SCHOOL_ID``.  It prints ``ready`` once the database is
open, then the id of each counselor on its own line, only after the commit has returned, so
every id the test reads was reported committed.
"""

from __future__ import annotations

import sys
from pathlib import Path

from cxdesk.services.counselors import add_counselor
from cxdesk.services.records import CertificateInput, CounselorInput
from cxdesk.storage.db import open_database


def main() -> None:
    db = open_database(Path(sys.argv[1]))
    school_id = int(sys.argv[2])
    out = sys.stdout
    out.write("ready\n")
    out.flush()
    n = 0
    while True:
        n += 1
        with db.transaction() as session:
            counselor = add_counselor(
                session,
                school_id=school_id,
                data=CounselorInput(
                    name=f"教师{n}",
                    post_type="part_time",
                    main_subject="math",
                    certificates=[
                        CertificateInput("other", other_name="心理健康教育C证", number="C-01")
                    ],
                ),
            )
            new_id = counselor.id
        out.write(f"{new_id}\n")
        out.flush()


if __name__ == "__main__":
    main()
