"""What changed since the compared package, as a short HTML text for the review page."""

from __future__ import annotations

import html

from PySide6.QtCore import QCoreApplication

from cxdesk.bureau.review import SchoolReview
from cxdesk.i18n import current_language
from cxdesk.safe_text import safe_text
from cxdesk.ui.bureau.review_models import figure_label, figure_text


def e(text: str) -> str:
    """Text from a package as HTML: escaped, with anything invisible shown."""
    return html.escape(safe_text(text))


def review_changes_html(review: SchoolReview) -> str:
    withdrawn = "".join(
        "<p style='color:#a33'>× "
        + e(w["reason_en"] if current_language() == "en" else w["reason"])
        + f" (#{w['sequence']})</p>"
        for w in review.withdrawn
    )
    return withdrawn + _changes_html(review)


def _changes_html(review: SchoolReview) -> str:
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
    elif review.compared_with == "withdrawn":
        intro = QCoreApplication.translate(
            "BureauReview",
            "Compared with the package that counted until its key was revoked ({label}).",
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
