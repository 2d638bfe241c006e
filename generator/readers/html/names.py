"""The names of a cleaned page's elements, read in one walk for the two searches that need them.

The date search looks for elements named like comment threads, teasers and sidebars (to set
them aside) and then for htmldate's date elements (an id, class or itemprop that names a date,
or a <footer> or <small>). Both read every element's class and id; walking the page once, in
document order, and judging each distinct set of names once gives both answers for the price of
one. The answers are the ones the searches give on their own: the elsewhere names as the
XPath ``//@class | //@id`` finds them (the whole document), the date elements as htmldate's
``date_candidates(tree, True)`` finds them (the tree's descendants, after the elsewhere
elements are set aside).
"""

from __future__ import annotations

import re

from htmldate import core as hd
from lxml import etree
from lxml.html import HtmlElement

_Key = tuple[str | None, str | None, str | None, bool]
# An element with a class, id or itemprop, or one htmldate always reads (<footer>, <small>), and
# its class, id and itemprop: a plain tuple, made for nearly every element of the page.
Named = tuple[HtmlElement, str | None, str | None, str | None]


def walk(tree: HtmlElement) -> list[Named] | None:
    """Every element of the document that has a name or is always read, in document order; None
    when ``tree`` is not the document's root (a fragment: the searches then walk on their own)."""
    if tree.getroottree().getroot() is not tree:
        return None
    always = hd.ALWAYS_TAGS
    out: list[Named] = []
    for el in tree.iter(etree.Element):
        get = el.get
        cls, ident, prop = get("class"), get("id"), get("itemprop")
        if cls is not None or ident is not None or prop is not None or el.tag in always:
            out.append((el, cls, ident, prop))
    return out


def named_holding(named: list[Named], hint: re.Pattern[str]) -> list[HtmlElement]:
    """Elements whose class or id holds a word ``hint`` finds in any of the page's names, as the
    words are written there (the names are searched all at once, once each)."""
    values = {cls for _, cls, _, _ in named if cls is not None}
    values.update(ident for _, _, ident, _ in named if ident is not None)
    written = {m.group(0) for m in hint.finditer(" ".join(values))}
    if not written:
        return []
    holding = {v for v in values if any(w in v for w in written)}
    return [el for el, cls, ident, _ in named if cls in holding or ident in holding]


def date_candidates(tree: HtmlElement, named: list[Named], aside: list[HtmlElement]) -> list[HtmlElement]:
    """htmldate's ``date_candidates(tree, True)`` once the elements ``aside`` are taken out: its
    own test (``is_date_candidate``), asked once for each distinct class, id, itemprop and order
    of id and class, which are all it reads."""
    gone = {el for top in aside for el in top.iter()}
    always = hd.ALWAYS_TAGS
    judged: dict[_Key, bool] = {}
    out: list[HtmlElement] = []
    for el, cls, ident, prop in named:
        if el is tree or el in gone:
            continue
        if el.tag in always:
            out.append(el)
            continue
        id_first = False
        if cls is not None and ident is not None:
            keys = el.keys()
            id_first = keys.index("id") < keys.index("class")
        key = (cls, ident, prop, id_first)
        found = judged.get(key)
        if found is None:
            found = judged[key] = hd.is_date_candidate(el)
        if found:
            out.append(el)
    return out
