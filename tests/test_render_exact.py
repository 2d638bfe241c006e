"""The renderers' shortcuts write exactly what the long way writes: front matter without PyYAML's
representer, escapes held in one pass, emphasis wrapped without regex templates."""

from __future__ import annotations

import html
import random

import pytest

from generator.render.finish import _EM, _ESCAPABLE, _HELD, _STRONG, _hold, _wrapped, finish_text
from generator.render.frontmatter import _dump, _plain_body, front_matter
from generator.render.markup import _MD_SPECIAL, _MD_TABLE, _WHITESPACE, Span, _chosen, annotate, md_escape

# pieces that trip YAML: indicators, ': ' and ' #', words read as bools, nulls, numbers and dates,
# document markers, non-printable and non-BMP characters, line and paragraph separators
PIECES = [
    "Blair", "says", ":", ": ", " #", "#", "&amp;", "&#x27;", "1", "2005", "-", " - ", "(", ")", "?", "!", "é",
    "—", "“", " ", ",", "[", "]", "{", "}", "'", '"', "%", "@", "`", "|", ">", "<", "*", "&", "~", "yes", "Off",
    "null", "1.5", "1:20", "0x1F", "2005-01-01", ".inf", "<<", "=", "\u00a0", "\u2028", "\U0001f600", "\ufeff",
    "...", "---", "\t", "\x85", "\x7f",
]


def _strings(seed: int, count: int) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(PIECES) for _ in range(rng.randrange(1, 8))) for _ in range(count)]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_front_matter_is_what_pyyaml_dumps(seed: int) -> None:
    taken = 0
    for text in _strings(seed, 4000):
        for meta in ({"title": text}, {"dateline": text, "date": None, "search": {"boost": 0.01}}, {text: 1}):
            body = _plain_body(meta)
            if body is not None:
                taken += 1
                assert body == _dump(meta), repr(text)
    assert taken > 1000  # the shortcut is taken, and checked, often


def test_front_matter_of_a_page() -> None:
    meta = {"title": "Blair: <b>no</b> 'plan'", "description": "x", "date": "2005-01-02", "n": 3, "hide": ["navigation"]}
    text = front_matter(meta)
    assert text.startswith("---\n") and "<b>" not in text
    safe = {"title": "Blair: &lt;b&gt;no&lt;/b&gt; &#x27;plan&#x27;", **{k: v for k, v in meta.items() if k != "title"}}
    assert text == "---\n" + _dump(safe) + "---\n"


def test_an_object_met_twice_is_left_to_pyyaml() -> None:
    shared = {"boost": 1}
    assert _plain_body({"a": shared, "b": shared}) is None
    assert _plain_body({"a": {"x": [1]}}) is None  # nested: not a flat mapping


def _hold_by_replace(text: str) -> str:
    """The escapes held one character at a time (what ``_hold`` did before)."""
    text = text.replace("\\\\", _HELD["\\"])
    for c in _ESCAPABLE[1:]:
        text = text.replace("\\" + c, _HELD[c])
    return text


@pytest.mark.parametrize("seed", [1, 2])
def test_escapes_held_in_one_pass(seed: int) -> None:
    rng = random.Random(seed)
    alphabet = ["\\", "\\\\", "a", " ", "\n", *_ESCAPABLE, "é", "\\x"]
    for _ in range(5000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 12)))
        assert _hold(text) == _hold_by_replace(text), repr(text)


@pytest.mark.parametrize("text", ["**a** *b* ***c*** * d * **e*", "no marks", "*", "x **y\nz** *w*", "\\*a*"])
def test_emphasis_wrapped_as_sub_does(text: str) -> None:
    expected = _EM.sub(r"<em>\1</em>", _STRONG.sub(r"<strong>\1</strong>", text))
    assert _wrapped(_EM, "<em>", "</em>", _wrapped(_STRONG, "<strong>", "</strong>", text)) == expected


def _md_escape_by_table(text: str) -> str:
    """What ``md_escape`` did before: one regex for whitespace, one translate table."""
    return _WHITESPACE.sub(" ", text).translate(_MD_TABLE)


@pytest.mark.parametrize("seed", [1, 2])
def test_md_escape_replaces_as_the_table_does(seed: int) -> None:
    rng = random.Random(seed)
    alphabet = [*_MD_SPECIAL, " ", "  ", "\t", "\n", "\u00a0", "\u2028", "\x1c", "a", "é", "#38;", "&#"]
    for _ in range(5000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 10)))
        assert md_escape.__wrapped__(text) == _md_escape_by_table(text), repr(text)


def test_annotate_without_spans_escapes() -> None:
    assert annotate("a <b> & c", []) == "a &lt;b&gt; &amp; c"


ITEMS = [
    "- [a page](x.md#p2){ aria-label=\"paragraph 2\" } · **bold** and *em* \\(&#36;1bn\\)",
    "- <span class=\"dossier-when\" id=\"e1\">2005</span> — words\\.  \n    <small>source</small>",
    "- ends with a tag opening <span",
    "- > not a tag> and <b>raw</b> & more",
    "- `code` in a list",
    "- [tag in the address](<span>x.md)",
    "- ![an image](x.png)",
    "- private \ue000 character",
    "- [a link](https://example.org/a_b) and a_b",
    "- plain words",
    "- \\\\ a backslash \\",
]


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_a_page_of_lists_finishes_as_each_list_alone(seed: int) -> None:
    rng = random.Random(seed)
    for _ in range(60):
        sections = [
            f"## Part {n}\n\n" + "\n".join(rng.choice(ITEMS) for _ in range(rng.randrange(1, 4)))
            for n in range(rng.randrange(2, 6))
        ]
        page = "\n\n".join(sections) + "\n"
        alone = "\n\n".join(finish_text(section + "\n")[:-1] for section in sections) + "\n"
        assert finish_text(page) == alone


def _annotate_by_positions(text: str, spans: list[Span]) -> str:
    """What ``annotate`` did before: the tags grouped by place, each group sorted, the text escaped piece by piece."""
    opens: dict[int, list[tuple[int, Span]]] = {}
    closes: dict[int, list[tuple[int, Span]]] = {}
    for index, span in enumerate(_chosen(spans, len(text))):
        opens.setdefault(span.start, []).append((index, span))
        closes.setdefault(span.end, []).append((index, span))
    out: list[str] = []
    cursor = 0
    for pos in sorted(opens.keys() | closes.keys()):
        if pos > cursor:
            out.append(html.escape(text[cursor:pos], quote=False))
        out += [s.close for _, s in sorted(closes.get(pos, []), key=lambda p: (-p[1].start, -p[0]))]
        out += [s.open for _, s in sorted(opens.get(pos, []), key=lambda p: (-p[1].end, p[0]))]
        cursor = pos
    out.append(html.escape(text[cursor:], quote=False))
    return "".join(out)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_annotate_places_tags_as_grouped_by_position(seed: int) -> None:
    rng = random.Random(seed)
    for _ in range(3000):
        text = "".join(rng.choice(["a", " ", "<", "&", ">", "é", "bc"]) for _ in range(rng.randrange(0, 14)))
        spans = []
        for n in range(rng.randrange(0, 6)):
            start = rng.randrange(-1, len(text) + 2)
            end = start + rng.randrange(0, 6)
            spans.append(Span(start, end, f"<i{n}>", f"</i{n}>", rng.randrange(0, 3)))
        assert annotate(text, spans) == _annotate_by_positions(text, spans), (text, spans)
