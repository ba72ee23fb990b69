"""The emblem printed at the head of memos and announcements.

An organization may upload its own image (Organization-level `ReportSettings.emblem`); the
default is a simple Garuda drawn here with Pillow (our own drawing, released with the project),
shipped as static/reports/garuda.png (regenerated if missing). Official documents printed from the system are usually signed on
paper; an organization that needs the exact official artwork replaces it."""

from __future__ import annotations

import threading
from pathlib import Path

_lock = threading.Lock()
SIZE = (600, 660)


def _mirror(points):
    return [(SIZE[0] - x, y) for x, y in points]


def draw(path: Path) -> None:
    from PIL import Image, ImageDraw

    scale = 2
    img = Image.new("RGBA", (SIZE[0] * scale, SIZE[1] * scale), (255, 255, 255, 0))
    d = ImageDraw.Draw(img)
    ink = (0, 0, 0, 255)

    def poly(points):
        d.polygon([(x * scale, y * scale) for x, y in points], fill=ink)

    def ellipse(cx, cy, rx, ry, fill=ink):
        d.ellipse([(cx - rx) * scale, (cy - ry) * scale, (cx + rx) * scale, (cy + ry) * scale], fill=fill)

    # Wing: feathers fanning from the shoulder outwards and down.
    wing = [(262, 210), (200, 150), (150, 120), (95, 105), (60, 112), (88, 135), (40, 150), (78, 170),
            (30, 195), (74, 210), (34, 240), (82, 250), (48, 285), (98, 288), (72, 322), (122, 318),
            (108, 352), (152, 340), (150, 372), (190, 350), (205, 378), (232, 340), (262, 300)]
    poly(wing)
    poly(_mirror(wing))
    # Arms raised, hands high.
    arm = [(262, 215), (232, 170), (205, 118), (196, 92), (212, 84), (226, 110), (250, 160), (276, 200)]
    poly(arm)
    poly(_mirror(arm))
    # Crown (chada): tiers narrowing to a spire.
    poly([(300, 14), (288, 58), (282, 60), (276, 92), (270, 96), (266, 128), (334, 128), (330, 96),
          (324, 92), (318, 60), (312, 58)])
    # Head with a hooked beak.
    ellipse(300, 158, 36, 34)
    poly([(286, 168), (314, 168), (300, 206)])
    # Body, belt and flared skirt.
    poly([(262, 205), (338, 205), (350, 300), (332, 330), (268, 330), (250, 300)])
    poly([(250, 330), (350, 330), (392, 392), (300, 372), (208, 392)])
    # Legs bent outwards with talons.
    leg = [(262, 372), (232, 430), (206, 476), (214, 528), (184, 560), (232, 566), (246, 528),
           (240, 480), (278, 420), (296, 374)]
    poly(leg)
    poly(_mirror(leg))
    # Tail feathers.
    poly([(300, 380), (262, 470), (276, 520), (300, 600), (324, 520), (338, 470)])
    # Eyes as cut-outs.
    white = (255, 255, 255, 255)
    ellipse(287, 152, 6, 5, fill=white)
    ellipse(313, 152, 6, 5, fill=white)
    img = img.resize(SIZE, Image.LANCZOS)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp.png")
    img.save(tmp, "PNG", optimize=True)
    tmp.replace(path)


def emblem_path(organization=None) -> Path:
    """The organization's own emblem if it uploaded one, else the default drawing."""
    if organization is not None:
        from .models import ReportSettings

        own = ReportSettings.objects.filter(organization=organization).exclude(emblem="").first()
        if own is not None and own.emblem and Path(own.emblem.path).exists():
            return Path(own.emblem.path)
    path = Path(__file__).resolve().parent / "static" / "reports" / "garuda.png"
    if not path.exists():
        with _lock:
            if not path.exists():
                draw(path)
    return path
