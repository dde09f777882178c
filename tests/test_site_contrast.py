"""Text contrast of the site's own colours, computed from compiler/site/assets/matrixc.css.

Every rule that sets both a text colour and a background from the palette variables is checked,
in the light and the dark palette: >= 4.5:1 (WCAG AA for text). Colours that sit on the page
background (counts, muted text, history marks) are checked against it, and the copy-link mark
against the page and the highlighted row at >= 3:1. tests/browser checks what Chromium renders.
"""

from __future__ import annotations

import re

import pytest

from compiler.site.render import SITE_DIR

CSS = (SITE_DIR / "assets" / "matrixc.css").read_text(encoding="utf-8")
BLOCKS = {
    "light": r':root, \[data-md-color-scheme="default"\] \{(.*?)\}',
    "dark": r'\[data-md-color-scheme="slate"\] \{(.*?)\}',
}
ON_PAGE = ("mx-s", "mx-n", "mx-a", "mx-muted", "mx-p")


def palette(name: str) -> dict[str, str]:
    match = re.search(BLOCKS[name], CSS, flags=re.DOTALL)
    assert match, f"no {name} palette block in matrixc.css"
    return dict(re.findall(r"--([\w-]+):\s*(#[0-9a-fA-F]{3,6})", match.group(1)))


def luminance(hex_colour: str) -> float:
    h = hex_colour.lstrip("#")
    if len(h) == 3:
        h = "".join(c * 2 for c in h)
    channels = [int(h[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast(a: str, b: str) -> float:
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def styled_pairs() -> set[tuple[str, str]]:
    """(text variable, background variable) of every rule that sets both."""
    pairs = set()
    for body in re.findall(r"\{([^{}]*)\}", CSS):
        fg = re.search(r"(?<![\w-])color:\s*var\(--(mx-[\w-]+)\)", body)
        bg = re.search(r"background:\s*var\(--(mx-[\w-]+)\)", body)
        if fg and bg:
            pairs.add((fg.group(1), bg.group(1)))
    return pairs


def test_the_css_pairs_every_badge_and_chip_colour() -> None:
    pairs = styled_pairs()
    for needed in [
        ("mx-s", "mx-s-bg"),
        ("mx-n", "mx-n-bg"),
        ("mx-a", "mx-a-bg"),
        ("mx-chip", "mx-chip-bg"),
        ("mx-stage", "mx-stage-bg"),
        ("mx-head", "mx-head-bg"),
    ]:
        assert needed in pairs, needed


@pytest.mark.parametrize("name", sorted(BLOCKS))
def test_text_contrast_at_least_4_5(name: str) -> None:
    colours = palette(name)
    checked = sorted(styled_pairs()) + [(fg, "mx-page") for fg in ON_PAGE]
    for fg, bg in checked:
        ratio = contrast(colours[fg], colours[bg])
        assert ratio >= 4.5, f"{name}: --{fg} on --{bg} is {ratio:.2f}:1"


@pytest.mark.parametrize("name", sorted(BLOCKS))
def test_copy_link_contrast_at_least_3(name: str) -> None:
    colours = palette(name)
    for bg in ("mx-page", "mx-target"):
        ratio = contrast(colours["mx-link"], colours[bg])
        assert ratio >= 3, f"{name}: --mx-link on --{bg} is {ratio:.2f}:1"


def test_the_palettes_differ() -> None:
    light, dark = palette("light"), palette("dark")
    assert set(light) == set(dark)
    assert all(light[k] != dark[k] for k in ("mx-page", "mx-s", "mx-n", "mx-chip-bg"))
