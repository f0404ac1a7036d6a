"""A share as people read it in a report: a percentage rounded half-up to 2 decimals.

The figures, the standards' compliance and the completeness board print rates with it;
a leaf module, so that ``cxdesk board`` computes its rates without the figures' SQL
(issue 16).
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal


def percent(part: int, whole: int) -> Decimal | None:
    """100 × part / whole, rounded half-up to 2 decimals; None when whole is 0."""
    if whole == 0:
        return None
    return (Decimal(100 * part) / Decimal(whole)).quantize(Decimal("0.01"), ROUND_HALF_UP)
