"""The package commands as a user runs them: exit codes, one-line reasons, JSON."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cxdesk.cli import main
from cxdesk.commands.demo import DEMO_CODE as SCHOOL
from cxdesk.exchange.bureau_keyfile import read_key_file_at
from cxdesk.exchange.fingerprints import format_fingerprint
from cxdesk.exchange.key_protection import end_session
from cxdesk.exchange.keys import Signer, keys_dir, load_signer
from cxdesk.exchange.replies import Party, subject_of, write_return
from cxdesk.exchange.verify import verify_package
from cxdesk.models import Counselor
from cxdesk.sample.bureau_keys import key_file_path
from cxdesk.services.period_label import current_period_label
from cxdesk.storage.db import open_database
from tests.exchange.conftest import rezip
from tests.sample_bureaus import open_as, sample_signer

PERIOD = current_period_label()


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    end_session()  # each command is a process of its own: it knows no passphrase yet
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def school(tmp_path: Path, capsys: pytest.CaptureFixture[str], sample_bureaus: Path) -> Path:
    """A new database with the demo school (``cxdesk demo``), as a newcomer makes one,
    which registered its county's key file from the stamped notice."""
    db = tmp_path / "school" / "cxdesk.db"
    db.parent.mkdir()
    assert run(capsys, "demo", "--db", str(db))[0] == 0
    key_file = key_file_path(sample_bureaus, "532301")
    typed = format_fingerprint(read_key_file_at(key_file).fingerprint)
    code, out, _ = run(
        capsys, "trust", "bureau", "--db", str(db), str(key_file), "--fingerprint", typed
    )
    assert code == 0 and typed in out and "州教育体育局" in out
    return db


def test_school_exports_and_anyone_verifies(
    school: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], sample_bureaus: Path
) -> None:
    code, out, _ = run(capsys, "key", "show", "--db", str(school))
    assert code == 0
    fingerprint = out.strip().split("：")[-1]
    assert len(fingerprint.replace(" ", "")) == 30

    code, out, _ = run(capsys, "export", "--db", str(school), "--period", PERIOD, "--preview")
    assert code == 0 and "心理健康教育教师" in out and "记录数" in out
    assert not (school.parent / "outbox").exists()

    usb = tmp_path / "usb"
    code, out, _ = run(capsys, "export", "--db", str(school), "--period", PERIOD, "--out", str(usb))
    assert code == 0, out
    package = usb / f"{SCHOOL}_{PERIOD}_001.cxpkg"
    assert package.exists() and (school.parent / "outbox" / package.name).exists()
    assert fingerprint in out

    code, out, _ = run(capsys, "verify", str(package))
    assert code == 0 and "楚雄市鹿城第一小学" in out and fingerprint in out
    assert "加密给：楚雄市教育体育局、楚雄彝族自治州教育体育局" in out
    code, out, _ = run(capsys, "verify", str(package), "--json")
    assert code == 0 and json.loads(out)["sequence"] == 1
    assert [r["code"] for r in json.loads(out)["encryption"]["recipients"]] == [
        "532301",
        "532300",
    ]
    opened = open_as(sample_bureaus, "532301", verify_package(package))
    assert opened.members["workbook.xlsx"].startswith(b"PK")

    tampered = tmp_path / "tampered.cxpkg"
    tampered.write_bytes(
        rezip(
            package.read_bytes(),
            lambda n, c: c[:-1] + bytes([c[-1] ^ 1]) if n == "workbook.xlsx.age" else c,
        )
    )
    code, out, err = run(capsys, "--lang", "en", "verify", str(tampered))
    assert code != 0 and out == ""
    assert err.count("\n") == 1 and "workbook.xlsx.age" in err and "SHA-256" in err
    code, out, _ = run(capsys, "verify", str(tampered), "--json")
    assert code != 0 and json.loads(out)["reason"] == "member_hash"

    code, out, _ = run(capsys, "--lang", "en", "outbox", "--db", str(school))
    assert code == 0 and "#001" in out and "sent" in out


