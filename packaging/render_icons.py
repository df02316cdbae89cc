"""Render the application icon (src/siksdesk/resources/icons/siksdesk.svg, drawn by hand) to the
PNG sizes the desktops want and to siksdesk.ico for the Windows executable and installer.

    .venv/bin/python packaging/render_icons.py

Run it after changing the SVG; the renders are committed. Uses Qt's own SVG renderer (QtSvg is
part of PySide6-Essentials), offscreen.
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ICONS = Path(__file__).resolve().parents[1] / "src" / "siksdesk" / "resources" / "icons"
SVG = ICONS / "siksdesk.svg"
PNG_SIZES = (48, 128, 256)  # committed as siksdesk-<size>.png
ICO_SIZES = (16, 24, 32, 48, 64, 256)  # Windows: title bar, taskbar, Explorer, installer


def render(renderer: QSvgRenderer, size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter)
    painter.end()
    return image


def png_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):  # type: ignore[call-overload]  # the stubs want bytes
        raise RuntimeError("PNG encoding failed")
    buffer.close()
    return bytes(data.data())


def dib_bytes(image: QImage) -> bytes:
    """An icon entry as a 32-bit BGRA bitmap: the classic form every Windows tool reads."""
    size = image.width()
    argb = image.convertToFormat(QImage.Format.Format_ARGB32)
    header = struct.pack("<IiiHHIIiiII", 40, size, 2 * size, 1, 32, 0, 0, 0, 0, 0, 0)
    stride = argb.bytesPerLine()
    raw = bytes(argb.constBits())  # BGRA on little-endian machines
    rows = [raw[y * stride:y * stride + 4 * size] for y in reversed(range(size))]
    mask_row = b"\0" * (((size + 31) // 32) * 4)  # the alpha channel decides; mask all clear
    return header + b"".join(rows) + mask_row * size


def ico_bytes(images: dict[int, bytes]) -> bytes:
    """An .ico with the given entries (PNG streams or bitmaps), smallest first."""
    sizes = sorted(images)
    header = struct.pack("<HHH", 0, 1, len(sizes))
    offset = len(header) + 16 * len(sizes)
    directory, blobs = b"", b""
    for size in sizes:
        blob = images[size]
        edge = 0 if size >= 256 else size  # 0 means 256 in an ICONDIRENTRY
        directory += struct.pack("<BBBBHHII", edge, edge, 0, 0, 1, 32, len(blob), offset)
        blobs += blob
        offset += len(blob)
    return header + directory + blobs


def main() -> int:
    app = QGuiApplication(sys.argv[:1])  # noqa: F841  (QImage/QPainter need one)
    renderer = QSvgRenderer(str(SVG))
    if not renderer.isValid():
        print(f"cannot read {SVG}", file=sys.stderr)
        return 1
    for size in PNG_SIZES:
        (ICONS / f"siksdesk-{size}.png").write_bytes(png_bytes(render(renderer, size)))
    # Bitmaps for the small sizes, PNG for 256 (as Windows' own icons are made).
    ico = {size: png_bytes(render(renderer, size)) if size >= 256
           else dib_bytes(render(renderer, size)) for size in ICO_SIZES}
    (ICONS / "siksdesk.ico").write_bytes(ico_bytes(ico))
    print(f"wrote {', '.join(f'siksdesk-{s}.png' for s in PNG_SIZES)} and siksdesk.ico in {ICONS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
