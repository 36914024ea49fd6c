"""What the tests of the members' directory pages add to ``directory.tests.factories``.

Services are verified today unless a test says otherwise (``VerifiedServiceFactory``): the
follow-up list is about dates, and a fixed date would drift into "stale" as time passes.
"""

from datetime import date

import factory
from django.utils import timezone

from directory import models as d
from directory.tests.factories import (
    AccessibilityFactory,
    AddressFactory,
    CostOptionFactory,
    LocationFactory,
    PhoneFactory,
    RequiredDocumentFactory,
    ScheduleFactory,
    ServiceAtLocationFactory,
    ServiceFactory,
    esp_term,
)
from organisations.models import Organisation
from organisations.tests.factories import OrganisationFactory
from programmes.models import Programme

__all__ = [
    "AccessibilityFactory",
    "AddressFactory",
    "CostOptionFactory",
    "LocationFactory",
    "PhoneFactory",
    "RequiredDocumentFactory",
    "ScheduleFactory",
    "ServiceAtLocationFactory",
    "esp_term",
]


def organisation_in(programme: Programme, **values: object) -> Organisation:
    return OrganisationFactory(programmes=[programme], **values)


class VerifiedServiceFactory(ServiceFactory):
    """A service of an organisation of its programme, last verified today."""

    organisation = factory.LazyAttribute(lambda o: organisation_in(o.programme))
    assured_date = factory.LazyFunction(timezone.localdate)


class SuggestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = d.Suggestion

    service = factory.SubFactory(VerifiedServiceFactory)
    message = factory.Sequence(lambda n: f"The phone number changed ({n}).")


def full_service(programme: Programme, **values: object) -> d.Service:
    """A service with a confidential location and address, a public and a private phone, hours."""
    service = VerifiedServiceFactory(programme=programme, terms=["social.shelter"], **values)
    location = LocationFactory(
        programme=programme,
        organisation=service.organisation,
        name_en="Safe house",
        is_confidential=True,
        latitude="18.012345",
        longitude="-76.798765",
    )
    AddressFactory(location=location, address_1="7 Secret Lane", state_province="St Andrew")
    ServiceAtLocationFactory(service=service, location=location)
    PhoneFactory(service=service, number="876-555-0100")
    PhoneFactory(service=service, number="876-555-0999", is_private=True)
    ScheduleFactory(service=service)
    return service


OLD = date(2020, 1, 1)


class World:
    """The JM programme of the named people, with a service run by the partner's organisation.

    The partner works for the service's organisation; the focal point for another one (an
    agency), so only the partner may propose changes to it.
    """

    def __init__(self, programme: Programme, people: dict) -> None:
        self.programme = programme
        self.people = people
        self.centre = organisation_in(
            programme, name_en="Women's Centre", name_es="Centro de Mujeres"
        )
        self.agency = organisation_in(
            programme, name_en="UN Women", name_es="ONU Mujeres", type="un_agency"
        )
        for role, organisation in (("partner", self.centre), ("focal_point", self.agency)):
            user = people[role]
            user.organisation = organisation
            user.save(update_fields=["organisation"])
        self.service = full_service(programme, organisation=self.centre, name_en="Women's Shelter")


def url(name: str, *args: object) -> str:
    """The English address of a page of JM's directory (whatever the last request activated)."""
    from django.urls import reverse
    from django.utils import translation

    with translation.override("en"):
        return reverse(f"directory:{name}", args=["JM", *args])


def editor_data(editor: object) -> dict:
    """What a browser would post for an editor's forms as they are shown (unchanged)."""
    from django import forms

    data: dict = {}

    def add(form: forms.Form) -> None:
        for bound in form:
            value = bound.value()
            if isinstance(bound.field.widget, forms.CheckboxInput):
                if value:
                    data[bound.html_name] = "on"
            elif isinstance(value, list | tuple):
                data[bound.html_name] = [str(item) for item in value]
            elif value is not None:
                data[bound.html_name] = str(value)

    add(editor.form)
    for formset in editor.formsets.values():
        add(formset.management_form)
        for form in formset.forms:
            add(form)
    return data


def programme_today(programme: Programme) -> date:
    """Today where the programme works: what "verified today" records."""
    from zoneinfo import ZoneInfo

    return timezone.now().astimezone(ZoneInfo(programme.time_zone)).date()
