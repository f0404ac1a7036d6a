"""What changed since the compared package, as a short HTML text for the review page."""

from __future__ import annotations

import html

from PySide6.QtCore import QCoreApplication

from cxdesk.bureau.review import SchoolReview
from cxdesk.ui.bureau.review_models import figure_label, figure_text


def review_changes_html(review: SchoolReview) -> str:
    e = html.escape
    if review.compared_with is None:
        return (
            "<p>"
            + e(
                QCoreApplication.translate(
                    "BureauReview", "No earlier package of this school to compare with."
                )
            )
            + "</p>"
        )
    if review.compared_with == "previous_period":
        intro = QCoreApplication.translate(
            "BureauReview", "Compared with the package of the previous period ({label})."
        )
    else:
        intro = QCoreApplication.translate(
            "BureauReview", "Compared with the package it replaced ({label})."
        )
    parts = ["<p>" + e(intro.format(label=review.compared_label or "")) + "</p>"]
    if review.changes:
        parts.append("<table cellpadding='4'>")
        for change in review.changes:
            parts.append(
                f"<tr><td>{e(figure_label(change.key))}</td>"
                f"<td align='right'>{e(figure_text(change.key, change.before))}</td>"
                f"<td>→</td><td align='right'><b>{e(figure_text(change.key, change.now))}</b></td></tr>"
            )
        parts.append("</table>")
    else:
        parts.append(
            "<p>" + e(QCoreApplication.translate("BureauReview", "No figure changed.")) + "</p>"
        )
    if review.counselors_added:
        parts.append(
            "<p>"
            + e(QCoreApplication.translate("BureauReview", "New counselors:"))
            + " "
            + e("、".join(review.counselors_added))
            + "</p>"
        )
    if review.counselors_gone:
        parts.append(
            "<p>"
            + e(QCoreApplication.translate("BureauReview", "No longer listed:"))
            + " "
            + e("、".join(review.counselors_gone))
            + "</p>"
        )
    return "".join(parts)
