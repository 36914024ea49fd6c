from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.urls import translate_url
from django.utils.translation import get_language, get_language_info


def site(request: HttpRequest) -> dict[str, Any]:
    """Links to this page in the other languages: plain links, so no cookie is ever needed."""
    current = get_language()
    query = request.META.get("QUERY_STRING", "")
    alternates = []
    for code, _name in settings.LANGUAGES:
        url = translate_url(request.path, code)
        if query:
            url = f"{url}?{query}"
        info = get_language_info(code)
        alternates.append(
            {"code": code, "url": url, "name_local": info["name_local"], "current": code == current}
        )
    return {"language_alternates": alternates}
