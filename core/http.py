"""How views refuse: ask anonymous visitors to sign in, tell members they may not."""

from typing import NoReturn

from django.conf import settings
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


class ReferrerPolicyMiddleware:
    """``no-referrer`` on every page, except pages that hold a CSRF-protected form.

    Under ``no-referrer`` browsers send ``Origin: null`` with a form POST (Fetch standard), which
    Django's CSRF check rightly refuses. So a page that rendered a CSRF token says
    ``same-origin``: its own forms carry a real Origin, and still no address leaks to another
    host. Public pages without such forms keep the strict ``no-referrer``.
    """

    def __init__(self, get_response):  # type: ignore[no-untyped-def]
        self.get_response = get_response

    def __call__(self, request: HttpRequest):  # type: ignore[no-untyped-def]
        response = self.get_response(request)
        # A page that used its CSRF token (re)sets the cookie; views decorated with
        # csrf_protect have already reset the request flag by the time we see the response.
        used_token = request.META.get("CSRF_COOKIE_NEEDS_UPDATE") or (
            settings.CSRF_COOKIE_NAME in response.cookies
        )
        if used_token:
            response["Referrer-Policy"] = "same-origin"
        else:
            response["Referrer-Policy"] = "no-referrer"
        return response
