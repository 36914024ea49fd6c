"""What other apps' pages show of the members' directory pages, decided by ``core.permissions``."""

from typing import Any

from django import template

from core.permissions import can_manage_directory, can_propose_new_service

register = template.Library()


@register.simple_tag(takes_context=True)
def directory_access(context: template.Context, programme: Any) -> dict[str, bool]:
    """``{% directory_access programme as access %}``: may the person manage the programme's
    directory (``access.manage``), or propose services and changes to it (``access.propose``)?"""
    request = context.get("request")
    user = getattr(request, "user", None)
    manage = can_manage_directory(user, programme)
    return {"manage": manage, "propose": not manage and can_propose_new_service(user, programme)}
