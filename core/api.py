"""What every API router shares: who is asking, and one shape for every error.

Every error answers ``{"error": {"status", "code", "message", "fields"}}`` in the language the
client asks for (Accept-Language), so a script and a person read the same thing.
"""

from __future__ import annotations

import logging
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.db import IntegrityError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as SchemaValidationError
from ninja.security import APIKeyCookie, HttpBearer
from ninja.utils import check_csrf

from accounts.services import api_token_user

logger = logging.getLogger(__name__)


class TokenAuth(HttpBearer):
    """A personal API token in ``Authorization: Bearer <token>``. A wrong token is refused, not ignored."""

    def __call__(self, request: HttpRequest) -> Any:
        header = request.headers.get("Authorization", "")
        if not header:
            return None
        scheme, _sep, secret = header.partition(" ")
        if scheme.lower() != "bearer" or not secret.strip():
            raise AuthenticationError(401, _("Send the token as “Authorization: Bearer <token>”."))
        return self.authenticate(request, secret.strip())

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = api_token_user(token)
        if user is None:
            raise AuthenticationError(401, _("This API token is not valid or has been revoked."))
        # Attribute history records and permission checks to the token's owner.
        request.user = user
        return user


class SessionAuth(APIKeyCookie):
    """The browser session of a signed-in person; changes need the CSRF token as on any form."""

    param_name = "sessionid"

    def _get_key(self, request: HttpRequest) -> str | None:
        # Without a signed-in session there is nothing to forge: let the request fall through to
        # 401 ("sign in or send a token") rather than a CSRF refusal that tells a script nothing.
        if not request.user.is_authenticated:
            return None
        if request.method not in ("GET", "HEAD", "OPTIONS") and check_csrf(request):
            raise HttpError(
                403, _("The CSRF token is missing or wrong: reload the page and try again.")
            )
        return request.COOKIES.get(self.param_name)

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        return request.user if request.user.is_authenticated else None


class AnonymousAuth(APIKeyCookie):
    """Lets anonymous readers through to public records (the last of the read authenticators)."""

    param_name = "sessionid"

    def _get_key(self, request: HttpRequest) -> str | None:
        return None

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        return AnonymousUser()


# Reads: a token, a session or nobody. Writes: a token or a session.
READ_AUTH = [TokenAuth(), SessionAuth(), AnonymousAuth()]
WRITE_AUTH = [TokenAuth(), SessionAuth()]


def error_body(
    status: int, code: str, message: str, fields: dict[str, list[str]] | None = None
) -> dict:
    return {"error": {"status": status, "code": code, "message": message, "fields": fields or {}}}


def _respond(
    api: NinjaAPI,
    request: HttpRequest,
    status: int,
    code: str,
    message: str,
    fields: dict[str, list[str]] | None = None,
) -> HttpResponse:
    return api.create_response(request, error_body(status, code, message, fields), status=status)


def _schema_fields(errors: list[dict[str, Any]]) -> dict[str, list[str]]:
    fields: dict[str, list[str]] = {}
    for error in errors:
        location = [
            str(part)
            for part in error.get("loc", [])
            if part not in ("body", "payload", "query", "path")
        ]
        name = ".".join(location) or "__all__"
        fields.setdefault(name, []).append(str(error.get("msg", "")))
    return fields


def install_error_handlers(api: NinjaAPI) -> None:
    @api.exception_handler(SchemaValidationError)
    def schema_invalid(request: HttpRequest, exc: SchemaValidationError) -> HttpResponse:
        return _respond(
            api,
            request,
            422,
            "invalid_request",
            _("The request is not in the expected form: see the fields."),
            _schema_fields(exc.errors),
        )

    @api.exception_handler(ValidationError)
    def invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        if hasattr(exc, "error_dict"):
            fields = {
                name: [str(m) for m in messages] for name, messages in exc.message_dict.items()
            }
        else:
            fields = {"__all__": [str(m) for m in exc.messages]}
        return _respond(
            api, request, 400, "invalid", _("Some values are not valid: see the fields."), fields
        )

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        message = (
            str(exc.message)
            if getattr(exc, "message", None) and exc.message != "Unauthorized"
            else _("Sign in or send a personal API token.")
        )
        return _respond(api, request, 401, "unauthenticated", message)

    @api.exception_handler(PermissionDenied)
    def forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
        return _respond(
            api, request, 403, "forbidden", str(exc) or _("Your role does not allow this.")
        )

    @api.exception_handler(Http404)
    def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        return _respond(
            api, request, 404, "not_found", _("There is no such record, or you may not see it.")
        )

    @api.exception_handler(ObjectDoesNotExist)
    def does_not_exist(request: HttpRequest, exc: ObjectDoesNotExist) -> HttpResponse:
        return not_found(request, Http404())

    @api.exception_handler(IntegrityError)
    def conflict(request: HttpRequest, exc: IntegrityError) -> HttpResponse:
        return _respond(
            api,
            request,
            409,
            "conflict",
            _(
                "Another change got there first and this one would clash with it: reload and try again."
            ),
        )

    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        codes = {
            401: "unauthenticated",
            403: "forbidden",
            404: "not_found",
            405: "method_not_allowed",
        }
        return _respond(
            api, request, exc.status_code, codes.get(exc.status_code, "error"), str(exc)
        )

    @api.exception_handler(Exception)
    def server_error(request: HttpRequest, exc: Exception) -> HttpResponse:
        logger.exception("API error on %s %s", request.method, request.path)
        return _respond(
            api,
            request,
            500,
            "server_error",
            _("The hub could not complete this request; nothing was saved. Try again later."),
        )


def forbid(message: str | None = None) -> None:
    raise PermissionDenied(message or _("Your role does not allow this."))


class ApiErrorShapeMiddleware:
    """Give the API's own 404 and 405 answers (unknown path, wrong method) the one error shape.

    django-ninja answers those before our exception handlers run, in plain text or HTML.
    """

    def __init__(self, get_response):  # type: ignore[no-untyped-def]
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if not request.path.startswith("/api/") or response.status_code not in (404, 405):
            return response
        if response.get("Content-Type", "").startswith("application/json"):
            return response
        if response.status_code == 404:
            body = error_body(404, "not_found", _("There is no such address in the API."))
        else:
            body = error_body(
                405,
                "method_not_allowed",
                _("This address does not accept %(method)s.") % {"method": request.method},
            )
        shaped = JsonResponse(body, status=response.status_code)
        if response.has_header("Allow"):
            shaped["Allow"] = response["Allow"]
        return shaped