def test_export_with_hard_findings_lists_them_and_writes_nothing(
    school: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = open_database(school)
    with db.transaction() as session:
        counselor = session.query(Counselor).filter_by(post_type="part_time").first()
        assert counselor is not None
        counselor.main_subject = None
        name = counselor.name
    db.close()
    usb = tmp_path / "usb"
    code, _, err = run(capsys, "export", "--db", str(school), "--period", PERIOD, "--out", str(usb))
    assert code == 1 and name in err and "不能上报" in err
    assert not usb.exists() or not any(usb.iterdir())


def test_trust_commands(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "bureau.db")
    fp = "12345 67890 12345 67890 12345 67890"
    code, out, _ = run(
        capsys,
        "trust",
        "add",
        "--db",
        db,
        "--fingerprint",
        fp,
        "--code",
        SCHOOL,
        "--name",
        "楚雄市鹿城小学",
    )
    assert code == 0 and fp in out
    code, _, err = run(
        capsys, "trust", "add", "--db", db, "--fingerprint", "123", "--code", SCHOOL, "--name", "x"
    )
    assert code == 2 and "30" in err
    code, out, _ = run(capsys, "trust", "list", "--db", db, "--json")
    assert [(k["code"], k["status"]) for k in json.loads(out)] == [(SCHOOL, "registered")]
    code, out, _ = run(capsys, "trust", "revoke", "--db", db, "--fingerprint", fp.replace(" ", "-"))
    assert code == 0
    code, out, _ = run(capsys, "trust", "list", "--db", db)
    assert "已作废" in out


def test_receive_a_return_and_see_the_comments(
    school: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], sample_bureaus: Path
) -> None:
    usb = tmp_path / "usb"
    assert run(capsys, "export", "--db", str(school), "--period", PERIOD, "--out", str(usb))[0] == 0
    package = verify_package(usb / f"{SCHOOL}_{PERIOD}_001.cxpkg")
    subject, period = subject_of(package)
    from cxdesk.exchange.manifest import Comment

    def return_signed_by(signer: Signer, folder: str) -> Path:
        return write_return(
            tmp_path / folder,
            signer=signer,
            bureau=Party("county", "532301", "楚雄市教育体育局"),
            subject=subject,
            period=period,
            comments=[Comment(None, {}, "整体", "辅导室面积请核实")],
        )

    # A key that is not the one of the key file registered from the stamped notice.
    bureau_db = open_database(tmp_path / "bureau.db")
    with bureau_db.transaction() as session:
        stranger = load_signer(session, key_dir=keys_dir(bureau_db.path))
    bureau_db.close()
    code, _, err = run(capsys, "receive", "--db", str(school), str(return_signed_by(stranger, "x")))
    assert code == 2 and "不是本校登记的教育局密钥" in err
    returned = return_signed_by(sample_signer(sample_bureaus, "532301"), "back")
    code, out, _ = run(capsys, "receive", "--db", str(school), str(returned))
    assert code == 0 and "辅导室面积请核实" in out and "首次使用" not in out
    code, out, _ = run(capsys, "outbox", "--db", str(school))
    assert "已退回修改" in out and "辅导室面积请核实" in out
    code, _, err = run(
        capsys, "receive", "--db", str(school), str(usb / f"{SCHOOL}_{PERIOD}_001.cxpkg")
    )
    assert code == 2 and "回执" in err


def test_key_commands_and_registration_form(
    school: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = school
    secret = tmp_path / "passphrase.txt"
    secret.write_text("山高路远\n", encoding="utf-8")
    code, out, _ = run(capsys, "key", "create", "--db", str(db), "--passphrase-file", str(secret))
    assert code == 0 and "备案表" in out
    code, _, err = run(capsys, "key", "create", "--db", str(db))
    assert code == 2 and "key replace" in err
    code, _, err = run(
        capsys, "--lang", "en", "export", "--db", str(db), "--out", str(tmp_path / "usb")
    )
    assert code == 2 and "passphrase" in err  # no terminal to ask on, no file given
    code, out, _ = run(
        capsys,
        "export",
        "--db",
        str(db),
        "--out",
        str(tmp_path / "usb"),
        "--passphrase-file",
        str(secret),
    )
    assert code == 0
    form = tmp_path / "form.html"
    code, out, _ = run(
        capsys, "key", "form", "--db", str(db), "--out", str(form), "--passphrase-file", str(secret)
    )
    assert code == 0
    shown = out.strip().splitlines()[-1].split("：")[-1]
    page = form.read_text("utf-8")
    assert shown in page and SCHOOL in page and "公章" in page
    code, out, _ = run(capsys, "key", "replace", "--db", str(db))
    assert code == 0 and shown in out  # the old fingerprint, to be revoked
    code, out, _ = run(capsys, "key", "form", "--db", str(db), "--out", str(form))
    assert "原密钥指纹（请作废）" in form.read_text("utf-8") and shown in form.read_text("utf-8")
