from cxdesk.services.periods import get_period
from cxdesk.services.setup import own_school
from cxdesk.storage.db import Database


def test_school_fixture_is_set_up(school_db: Database) -> None:
    with school_db.transaction() as session:
        assert own_school(session).name == "楚雄市鹿城小学"
        assert get_period(session, "2026").end_date.isoformat() == "2026-12-31"
