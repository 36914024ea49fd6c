"""Minutes are written in Markdown and shown as HTML cleaned by nh3 (the Rust ``ammonia``).

Markdown lets a secretariat type headings, lists and tables during a meeting without a rich-text
editor (which would need JavaScript); nh3 keeps only the tags below, drops scripts, styles and
event handlers with their content, and allows only http, https and mailto links.
"""

from __future__ import annotations

import markdown as markdown_lib
import nh3
from django.utils.safestring import SafeString, mark_safe

ALLOWED_TAGS = {
    "a",
    "abbr",
    "blockquote",
    "br",
    "code",
    "dd",
    "del",
    "dl",
    "dt",
    "em",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "li",
    "ol",
    "p",
    "pre",
    "strong",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "tr",
    "ul",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "th": {"scope"}}


def render(text: str) -> SafeString:
    """Sanitised HTML of Markdown ``text``. A ``# heading`` becomes an h2: the page has the h1."""
    html = markdown_lib.markdown(
        text or "",
        extensions=["tables", "sane_lists", "def_list", "abbr"],
        output_format="html",
    )
    html = html.replace("<h1>", "<h2>").replace("</h1>", "</h2>")
    cleaned = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    )
    return mark_safe(cleaned)  # noqa: S308 - cleaned by nh3 just above
