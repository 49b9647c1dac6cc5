"""Fingerprints of a piece of Python source text, for finding students whose code is alike.

The method is winnowing (Schleimer, Wilkerson and Aiken, "Winnowing: local algorithms for
document fingerprinting", SIGMOD 2003; the method of MOSS): the text becomes a stream of
normalised tokens, every run of K consecutive tokens (a k-gram) is hashed, and in every window
of W consecutive hashes the smallest is kept. Two texts that share a run of at least K + W - 1
tokens within a function share at least one kept hash, wherever the run sits in either text,
and runs shorter than K never count. Only text is read: the code is tokenized (`tokenize`, the
standard library's), never imported or run.

What a disguise changes, the tokens do not see:
- comments, blank lines, line breaks inside brackets and docstrings are dropped;
- indentation is kept as tokens of its own (a block's start and end), not as spaces;
- every name is one token `N` (renamed variables, functions, classes, attributes), except the
  language's keywords and builtins, and numpy's functions and array methods after a dot
  (`np.dot`, `x.T`, `.sum`): a student renames their own names, not numpy's;
- every number is `0` and every string `S` (changed constants and messages); a line ended by
  `;` is the same as a line ended by a newline;
- reordered functions and classes keep their fingerprints: each function, each class's header
  and each stretch of statements between them is a part fingerprinted on its own (`parts`).

A text that `tokenize` refuses (an unclosed bracket or string, a bad dedent: a syntax error)
keeps the tokens read before the error, and the rest is read by a plain pattern of the same
token kinds (`_lex_plainly`), so a broken file still has fingerprints. A huge text is cut to
its first MAX_CHARS characters and MAX_TOKENS tokens.

A notebook's exercise section (or any other source of an exercise's code) is fingerprinted the
same way: `fingerprints(text)` takes text, not a file.
"""
from __future__ import annotations

import builtins
import hashlib
import io
import keyword
import re
import tokenize
from functools import lru_cache
from typing import NamedTuple

K = 10
"""tokens in a k-gram: shorter runs shared by two texts never count (noise threshold)"""
WINDOW = 4
"""hashes in a window: any run of K + WINDOW - 1 = 13 shared tokens is always found"""
MAX_CHARS = 64_000
"""characters of a text that are fingerprinted (a course's exercise is a few thousand)"""
MAX_TOKENS = 16_000
METHOD = f"winnowing-2 k={K} w={WINDOW}"
"""names the normalisation and parameters: fingerprints made otherwise are not comparable"""


def _numpy_names() -> frozenset[str]:
    """numpy's functions and array attributes: the names kept after a dot."""
    import numpy

    return frozenset(n for n in dir(numpy) + dir(numpy.ndarray) if not n.startswith("_"))


KEPT = frozenset(keyword.kwlist) | frozenset(getattr(keyword, "softkwlist", ())) | frozenset(
    n for n in dir(builtins) if not n.startswith("_"))
"""names kept as themselves anywhere"""
KEPT_AFTER_DOT = _numpy_names()
"""names kept as themselves after a dot"""


INDENT, DEDENT = "<indent>", "<dedent>"
"""the tokens of a block's start and end"""


class Fingerprint(NamedTuple):
    hash: int
    """48 bits of the k-gram's hash: the same in every process and on every machine"""
    first_line: int
    last_line: int
    """the lines of the source text the k-gram spans (1-based, inclusive)"""


class Token(NamedTuple):
    text: str
    line: int


def tokens(source: str) -> tuple[list[Token], str | None]:
    """The normalised tokens of `source`, and why tokenize stopped early (None when it did not)."""
    source = source[:MAX_CHARS]
    found: list[Token] = []
    problem = None
    try:
        _normalise(tokenize.generate_tokens(io.StringIO(source).readline), found)
    except (tokenize.TokenError, SyntaxError) as e:  # IndentationError is a SyntaxError
        line = _error_line(e, found)
        problem = f"line {line}: {e.args[0] if e.args else e}"
        while found and found[-1].line >= line:
            found.pop()
        rest = "".join(source.splitlines(keepends=True)[line - 1:])
        found += _lex_plainly(rest, first_line=line)
    return _drop_docstrings(found)[:MAX_TOKENS], problem


