"""HTML of untrusted sources made safe to show (nh3 allow-list) and readable as plain text."""

from __future__ import annotations

import html
import re
from functools import lru_cache
from typing import Literal

import nh3

from normalizers.memo import text_memo

MAX_INPUT_CHARS = 1_000_000
"""Longer inputs are cut before sanitizing: no real offer is that long, and it bounds the work."""

MAX_TAGS = 5_000
"""Above this many tags the markup is read as text: the HTML parser is slow on deep nesting."""

ALLOWED_TAGS = frozenset(
    {"p", "br", "ul", "ol", "li", "strong", "em", "b", "i", "h2", "h3", "h4", "a"}
)
_ALLOWED_ATTRIBUTES = {"a": {"href"}}
_URL_SCHEMES = {"http", "https", "mailto"}
_LINK_REL = "nofollow noopener"
# Dropped with everything inside them (nh3 keeps the text of other unknown tags).
_DROPPED_WITH_CONTENT = {
    "script",
    "style",
    "iframe",
    "noscript",
    "object",
    "embed",
    "template",
    "svg",
    "math",
    "textarea",
    "select",
    "title",
    "head",
}

_TAG = re.compile(r"<\s*/?\s*[a-zA-Z][^>]*>|<!--")
_TAG_START = re.compile(r"<\s*/?\s*[a-zA-Z]")
_BLOCK_TAG = re.compile(
    r"<\s*/?\s*(p|br|div|ul|ol|li|h[1-6]|table|tr|section|article|blockquote|pre|hr|dl|dd|dt)\b",
    re.I,
)
_ESCAPED_TAG = re.compile(r"&lt;\s*/?\s*(p|br|div|ul|ol|li|strong|b|em|i|h[1-6]|span|a)\b", re.I)
_HEADING_TOP = re.compile(r"<(\s*/?\s*)h1\b", re.I)
_HEADING_DEEP = re.compile(r"<(\s*/?\s*)h[56]\b", re.I)
# Block tags nh3 removes (keeping their text): a line break after each keeps the blocks apart.
_LOST_BLOCK_END = re.compile(
    r"<\s*/\s*(div|section|article|header|footer|aside|main|tr|table|dd|dt|dl|blockquote|"
    r"pre|address|figure|figcaption|center)\s*>",
    re.I,
)
_LOST_BLOCK_BREAK = re.compile(r"<\s*(hr|tr)\b[^>]*>", re.I)
_CELL_END = re.compile(r"<\s*/\s*t[dh]\s*>", re.I)
_DROPPED_ELEMENT = re.compile(
    r"<\s*(script|style|iframe|noscript|object|template|svg|math|textarea|select|title|head)\b"
    r".*?<\s*/\s*\1\s*>",
    re.I | re.S,
)
# Written to open with a plain "<br>": the regex engine then jumps from one to the next.
_BREAK_RUN = re.compile(r"<br>\s*(?:<br>\s*){2,}")
_LEADING_BREAKS = re.compile(r"(?:\s*<br>)+")
_BREAK = "<br>"
_EMPTY_ELEMENT = re.compile(r"<(p|li|strong|em|b|i|h[234])>\s*</\1>")
_LINK_WITHOUT_HREF = re.compile(r'<a rel="nofollow noopener">(.*?)</a>', re.S)
_BLANK_LINES = re.compile(r"\n\s*\n")


def _paragraphs(text: str, escape: bool) -> str:
    """Blank lines separate paragraphs, single newlines are line breaks."""
    rendered = []
    for paragraph in _BLANK_LINES.split(text.replace("\r\n", "\n").replace("\r", "\n")):
        lines = [line.strip() for line in paragraph.strip().split("\n")]
        if escape:
            lines = [html.escape(line, quote=False) for line in lines]
        if any(lines):
            rendered.append("<p>" + "<br>".join(lines) + "</p>")
    return "".join(rendered)


CLEANERS = 64
"""Sanitizers kept, one per base address of relative links (a source's feed, its pages)."""


