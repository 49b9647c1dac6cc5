"""The documentation: README is a landing page, the guides in docs/ hold the rest, and every
relative link resolves.

README was split (issue 23): every section of the README before the split must still be a
heading of README or of a guide (`old_readme_headings.txt` lists them, as they were), so that
moving text never loses it. Links are read outside code (fenced blocks, inline `code`), and an
anchor is matched against the target's headings as GitHub names them.
"""
from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
DOCS = sorted((ROOT / "docs").glob("*.md"))
LINKED = [README, ROOT / "SECURITY.md", *DOCS]
"""the files whose links must resolve"""
OLD_HEADINGS = Path(__file__).resolve().parent / "old_readme_headings.txt"
LANDING_LIMIT = 15_000
"""bytes: README is read in five minutes; figures and internals live in docs/"""

FENCE = re.compile(r"^\s*(```|~~~)")
HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$")
INLINE_CODE = re.compile(r"`[^`]*`")
LINK = re.compile(r"!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
EXTERNAL = re.compile(r"^[a-z][a-z0-9+.-]*:", re.I)
"""http:, https:, mailto: …: not checked here"""


def prose_lines(text: str) -> list[str]:
    """The lines of a Markdown text outside fenced code blocks."""
    lines, fenced = [], False
    for line in text.splitlines():
        if FENCE.match(line):
            fenced = not fenced
        elif not fenced:
            lines.append(line)
    return lines


def headings(text: str) -> list[str]:
    """The text of every heading, as written (levels 1 to 6), outside code blocks."""
    return [m.group(2) for line in prose_lines(text) if (m := HEADING.match(line))]


def slug(heading: str) -> str:
    """GitHub's anchor for a heading: its rendered text lowercased, every character but
    letters, marks, digits, `_`, `-` and spaces dropped, spaces made hyphens."""
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", heading)
    text = text.replace("`", "").replace("*", "").lower()
    kept = "".join(ch for ch in text
                   if unicodedata.category(ch)[0] in "LMN" or ch in "_- ")
    return kept.replace(" ", "-")


def anchors(text: str) -> set[str]:
    """Every anchor a file's headings make; a repeated one gets -1, -2 … as on GitHub."""
    seen: dict[str, int] = {}
    found = set()
    for heading in headings(text):
        base = slug(heading)
        n = seen.get(base, 0)
        seen[base] = n + 1
        found.add(base if n == 0 else f"{base}-{n}")
    return found


def links(text: str) -> list[str]:
    """The targets of the links and images of a Markdown text, outside code (a link's text
    may run over two lines)."""
    return [m.group(1) for m in LINK.finditer(INLINE_CODE.sub("", "\n".join(prose_lines(text))))]


def broken_links(path: Path) -> list[str]:
    """Each relative link of `path` whose file, or whose anchor in that file, does not exist."""
    broken = []
    for target in links(path.read_text(encoding="utf-8")):
        if EXTERNAL.match(target):
            continue
        file_part, _, anchor = target.partition("#")
        linked = (path.parent / file_part).resolve() if file_part else path
        if not linked.exists():
            broken.append(f"{target}: no file {linked}")
        elif anchor and linked.suffix == ".md" and \
                anchor not in anchors(linked.read_text(encoding="utf-8")):
            broken.append(f"{target}: no heading of {linked.name} makes #{anchor}")
    return broken


# -- the checker itself ---------------------------------------------------------------------


@pytest.mark.parametrize("heading, expected", [
    ("How fast `grader check` answers", "how-fast-grader-check-answers"),
    ("An instructor's term, step by step", "an-instructors-term-step-by-step"),
    ("Similar code, measured", "similar-code-measured"),
    ("문제 209. 곱셈 계층", "문제-209-곱셈-계층"),
    ("[Hints](students.md#hints) and *more*", "hints-and-more"),
])
def test_anchors_are_named_as_github_names_them(heading, expected):
    assert slug(heading) == expected


def test_a_missing_file_or_heading_is_a_broken_link_and_code_is_not_a_link(tmp_path):
    (tmp_path / "guide.md").write_text("# Guide\n\n## Two words\n\n## Two words\n")
    page = tmp_path / "page.md"
    page.write_text(
        "# Page\n\n[ok](guide.md#two-words) [ok\ntoo](guide.md#two-words-1) [self](#page)\n"
        "[gone](gone.md) [no\nheading](guide.md#three) ![picture](images/none.png)\n"
        "`[in code](nowhere.md)` [web](https://example.org/x#y)\n\n"
        "```\n[in a block](nowhere.md)\n## not a heading\n```\n")
    assert broken_links(page) == [
        f"gone.md: no file {tmp_path / 'gone.md'}",
        "guide.md#three: no heading of guide.md makes #three",
        f"images/none.png: no file {tmp_path / 'images' / 'none.png'}",
    ]
    assert "not a heading" not in headings(page.read_text())


# -- the documentation ----------------------------------------------------------------------


@pytest.mark.parametrize("path", LINKED, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_relative_link_resolves_to_a_file_and_its_heading(path):
    assert broken_links(path) == []


def test_readme_links_every_guide():
    targets = {t.partition("#")[0] for t in links(README.read_text(encoding="utf-8"))}
    guides = {f"docs/{p.name}" for p in DOCS} | {"SECURITY.md"}
    assert guides <= targets, f"README links no guide to {sorted(guides - targets)}"


def test_no_section_of_the_readme_before_the_split_is_lost():
    old = OLD_HEADINGS.read_text(encoding="utf-8").splitlines()
    assert len(old) == 24 and "How fast `grader check` answers" in old
    now = set(headings(README.read_text(encoding="utf-8")))
    for doc in DOCS:
        now |= set(headings(doc.read_text(encoding="utf-8")))
    assert [h for h in old if h not in now] == []


def test_the_readme_is_a_landing_page():
    assert len(README.read_bytes()) < LANDING_LIMIT, \
        "README is the landing page: move details to a guide in docs/"


def test_the_test_command_is_the_last_command_of_two_commands():
    """The last command of the section is the test command CI runs (.ci/run says so)."""
    text = README.read_text(encoding="utf-8")
    section = text.split("\n## Two commands\n", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```sh\n(.*?)```", section, re.S)
    assert len(blocks) >= 2
    assert "grader check solutions" in blocks[0]
    assert "-m pytest" in blocks[-1].strip().splitlines()[-1]
