"""The programme-wide duplicate review: candidate pairs, highest first, and the decisions taken.

Members of the programme read the list (they may read every activity of it); only coordinators
record decisions (``can_decide_overlap``), through ``services.overlap_decision_record``. Nothing
is ever merged: a decision only says what people will do.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from core.http import refuse
from core.permissions import can_decide_overlap, can_view_programme_space
from programmes.models import Programme
from workplan import review, services
from workplan.forms_exchange import DecisionForm
from workplan.views import _programme

PAGE_SIZE = 20


def _member_programme(request: HttpRequest, code: str) -> Programme:
    programme = _programme(request, code)
    if not can_view_programme_space(request.user, programme):
        refuse(request)
    return programme


def _form(pair: review.Pair, data: object = None) -> DecisionForm:
    return DecisionForm(data, auto_id=f"pair-{pair.first.pk}-{pair.second.pk}-%s")


def review_list(request: HttpRequest, code: str) -> HttpResponse:
    """Tab "to review": undecided candidate pairs; tab "decided": the decisions, newest first."""
    programme = _member_programme(request, code)
    can_decide = can_decide_overlap(request.user, programme)
    context: dict[str, object] = {"programme": programme, "can_decide": can_decide}
    if request.GET.get("tab") == "decided":
        page = Paginator(review.decided_pairs(user=request.user, programme=programme), PAGE_SIZE)
        page = page.get_page(request.GET.get("page"))
        decisions = list(page.object_list)
        standing = review.still_standing(decisions)
        context.update(
            tab="decided",
            page=page,
            standing_ids={
                d.pk for d in decisions if (d.activity_a_id, d.activity_b_id) in standing
            },
        )
    else:
        rows = review.review_candidates(user=request.user, programme=programme)
        page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
        pairs = review.describe_pairs(
            list(page.object_list), user=request.user, programme=programme
        )
        context.update(
            tab="open",
            page=page,
            total=len(rows),
            pairs=[(pair, _form(pair) if can_decide else None) for pair in pairs],
        )
    return render(request, "workplan/review/list.html", context)


def review_pair(request: HttpRequest, code: str, first: int, second: int) -> HttpResponse:
    """One pair with its reasons; a coordinator records a decision on it here (POST)."""
    programme = _member_programme(request, code)
    if first > second:
        return redirect("workplan:review_pair", code=programme.code, first=second, second=first)
    pair = review.pair_of(user=request.user, programme=programme, first=first, second=second)
    if pair is None:
        raise Http404
    can_decide = can_decide_overlap(request.user, programme)
    htmx = bool(request.headers.get("HX-Request"))
    form = _form(pair) if can_decide else None
    status = 200
    if request.method == "POST":
        if not can_decide:
            refuse(request)
        form = _form(pair, request.POST)
        if form.is_valid():
            try:
                decision = services.overlap_decision_record(
                    activity=pair.first,
                    other=pair.second,
                    decision=form.cleaned_data["decision"],
                    note=form.cleaned_data["note"],
                    user=request.user,
                )
            except ValidationError as error:
                for name, problems in error.message_dict.items():
                    form.add_error(name if name in form.fields else None, problems)
            else:
                if htmx:
                    return render(
                        request,
                        "workplan/review/includes/_decided.html",
                        {"programme": programme, "pair": pair, "decision": decision},
                    )
                messages.success(
                    request,
                    _("Decision recorded: %(decision)s.")
                    % {"decision": decision.get_decision_display()},
                )
                return redirect(reverse("workplan:review", args=[programme.code]))
        status = 200 if htmx else 400
    context = {"programme": programme, "pair": pair, "form": form, "can_decide": can_decide}
    if htmx:
        # htmx swaps only 2xx answers: the form comes back with its errors as 200.
        return render(request, "workplan/review/includes/_pair.html", context)
    return render(request, "workplan/review/pair.html", context, status=status)
