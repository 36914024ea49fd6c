"""Who may read and who may change what: the one place that decides.

Reading is decided by ``visible_q`` (used by every ``visible_to(user)`` selector); changing is
decided by the ``can_*`` functions. Views, API endpoints and commands call these and never
filter or check roles on their own.

Rules:
- Anyone, signed in or not, reads what is public.
- A member of a programme reads what belongs to it; a member of any programme in a region reads
  what is shared with that region.
- A coordinator changes the programme's own records and invites people to it.
- Agency focal points, partners and observers read; later apps give focal points and partners
  the right to change their own organisation's records, and they add those rules here.
- A superuser reads and changes everything (installation administrators).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db.models import Q

from core.models import Visibility

if TYPE_CHECKING:
    from organisations.models import Organisation
    from programmes.models import Programme

# Roles in the order of what they may do; checked by ``can_*`` below.
COORDINATOR = "coordinator"
FOCAL_POINT = "focal_point"
PARTNER = "partner"
OBSERVER = "observer"

_CACHE_ATTR = "_hub_access"


@dataclass(frozen=True)
class Access:
    """What one user is: the programmes they belong to, with their role and region."""

    is_superuser: bool
    roles: dict[int, str]  # programme id -> role
    regions: frozenset[str]

    @property
    def programme_ids(self) -> set[int]:
        return set(self.roles)

    def role_in(self, programme_id: int) -> str | None:
        return self.roles.get(programme_id)


_ANONYMOUS = Access(is_superuser=False, roles={}, regions=frozenset())


def access_of(user: Any) -> Access:
    """The user's memberships, read once per request and kept on the user object."""
    if user is None or not user.is_authenticated or not user.is_active:
        return _ANONYMOUS
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is not None:
        return cached
    from programmes.models import Membership

    rows = Membership.objects.filter(user=user, programme__is_active=True).values_list(
        "programme_id", "role", "programme__region"
    )
    roles: dict[int, str] = {}
    regions: set[str] = set()
    for programme_id, role, region in rows:
        roles[programme_id] = role
        regions.add(region)
    result = Access(is_superuser=user.is_superuser, roles=roles, regions=frozenset(regions))
    setattr(user, _CACHE_ATTR, result)
    return result


def forget_access(user: Any) -> None:
    """Drop the cached memberships after they change within a request."""
    if hasattr(user, _CACHE_ATTR):
        delattr(user, _CACHE_ATTR)


def visible_q(
    user: Any, *, programme_path: str = "programme", visibility_field: str = "visibility"
) -> Q:
    """The condition a record with a programme and a visibility must meet to be read by ``user``."""
    access = access_of(user)
    if access.is_superuser:
        return Q()
    condition = Q(**{visibility_field: Visibility.PUBLIC})
    if access.roles:
        condition |= Q(**{f"{programme_path}__in": access.programme_ids})
    if access.regions:
        condition |= Q(**{visibility_field: Visibility.REGION}) & Q(
            **{f"{programme_path}__region__in": access.regions}
        )
    return condition


# --- Reading a programme's members-only space ---------------------------------------------


def can_view_programme_space(user: Any, programme: Programme) -> bool:
    """The programme page, its people and members-only records: members and superusers."""
    access = access_of(user)
    return access.is_superuser or access.role_in(programme.pk) is not None


def can_view_people(user: Any) -> bool:
    access = access_of(user)
    return access.is_superuser or bool(access.roles)


# --- Changing things ------------------------------------------------------------------------


def is_coordinator(user: Any, programme: Programme | int) -> bool:
    programme_id = programme if isinstance(programme, int) else programme.pk
    return access_of(user).role_in(programme_id) == COORDINATOR


def can_manage_programme(user: Any, programme: Programme) -> bool:
    """Change the programme's settings, areas and government priorities; invite its members."""
    access = access_of(user)
    return access.is_superuser or is_coordinator(user, programme)


def can_create_programme(user: Any) -> bool:
    return access_of(user).is_superuser


def can_invite(user: Any, programme: Programme) -> bool:
    return can_manage_programme(user, programme)


def can_add_organisation_to(user: Any, programme: Programme) -> bool:
    return can_manage_programme(user, programme)


