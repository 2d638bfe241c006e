"""Plain data written as YAML by libyaml's emitter alone, without PyYAML's representer.

The suggestions file holds ~100,000 scalars at 2,000 articles: ``yaml.dump`` turned them into
nodes, then events, in Python, and that was four fifths of its time (0.97 s; the emitter's own
part 0.17 s). For plain data (text, integers, None, lists, mappings with text keys) the events are
what the representer and serializer would make: each scalar's implicit flags are the resolver's
(text that reads as a number or a date is quoted, exactly as ``yaml.dump`` does), no anchors
(the data is a tree), block style. Anything else, or PyYAML without libyaml, goes to ``yaml.dump``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import yaml
from yaml.events import (
    DocumentEndEvent,
    DocumentStartEvent,
    Event,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
    StreamStartEvent,
)

_DUMPER = getattr(yaml, "CSafeDumper", None)
_RESOLVER = yaml.resolver.Resolver()
_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_NULL = "tag:yaml.org,2002:null"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"


class _NotPlain(Exception):
    """A value the representer would write otherwise (a float, a bool, a date, an object...)."""


def dumped(data: object, width: int) -> str:
    """``yaml.dump(data, Dumper=CSafeDumper, sort_keys=False, allow_unicode=True, width=width)``, the same text."""
    if _DUMPER is not None and _plain(data):
        try:
            return str(yaml.emit(_events(data), Dumper=_DUMPER, allow_unicode=True, width=width))
        except _NotPlain:  # not reached: ``_plain`` said so first; the representer is the reference
            pass
    return str(yaml.dump(data, Dumper=_DUMPER or yaml.SafeDumper, sort_keys=False, allow_unicode=True, width=width))


def _plain(data: object) -> bool:
    """Whether ``data`` is a tree of text, integers (not bools), None, lists and dicts with text keys."""
    stack = [data]
    while stack:
        value = stack.pop()
        kind = type(value)
        if kind is dict:
            if any(type(key) is not str for key in value):  # type: ignore[attr-defined]
                return False
            stack.extend(value.values())  # type: ignore[attr-defined]
        elif kind is list:
            stack.extend(value)  # type: ignore[arg-type]
        elif kind not in (str, int, type(None)):
            return False
    return True


def _events(data: object) -> Iterator[Event]:
    yield StreamStartEvent(encoding=None)
    yield DocumentStartEvent(explicit=False)
    yield from _node(data)
    yield DocumentEndEvent(explicit=False)
    yield StreamEndEvent()


def _node(value: Any) -> Iterator[Event]:
    """The events of one value, as SafeRepresenter and the serializer make them (``default_flow_style=False``)."""
    if type(value) is dict:
        yield MappingStartEvent(None, _MAP, True, flow_style=False)
        for key, item in value.items():
            yield _scalar(key)
            yield from _node(item)
        yield MappingEndEvent()
    elif type(value) is list:
        yield SequenceStartEvent(None, _SEQ, True, flow_style=False)
        for item in value:
            yield from _node(item)
        yield SequenceEndEvent()
    else:
        yield _scalar(value)


def _scalar(value: str | int | None) -> ScalarEvent:
    if value is None:
        return ScalarEvent(None, _NULL, (True, False), "null")
    if type(value) is int:
        return ScalarEvent(None, _INT, (True, False), str(value))
    if type(value) is not str:
        raise _NotPlain(repr(value))
    return ScalarEvent(None, _STR, (_RESOLVER.resolve(yaml.ScalarNode, value, (True, False)) == _STR, True), value)
