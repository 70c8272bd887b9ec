"""Readable colours: WCAG contrast of every text and line colour the pages use."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsledger.web import palette


@pytest.mark.parametrize(("fg", "bg", "ratio"), [("#000000", "#ffffff", 21.0), ("#ffffff", "#ffffff", 1.0),
                                                  ("#777777", "#ffffff", 4.48)])
def test_contrast_known_values(fg, bg, ratio):
    assert palette.contrast(fg, bg) == pytest.approx(ratio, abs=0.01)


@pytest.mark.parametrize(("name", "fg", "bg"), palette.text_pairs())
def test_text_contrast_at_least_4_5(name, fg, bg):
    assert palette.contrast(fg, bg) >= 4.5, name


@pytest.mark.parametrize(("name", "fg", "bg"), palette.line_pairs())
def test_highlight_lines_contrast_at_least_3(name, fg, bg):
    assert palette.contrast(fg, bg) >= 3.0, name


colour = st.integers(0, 0xFFFFFF).map(lambda n: f"#{n:06x}")


@given(colour, colour)
def test_contrast_is_symmetric_and_bounded(a, b):
    assert palette.contrast(a, b) == pytest.approx(palette.contrast(b, a))
    assert 1.0 <= palette.contrast(a, b) <= 21.0 + 1e-9


def test_bad_colour_is_refused():
    with pytest.raises(ValueError, match="#rrggbb"):
        palette.luminance("red")


def test_stylesheet_uses_only_the_palette():
    css = palette.stylesheet()
    used = set(re.findall(r"#[0-9a-f]{6}", css))
    known = {palette.TEXT, palette.PAGE, palette.MUTED, palette.LINK, palette.PANEL, palette.UNKNOWN_SPEAKER,
             *palette.SPEAKER_BACKGROUNDS, *palette.LAYER_LINES.values(), *palette.OVERDUE, *palette.CHART_BARS,
             *(c for pair in palette.POLARITY.values() for c in pair)}
    assert used <= known
    assert all(f".spk-{i} " in css for i in range(len(palette.SPEAKER_BACKGROUNDS)))


def test_app_css_sets_no_colour_of_its_own():
    from pathlib import Path

    from newsledger.web import app

    css = (Path(app.__file__).parent / "static" / "app.css").read_text(encoding="utf-8")
    # text and background colours come from the palette; only the neutral table rule is literal
    assert set(re.findall(r"#[0-9a-fA-F]{3,6}\b", css)) <= {"#c4c4c4"}


@pytest.mark.parametrize(("index", "expected"), [(0, "spk-0"), (7, "spk-7"), (8, "spk-8"), (None, "spk-unknown")])
def test_speaker_class_per_speaker(index, expected):
    assert palette.speaker_class(index) == expected


@pytest.mark.parametrize("count", [8, 30, 200])
def test_any_number_of_speakers_get_distinct_readable_colours(count):
    colours = [palette.speaker_background(i) for i in range(count)]
    assert len(set(colours)) == count
    assert all(palette.contrast(palette.TEXT, c) >= 7 for c in colours[:8])
    assert all(palette.contrast(palette.TEXT, c) >= palette.SPEAKER_TEXT_CONTRAST for c in colours[8:])
    for layer, line in palette.LAYER_LINES.items():  # the highlight lines stay visible on every tint
        assert all(palette.contrast(line, c) >= 3 for c in colours), layer
    css = palette.stylesheet(count)
    assert all(f".spk-{i} {{ background: {c};" in css for i, c in enumerate(colours))
