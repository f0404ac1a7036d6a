"""The school code can be corrected until the first package is exported (issue 13)."""

from __future__ import annotations

from pathlib import Path

import pytest

from cxdesk.errors import InputError
from cxdesk.exchange.keys import current_key, keys_dir
from cxdesk.models import Installation, School
from cxdesk.services.school_code import change_school_code, code_change_allowed
from cxdesk.services.setup import own_school
from cxdesk.storage.db import Database
from tests.exchange.conftest import export_once


def test_a_mistyped_code_is_corrected_and_the_key_stays(
    school_db: Database, tmp_path: Path
) -> None:
    from cxdesk.exchange.keys import ensure_key

    with school_db.transaction() as session:
        key = ensure_key(session, key_dir=keys_dir(school_db.path)).fingerprint
        assert code_change_allowed(session)
        change_school_code(session, new_code="２１５３２３０００９")  # full-width, as typed
    with school_db.reading() as session:
        assert own_school(session).code == "2153230009"
        assert session.get_one(Installation, 1).code == "2153230009"
        assert session.query(School).count() == 1
        signing = current_key(session)
        assert signing is not None and signing.fingerprint == key  # the signing key follows


@pytest.mark.parametrize(
    ("code", "reason"),
    [
        ("2163230009", "云南省代码53"),
        ("2153230001", "与现在的相同"),
        ("", "应为10位数字"),
    ],
)
def test_a_wrong_new_code_is_refused_with_the_reason(
    school_db: Database, code: str, reason: str
) -> None:
    with pytest.raises(InputError) as refused, school_db.transaction() as session:
        change_school_code(session, new_code=code)
    assert reason in refused.value.message.render("zh")
    with school_db.reading() as session:
        assert own_school(session).code == "2153230001"


def test_after_the_first_export_the_code_stays(school_db: Database, tmp_path: Path) -> None:
    from cxdesk.sample.school import fill_demo_school

    with school_db.transaction() as session:
        fill_demo_school(session, school=own_school(session), year=2026)
    export_once(school_db, tmp_path / "usb", unencrypted=True)  # no bureau key file here
    with pytest.raises(InputError) as refused, school_db.transaction() as session:
        assert not code_change_allowed(session)
        change_school_code(session, new_code="2153230009")
    assert "已导出过 1 个上报包" in refused.value.message.render("zh")
    with school_db.reading() as session:
        assert own_school(session).code == "2153230001"
