from typing import Any

from django.conf import settings
from django.http import HttpRequest


def public(request: HttpRequest) -> dict[str, Any]:
    return {"default_quick_exit_url": settings.DIRECTORY_QUICK_EXIT_URL}
