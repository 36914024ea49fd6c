"""How views refuse: ask anonymous visitors to sign in, tell members they may not."""

from typing import NoReturn

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest


class LoginRequired(Exception):
    """Raised by ``refuse`` for anonymous visitors; turned into a redirect by the middleware."""


def refuse(request: HttpRequest) -> NoReturn:
    if not request.user.is_authenticated:
        raise LoginRequired
    raise PermissionDenied


class LoginRequiredMiddleware:
    """Turns ``LoginRequired`` into a redirect to the login page, back to where the visitor was."""

    def __init__(self, get_response):  # type: ignore[no-untyped-def]
        self.get_response = get_response

    def __call__(self, request: HttpRequest):  # type: ignore[no-untyped-def]
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception):  # type: ignore[no-untyped-def]
        if isinstance(exception, LoginRequired):
            return redirect_to_login(request.get_full_path())
        return None
