"""An editor for the power-cut test: random edits through the services until it is killed.

Run as ``python power_cut_editor.py DB SCHOOL_ID SEED``.  It prints ``ready``, then for
each edit a line ``begin <op> <table> <id> <value>`` before the transaction and ``done``
after the commit has returned.  Edits: add, rename or delete a counselor (with a
certificate); add, resize or delete a room; add a training event with attendance.
Each edit is one transaction, as one click in the app.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

from sqlalchemy import select

from cxdesk.models import CounsellingRoom, Counselor
from cxdesk.services.counselors import (
    add_counselor,
    counselor_input,
    delete_counselor,
    update_counselor,
)
from cxdesk.services.records import CertificateInput, CounselorInput, RoomInput, TrainingInput
from cxdesk.services.rooms import add_room, delete_room, room_input, update_room
from cxdesk.services.training import add_training
from cxdesk.storage.db import open_database


def main() -> None:
    db = open_database(Path(sys.argv[1]))
    school_id = int(sys.argv[2])
    rng = random.Random(int(sys.argv[3]))
    out = sys.stdout
    out.write("ready\n")
    out.flush()
    n = 0
    while True:
        n += 1
        with db.reading() as session:
            people = list(
                session.scalars(select(Counselor.id).where(Counselor.school_id == school_id))
            )
            rooms = list(session.scalars(select(CounsellingRoom.id)))
        op = rng.choice(
            ["add_counselor"] * 3
            + ["rename", "delete_counselor", "add_room", "resize", "delete_room", "training"]
        )
        if op in ("rename", "delete_counselor", "training") and not people:
            op = "add_counselor"
        if op in ("resize", "delete_room") and not rooms:
            op = "add_room"
        if op == "add_counselor":
            out.write(f"begin add counselor ? 教师{n}\n")
            out.flush()
            with db.transaction() as session:
                data = CounselorInput(
                    name=f"教师{n}",
                    post_type="part_time",
                    main_subject="math",
                    certificates=[
                        CertificateInput("other", other_name="心理健康教育C证", number="C-01")
                    ],
                )
                new_id = add_counselor(session, school_id=school_id, data=data).id
            out.write(f"done {new_id}\n")
        elif op == "rename":
            target = rng.choice(people)
            out.write(f"begin update counselor {target} 改名{n}\n")
            out.flush()
            with db.transaction() as session:
                data = counselor_input(session.get_one(Counselor, target))
                data.name = f"改名{n}"
                update_counselor(session, counselor_id=target, data=data)
            out.write("done\n")
        elif op == "delete_counselor":
            target = rng.choice(people)
            out.write(f"begin delete counselor {target} -\n")
            out.flush()
            with db.transaction() as session:
                delete_counselor(session, counselor_id=target)
            out.write("done\n")
        elif op == "add_room":
            out.write(f"begin add counselling_room ? {100 + n}\n")
            out.flush()
            with db.transaction() as session:
                room = add_room(
                    session,
                    school_id=school_id,
                    data=RoomInput(f"辅导室{n}", "individual", 100 + n, 2020),
                )
                new_id = room.id
            out.write(f"done {new_id}\n")
        elif op == "resize":
            target = rng.choice(rooms)
            out.write(f"begin update counselling_room {target} {200 + n}\n")
            out.flush()
            with db.transaction() as session:
                resized = room_input(session.get_one(CounsellingRoom, target))
                resized.area_tenths = 200 + n
                update_room(session, room_id=target, data=resized)
            out.write("done\n")
        elif op == "delete_room":
            target = rng.choice(rooms)
            out.write(f"begin delete counselling_room {target} -\n")
            out.flush()
            with db.transaction() as session:
                delete_room(session, room_id=target)
            out.write("done\n")
        else:
            attendees = rng.sample(people, min(len(people), 3))
            out.write(f"begin add training_event ? 培训{n}\n")
            out.flush()
            with db.transaction() as session:
                from datetime import date

                event = add_training(
                    session,
                    school_id=school_id,
                    data=TrainingInput(
                        f"培训{n}",
                        "county",
                        date(2026, 5, 1),
                        date(2026, 5, 1),
                        counselor_ids=attendees,
                    ),
                )
                new_id = event.id
            out.write(f"done {new_id}\n")
        out.flush()


if __name__ == "__main__":
    main()
