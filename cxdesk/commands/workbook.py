"""``cxdesk template`` and ``cxdesk import-xlsx`` (being written)."""

from __future__ import annotations

import argparse
from typing import Any


def register(commands: Any, common: argparse.ArgumentParser) -> None:
    return None
