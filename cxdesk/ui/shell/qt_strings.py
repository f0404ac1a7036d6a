"""Qt's own strings that Qt's Chinese catalogue lacks, translated in ours.

Qt's file dialog shows "&Look in:", "Files of &type:" and, in its list, "Folder" and
"Drive": Qt 6 changed these source texts, and ``qtbase_zh_CN.qm`` of the PySide6 wheel
still translates the old ones only, so they stayed English in the Chinese interface.
They are written here as ``translate`` calls in Qt's own contexts (and disambiguations),
so that ``pyside6-lupdate`` puts them in ``resources/i18n/cxdesk_zh_CN.ts``; our
translator is installed after Qt's and is asked first (:mod:`cxdesk.ui.shell.language`).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def qt_gaps() -> list[tuple[str, str]]:
    """Each gap's English source and its text in the current language (the self-test
    checks that they are translated in the installed program)."""
    translate = QCoreApplication.translate
    return [
        ("&Look in:", translate("QFileDialog", "&Look in:")),
        ("Files of &type:", translate("QFileDialog", "Files of &type:")),
        ("Drive", translate("QAbstractFileIconProvider", "Drive")),
        ("Folder", translate("QAbstractFileIconProvider", "Folder", "All other platforms")),
        (
            "File Folder",
            translate("QAbstractFileIconProvider", "File Folder", "Match Windows Explorer"),
        ),
        ("Unknown", translate("QAbstractFileIconProvider", "Unknown")),
    ]
