"""Text contrast of an HTML page, computed from its own stylesheets as a browser cascades them.

For each element that holds text, its colour (`color`, or `fill` in SVG; inherited) and the
background under it (its own or its nearest ancestor's solid `background`, else white), and
their contrast ratio as WCAG 2 defines it. Enough CSS for the grader's pages: rules of simple
selectors (tag, .class, #id, and compounds of them) joined by descendant and child combinators,
`var()` of `:root`'s custom properties, specificity and order, inline `style`, SVG's `fill`
attribute. A selector it cannot read fails loudly, so a new kind of rule is never skipped.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

WHITE = "#ffffff"
NO_TEXT = {"head", "title", "style", "script"}
"""elements whose text is not shown on the page (an SVG `<title>` is a tooltip)"""
VOID = {"meta", "link", "br", "hr", "img", "input", "col", "source", "wbr"}
SIMPLE = re.compile(r"^([a-z][a-z0-9]*|\*)?((?:[.#][\w-]+)*)$")


@dataclass
class Element:
    tag: str
    attrs: dict
    parent: "Element | None"
    children: list = field(default_factory=list)
    text: str = ""

    @property
    def classes(self) -> set[str]:
        return set((self.attrs.get("class") or "").split())


class _Tree(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Element("#root", {}, None)
        self.open = self.root
        self.styles: list[str] = []

    def handle_starttag(self, tag, attrs):
        element = Element(tag, {k: v or "" for k, v in attrs}, self.open)
        self.open.children.append(element)
        if tag not in VOID:
            self.open = element

    def handle_startendtag(self, tag, attrs):
        self.open.children.append(Element(tag, {k: v or "" for k, v in attrs}, self.open))

    def handle_endtag(self, tag):
        element = self.open
        while element is not self.root and element.tag != tag:
            element = element.parent
        if element is not self.root:
            self.open = element.parent

    def handle_data(self, data):
        if self.open.tag == "style":
            self.styles.append(data)
        self.open.text += data


def rules(css: str) -> list[tuple[str, dict[str, str]]]:
    """(selector, declarations) in the stylesheet's order, one per selector of a list."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    found = []
    for selectors, body in re.findall(r"([^{}]+)\{([^{}]*)\}", css):
        declarations = dict((k.strip(), v.strip()) for k, v in
                            (d.split(":", 1) for d in body.split(";") if ":" in d))
        for selector in selectors.split(","):
            found.append((" ".join(selector.split()), declarations))
    return found


def _parts(selector: str) -> list[tuple[str, str]]:
    """[(combinator, compound)] from the left: combinator " " or ">" ("" for the first)."""
    tokens = selector.replace(">", " > ").split()
    parts, combinator = [], ""
    for token in tokens:
        if token == ">":
            combinator = ">"
            continue
        if not SIMPLE.match(token):
            raise ValueError(f"a selector this check cannot read: {selector!r}")
        parts.append((combinator or " ", token))
        combinator = ""
    return parts


def _matches_compound(element: Element, compound: str) -> bool:
    tag, rest = SIMPLE.match(compound).groups()
    if tag and tag != "*" and element.tag != tag:
        return False
    for kind, name in re.findall(r"([.#])([\w-]+)", rest):
        if kind == "." and name not in element.classes:
            return False
        if kind == "#" and element.attrs.get("id") != name:
            return False
    return True


def matches(element: Element, selector: str) -> bool:
    parts = _parts(selector)

    def match(element, i) -> bool:
        if element is None or not _matches_compound(element, parts[i][1]):
            return False
        if i == 0:
            return True
        if parts[i][0] == ">":
            return match(element.parent, i - 1)
        ancestor = element.parent
        while ancestor is not None:
            if match(ancestor, i - 1):
                return True
            ancestor = ancestor.parent
        return False

    return match(element, len(parts) - 1)


def specificity(selector: str) -> tuple[int, int, int]:
    ids = selector.count("#")
    classes = len(re.findall(r"\.[\w-]", selector))
    tags = len(re.findall(r"(?:^|[ >])([a-z][a-z0-9]*)", selector))
    return ids, classes, tags


COLOUR = re.compile(r"#[0-9a-fA-F]{6}\b|#[0-9a-fA-F]{3}\b|\bwhite\b|\bblack\b")


def _colour(value: str | None, variables: dict[str, str]) -> str | None:
    """The solid colour a value names (`var()` resolved), or None (a gradient, none)."""
    if not value:
        return None
    value = re.sub(r"var\((--[\w-]+)\)", lambda m: variables.get(m.group(1), ""), value)
    if "gradient" in value or value.strip() in ("none", "transparent", "inherit"):
        return None
    found = COLOUR.search(value)
    if not found:
        return None
    text = {"white": WHITE, "black": "#000000"}.get(found.group(), found.group()).lower()
    return "#" + "".join(c * 2 for c in text[1:]) if len(text) == 4 else text


def luminance(colour: str) -> float:
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def ratio(a: str, b: str) -> float:
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


@dataclass(frozen=True)
class Text:
    where: str
    """the element's path, for a message"""
    text: str
    colour: str
    background: str
    ratio: float


def texts(page: str) -> list[Text]:
    """Every text of the page, with its colour, its background and their contrast."""
    tree = _Tree()
    tree.feed(page)
    sheet = [r for css in tree.styles for r in rules(css)]
    variables = {k: v for selector, d in sheet if selector == ":root" for k, v in d.items()
                 if k.startswith("--")}
    ordered = sorted(enumerate(sheet), key=lambda x: (specificity(x[1][0]), x[0]))
    found: list[Text] = []

    def style(element: Element) -> dict[str, str]:
        declared: dict[str, str] = {}
        if element.tag == "#root":
            return declared
        for _, (selector, declarations) in ordered:
            if selector != ":root" and matches(element, selector):
                declared.update(declarations)
        if element.attrs.get("fill"):  # an SVG presentation attribute: below any rule
            declared = {"fill": element.attrs["fill"], **declared}
        for part in (element.attrs.get("style") or "").split(";"):
            if ":" in part:
                key, value = part.split(":", 1)
                declared[key.strip()] = value.strip()
        return declared

    def walk(element: Element, colour: str, fill: str, background: str, path: str) -> None:
        own = style(element)
        colour = _colour(own.get("color"), variables) or colour
        fill = _colour(own.get("fill"), variables) or fill
        background = _colour(own.get("background-color") or own.get("background"),
                             variables) or background
        path = f"{path} > {element.tag}" + "".join(f".{c}" for c in sorted(element.classes))
        if element.tag in NO_TEXT:
            return
        if element.text.strip():
            shown = fill if element.tag in ("text", "tspan") else colour
            found.append(Text(path, " ".join(element.text.split())[:60], shown, background,
                              ratio(shown, background)))
        for child in element.children:
            walk(child, colour, fill, background, path)

    walk(tree.root, "#000000", "#000000", WHITE, "")
    return found
