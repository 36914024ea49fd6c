"""API for the person making the request."""

from django.http import HttpRequest
from ninja import Router, Schema

from core.api import WRITE_AUTH
from programmes.models import Membership

router = Router(tags=["me"])


class MembershipOut(Schema):
    programme: str
    role: str


class MeOut(Schema):
    username: str
    first_name: str
    last_name: str
    email: str
    organisation_id: int | None
    preferred_language: str
    memberships: list[MembershipOut]


@router.get("", response=MeOut, auth=WRITE_AUTH)
def me(request: HttpRequest) -> dict:
    """Who the session or token belongs to, and their roles."""
    user = request.user
    memberships = (
        Membership.objects.filter(user=user).select_related("programme").order_by("programme__code")
    )
    return {
        "username": user.username,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "organisation_id": user.organisation_id,
        "preferred_language": user.preferred_language,
        "memberships": [{"programme": m.programme.code, "role": m.role} for m in memberships],
    }