def can_change_organisation(user: Any, organisation: Organisation) -> bool:
    """A coordinator of any programme the organisation works in may correct it."""
    access = access_of(user)
    if access.is_superuser:
        return True
    coordinated = {pid for pid, role in access.roles.items() if role == COORDINATOR}
    if not coordinated:
        return False
    return organisation.programmes.filter(pk__in=coordinated).exists()


def can_change_pillars(user: Any) -> bool:
    """Pillars are the Initiative's global results framework, not a programme's to change."""
    return access_of(user).is_superuser


def coordinated_programme_ids(user: Any) -> set[int]:
    access = access_of(user)
    return {pid for pid, role in access.roles.items() if role == COORDINATOR}


# --- Service directory ----------------------------------------------------------------------

# Roles that may see confidential locations (shelter addresses, coordinates) and private phones
# of their programme: the people who refer survivors. Observers (such as a donor) may not.
CONFIDENTIAL_ROLES = {COORDINATOR, FOCAL_POINT, PARTNER}


def can_see_confidential(user: Any, programme: Programme | int) -> bool:
    access = access_of(user)
    if access.is_superuser:
        return True
    programme_id = programme if isinstance(programme, int) else programme.pk
    return access.role_in(programme_id) in CONFIDENTIAL_ROLES


def confidential_programme_ids(user: Any) -> set[int] | None:
    """Programmes whose confidential records the user may see; None means all (superuser)."""
    access = access_of(user)
    if access.is_superuser:
        return None
    return {pid for pid, role in access.roles.items() if role in CONFIDENTIAL_ROLES}


def can_manage_directory(user: Any, programme: Programme | int) -> bool:
    """Create, change and approve anything in the programme's directory; moderate suggestions."""
    access = access_of(user)
    programme_id = programme if isinstance(programme, int) else programme.pk
    return access.is_superuser or access.role_in(programme_id) == COORDINATOR


def can_propose_service_change(user: Any, service: Any) -> bool:
    """A focal point or partner proposes changes to their own organisation's services.

    Their changes wait for a coordinator's approval (directory.manage_services).
    """
    if can_manage_directory(user, service.programme_id):
        return True
    role = access_of(user).role_in(service.programme_id)
    return (
        role in {FOCAL_POINT, PARTNER}
        and getattr(user, "organisation_id", None) is not None
        and user.organisation_id == service.organisation_id
    )


def can_propose_new_service(user: Any, programme: Programme | int) -> bool:
    """Add a service to the programme's directory: a coordinator creates it directly; a focal
    point or partner whose profile names their organisation proposes one for it, which waits
    for a coordinator's approval (directory.manage_services)."""
    if can_manage_directory(user, programme):
        return True
    programme_id = programme if isinstance(programme, int) else programme.pk
    return (
        access_of(user).role_in(programme_id) in {FOCAL_POINT, PARTNER}
        and getattr(user, "organisation_id", None) is not None
    )


# --- Joint workplan -------------------------------------------------------------------------

# Roles that enter activities: coordinators for the whole programme, focal points and partners
# for their own organisation (the lead organisation is the one their profile names).
ACTIVITY_EDITOR_ROLES = {COORDINATOR, FOCAL_POINT, PARTNER}


def can_create_activity(user: Any, programme: Programme | int) -> bool:
    """Coordinators; focal points and partners whose profile names their organisation."""
    access = access_of(user)
    if access.is_superuser:
        return True
    programme_id = programme if isinstance(programme, int) else programme.pk
    role = access.role_in(programme_id)
    if role == COORDINATOR:
        return True
    return role in ACTIVITY_EDITOR_ROLES and getattr(user, "organisation_id", None) is not None


def can_lead_activity_as(
    user: Any, programme: Programme | int, organisation_id: int | None
) -> bool:
    """May ``user`` enter an activity of ``programme`` led by this organisation?

    Coordinators name any lead organisation; focal points and partners only their own.
    """
    access = access_of(user)
    programme_id = programme if isinstance(programme, int) else programme.pk
    if access.is_superuser or access.role_in(programme_id) == COORDINATOR:
        return True
    return (
        access.role_in(programme_id) in ACTIVITY_EDITOR_ROLES
        and organisation_id is not None
        and getattr(user, "organisation_id", None) == organisation_id
    )


