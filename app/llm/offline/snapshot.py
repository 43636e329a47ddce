"""The offline explorer's reading of a page: the ARIA snapshot (mode "ai") as elements with
their refs, in page order, each with the text of the list item or row it sits in (a todo's
checkbox has no name of its own: its item's text says which it is)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_LINE_RE = re.compile(
    r'^(?P<indent>\s*)- (?P<role>[a-z/]+)(?: "(?P<name>(?:[^"\\]|\\.)*)")?(?P<attrs>(?: \[[^\]]*\])*)'
    r"(?::\s?(?P<rest>.*))?$"
)
_ATTR_RE = re.compile(r"\[([^\]=]+)(?:=([^\]]*))?\]")
FIELD_ROLES = {"textbox", "searchbox", "spinbutton"}
CHROME_ROLES = {"navigation", "banner", "contentinfo", "complementary"}
_CONTAINERS = {"listitem", "row", "article", "option"}


@dataclass
class Element:
    role: str
    name: str
    ref: str
    index: int
    value: str = ""
    url: str = ""
    checked: bool = False
    disabled: bool = False
    expanded: bool | None = None
    options: list[tuple[str, bool]] = field(default_factory=list)  # (label, selected)
    in_chrome: bool = False  # inside the site's navigation, header or footer (on every page)
    context: str = ""  # the text of the list item or row it is in

    @property
    def label(self) -> str:
        return self.name or self.value or self.url or self.role


@dataclass
class _Node:
    indent: int
    role: str
    texts: list[str] = field(default_factory=list)
    elements: list[Element] = field(default_factory=list)


def _unescape(text: str) -> str:
    return text.replace('\\"', '"')


def parse_snapshot(snapshot: str) -> tuple[list[Element], str]:
    """The elements that have a ref (in page order) and the page's text."""
    elements: list[Element] = []
    text: list[str] = []
    last: Element | None = None
    last_indent = -1
    ancestors: list[_Node] = []  # the open parents
    for line in snapshot.splitlines():
        match = _LINE_RE.match(line)
        if not match:
            continue
        role, name, rest = (
            match.group("role"),
            _unescape(match.group("name") or ""),
            (match.group("rest") or "").strip(),
        )
        indent = len(match.group("indent"))
        while ancestors and ancestors[-1].indent >= indent:
            _close(ancestors.pop(), ancestors)
        in_chrome = any(n.role in CHROME_ROLES for n in ancestors)
        attrs = {k.strip(): (v or "") for k, v in _ATTR_RE.findall(match.group("attrs") or "")}
        if role == "/url" and last is not None and indent > last_indent:
            last.url = rest
            continue
        if role == "option" and last is not None and last.role in ("combobox", "listbox") and indent > last_indent:
            last.options.append((name or rest, "selected" in attrs))
            continue
        node = _Node(indent, role)
        words = [w for w in (name, rest if role not in FIELD_ROLES else "") if w]
        text.extend(words)
        for parent in ancestors:
            parent.texts.extend(words)
        ancestors.append(node)
        ref = attrs.get("ref")
        if not ref:
            continue
        element = Element(
            role=role, name=name, ref=ref, index=len(elements), value=rest if role in FIELD_ROLES else "",
            checked="checked" in attrs and attrs.get("checked") != "false", disabled="disabled" in attrs,
            expanded=None if "expanded" not in attrs else attrs.get("expanded") != "false", in_chrome=in_chrome,
        )  # fmt: skip
        for parent in ancestors[:-1]:
            parent.elements.append(element)
        elements.append(element)
        last, last_indent = element, indent
    while ancestors:
        _close(ancestors.pop(), ancestors)
    return elements, "\n".join(text)


def _close(node: _Node, _parents: list[_Node]) -> None:
    """A list item or row tells its elements what they are about."""
    if node.role not in _CONTAINERS:
        return
    context = " ".join(node.texts)[:300]
    for element in node.elements:
        if not element.context:
            element.context = context


__all__ = ["CHROME_ROLES", "FIELD_ROLES", "Element", "parse_snapshot"]
