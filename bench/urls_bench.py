"""The product's URLs plus a bare page, for the served-throughput benchmark only.

The bare page runs through the same middleware as every page of the hub and returns a constant:
it measures what the stack costs before the search view does any work.
"""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from config.urls import urlpatterns as product_urlpatterns


def bare(request: HttpRequest) -> HttpResponse:
    return HttpResponse(b"ok", content_type="text/plain")


urlpatterns = [path("bench/bare/", bare, name="bench_bare"), *product_urlpatterns]
