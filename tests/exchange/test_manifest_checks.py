"""Manifest values that are well-formed but meaningless: dates that do not exist, a period
that ends before it starts, labels that could name a file elsewhere, implausible years.

Each package here is really signed (by a key made for the test): only the rules of
manifest_checks.py stand between it and the bureau.
"""

from __future__ import annotations

from typing import Any

import pytest

from cxdesk.exchange.errors import PackageError
from cxdesk.exchange.manifest import Period
from cxdesk.exchange.verify import verify_package_bytes
from cxdesk.i18n import set_language
from tests.exchange.conftest import make_package, new_signer


def signed_with_period(period: dict[str, str], **extra: Any) -> bytes:
    from cxdesk.exchange.encryption import UNENCRYPTED
    from cxdesk.exchange.package import build_manifest, package_bytes
    from tests.exchange.conftest import small_workbook

    signer = new_signer()
    members = {"workbook.xlsx": small_workbook()}
    manifest = build_manifest(
        kind="report",
        signer=signer,
        sender_role="school",
        sender_code="2153230001",
        sender_name="楚雄市鹿城小学",
        sender_county="532301",
        period=Period(**period),
        sequence=1,
        members=members,
        extra={"figures": {}, "counts": {}},
        encryption=UNENCRYPTED,
    )
    manifest.update(extra)
    return package_bytes(manifest, members, signer)


def refusal(data: bytes) -> PackageError:
    with pytest.raises(PackageError) as info:
        verify_package_bytes(data)
    for lang in ("zh", "en"):
        text = info.value.message.render(lang)
        assert text and "\n" not in text
    return info.value


@pytest.mark.parametrize(
    ("period", "said"),
    [
        ({"label": "2027", "start": "2027-01-01", "end": "2027-02-30"}, "2027-02-30"),
        ({"label": "2026", "start": "2026-13-01", "end": "2026-12-31"}, "2026-13-01"),
        ({"label": "2026", "start": "2026-12-31", "end": "2026-01-01"}, "2026-12-31"),
        ({"label": "..", "start": "2026-01-01", "end": "2026-12-31"}, ".."),
        ({"label": "2026/..", "start": "2026-01-01", "end": "2026-12-31"}, "2026/.."),
        ({"label": "2026.x", "start": "2026-01-01", "end": "2026-12-31"}, "2026.x"),
        ({"label": "２０２６", "start": "2026-01-01", "end": "2026-12-31"}, "２０２６"),
        ({"label": "1066", "start": "1066-01-01", "end": "1066-12-31"}, "1066"),
        ({"label": "2026", "start": "2026-01-01", "end": "9999-12-31"}, "9999-12-31"),
        ({"label": "2026", "start": "2090-01-01", "end": "2090-12-31"}, "2026"),
        ({"label": "2026", "start": "2026-1-1", "end": "2026-12-31"}, "2026-1-1"),
    ],
)
def test_meaningless_periods_are_refused_naming_the_value(
    period: dict[str, str], said: str
) -> None:
    error = refusal(signed_with_period(period))
    assert error.reason == "manifest_period"
    assert said in error.message.render("zh")
    set_language("en")
    assert said in error.message.render("en")


@pytest.mark.parametrize("label", ["2026", "2026-spring", "2025-2026", "2026A"])
def test_ordinary_period_labels_pass(label: str) -> None:
    package = verify_package_bytes(
        signed_with_period({"label": label, "start": "2026-01-01", "end": "2026-12-31"})
    )
    assert package.manifest.period.label == label


def test_a_creation_time_in_an_implausible_year_is_refused() -> None:
    error = refusal(
        signed_with_period(
            {"label": "2026", "start": "2026-01-01", "end": "2026-12-31"},
            created_at="1970-01-01T00:00:00Z",
        )
    )
    assert error.reason == "manifest_period"


def test_a_reply_naming_a_traversing_period_is_refused() -> None:
    data = make_package(
        new_signer(),
        {},
        kind="receipt",
        extra={
            "subject": {
                "sender_code": "2153230001",
                "period": "../../..",
                "sequence": 1,
                "package_sha256": "0" * 64,
            }
        },
    )
    assert refusal(data).reason == "manifest_period"
