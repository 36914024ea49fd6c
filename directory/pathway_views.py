"""The referral pathway of a community: a printable page and a PDF, public and in either language.

Like every public page of the directory they set no cookie. The PDF is drawn by WeasyPrint from a
template of its own and loads nothing from another host: its fetcher reads our static files from
disk and refuses every other address.
"""

from __future__ import annotations

import posixpath
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import segno
from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

from directory.pathway import Pathway, area_tree, build_pathway, pathway_areas
from programmes.models import Area, Programme


class StaticFilesFetcher(URLFetcher):
    """Gives WeasyPrint our own static files, read from disk, and nothing else.

    Any other address (another host, a file elsewhere on the server, a data: URL) is refused, so
    rendering a PDF never opens a connection.
    """

    def __init__(self, base_url: str) -> None:
        super().__init__(allowed_protocols=())
        parts = urlsplit(base_url)
        self._origin = (parts.scheme, parts.netloc)

    def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
        parts = urlsplit(url)
        prefix = urlsplit(settings.STATIC_URL).path
        if (parts.scheme, parts.netloc) != self._origin or not parts.path.startswith(prefix):
            raise ValueError(f"Only the hub's static files may be loaded, not {url}")
        name = posixpath.normpath(unquote(parts.path[len(prefix) :]))
        if name.startswith(("/", "..")):
            raise ValueError(f"Not a static file: {url}")
        path = _static_path(name)
        if path is None:
            raise ValueError(f"No such static file: {name}")
        mime = "text/css" if name.endswith(".css") else "application/octet-stream"
        return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": mime})


def _static_path(name: str) -> Path | None:
    """The file behind a static name: collected (possibly hashed) in production, else the app's."""
    try:
        if staticfiles_storage.exists(name):
            return Path(staticfiles_storage.path(name))
    except NotImplementedError:  # a storage without local files
        pass
    found = finders.find(name)
    return Path(found) if isinstance(found, str) else None


def _programme(code: str) -> Programme:
    # Read once for the page's banner and quick exit, and for the pathway itself.
    programmes = (
        Programme.objects.active().select_related("directory_settings").prefetch_related("hotlines")
    )
    return get_object_or_404(programmes, code=code.upper())


def _area(programme: Programme, area_id: int) -> Area:
    return get_object_or_404(pathway_areas(programme), pk=area_id)


def _search_url(request: HttpRequest, pathway: Pathway) -> str:
    """The online directory, filtered to the community, as an absolute address for the QR code."""
    path = reverse("directory:search", args=[pathway.programme.code])
    return request.build_absolute_uri(f"{path}?area={pathway.area.pk}")


def _qr_svg(url: str) -> str:
    """The QR code as inline SVG: no image to fetch, and sharp at any print size."""
    code = segno.make(url, error="m")
    return code.svg_inline(border=2, omitsize=True, svgclass="qr", lineclass=None, light="#fff")


def _context(request: HttpRequest, pathway: Pathway) -> dict[str, Any]:
    search_url = _search_url(request, pathway)
    return {
        "programme": pathway.programme,
        "area": pathway.area,
        "pathway": pathway,
        "search_url": search_url,
        "qr_svg": _qr_svg(search_url),
    }


def pathway_list(request: HttpRequest, code: str) -> HttpResponse:
    """The communities (and larger areas) to choose a pathway for."""
    programme = _programme(code)
    return render(
        request,
        "directory/pathway/list.html",
        {"programme": programme, "areas": area_tree(programme)},
    )


def pathway(request: HttpRequest, code: str, area_id: int) -> HttpResponse:
    programme = _programme(code)
    area = _area(programme, area_id)
    return render(
        request,
        "directory/pathway/pathway.html",
        _context(request, build_pathway(programme, area)),
    )


def pathway_pdf(request: HttpRequest, code: str, area_id: int) -> HttpResponse:
    """The same pathway as a PDF, in the language of the address.

    ``Cache-Control: no-store``: the content is public, but a copy left in the browser's cache is
    a trace on a phone that an abuser may check, and safety comes first. Rendering it again costs
    the server a fraction of a second.
    """
    programme = _programme(code)
    area = _area(programme, area_id)
    pathway = build_pathway(programme, area)
    html = render_to_string("directory/pathway/pdf.html", _context(request, pathway), request)
    base_url = request.build_absolute_uri("/")
    document = HTML(string=html, base_url=base_url, url_fetcher=StaticFilesFetcher(base_url))
    pdf = document.write_pdf()
    language = get_language() or settings.LANGUAGE_CODE
    name = "-".join(
        part
        for part in (
            slugify(_("referral pathway")),
            programme.code,
            slugify(area.name)[:60],
            language,
        )
        if part
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(False, f"{name}.pdf")
    response["Cache-Control"] = "no-store"
    return response