def fingerprints(source: str) -> tuple[list[Fingerprint], int, str | None]:
    """The winnowed fingerprints of `source` (in text order), its number of tokens, and why
    tokenize stopped early (None when it read the whole text)."""
    found, problem = tokens(source)
    return winnow(found), len(found), problem


def winnow(found: list[Token]) -> list[Fingerprint]:
    """Robust winnowing of each part (`parts`) on its own: in each window the smallest hash; on
    a tie the one the window before chose, while it is in the window, else the rightmost. Each
    is kept once per position."""
    kept: list[Fingerprint] = []
    for first, end in parts(found):
        hashes = _hashes(found, first, end)
        kept += [Fingerprint(hashes[i], found[first + i].line, found[first + i + K - 1].line)
                 for i in _minima(hashes)]
    return kept


def _minima(hashes: list[int]) -> list[int]:
    """The positions winnowing keeps."""
    if not hashes:
        return []
    window = min(WINDOW, len(hashes))  # a part shorter than a window: its smallest hash
    kept: list[int] = []
    chosen = -1
    for end in range(window - 1, len(hashes)):
        if chosen <= end - window:  # the minimum left the window: look at the whole window
            chosen = end - window + 1
            for i in range(chosen + 1, end + 1):
                if hashes[i] <= hashes[chosen]:
                    chosen = i
            kept.append(chosen)
        elif hashes[end] < hashes[chosen]:  # only the hash that entered can be a new minimum
            chosen = end
            kept.append(chosen)
    return kept


_MODULUS = 2**61 - 1
_BASE = 1_000_003
_OUT = pow(_BASE, K - 1, _MODULUS)
"""what the token leaving a k-gram weighs in its hash"""


def _hashes(found: list[Token], first: int, end: int) -> list[int]:
    """The hash of every k-gram of found[first:end], rolled along the tokens (Karp and Rabin,
    as in the paper): a polynomial in the tokens' own hashes modulo a prime, cut to 48 bits."""
    if end - first < K:
        return []
    ids = [_token_hash(t.text) for t in found[first:end]]
    h = 0
    for value in ids[:K]:
        h = (h * _BASE + value) % _MODULUS
    hashes = [h >> 13]
    for i in range(K, len(ids)):
        h = ((h - ids[i - K] * _OUT) * _BASE + ids[i]) % _MODULUS
        hashes.append(h >> 13)
    return hashes


_PART_STARTS = frozenset(("def", "class", "@", "async"))
_STATEMENT_ENDS = frozenset((";", INDENT, DEDENT))


def parts(found: list[Token]) -> list[tuple[int, int]]:
    """[first, end) of each part of the tokens: a function, a class's header, or the statements
    between them. No k-gram crosses from one to the next, so functions moved elsewhere keep all
    their fingerprints; the block ends (dedents) that close a part are left out, since their
    number depends on what comes next."""
    cuts = [i for i, t in enumerate(found) if t.text in _PART_STARTS
            and (i == 0 or found[i - 1].text in _STATEMENT_ENDS)
            and not (t.text == "def" and i and found[i - 1].text == "async")]
    found_parts = []
    for first, end in zip([0] + cuts, cuts + [len(found)]):
        while end > first and found[end - 1].text == DEDENT:
            end -= 1
        if end > first:
            found_parts.append((first, end))
    return found_parts


@lru_cache(maxsize=4096)
def _token_hash(text: str) -> int:
    """A token's hash, from BLAKE2: unlike hash(), the same in every process."""
    return int.from_bytes(hashlib.blake2b(text.encode(), digest_size=7).digest(), "big")


_SKIPPED = {tokenize.COMMENT, tokenize.NL, tokenize.ENCODING, tokenize.ENDMARKER}
_FSTRING_START = getattr(tokenize, "FSTRING_START", -1)
_FSTRING_END = getattr(tokenize, "FSTRING_END", -1)


