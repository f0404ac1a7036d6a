"""The manifest's ``correction`` flag (更正): a JSON boolean, or absent; nothing else."""

from __future__ import annotations

import pytest

from cxdesk.exchange.errors import PackageError
from cxdesk.exchange.keys import Signer
from cxdesk.exchange.verify import verify_package_bytes

from .conftest import make_package

FIGURES = {"figures": {"counselors": 1}, "counts": {"counselor": 1}}


@pytest.mark.parametrize(("value", "expected"), [(True, True), (False, False)])
def test_a_correction_flag_is_read(signer: Signer, value: bool, expected: bool) -> None:
    data = make_package(signer, extra={**FIGURES, "correction": value})
    assert verify_package_bytes(data).manifest.correction is expected


def test_no_flag_is_no_correction(signer: Signer) -> None:
    """Packages of an older cxdesk have no flag: they are no corrections."""
    assert verify_package_bytes(make_package(signer, extra=FIGURES)).manifest.correction is False


@pytest.mark.parametrize("value", [1, 0, "true", None, [], {"yes": True}])
def test_anything_but_a_boolean_is_refused(signer: Signer, value: object) -> None:
    data = make_package(signer, extra={**FIGURES, "correction": value})
    with pytest.raises(PackageError) as caught:
        verify_package_bytes(data)
    assert caught.value.reason == "manifest_field"
    assert "correction" in caught.value.render("en")
