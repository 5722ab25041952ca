"""Read one YAML file safely: plain data only, with line numbers for error messages.

Uses libyaml's safe loader when present (ten times faster) and PyYAML's pure-Python safe
loader otherwise; neither constructs objects from tags. Aliases are refused (so an alias
"billion laughs" bomb cannot blow up later processing) and nesting depth is bounded (so a
deeply nested file cannot crash the parser). Characters that must never reach an output are
refused with their line, whether typed raw or written as escapes (see `textclean`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from sessionbuilder.library import cache
from sessionbuilder.text import clean as textclean
from sessionbuilder.errors import Problem

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
MAX_DEPTH = 32
MAX_BYTES = 20_000_000
_DEEP_PREFIX = re.compile(r"^[ \t?:-]{%d,}" % MAX_DEPTH, re.M)


class YamlProblem(Exception):
    """Raised with the Problem that stopped a file from loading."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


@dataclass
class YamlDoc:
    path: Path
    data: Any
    text: str
    _node: yaml.Node | None = None

    @property
    def node(self) -> yaml.Node | None:
        """The node tree, composed only when a line number is wanted (errors are rare, and
        keeping every tree alive would triple the cost of loading a large library)."""
        if self._node is None:
            loader = Loader(self.text)
            try:
                self._node = loader.get_single_node()
            finally:
                loader.dispose()
        return self._node

    def line_of(self, loc: tuple[Any, ...]) -> int | None:
        """The 1-based line of the value at `loc` (keys and list indexes), or the nearest parent's."""
        node, line = self.node, 1
        for key in loc:
            if node is None:
                break
            line = node.start_mark.line + 1
            node = _child(node, key)
        if node is not None:
            line = node.start_mark.line + 1
        return line


def _child(node: yaml.Node, key: Any) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            if k.value == key:
                return v
    elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
        return node.value[key]
    return None


def read_text(path: Path) -> str:
    """Read a UTF-8 text file (BOM allowed), or raise YamlProblem saying why it is not one."""
    try:
        raw = path.read_bytes()
    except IsADirectoryError:
        raise YamlProblem(Problem(str(path), None, "is a folder, not a file")) from None
    except OSError as e:
        raise YamlProblem(Problem(str(path), None, f"cannot be read: {e.strerror or e}")) from None
    if len(raw) > MAX_BYTES:
        raise YamlProblem(Problem(str(path), None, f"is too large ({len(raw):,} bytes)",
                                  f"split it into files under {MAX_BYTES // 1_000_000} MB"))
    if b"\x00" in raw[:8192]:
        raise YamlProblem(Problem(str(path), None, "is a binary file, not YAML text"))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = raw[: e.start].count(b"\n") + 1
        raise YamlProblem(Problem(str(path), line, f"is not UTF-8 text (byte 0x{raw[e.start]:02x})",
                                  "save the file as UTF-8")) from None
    bad = textclean.problem(text, textclean.FILE_TEXT)
    if bad:
        offset, message, hint = bad
        raise YamlProblem(Problem(str(path), text.count("\n", 0, offset) + 1, message, hint))
    return text


def load(path: Path) -> YamlDoc:
    """Parse `path` into plain Python data (no object-constructing tags, no aliases).

    Parsed data is cached by content hash (see `cache`), since building Python objects from
    YAML is most of the cost of loading a large library."""
    text = read_text(path)
    key = cache.key(text)
    data = cache.get(key)
    if data is not None:
        doc = YamlDoc(path, data, text)
    else:
        doc = _parse(path, text)
        cache.put(key, doc.data)
    _check_strings(doc)
    return doc


def _check_strings(doc: YamlDoc) -> None:
    """Refuse characters written as escapes ("\\x07", "\\u202e"), which the raw-text check cannot
    see, naming the field and its line. Only escapes can make such characters, so a file
    without a backslash is not walked."""
    if "\\" not in doc.text:
        return
    for loc, text in _strings(doc.data, ()):
        bad = textclean.problem(text)
        if bad:
            names = [x for x in loc if isinstance(x, str)]
            field = f"'{textclean.terminal(names[-1])}' " if names else ""
            raise YamlProblem(Problem(str(doc.path), doc.line_of(loc), field + bad[1], bad[2]))


def _strings(value: Any, loc: tuple[Any, ...]) -> Iterator[tuple[tuple[Any, ...], str]]:
    """Every string in parsed YAML, keys included, in document order, with its location."""
    if isinstance(value, str):
        yield loc, value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from _strings(k, loc + (k,))
            yield from _strings(v, loc + (k,))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _strings(v, loc + (i,))


def _parse(path: Path, text: str) -> YamlDoc:
    _check_depth(path, text)
    loader = Loader(text)
    node = None
    try:
        if "&" in text:  # an anchor: compose first so that aliases can be refused
            node = loader.get_single_node()
            if node is not None:
                _refuse_aliases(path, node)
            data = loader.construct_document(node) if node is not None else None
        else:
            data = loader.get_single_data()
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        message = " ".join(str(x) for x in (e.context, e.problem) if x)
        if "could not determine a constructor" in message:
            message = f"YAML tag {str(e.problem).split()[-1]} is not allowed"
            hint = "library files hold plain text, lists and mappings only"
        else:
            message = f"YAML syntax error: {message}"
            hint = "check the indentation and quoting around this line"
        raise YamlProblem(Problem(str(path), mark.line + 1 if mark else None, message, hint)) from None
    except yaml.YAMLError as e:
        raise YamlProblem(Problem(str(path), None, f"YAML error: {e}")) from None
    finally:
        loader.dispose()
    return YamlDoc(path, data, text, node)


def _check_depth(path: Path, text: str) -> None:
    """Bound nesting depth before composing; the exact event scan runs only on suspicious text."""
    if text.count("[") + text.count("{") < MAX_DEPTH and not _DEEP_PREFIX.search(text):
        return
    depth = 0
    try:
        for event in yaml.parse(text, Loader=Loader):
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    raise YamlProblem(Problem(str(path), event.start_mark.line + 1,
                                              f"is nested more than {MAX_DEPTH} levels deep"))
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
    except yaml.YAMLError as e:
        if "nesting depth" in str(e):  # PyYAML 6.0.4+ stops deep nesting itself
            mark = getattr(e, "problem_mark", None)
            raise YamlProblem(Problem(str(path), mark.line + 1 if mark else None,
                                      f"is nested more than {MAX_DEPTH} levels deep")) from None
        return  # the real load reports syntax errors with their position


def _refuse_aliases(path: Path, root: yaml.Node) -> None:
    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            raise YamlProblem(Problem(str(path), node.start_mark.line + 1,
                                      "YAML aliases (*name) are not supported",
                                      "write the text out in full"))
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                stack.extend((k, v))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
