"""docs/checks.md is the rule table generated from RULES, and up to date."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from cxdesk.checks import RULES
from cxdesk.checks.doc import render

DOC = Path(__file__).parents[2] / "docs" / "checks.md"


def test_docs_checks_md_is_up_to_date() -> None:
    assert DOC.read_text(encoding="utf-8") == render(), (
        "docs/checks.md is out of date: run python -m cxdesk.checks.doc > docs/checks.md"
    )


def test_the_table_has_one_row_per_rule_with_both_messages() -> None:
    rows = [line for line in render().splitlines() if line.startswith("| `")]
    assert [row.split("|")[1].strip(" `") for row in rows] == [rule.id for rule in RULES]
    for row, rule in zip(rows, RULES, strict=True):
        cells = [c.strip() for c in row.strip("|").split(" | ")]
        assert cells[1] == rule.severity
        assert cells[-2] == rule.text.zh.replace("|", "\\|")
        assert cells[-1] == rule.text.en.replace("|", "\\|")


def test_the_module_prints_the_document() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "cxdesk.checks.doc"],
        capture_output=True,
        timeout=120,
    )
    assert result.returncode == 0
    assert result.stdout.decode("utf-8") == render()
