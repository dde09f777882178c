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
# Every pattern below is linear-time on hostile input: bracket contents exclude brackets, and lazy
# spans are bounded, so a 1 MB cell of "[" or "*a " cannot make a regex backtrack for minutes.
_IMAGE = re.compile(r"!\[([^\[\]]{0,1000})\]\([^()]{0,2000}\)")
# [text](target "title"): one level of brackets in the text, of parentheses in the target.
_LINK = re.compile(
    r"\[((?:[^\[\]]|\[[^\[\]]{0,500}\]){0,1000})\]\((?:[^()\s]|\([^()]{0,500}\)){0,2000}"
    r"(?:\s+\"[^\"]{0,500}\")?\)"
)
_REFLINK = re.compile(r"\[([^\[\]]{1,1000})\]\[[^\[\]]{0,1000}\]")
# Emphasis content never contains its own delimiter, so a scan stops at the next one (linear).
_EMPHS = tuple(
    re.compile(p)
    for p in (
        r"\*\*(?=\S)([^*]{1,1000}?)(?<=\S)\*\*",
        r"(?<!\w)__(?=\S)([^_]{1,1000}?)(?<=\S)__(?!\w)",
        r"\*(?=\S)([^*]{1,1000}?)(?<=\S)\*",
        r"(?<!\w)_(?=\S)([^_]{1,1000}?)(?<=\S)_(?!\w)",
        r"~~(?=\S)([^~]{1,1000}?)(?<=\S)~~",
    )
)
_CODE = re.compile(r"(`+)(.{1,1000}?)\1")
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
    for _ in range(3):  # nested links/emphasis: [**x**](y), ***x***
        s2 = _REFLINK.sub(r"\1", _LINK.sub(r"\1", s))
        for emph in _EMPHS:
            s2 = emph.sub(r"\1", s2)
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
