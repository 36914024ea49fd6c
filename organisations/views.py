from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from core.forms import SearchForm
from organisations.models import Organisation
from programmes.models import Programme

PAGE_SIZE = 50


def organisation_list(request: HttpRequest) -> HttpResponse:
    """Organisations the reader may see, searchable in either language and by acronym."""
    form = SearchForm(request.GET or None)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    organisations = (
        Organisation.objects.visible_to(request.user)
        .search(query)
        .select_related("parent")
        .prefetch_related(
            Prefetch(
                "programmes", queryset=Programme.objects.visible_to(request.user).order_by("code")
            )
        )
        .order_by("name")
    )
    page = Paginator(organisations, PAGE_SIZE).get_page(request.GET.get("page"))
    template = (
        "organisations/includes/_results.html"
        if request.headers.get("HX-Request")
        else "organisations/organisation_list.html"
    )
    return render(request, template, {"form": form, "query": query, "page": page})
