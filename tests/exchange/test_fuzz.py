"""Random damage to a package: always a clean refusal, or the very content that was signed."""

from __future__ import annotations

import io
import zipfile

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cxdesk.exchange.errors import PackageError
from cxdesk.exchange.verify import verify_package_bytes
from tests.exchange.conftest import make_package, new_signer
from tests.exchange.damage import damage, edits_of

PACKAGE = make_package(new_signer())
with zipfile.ZipFile(io.BytesIO(PACKAGE)) as _z:
    SIGNED = {i.filename: _z.read(i) for i in _z.infolist()}

edit = edits_of(PACKAGE)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(edit, min_size=1, max_size=4))
def test_damage_is_refused_or_harmless(edits: list[tuple[str, int, bytes]]) -> None:
    data = damage(PACKAGE, edits)
    try:
        package = verify_package_bytes(data)
    except PackageError as error:
        assert error.reason and "\n" not in error.render()
        return
    # Accepted only if every signed byte is still exactly what was signed.
    assert package.manifest_bytes == SIGNED["manifest.json"]
    assert package.signature == SIGNED["manifest.sig"]
    assert package.members == {"workbook.xlsx": SIGNED["workbook.xlsx"]}
