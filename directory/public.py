"""Protecting the public pages without cookies and without keeping anything about visitors.

- A form carries a signed, expiring token instead of a CSRF cookie: it proves the form came from
  this site for this service, recently, and not too quickly for a person.
- Rate limits count in the cache under a hash of the visitor's address and the current hour,
  salted with the secret key: the counter expires within the hour and cannot be turned back
  into an address.
"""

import hashlib
import time

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.http import HttpRequest

_SALT = "directory.public-form"
TOKEN_MAX_AGE = 2 * 60 * 60  # seconds a form stays valid
TOKEN_MIN_AGE = 3  # seconds: faster than any person reads and types


def form_token(purpose: str) -> str:
    return signing.dumps({"p": purpose, "t": int(time.time())}, salt=_SALT)


def form_token_valid(token: str, purpose: str) -> bool:
    try:
        data = signing.loads(token, salt=_SALT, max_age=TOKEN_MAX_AGE)
    except signing.BadSignature:
        return False
    return data.get("p") == purpose and time.time() - data.get("t", 0) >= TOKEN_MIN_AGE


def client_address(request: HttpRequest) -> str:
    """The visitor's address, read past the PROXY_COUNT proxies the deployment says it has."""
    proxies = settings.PROXY_COUNT
    if proxies:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def rate_limited(request: HttpRequest, bucket: str, limit: int) -> bool:
    """Count one more action for this visitor in this hour; True when over the limit."""
    hour = int(time.time() // 3600)
    address = client_address(request)
    digest = hashlib.sha256(
        f"{settings.SECRET_KEY}|{bucket}|{hour}|{address}".encode()
    ).hexdigest()[:32]
    key = f"rl:{digest}"
    cache.add(key, 0, timeout=3600)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=3600)
        count = 1
    return count > limit
