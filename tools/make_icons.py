"""Render the app icon from resources/icons/psyroom.svg into the PNG and ICO the installers use.

    .venv/bin/python tools/make_icons.py

Qt's SVG image plugin draws the PNG sizes; Pillow (already installed with reportlab) packs them
into one Windows .ico.
"""

from __future__ import annotations

import io
import os
from pathlib import Path

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)


def main() -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PIL import Image

    from ui.qt import QBuffer, QGuiApplication, QImageReader, QIODevice, QSize

    app = QGuiApplication.instance() or QGuiApplication([])
    images: list[Image.Image] = []
    for size in ICO_SIZES:
        # Qt's SVG image-format plugin draws the vector at each size (no scaled bitmaps).
        reader = QImageReader(str(ICONS / "psyroom.svg"))
        reader.setScaledSize(QSize(size, size))
        image = reader.read()
        if image.isNull():
            raise SystemExit(f"cannot render the SVG: {reader.errorString()}")
        buffer = QBuffer()
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        image.save(buffer, b"PNG")
        images.append(Image.open(io.BytesIO(bytes(buffer.data().data()))))
    images[-1].save(ICONS / "psyroom.png")
    images[-1].save(ICONS / "psyroom.ico", sizes=[(s, s) for s in ICO_SIZES],
                    append_images=images[:-1])
    del app


if __name__ == "__main__":
    main()