@lru_cache(maxsize=CLEANERS)
def _cleaner(base_url: str | None) -> nh3.Cleaner:
    """The sanitizer of `_clean`, built once for each base address (building one costs about
    half as much as cleaning a description with it): relative links resolved against an
    http(s) `base_url`, else dropped."""
    url_relative: Literal["deny"] | tuple[Literal["rewrite_with_base"], str] = "deny"
    if base_url and base_url.lower().startswith(("http://", "https://")):
        url_relative = ("rewrite_with_base", base_url)
    return nh3.Cleaner(
        tags=set(ALLOWED_TAGS),
        clean_content_tags=_DROPPED_WITH_CONTENT,
        attributes=_ALLOWED_ATTRIBUTES,
        url_schemes=_URL_SCHEMES,
        link_rel=_LINK_REL,
        strip_comments=True,
        url_relative=url_relative,
    )


def _clean(markup: str, base_url: str | None) -> str:
    if not (base_url and base_url.lower().startswith(("http://", "https://"))):
        base_url = None  # every other address denies relative links alike
    return _cleaner(base_url).clean(markup)


def _markup_as_text(markup: str) -> str:
    """Too much markup to parse safely in time: keep its words, as escaped paragraphs."""
    text = _DROPPED_ELEMENT.sub(" ", markup)
    text = _BLOCK_TAG.sub("\n\n\\g<0>", text)
    text = html.unescape(_TAG.sub(" ", text))
    return _paragraphs(text, escape=True)


@text_memo
def sanitize_html(text: str | None, *, base_url: str | None = None) -> str:
    """Safe HTML for `text`: HTML is cleaned to a small allow-list, plain text becomes paragraphs.

    Links keep only http, https and mailto targets and get rel="nofollow noopener"; relative links
    are resolved against `base_url` when it is given, else dropped. Scripts, styles, frames,
    images, forms and event handlers never come out.
    """
    if not text:
        return ""
    text = text[:MAX_INPUT_CHARS].replace("\x00", "")
    if _TAG.search(text) is None:
        if _ESCAPED_TAG.search(text) is None:
            return _paragraphs(html.unescape(text), escape=True)
        text = html.unescape(text)  # HTML escaped once more by the feed: read it as HTML
    if sum(1 for _ in _TAG_START.finditer(text)) > MAX_TAGS:
        return _markup_as_text(text)
    if _BLOCK_TAG.search(text) is None:
        text = _paragraphs(text, escape=False)  # text with a few inline tags: keep its lines
    text = _HEADING_TOP.sub(r"<\1h2", text)
    text = _HEADING_DEEP.sub(r"<\1h4", text)
    text = _LOST_BLOCK_END.sub(r"\g<0><br>", text)
    text = _LOST_BLOCK_BREAK.sub(r"<br>\g<0>", text)
    text = _CELL_END.sub(r"\g<0> ", text)
    cleaned = _clean(text, base_url)
    cleaned = _LINK_WITHOUT_HREF.sub(r"\1", cleaned)
    cleaned = _EMPTY_ELEMENT.sub("", cleaned)
    cleaned = _BREAK_RUN.sub("<br><br>", cleaned)
    return _without_edge_breaks(cleaned).strip()


def _without_edge_breaks(markup: str) -> str:
    """`markup` without the line breaks (and the spaces between them) that open or end it."""
    leading = _LEADING_BREAKS.match(markup)
    if leading:
        markup = markup[leading.end() :]
    # The trailing run, read backwards: each "<br>" with the spaces after it.
    start = end = len(markup)
    while (body := markup[:end].rstrip()).endswith(_BREAK):
        start = end = len(body) - len(_BREAK)
    return markup[:start]


_BLOCK_START = re.compile(r"<(p|ul|ol|h[234])>")
_BLOCK_END = re.compile(r"</(p|ul|ol|h[234])>")
_ANY_TAG = re.compile(r"<[^>]*>")
_MANY_NEWLINES = re.compile(r"\n\n\n+")


@text_memo
def html_to_text(text: str | None) -> str:
    """Readable plain text of `text` (HTML or not): blocks on their own lines, entities decoded.

    Runs of spaces become one space, lines are trimmed and at most one blank line separates
    paragraphs; list items start with "- ".
    """
    if not text:
        return ""
    markup = sanitize_html(text).replace("\n", " ")
    markup = _BLOCK_START.sub("\n\n", markup)
    markup = _BLOCK_END.sub("\n\n", markup)
    markup = markup.replace("<br>", "\n").replace("<li>", "\n- ")
    plain = html.unescape(_ANY_TAG.sub("", markup)).replace("\xa0", " ")
    # each line's runs of spaces as one, trimmed
    lines = (" ".join(line.split()) for line in plain.split("\n"))
    return _MANY_NEWLINES.sub("\n\n", "\n".join(lines)).strip()
