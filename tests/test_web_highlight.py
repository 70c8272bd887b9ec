"""Highlighting: spans to escaped HTML, nested and overlapping spans kept well-formed."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsledger.web.highlight import Mark, clamp, render, segments


class _Checker(HTMLParser):
    """Collects text, element ids and checks that every tag closes in order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.text: list[str] = []
        self.ids: list[str] = []
        self.tags: set[str] = set()

    def handle_starttag(self, tag, attrs):
        self.stack.append(tag)
        self.tags.add(tag)
        self.ids += [v for k, v in attrs if k == "id"]

    def handle_endtag(self, tag):
        assert self.stack and self.stack.pop() == tag, f"mis-nested </{tag}>"

    def handle_data(self, data):
        self.text.append(data)


def check(markup: str) -> _Checker:
    checker = _Checker()
    checker.feed(markup)
    checker.close()
    assert not checker.stack, "unclosed tags"
    return checker


@pytest.mark.parametrize(
    ("marks", "expected"),
    [
        ([], [(0, 10, ())]),
        ([("a", 2, 5)], [(0, 2, ()), (2, 5, ("a",)), (5, 10, ())]),
        # nested: the inner record listed first
        ([("outer", 0, 10), ("inner", 3, 6)], [(0, 3, ("outer",)), (3, 6, ("inner", "outer")), (6, 10, ("outer",))]),
        # overlapping: the shared piece carries both
        ([("a", 0, 6), ("b", 4, 10)], [(0, 4, ("a",)), (4, 6, ("a", "b")), (6, 10, ("b",))]),
        # same span twice
        ([("a", 2, 4), ("b", 2, 4)], [(0, 2, ()), (2, 4, ("a", "b")), (4, 10, ())]),
    ],
)
def test_segments(marks, expected):
    found = segments(10, [Mark(i, "quote", s, e) for i, s, e in marks])
    assert [(s, e, tuple(m.record_id for m in ms)) for s, e, ms in found] == expected


@pytest.mark.parametrize(
    ("mark", "expected"),
    [(Mark("a", "time", -3, 4), (0, 4)), (Mark("a", "time", 8, 99), (8, 10)), (Mark("a", "time", 5, 5), None),
     (Mark("a", "time", 12, 14), None)],
)
def test_clamp(mark, expected):
    kept = clamp([mark], 10)
    assert [(m.start, m.end) for m in kept] == ([expected] if expected else [])


def test_render_marks_the_start_focusable_and_anchored():
    out = str(render("Trump said air support.", [Mark("q-1", "quote", 11, 22, "spk-0", "quote by Donald Trump"),
                                                 Mark("st-1", "stance", 11, 22)]))
    checker = check(out)
    # one focusable element, the other record an empty anchor just before it
    assert checker.ids == ["st-1", "q-1"]
    assert out.count('tabindex="0"') == 1 and 'role="button"' in out
    assert 'class="hl hl-quote spk-0 hl-stance"' in out
    assert "aria-label=\"quote by Donald Trump\"" in out


def test_render_overlap_is_well_formed():
    text = "Russia launched 270 drones, the air force said."
    out = str(render(text, [Mark("q", "quote", 0, 26), Mark("ev", "event", 7, 47), Mark("t", "time", 16, 19)]))
    checker = check(out)
    assert "".join(checker.text) == text
    assert sorted(checker.ids) == ["ev", "q", "t"]
    assert 'data-records="t q ev"' in out


@pytest.mark.parametrize(
    "text",
    ["<script>alert(1)</script>", 'a "quoted" & <b>bold</b>', "it's <!-- x --> ]]>", "\u2028<svg/onload=x>"],
)
def test_render_escapes(text):
    out = str(render(text, [Mark("q-1", "quote", 0, len(text) // 2), Mark('x" onclick="y', "time", 1, 3)]))
    assert "<script" not in out and "<b>" not in out and "<svg" not in out and "<!--" not in out
    assert 'onclick="' not in out
    assert "".join(check(out).text) == text


marks_strategy = st.lists(
    st.tuples(st.integers(-5, 60), st.integers(-5, 60), st.sampled_from(["quote", "time", "event", "stance"])),
    max_size=12,
)


@given(st.text(max_size=50), marks_strategy)
def test_render_keeps_the_text_and_is_well_formed(text, raw):
    marks = [Mark(f"r-{i}", layer, min(a, b), max(a, b)) for i, (a, b, layer) in enumerate(raw)]
    checker = check(str(render(text, marks)))
    assert "".join(checker.text) == text
    kept = clamp(marks, len(text))
    assert sorted(checker.ids) == sorted(m.record_id for m in kept)
    assert {"span"} >= checker.tags


@given(st.integers(0, 80), marks_strategy)
def test_segments_tile_the_text(size, raw):
    marks = clamp([Mark(f"r-{i}", layer, min(a, b), max(a, b)) for i, (a, b, layer) in enumerate(raw)], size)
    pieces = segments(size, marks)
    assert [p[0] for p in pieces[1:]] == [p[1] for p in pieces[:-1]]
    assert (pieces[0][0], pieces[-1][1]) == (0, size) if size else pieces == []
    for start, end, covering in pieces:
        assert start < end
        assert set(covering) == {m for m in marks if m.start <= start and end <= m.end}
