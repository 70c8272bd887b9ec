"""The web app's colours as data, their WCAG contrast ratios, and the stylesheet built
from them (served at ``/palette.css``), so the contrast test checks the very colours
the pages use.

Contrast follows WCAG 2.1 (§1.4.3, relative luminance and ratio formulas): text needs
4.5:1 against its background; lines that mark a highlight (non-text, §1.4.11) 3:1.
Speaker backgrounds are light tints from ColorBrewer's Pastel1/Set3 schemes, darkened
or lightened until the body text reaches 7:1 on them.
"""

from __future__ import annotations

import colorsys
import functools

from newsledger.layers import REGISTRY

#: Body text and page colours.
TEXT = "#1b1b1b"
PAGE = "#ffffff"
MUTED = "#575757"
LINK = "#0b57d0"
PANEL = "#f4f4f2"

#: Backgrounds of quote highlights of the first eight speakers in order of first quote;
#: later speakers get generated tints (:func:`speaker_background`), so no two speakers
#: of an article share a colour however many it quotes. ``UNKNOWN_SPEAKER`` is for
#: quotes whose speaker is unresolved.
SPEAKER_BACKGROUNDS: tuple[str, ...] = (
    "#ffe08a",
    "#b9e2ff",
    "#c6efc4",
    "#ffd1dc",
    "#e0d4ff",
    "#ffd8b1",
    "#cdeeed",
    "#efe6a5",
)
UNKNOWN_SPEAKER = "#e4e4e4"

#: Line colour marking each non-quote layer (underline or border), non-text contrast:
#: the registry's ``colour``, by the layer's singular (its CSS class).
LAYER_LINES: dict[str, str] = {spec.singular: spec.colour for spec in REGISTRY if spec.colour}

#: (text, background) of a stance cell by polarity, and of an overdue commitment.
POLARITY: dict[str, tuple[str, str]] = {
    "support": ("#0d5323", "#dff3e4"),
    "oppose": ("#8a1111", "#fde2e0"),
    "neutral": ("#333333", "#ececec"),
}
OVERDUE = ("#7a2e00", "#fff0c2")

#: Chart marks (the figures' bars; a timeline layer without a line colour), non-text
#: against the page.
CHART_BARS: tuple[str, ...] = ("#1f5f99", "#a84300", "#1d6b2a", "#6a3d9a")


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4


def luminance(colour: str) -> float:
    """WCAG relative luminance of ``#rrggbb``: ``luminance("#ffffff")`` -> ``1.0``."""
    hexa = colour.lstrip("#")
    if len(hexa) != 6:
        raise ValueError(f"{colour!r} is not a #rrggbb colour")
    r, g, b = (_channel(int(hexa[i : i + 2], 16)) for i in (0, 2, 4))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio, 1 to 21: ``contrast("#000000", "#ffffff")`` -> ``21.0``."""
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def text_pairs() -> list[tuple[str, str, str]]:
    """(name, text colour, background) of every pairing the pages show as text."""
    pairs = [("text", TEXT, PAGE), ("muted", MUTED, PAGE), ("link", LINK, PAGE),
             ("panel", TEXT, PANEL), ("panel link", LINK, PANEL), ("muted panel", MUTED, PANEL),
             ("unknown speaker", TEXT, UNKNOWN_SPEAKER), ("overdue", *OVERDUE),
             ("link on overdue", LINK, OVERDUE[1])]
    pairs += [(f"speaker {i}", TEXT, bg) for i, bg in enumerate(SPEAKER_BACKGROUNDS)]
    pairs += [(f"{name} cell", fg, bg) for name, (fg, bg) in POLARITY.items()]
    pairs += [(f"link on {name} cell", LINK, bg) for name, (_, bg) in POLARITY.items()]
    return pairs


def line_pairs() -> list[tuple[str, str, str]]:
    """(name, line colour, background) of every non-text mark."""
    backgrounds = (PAGE, *SPEAKER_BACKGROUNDS, UNKNOWN_SPEAKER)
    pairs = [(f"{layer} line", line, bg) for layer, line in LAYER_LINES.items() for bg in backgrounds]
    pairs += [(f"chart bar {i}", bar, PAGE) for i, bar in enumerate(CHART_BARS)]
    return pairs


#: Lowest contrast of body text on a generated speaker tint (the fixed ones reach it too).
SPEAKER_TEXT_CONTRAST = 12.0

#: The golden angle (degrees): successive hues as far from all earlier ones as can be.
GOLDEN_ANGLE = 137.50776


def _hsl(hue: float, saturation: float, lightness: float) -> str:
    r, g, b = colorsys.hls_to_rgb(hue / 360 % 1.0, lightness, saturation)
    return "#" + "".join(f"{round(c * 255):02x}" for c in (r, g, b))


def speaker_background(index: int) -> str:
    """The ``index``-th speaker's tint: the eight fixed ones, then hues a golden angle
    apart (alternating saturation, so neighbours differ in two ways), lightened until
    the body text reaches :data:`SPEAKER_TEXT_CONTRAST` on them.
    ``speaker_background(0)`` -> ``"#ffe08a"``."""
    return speaker_backgrounds(index + 1)[index]


@functools.cache
def speaker_backgrounds(count: int) -> tuple[str, ...]:
    """The first ``count`` speakers' tints (:func:`speaker_background`), all distinct."""
    tints = list(SPEAKER_BACKGROUNDS[:count])
    while len(tints) < count:
        tints.append(_next_tint(len(tints), tints))
    return tuple(tints)


def _next_tint(index: int, taken: list[str]) -> str:
    """A tint no earlier speaker has (the hue nudged by a degree until it is new)."""
    hue, saturation = index * GOLDEN_ANGLE, (0.85, 0.55)[index % 2]
    while True:
        lightness = 0.80
        colour = _hsl(hue, saturation, lightness)
        while contrast(TEXT, colour) < SPEAKER_TEXT_CONTRAST:
            lightness += 0.01
            colour = _hsl(hue, saturation, lightness)
        if colour not in taken:
            return colour
        hue += 1.0


def speaker_class(index: int | None) -> str:
    """CSS class of the ``index``-th speaker (``None``: unresolved): ``"spk-0"``;
    every index its own class (``/palette.css?speakers=N`` defines N of them)."""
    return "spk-unknown" if index is None else f"spk-{index}"


def stylesheet(speakers: int = len(SPEAKER_BACKGROUNDS)) -> str:
    """The colour rules of the app as CSS (custom properties plus one class per colour)."""
    lines = [":root {", f"  --text: {TEXT}; --page: {PAGE}; --muted: {MUTED};",
             f"  --link: {LINK}; --panel: {PANEL};"]
    lines += [f"  --line-{layer}: {colour};" for layer, colour in LAYER_LINES.items()]
    lines.append(f"  --overdue-fg: {OVERDUE[0]}; --overdue-bg: {OVERDUE[1]};")
    lines.append("}")
    count = max(speakers, len(SPEAKER_BACKGROUNDS))
    lines += [f".spk-{i} {{ background: {bg}; color: {TEXT}; }}" for i, bg in enumerate(speaker_backgrounds(count))]
    lines.append(f".spk-unknown {{ background: {UNKNOWN_SPEAKER}; color: {TEXT}; }}")
    lines += [f".pol-{name} {{ color: {fg}; background: {bg}; }}" for name, (fg, bg) in POLARITY.items()]
    return "\n".join(lines) + "\n"
