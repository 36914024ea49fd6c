"""Whole pages of the public directory, kept for a minute for anonymous visitors.

Every anonymous visitor of a public page gets the same page for the same address: no cookie, no
account, nothing personal. So the answer to one can serve the next, and a busy night (a campaign
on television, a hotline reading out the address) costs the server a cache read per visitor
instead of a search and a page render.

What is never kept:
- pages for a signed-in member (they may show confidential locations and private phones);
- a search with a shared location (``lat``/``lon``): the location is used for that answer only,
  and a cache entry keyed by it would be a record of where someone was;
- anything but a plain 200 answer to GET or HEAD, and any answer that sets a cookie.

A page is kept ``DIRECTORY_PAGE_CACHE_SECONDS`` (60 by default; 0 turns the cache off) in the
``public_pages`` cache, and is dropped at once when this process changes the directory
(``directory_version`` is part of the key). Other processes see a change within that time. Pages
that depend on the clock ("open now") are kept only until the minute changes. The keys are
SHA-256 digests of the page's language, path and parameters.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.core.cache import caches
from django.http import HttpRequest, HttpResponse
from django.utils.translation import get_language

from directory.search import directory_version

CACHE_ALIAS = "public_pages"
# Never kept, whatever else the address says: see the module's docstring.
PRIVATE_PARAMETERS = frozenset({"lat", "lon"})
# Answers that change with the clock.
CLOCK_PARAMETERS = frozenset({"open_now"})

View = Callable[..., HttpResponse]


def _cacheable(request: HttpRequest) -> bool:
    if request.method not in ("GET", "HEAD"):
        return False
    if PRIVATE_PARAMETERS.intersection(request.GET):
        return False
    user = getattr(request, "user", None)
    return user is None or not user.is_authenticated


def page_key(request: HttpRequest) -> str:
    """The cache key of this request's page (only for requests ``_cacheable`` accepts)."""
    parameters = sorted((name, value) for name, values in request.GET.lists() for value in values)
    parts = [
        get_language() or "",
        request.path,
        repr(parameters),
        "partial" if request.headers.get("HX-Request") else "page",
        str(directory_version()),
    ]
    if CLOCK_PARAMETERS.intersection(request.GET):
        parts.append(str(int(time.time() // 60)))
    return "page:" + hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


def public_page_cache(view: View) -> View:
    """Serve this public view's anonymous answers from the page cache (see the module)."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        seconds = settings.DIRECTORY_PAGE_CACHE_SECONDS
        if seconds <= 0 or not _cacheable(request):
            return view(request, *args, **kwargs)
        store = caches[CACHE_ALIAS]
        key = page_key(request)
        response = store.get(key)
        if response is not None:
            return response
        response = view(request, *args, **kwargs)
        if response.status_code == 200 and not response.streaming and not response.cookies:
            if CLOCK_PARAMETERS.intersection(request.GET):
                seconds = min(seconds, 60 - int(time.time()) % 60)
            store.set(key, response, seconds)
        return response

    return wrapped
