"""Render cxdesk's SVG icon into the Windows .ico the build embeds (run after changing it).

    QT_QPA_PLATFORM=offscreen python packaging/make_icon.py

Writes ``packaging/cxdesk.ico`` with the sizes Windows asks for (16 to 256 pixels), using
Qt's own SVG renderer and ICO writer, so no other image tool is needed.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ROOT = Path(__file__).resolve().parent.parent
SVG = ROOT / "cxdesk" / "ui" / "icons" / "cxdesk.svg"
ICO = ROOT / "packaging" / "cxdesk.ico"
SIZES = (16, 24, 32, 48, 64, 128, 256)


def render_png(renderer: QSvgRenderer, size: int) -> bytes:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data.data())


def ico_bytes(images: list[tuple[int, bytes]]) -> bytes:
    """An ICO file holding PNG images (allowed since Windows Vista)."""
    header = (
        (0).to_bytes(2, "little") + (1).to_bytes(2, "little") + len(images).to_bytes(2, "little")
    )
    entries, offset = b"", 6 + 16 * len(images)
    for size, png in images:
        dim = 0 if size >= 256 else size  # 0 means 256
        entries += bytes([dim, dim, 0, 0]) + (1).to_bytes(2, "little") + (32).to_bytes(2, "little")
        entries += len(png).to_bytes(4, "little") + offset.to_bytes(4, "little")
        offset += len(png)
    return header + entries + b"".join(png for _, png in images)


def main() -> int:
    _app = QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(SVG))
    if not renderer.isValid():
        print(f"cannot read {SVG}", file=sys.stderr)
        return 1
    ICO.write_bytes(ico_bytes([(size, render_png(renderer, size)) for size in SIZES]))
    print(f"wrote {ICO} ({ICO.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
