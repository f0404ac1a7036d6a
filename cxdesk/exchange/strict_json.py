"""Strict JSON from outside (a manifest, a package's ``details.json``, a bureau key file):
duplicate keys, ``NaN`` and ``Infinity``, over-deep nesting and over-long input are refused
with a one-line reason, before any field is read.

A leaf of the package format: the manifest and the encryption block both read with it.
"""

from __future__ import annotations

import json
from typing import Any

from cxdesk.exchange.errors import refuse
from cxdesk.i18n import Text

MAX_MANIFEST_BYTES = 512 * 1024

NOT_JSON = Text(
    "包内清单（manifest.json）不是有效的 JSON：{reason}，已拒收。",
    "The manifest (manifest.json) is not valid JSON: {reason}; refused.",
)


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise ValueError(f"duplicate key {key[:40]!r}")
        result[key] = value
    return result


def _no_constant(value: str) -> Any:
    raise ValueError(f"{value} is not allowed")


def load_manifest_json(raw: bytes) -> dict[str, Any]:
    """Strictly parse the manifest's bytes into a JSON object."""
    if len(raw) > MAX_MANIFEST_BYTES:
        raise refuse("manifest_too_large", NOT_JSON, reason=f"> {MAX_MANIFEST_BYTES} bytes")
    try:
        data = json.loads(
            raw.decode("utf-8"), object_pairs_hook=_no_duplicates, parse_constant=_no_constant
        )
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise refuse("manifest_json", NOT_JSON, reason=str(exc)[:120]) from exc
    if not isinstance(data, dict):
        raise refuse("manifest_json", NOT_JSON, reason="not an object")
    return data
