"""What the shared navigation shows a member, decided by ``core.permissions``."""

from typing import Any

from django import template

from core.permissions import can_view_programme_space

register = template.Library()


@register.simple_tag(takes_context=True)
def is_member_of(context: template.Context, programme: Any) -> bool:
    """``{% is_member_of programme as member %}``: does the person work in ``programme``?

    Reads the memberships already cached on the user by the page's own permission checks, so
    the navigation adds no query to a page inside a programme.
    """
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not getattr(programme, "pk", None):
        return False
    return can_view_programme_space(user, programme)
