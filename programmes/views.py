from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.forms import InvitationForm
from accounts.models import Invitation
from accounts.services import invitation_create as invitation_create_service
from accounts.services import invitation_revoke
from core.http import refuse
from core.permissions import can_invite, can_view_programme_space
from programmes.models import Programme
from programmes.selectors import programme_page


def _programme(request: HttpRequest, code: str) -> Programme:
    return get_object_or_404(Programme.objects.visible_to(request.user), code=code.upper())


def programme_detail(request: HttpRequest, code: str) -> HttpResponse:
    programme = _programme(request, code)
    if not can_view_programme_space(request.user, programme):
        refuse(request)
    context = programme_page(programme=programme, user=request.user)
    context["programme"] = programme
    context["invitation_form"] = (
        InvitationForm(programme=programme) if context["can_invite"] else None
    )
    return render(request, "programmes/programme_detail.html", context)


def invitation_create(request: HttpRequest, code: str) -> HttpResponse:
    programme = _programme(request, code)
    if not can_invite(request.user, programme):
        refuse(request)
    form = InvitationForm(request.POST or None, programme=programme)
    if request.method == "POST" and form.is_valid():
        try:
            invitation, _link = invitation_create_service(
                programme=programme,
                invited_by=request.user,
                base_url=request.build_absolute_uri("/"),
                **form.cleaned_data,
            )
        except ValidationError as error:
            for field, problems in error.message_dict.items():
                form.add_error(field if field in form.fields else None, problems)
        else:
            messages.success(
                request, _("Invitation sent to %(email)s.") % {"email": invitation.email}
            )
            return redirect("programmes:detail", code=programme.code)
    return render(
        request,
        "programmes/invitation_form.html",
        {"programme": programme, "form": form},
        status=400 if form.is_bound else 200,
    )


@require_POST
def invitation_withdraw(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    programme = _programme(request, code)
    if not can_invite(request.user, programme):
        refuse(request)
    invitation = get_object_or_404(Invitation, pk=pk, programme=programme)
    invitation_revoke(invitation=invitation)
    messages.success(request, _("Invitation to %(email)s withdrawn.") % {"email": invitation.email})
    return redirect("programmes:detail", code=programme.code)
