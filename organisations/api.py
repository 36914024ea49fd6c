"""API for organisations."""

from typing import Any, Literal

from django.core.exceptions import ValidationError
from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status
from ninja.pagination import LimitOffsetPagination, paginate

from core.api import WRITE_AUTH, forbid
from core.permissions import access_of, can_change_organisation, coordinated_programme_ids
from organisations import services
from organisations.models import Organisation
from programmes.models import Programme

router = Router(tags=["organisations"])

OrganisationType = Literal[
    "un_agency",
    "government",
    "civil_society",
    "implementing_partner",
    "donor",
    "academia",
    "private_sector",
]
VisibilityCode = Literal["programme", "region", "public"]


class OrganisationOut(Schema):
    id: int
    name: str
    name_en: str | None
    name_es: str | None
    acronym: str
    type: str
    iati_identifier: str
    parent_id: int | None
    website: str
    visibility: str
    programmes: list[str]

    @staticmethod
    def resolve_programmes(obj: Organisation) -> list[str]:
        return [programme.code for programme in obj.programmes.all()]


class OrganisationIn(Schema):
    name_en: str = ""
    name_es: str = ""
    acronym: str = ""
    type: OrganisationType
    iati_identifier: str = ""
    parent_id: int | None = None
    website: str = ""
    visibility: VisibilityCode = "public"
    programmes: list[str]


class OrganisationPatch(Schema):
    name_en: str | None = None
    name_es: str | None = None
    acronym: str | None = None
    type: OrganisationType | None = None
    iati_identifier: str | None = None
    parent_id: int | None = None
    website: str | None = None
    visibility: VisibilityCode | None = None
    programmes: list[str] | None = None


def _queryset(request: HttpRequest) -> QuerySet[Organisation]:
    return Organisation.objects.visible_to(request.user).prefetch_related(
        Prefetch("programmes", queryset=Programme.objects.visible_to(request.user).order_by("code"))
    )


def _programmes_from_codes(codes: list[str]) -> list[Programme]:
    wanted = {code.upper() for code in codes}
    found = list(Programme.objects.filter(code__in=wanted))
    missing = wanted - {programme.code for programme in found}
    if missing:
        raise ValidationError(
            {
                "programmes": _("Unknown programme code(s): %(codes)s.")
                % {"codes": ", ".join(sorted(missing))}
            }
        )
    return found


def _check_programme_change(request: HttpRequest, before: set[int], after: set[int]) -> None:
    """A coordinator may link or unlink only the programmes they coordinate."""
    if access_of(request.user).is_superuser:
        return
    changed = before ^ after
    if changed - coordinated_programme_ids(request.user):
        forbid(_("You can link an organisation only to programmes you coordinate."))


def _parent(data: dict[str, Any]) -> None:
    if "parent_id" in data:
        parent_id = data.pop("parent_id")
        data["parent"] = Organisation.objects.filter(pk=parent_id).first() if parent_id else None
        if parent_id and data["parent"] is None:
            raise ValidationError({"parent_id": _("There is no organisation with this id.")})


@router.get("", response=list[OrganisationOut])
@paginate(LimitOffsetPagination)
def list_organisations(
    request: HttpRequest, q: str = "", type: OrganisationType | None = None, programme: str = ""
) -> QuerySet[Organisation]:
    organisations = _queryset(request).search(q)
    if type:
        organisations = organisations.filter(type=type)
    if programme:
        organisations = organisations.filter(programmes__code=programme.upper())
    return organisations.order_by("name", "pk")


@router.post("", response={201: OrganisationOut}, auth=WRITE_AUTH)
def create_organisation(request: HttpRequest, payload: OrganisationIn) -> Status[Organisation]:
    data = payload.dict()
    programmes = _programmes_from_codes(data.pop("programmes"))
    if not programmes:
        raise ValidationError(
            {"programmes": _("Name at least one programme the organisation works in.")}
        )
    _check_programme_change(request, set(), {programme.pk for programme in programmes})
    _parent(data)
    organisation = services.organisation_create(programmes=programmes, **data)
    return Status(201, _queryset(request).get(pk=organisation.pk))


@router.get("/{organisation_id}", response=OrganisationOut)
def get_organisation(request: HttpRequest, organisation_id: int) -> Organisation:
    return get_object_or_404(_queryset(request), pk=organisation_id)


@router.patch("/{organisation_id}", response=OrganisationOut, auth=WRITE_AUTH)
def update_organisation(
    request: HttpRequest, organisation_id: int, payload: OrganisationPatch
) -> Organisation:
    organisation = get_object_or_404(_queryset(request), pk=organisation_id)
    if not can_change_organisation(request.user, organisation):
        forbid()
    data = payload.dict(exclude_unset=True)
    if "programmes" in data:
        programmes = _programmes_from_codes(data["programmes"] or [])
        before = set(organisation.programmes.values_list("pk", flat=True))
        _check_programme_change(request, before, {programme.pk for programme in programmes})
        data["programmes"] = programmes
    _parent(data)
    services.organisation_update(organisation=organisation, data=data)
    return _queryset(request).get(pk=organisation.pk)
