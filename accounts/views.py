from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.forms import ApiTokenForm, InvitationSignupForm, SettingsForm
from accounts.models import ApiToken, User
from accounts.services import (
    api_token_create,
    invitation_for_token,
    user_create_from_invitation,
    user_settings_update,
)
from accounts.services import (
    api_token_revoke as api_token_revoke_service,
)
from accounts.services import (
    invitation_accept as invitation_accept_service,
)
from core.forms import SearchForm
from core.http import refuse
from core.permissions import can_view_people
from programmes.models import Membership

PAGE_SIZE = 50


def invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    """Join a programme from an invitation link: sign in (or create an account), then accept."""
    invitation = invitation_for_token(token)
    if invitation is None or not invitation.is_usable:
        return render(
            request, "accounts/invitation_invalid.html", status=410 if invitation else 404
        )
    context = {"invitation": invitation}
    if request.user.is_authenticated:
        if request.method == "POST":
            try:
                invitation_accept_service(invitation=invitation, user=request.user)
            except ValidationError:
                return render(request, "accounts/invitation_invalid.html", status=410)
            messages.success(
                request,
                _("You have joined %(programme)s.") % {"programme": invitation.programme.name},
            )
            return redirect("programmes:detail", code=invitation.programme.code)
        return render(request, "accounts/invitation_accept.html", context)

    form = InvitationSignupForm(request.POST or None, email=invitation.email)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            user = user_create_from_invitation(
                invitation=invitation,
                username=data["username"],
                first_name=data["first_name"],
                last_name=data["last_name"],
                password=data["password1"],
            )
        except ValidationError as error:
            for field, problems in error.message_dict.items():
                form.add_error(field if field in form.fields else None, problems)
        else:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(
                request,
                _("Welcome. You have joined %(programme)s.")
                % {"programme": invitation.programme.name},
            )
            return redirect("programmes:detail", code=invitation.programme.code)
    context["form"] = form
    return render(
        request, "accounts/invitation_signup.html", context, status=400 if form.is_bound else 200
    )


@login_required
def api_tokens(request: HttpRequest) -> HttpResponse:
    form = ApiTokenForm(request.POST or None)
    new_secret = None
    if request.method == "POST" and form.is_valid():
        _token, new_secret = api_token_create(user=request.user, name=form.cleaned_data["name"])
        form = ApiTokenForm()
    tokens = ApiToken.objects.filter(user=request.user)
    response = render(
        request,
        "accounts/api_tokens.html",
        {"form": form, "tokens": tokens, "new_secret": new_secret},
        status=400 if form.is_bound and form.errors else 200,
    )
    # The secret is shown once: keep it out of every cache.
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_POST
def api_token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    token = get_object_or_404(ApiToken, pk=pk, user=request.user)
    api_token_revoke_service(token=token)
    messages.success(request, _("Token “%(name)s” revoked.") % {"name": token.name})
    return redirect("accounts:api_tokens")


def people_list(request: HttpRequest) -> HttpResponse:
    """People who share a programme with the reader, searchable by name, e-mail and organisation."""
    if not can_view_people(request.user):
        refuse(request)
    form = SearchForm(request.GET or None)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    people = (
        User.objects.visible_to(request.user)
        .filter(is_active=True)
        .search(query)
        .select_related("organisation")
        .prefetch_related(
            Prefetch(
                "memberships",
                queryset=Membership.objects.visible_to(request.user).select_related("programme"),
            )
        )
        .order_by("first_name", "last_name", "username")
    )
    page = Paginator(people, PAGE_SIZE).get_page(request.GET.get("page"))
    template = (
        "accounts/includes/_people_results.html"
        if request.headers.get("HX-Request")
        else "accounts/people_list.html"
    )
    return render(request, template, {"form": form, "query": query, "page": page})


@login_required
def settings_view(request: HttpRequest) -> HttpResponse:
    """The person's own settings: language of mail to them, the weekly workplan digest."""
    form = SettingsForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        user_settings_update(
            user=request.user,
            preferred_language=form.cleaned_data["preferred_language"],
            workplan_digest=form.cleaned_data["workplan_digest"],
        )
        messages.success(request, _("Your settings were saved."))
        return redirect("accounts:settings")
    return render(
        request, "accounts/settings.html", {"form": form}, status=400 if form.errors else 200
    )
