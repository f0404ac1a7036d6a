"""The bureau's commands, as a clerk types them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from cxdesk.bureau.register import write_register_xlsx
from cxdesk.cli import main
from cxdesk.exchange.bureau_keyfile import read_key_file_at
from cxdesk.exchange.fingerprints import format_fingerprint
from cxdesk.exchange.key_protection import end_session
from cxdesk.sample.bureau_keys import key_file_path

from .conftest import COUNTY, OTHER_COUNTY, Schools, register_rows
from .helpers import reexport


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    capsys.readouterr()
    end_session()  # each command is a process of its own: it knows no passphrase yet
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_a_county_clerk_from_setup_to_county_package(
    tmp_path: Path,
    schools: Schools,
    sample_bureaus: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    db = str(tmp_path / "county" / "county.db")
    code, out, _ = run(capsys, "--db", db, "init", "county", "--county", COUNTY)
    assert code == 0 and "牟定县教育体育局" in out and "指纹" in out and "key protect" in out

    # Keys: the prefecture's key file from its stamped notice, then the county's own,
    # protected by a passphrase, and its key file with the printable notice.
    prefecture_file = key_file_path(sample_bureaus, "532300")
    typed = format_fingerprint(read_key_file_at(prefecture_file).fingerprint)
    code, out, _ = run(
        capsys, "--db", db, "trust", "bureau", str(prefecture_file), "--fingerprint", typed
    )
    assert code == 0 and "楚雄彝族自治州教育体育局" in out
    secret = tmp_path / "passphrase.txt"
    secret.write_text("牟定县 教育局 2026 密钥\n", encoding="utf-8")
    code, out, _ = run(capsys, "--db", db, "key", "protect", "--passphrase-file", str(secret))
    assert code == 0 and "age1" in out and "keys" in out
    code, out, err = run(capsys, "--db", db, "key", "bureau-file", "--out", str(tmp_path / "kf"))
    assert code == 2 and "密码" in err  # protected: no terminal to ask on, no file given
    code, out, err = run(
        capsys, "--db", db, "key", "bureau-file", "--out", str(tmp_path / "kf"),
        "--passphrase-file", str(secret), "--json",
    )  # fmt: skip
    assert code == 0, err
    written = json.loads(out)
    assert Path(written["notice"]).read_bytes().startswith(b"%PDF")

    # Each school registers the new key file (fingerprint from the notice) and exports.
    usb = tmp_path / "usb"
    for plan in (p for p in schools.plans if p.county == COUNTY):

        def register_key_file(session: Session, key_file: Path = Path(written["file"])) -> None:
            from cxdesk.exchange.bureau_keyfile import register_key_file as register

            register(session, data=key_file.read_bytes(), fingerprint=written["fingerprint"])

        reexport(schools.root, plan, tmp_path / "schools", usb, change=register_key_file)
    other = next(b for b in schools.built if b.county == OTHER_COUNTY)
    (usb / other.package.name).write_bytes(other.package.read_bytes())

    register = tmp_path / "名册.xlsx"
    write_register_xlsx(register, register_rows([p for p in schools.plans if p.county == COUNTY]))
    assert run(capsys, "--db", db, "register", "load", str(register))[0] == 0
    code, out, _ = run(capsys, "--db", db, "register", "list", "--json")
    assert len(json.loads(out)) == 4

    # No key registered yet: every package of the county is held, the other county's
    # refused at once; anything held or refused: exit code 1.
    code, out, _ = run(
        capsys, "--db", db, "collect", str(usb), "--json", "--passphrase-file", str(secret)
    )
    assert code == 1
    report = json.loads(out)
    assert report["counts"]["held"] == len(schools.in_county())
    assert report["counts"]["refused"] == 1
    code, out, _ = run(capsys, "--db", db, "held", "list", "--json")
    held = json.loads(out)
    # The clerk accepts one by one, typing each fingerprint from the school's stamped form;
    # a bare accept registers nothing and exits 2.
    code, _, err = run(
        capsys, "--db", db, "held", "accept", str(held[0]["id"]), "--passphrase-file", str(secret)
    )
    assert code == 2 and "--fingerprint" in err
    forms = {b.code: b.fingerprint for b in schools.in_county()}
    for item in held:
        fingerprint = forms[item["sender"]]
        code, out, _ = run(
            capsys, "--db", db, "held", "accept", str(item["id"]), "--fingerprint", fingerprint,
            "--passphrase-file", str(secret),
        )  # fmt: skip
        assert code == 0 and "已接收" in out
    code, out, _ = run(capsys, "--db", db, "held", "list")
    assert "没有待确认" in out
    code, out, _ = run(
        capsys, "--db", db, "collect", str(usb), "--json", "--passphrase-file", str(secret)
    )
    assert json.loads(out)["counts"]["already_had"] == len(schools.in_county())

    code, out, _ = run(capsys, "--db", db, "board", "--period", "2026", "--json")
    board = json.loads(out)
    assert board["totals"]["reported"] == 4 and board["chase"] == []

    first = schools.in_county()[0].code
    code, out, _ = run(
        capsys, "--db", db, "review", first, "--period", "2026", "--accept", "--out", str(tmp_path),
        "--passphrase-file", str(secret),
    )  # fmt: skip
    assert code == 0 and Path(out.split("：", 1)[1].strip()).is_file()
    second = schools.in_county()[1].code
    code, out, _ = run(capsys, "--db", db, "review", second, "--period", "2026", "--json")
    counselor_id = json.loads(out)["counselors"][0]["id"]
    code, out, _ = run(
        capsys, "--db", db, "review", second, "--period", "2026", "--return",
        "--message", "请核对", "--comment", f"counselor:{counselor_id}:职称有误", "--out", str(tmp_path),
        "--passphrase-file", str(secret),
    )  # fmt: skip
    assert code == 0

    code, out, _ = run(
        capsys, "--db", db, "county-export", "--period", "2026", "--out", str(tmp_path),
        "--passphrase-file", str(secret),
    )  # fmt: skip
    assert code == 0 and f"{COUNTY}_2026_001.cxpkg" in out
    code, out, _ = run(capsys, "verify", str(tmp_path / f"{COUNTY}_2026_001.cxpkg"))
    assert code == 0 and "加密给：楚雄彝族自治州教育体育局" in out


def test_bureau_commands_in_a_school_database_say_so(
    school_db: object, db_path: Path, usb: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "--db", str(db_path), "collect", str(usb))
    assert code == 2 and "学校" in err


def test_a_wrong_county_code_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(
        capsys,
        "--db",
        str(tmp_path / "x.db"),
        "--lang",
        "en",
        "init",
        "prefecture",
        "--code",
        "532301",
    )
    assert code == 2 and "532300" in err
