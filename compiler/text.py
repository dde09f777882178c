"""Markdown-to-plain-text and slug helpers shared by every stage.

Cells are small and numerous, so plain text is made with a few compiled regexes rather than a
second markdown-it pass: this keeps a compile within a small factor of the bare parse.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache

# Every spelling of a line break seen in real matrices: <br>, <br/>, <br />, <br></br>, stray </br>.
_BR = re.compile(r"<\s*/?\s*br\s*/?\s*>(?:\s*<\s*/\s*br\s*>)?", re.IGNORECASE)
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
# [text](target "title"), allowing one level of balanced parentheses in the target.
_LINK = re.compile(r"\[((?:[^\[\]]|\[[^\]]*\])*)\]\((?:[^()\s]|\([^()]*\))*(?:\s+\"[^\"]*\")?\)")
_REFLINK = re.compile(r"\[([^\]]+)\]\[[^\]]*\]")
_EMPH = re.compile(r"(\*\*\*|\*\*|__|\*|_(?=\S)|~~)(?=\S)(.+?)(?<=\S)\1")
_CODE = re.compile(r"(`+)(.+?)\1")
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
_SPACE = re.compile(r"[ \t\u00a0]+")
_MARKUP = re.compile(r"[*_\[\]<>&\\!~`]")

_SLUG_DROP = re.compile(r"[^\w\- ]", re.UNICODE)


def split_breaks(raw: str) -> list[str]:
    """The pieces of a cell between its line breaks, as written (Markdown kept)."""
    return _BR.split(raw)


@lru_cache(maxsize=16384)
def inline_text(raw: str) -> str:
    """Plain text of one line of inline Markdown: markup, links, tags gone; entities decoded."""
    if _MARKUP.search(raw) is None:  # most cells: "Yes", "No", "16 or less"
        return _SPACE.sub(" ", raw).strip()
    s = _COMMENT.sub("", raw)
    codes: list[str] = []

    def keep_code(m: re.Match[str]) -> str:
        codes.append(m.group(2).strip())
        return f"\x00{len(codes) - 1}\x00"

    s = _CODE.sub(keep_code, s)
    s = _IMAGE.sub(r"\1", s)
    for _ in range(3):  # nested links/emphasis: [**x**](y)
        s2 = _EMPH.sub(r"\2", _REFLINK.sub(r"\1", _LINK.sub(r"\1", s)))
        if s2 == s:
            break
        s = s2
    s = _TAG.sub("", s)
    s = _ESCAPE.sub(r"\1", s)
    s = html.unescape(s)
    if codes:
        s = re.sub(r"\x00(\d+)\x00", lambda m: codes[int(m.group(1))], s)
    return _SPACE.sub(" ", s).strip()


@lru_cache(maxsize=16384)
def to_text(raw: str) -> str:
    """Plain text of a cell: one line per non-empty piece between line breaks, joined by '\\n'."""
    lines = (inline_text(piece) for piece in split_breaks(raw))
    return "\n".join(line for line in lines if line)


def slugify(text: str) -> str:
    """GitHub's heading-anchor slug: lower case, punctuation dropped, spaces to hyphens.

    Like GitHub, runs of hyphens are kept ("Disk > 1 TB" -> "disk--1-tb"), so ids are anchors.
    """
    return _SLUG_DROP.sub("", text.strip().lower()).replace(" ", "-")


def unique_slug(slug: str, seen: dict[str, int]) -> str:
    """GitHub's de-duplication: the second 'x' becomes 'x-1', the third 'x-2'."""
    if slug not in seen:
        seen[slug] = 0
        return slug
    while True:
        seen[slug] += 1
        candidate = f"{slug}-{seen[slug]}"
        if candidate not in seen:
            seen[candidate] = 0
            return candidate
