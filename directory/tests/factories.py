"""Factories for directory records, for every directory test.

Texts are bilingual (``name_en``/``name_es``). A service's organisation is linked to the
service's programme, as the hub expects. Locations have no coordinates unless given
(``latitude=Decimal("18.01")``). Confidentiality is a trait:
``LocationFactory(confidential=True)``, ``PhoneFactory(private=True)``. The reference taxonomies
come from a data migration: look their terms up with ``esp_term`` and ``confidential_term``.
"""

import datetime
from decimal import Decimal

import factory

from directory.models import (
    Accessibility,
    Address,
    CostOption,
    Hotline,
    Language,
    Location,
    Phone,
    RequiredDocument,
    Schedule,
    Service,
    ServiceArea,
    ServiceAtLocation,
    TaxonomyTerm,
)
from directory.reference import CONFIDENTIAL, ESP_CODE, HUB_CODE, term_id
from organisations.tests.factories import OrganisationFactory
from programmes.tests.factories import ProgrammeFactory


def esp_term(code: str) -> TaxonomyTerm:
    """A term of the Essential Services Package, e.g. ``esp_term("social.shelter")``."""
    return TaxonomyTerm.objects.get(pk=term_id(ESP_CODE, code))


def confidential_term() -> TaxonomyTerm:
    """The hub's own ``spotlight-hub``/``confidential`` term."""
    return TaxonomyTerm.objects.get(pk=term_id(HUB_CODE, CONFIDENTIAL))


class ServiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Service
        skip_postgeneration_save = True

    programme = factory.SubFactory(ProgrammeFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    name_en = factory.Sequence(lambda n: f"Service {n}")
    name_es = factory.Sequence(lambda n: f"Servicio {n}")
    description_en = "Support for women and girls."
    description_es = "Apoyo para mujeres y niñas."
    status = Service.Status.ACTIVE
    assured_date = datetime.date(2026, 1, 15)

    @factory.post_generation
    def link_organisation(self, create: bool, extracted: object, **kwargs: object) -> None:
        """An organisation works in the programmes it offers services in."""
        if create:
            self.organisation.programmes.add(self.programme)

    @factory.post_generation
    def terms(self, create: bool, extracted: list[str] | None, **kwargs: object) -> None:
        """``terms=["social.shelter"]``: Essential Services codes."""
        if create and extracted:
            self.terms.add(*(esp_term(code) for code in extracted))


class LocationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Location

    class Params:
        confidential = factory.Trait(is_confidential=True)

    programme = factory.SubFactory(ProgrammeFactory)
    name_en = factory.Sequence(lambda n: f"Centre {n}")
    name_es = factory.Sequence(lambda n: f"Centro {n}")
    location_type = Location.Type.PHYSICAL


class AddressFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Address

    location = factory.SubFactory(LocationFactory)
    address_1 = factory.Sequence(lambda n: f"{n + 1} Main Road")
    city = "Kingston"
    state_province = "Saint Andrew"
    country = "JM"


class ServiceAtLocationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ServiceAtLocation

    service = factory.SubFactory(ServiceFactory)
    location = factory.SubFactory(
        LocationFactory, programme=factory.SelfAttribute("..service.programme")
    )


class PhoneFactory(factory.django.DjangoModelFactory):
    """Give it an owner: ``service=``, ``location=``, ``service_at_location=`` or ``organisation=``."""

    class Meta:
        model = Phone

    class Params:
        private = factory.Trait(is_private=True)

    number = factory.Sequence(lambda n: f"876-555-{n:04d}")
    type = Phone.Type.VOICE


class ScheduleFactory(factory.django.DjangoModelFactory):
    """Weekdays 8:00 to 16:00; give it a ``service=``, ``location=`` or ``service_at_location=``."""

    class Meta:
        model = Schedule

    freq = "WEEKLY"
    byday = "MO,TU,WE,TH,FR"
    opens_at = datetime.time(8, 0)
    closes_at = datetime.time(16, 0)


class LanguageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Language

    name = "Spanish"
    code = "es"


class AccessibilityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Accessibility

    location = factory.SubFactory(LocationFactory)
    description_en = "Step-free entrance."
    description_es = "Entrada sin escalones."


class ServiceAreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ServiceArea

    service = factory.SubFactory(ServiceFactory)


class CostOptionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CostOption

    service = factory.SubFactory(ServiceFactory)
    option = "Everyone"
    currency = "JMD"
    amount = Decimal("0")


class RequiredDocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RequiredDocument

    service = factory.SubFactory(ServiceFactory)
    document_en = "Any identity document, if you have one."
    document_es = "Cualquier documento de identidad, si lo tiene."


class HotlineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Hotline

    programme = factory.SubFactory(ProgrammeFactory)
    name_en = factory.Sequence(lambda n: f"Helpline {n}")
    name_es = factory.Sequence(lambda n: f"Línea de ayuda {n}")
    number = factory.Sequence(lambda n: f"{n + 100}")