def _normalise(raw, found: list[Token]) -> None:
    """Append the tokens of `raw` (tokenize's) to `found`, normalised, as they come: what was
    read before tokenize gives up stays."""
    depth = 0  # inside an f-string (Python 3.12+ splits it into parts): one `S` for it all
    previous = ""
    name, newline = tokenize.NAME, tokenize.NEWLINE
    append = found.append
    for kind, text, (line, _), _, _ in raw:
        if kind == _FSTRING_START:
            if depth == 0:
                append(Token("S", line))
            depth += 1
            continue
        if depth:
            depth -= kind == _FSTRING_END
            continue
        if kind == name:
            word = text if text in KEPT or (previous == "." and text in KEPT_AFTER_DOT) else "N"
        elif kind in _SKIPPED or (kind == tokenize.ERRORTOKEN and not text.strip()):
            continue
        elif kind == newline:
            word = ";"
        else:
            word = _WORDS.get(kind) or text
        append(Token(word, line))
        previous = text
        if len(found) > MAX_TOKENS * 2:
            return


_WORDS = {tokenize.NUMBER: "0", tokenize.STRING: "S", tokenize.INDENT: INDENT,
          tokenize.DEDENT: DEDENT}
"""token kinds that become one word; an operator stays itself (`;` included)"""


def _name(text: str, previous: str) -> str:
    """A name of the plain reading, normalised as `_normalise` does."""
    return text if text in KEPT or (previous == "." and text in KEPT_AFTER_DOT) else "N"


def _drop_docstrings(found: list[Token]) -> list[Token]:
    """A string alone on its line (a docstring, or a comment written as a string) is dropped,
    with its line's end."""
    kept: list[Token] = []
    i = 0
    while i < len(found):
        alone = (found[i].text == "S" and (not kept or kept[-1].text in (";", INDENT, DEDENT))
                 and (i + 1 == len(found) or found[i + 1].text == ";"))
        if alone:
            i += 2
            continue
        kept.append(found[i])
        i += 1
    return kept


_PLAIN = re.compile(r"""
    (?P<comment>\#[^\n]*)
  | (?P<string>[rRbBuUfF]{0,2}(?:'''[\s\S]*?'''|\"\"\"[\s\S]*?\"\"\"|'[^'\n]*'|"[^"\n]*"))
  | (?P<number>\d[\w.]*|\.\d[\w.]*)
  | (?P<name>[^\W\d]\w*)
  | (?P<newline>\n)
  | (?P<space>[ \t\f\r\\]+)
  | (?P<op>\*\*=?|//=?|->|:=|<<=?|>>=?|[-+*/%@&|^<>=!]=|[^\s\w])
""", re.VERBOSE | re.MULTILINE)


def _lex_plainly(text: str, first_line: int) -> list[Token]:
    """Tokens of text that tokenize refused, of the same kinds (no indentation tokens)."""
    found: list[Token] = []
    line, previous = first_line, ""
    for m in _PLAIN.finditer(text):
        kind, value = m.lastgroup, m.group()
        if kind == "newline":
            if found and found[-1].text != ";":
                found.append(Token(";", line))
        elif kind == "name":
            found.append(Token(_name(value, previous), line))
        elif kind == "number":
            found.append(Token("0", line))
        elif kind == "string":
            found.append(Token("S", line))
        elif kind == "op":
            found.append(Token(value, line))
        if kind not in ("space", "comment"):
            previous = value
        line += value.count("\n")
        if len(found) >= MAX_TOKENS:
            break
    return found


def _error_line(error: Exception, found: list[Token]) -> int:
    """The line where tokenize gave up; what follows is read plainly."""
    if isinstance(error, SyntaxError) and error.lineno:
        return error.lineno
    position = error.args[1] if len(error.args) > 1 else None
    last = found[-1].line + 1 if found else 1
    if isinstance(position, tuple) and position and isinstance(position[0], int):
        # an unclosed string is reported where it starts, an unclosed bracket at the end of the
        # text: read again from the string, or from the bracket (tokenize read the rest as
        # one statement)
        return max(1, min(position[0], last, _unclosed_bracket(found) or last))
    return last


_OPENING, _CLOSING = frozenset("([{"), frozenset(")]}")


def _unclosed_bracket(found: list[Token]) -> int | None:
    """The line of the outermost bracket never closed, if any."""
    depth, opened = 0, None
    for t in found:
        if t.text in _OPENING:
            depth += 1
            if depth == 1:
                opened = t.line
        elif t.text in _CLOSING:
            depth = max(0, depth - 1)
    return opened if depth else None
