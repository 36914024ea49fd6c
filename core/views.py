from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from core.permissions import access_of
from programmes.models import Programme


def home(request: HttpRequest) -> HttpResponse:
    """The public landing page: what the hub is, and the programmes it serves."""
    programmes = Programme.objects.visible_to(request.user).order_by("kind", "name")
    my_programme_ids = access_of(request.user).programme_ids
    return render(
        request,
        "core/home.html",
        {"programmes": programmes, "my_programme_ids": my_programme_ids},
    )
