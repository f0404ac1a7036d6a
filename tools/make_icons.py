"""Render the app icon (resources/icons/cxdesk.svg) as PNG and Windows ICO for builds.

    python tools/make_icons.py

The SVG is the source; ``cxdesk/ui/icons/cxdesk.svg`` is the copy the package ships (a test
keeps the two equal).  The PNG and ICO are for installers and the frozen Windows build.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(ICONS / "cxdesk.svg"))
    image = QImage(256, 256, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    renderer.render(painter)
    painter.end()
    ok = image.save(str(ICONS / "cxdesk-256.png")) and image.save(str(ICONS / "cxdesk.ico"))
    print("wrote", ICONS / "cxdesk-256.png", ICONS / "cxdesk.ico")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
