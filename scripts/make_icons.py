#!/usr/bin/env python3
"""Draws Pantau's icons: three rising white bars on the accent blue of style/main.css.

Writes public/icons/pantau.svg, pantau-192.png, pantau-512.png, pantau-180.png (Apple's touch
icon), pantau-maskable-512.png (full bleed, the glyph inside the safe circle) and
public/favicon.ico (16, 32, 48). The same bytes every run. Needs Pillow (pip install pillow);
only run by hand when the glyph changes: the files are committed, CI never runs this.
"""

from pathlib import Path

from PIL import Image, ImageDraw

ACCENT = "#0b5cad"  # --accent in style/main.css
WHITE = "#ffffff"
GRID = 512
RADIUS = 96  # the rounded square's corners, on the 512 grid
# The bars on the 512 grid: (left, top, right, bottom), rising to the right.
BARS = [(128, 264, 200, 400), (220, 192, 292, 400), (312, 112, 384, 400)]

ROOT = Path(__file__).resolve().parent.parent / "public"


def scaled(box, size, glyph_scale=1.0):
    """A box of the 512 grid on a `size` image, the glyph shrunk about the centre."""
    c = GRID / 2
    return tuple(
        round(((v - c) * glyph_scale + c) * size / GRID) for v in box
    )


def draw(size, maskable=False):
    # Drawn four times larger and reduced, for smooth edges.
    big = size * 4
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    pen = ImageDraw.Draw(image)
    if maskable:
        pen.rectangle((0, 0, big, big), fill=ACCENT)
    else:
        pen.rounded_rectangle((0, 0, big - 1, big - 1), radius=RADIUS * big // GRID, fill=ACCENT)
    # A maskable icon may be cut to a circle of 80% of its width: the glyph stays inside.
    glyph = 0.8 if maskable else 1.0
    for bar in BARS:
        pen.rounded_rectangle(scaled(bar, big, glyph), radius=8 * big // GRID, fill=WHITE)
    return image.resize((size, size), Image.LANCZOS)


def svg():
    bars = "\n".join(
        f'  <rect x="{l}" y="{t}" width="{r - l}" height="{b - t}" rx="8" fill="{WHITE}"/>'
        for (l, t, r, b) in BARS
    )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {GRID} {GRID}">\n'
        f"  <title>Pantau</title>\n"
        f'  <rect width="{GRID}" height="{GRID}" rx="{RADIUS}" fill="{ACCENT}"/>\n'
        f"{bars}\n"
        f"</svg>\n"
    )


def main():
    icons = ROOT / "icons"
    icons.mkdir(parents=True, exist_ok=True)
    (icons / "pantau.svg").write_text(svg())
    for size in (180, 192, 512):
        draw(size).save(icons / f"pantau-{size}.png", optimize=True)
    draw(512, maskable=True).save(icons / "pantau-maskable-512.png", optimize=True)
    draw(48).save(ROOT / "favicon.ico", sizes=[(16, 16), (32, 32), (48, 48)])


if __name__ == "__main__":
    main()