def can_change_activity(user: Any, activity: Any) -> bool:
    """Coordinators change every activity of their programme; the lead organisation's own people theirs."""
    return can_lead_activity_as(user, activity.programme_id, activity.lead_organisation_id)


def can_post_update(user: Any, activity: Any) -> bool:
    """Post a progress note, an opportunity or a request for collaboration on an activity.

    Whoever may change the activity, and the focal points and partners of the organisations taking
    part in it. Changing its status through an update is changing the activity:
    ``can_change_activity`` decides that. Reads ``activity.participations`` (prefetch it).
    """
    if can_change_activity(user, activity):
        return True
    organisation_id = getattr(user, "organisation_id", None)
    return (
        organisation_id is not None
        and access_of(user).role_in(activity.programme_id) in {FOCAL_POINT, PARTNER}
        and any(p.organisation_id == organisation_id for p in activity.participations.all())
    )


def can_decide_overlap(user: Any, programme: Programme | int) -> bool:
    """Record whether a pair of activities is complementary, a duplicate or not related."""
    access = access_of(user)
    programme_id = programme if isinstance(programme, int) else programme.pk
    return access.is_superuser or access.role_in(programme_id) == COORDINATOR


# --- Coordination bodies ----------------------------------------------------------------------

# Body roles (coordination.BodyMember.Role) that run a body's meetings: agenda, attendance,
# minutes, decisions and action items.
BODY_CHAIR = "chair"
BODY_SECRETARIAT = "secretariat"
BODY_MANAGER_ROLES = {BODY_CHAIR, BODY_SECRETARIAT}
# Programme roles whose people act for their organisation on an action item it owns.
ACTION_OWNER_ROLES = {COORDINATOR, FOCAL_POINT, PARTNER}

_BODY_ROLES_ATTR = "_hub_body_roles"


def body_roles_of(user: Any) -> dict[int, str]:
    """The user's roles on bodies (body id -> role), read once per request like ``access_of``."""
    if user is None or not user.is_authenticated or not user.is_active:
        return {}
    cached = getattr(user, _BODY_ROLES_ATTR, None)
    if cached is not None:
        return cached
    from coordination.models import BodyMember

    roles = dict(BodyMember.objects.filter(person=user).values_list("body_id", "role"))
    setattr(user, _BODY_ROLES_ATTR, roles)
    return roles


def forget_body_roles(user: Any) -> None:
    if hasattr(user, _BODY_ROLES_ATTR):
        delattr(user, _BODY_ROLES_ATTR)


def body_read_q(user: Any, *, body_path: str = "") -> Q:
    """Which bodies (or records of a body, through ``body_path``, e.g. ``"body__"``) ``user`` reads.

    A body is read by whom its visibility allows (``visible_q``): every member of its programme,
    the region, or everyone. Its own members are members of the programme (a body member must
    be one), so they read it too; coordinators of the programme read all its bodies.
    """
    return visible_q(
        user,
        programme_path=f"{body_path}programme",
        visibility_field=f"{body_path}visibility",
    )


def can_manage_bodies(user: Any, programme: Programme | int) -> bool:
    """Create and change the programme's bodies and who sits on them: coordinators."""
    access = access_of(user)
    programme_id = programme if isinstance(programme, int) else programme.pk
    return access.is_superuser or access.role_in(programme_id) == COORDINATOR


def can_manage_meetings(user: Any, body: Any) -> bool:
    """Plan and record the body's meetings (agenda, attendance, minutes, decisions, action
    items): the programme's coordinators, and the body's chair and secretariat."""
    if can_manage_bodies(user, body.programme_id):
        return True
    if access_of(user).role_in(body.programme_id) is None:
        return False
    return body_roles_of(user).get(body.pk) in BODY_MANAGER_ROLES


def can_update_action_item(user: Any, item: Any) -> bool:
    """Change an action item's status: whoever runs the body's meetings, the person who owns it,
    and the people of the organisation that owns it (coordinators, focal points, partners)."""
    if can_manage_meetings(user, item.body):
        return True
    role = access_of(user).role_in(item.programme_id)
    if role is None:
        return False
    if item.owner_id is not None and item.owner_id == user.pk:
        return True
    organisation_id = getattr(user, "organisation_id", None)
    return (
        role in ACTION_OWNER_ROLES
        and organisation_id is not None
        and item.owner_organisation_id == organisation_id
    )
