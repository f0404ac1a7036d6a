"""The rule engine: hard rules that must hold, soft rules that may be explained."""

from cxdesk.checks.engine import Finding, explain_finding, record_problems, run_checks
from cxdesk.checks.rules import RULES, Rule

__all__ = ["RULES", "Finding", "Rule", "explain_finding", "record_problems", "run_checks"]
