"""A small directory with a shelter, for the HSDS tests, and the secrets it must not leak."""

from dataclasses import dataclass
from datetime import time
from decimal import Decimal

from core.models import Visibility
from directory import models as d
from directory.services import services_refresh
from directory.tests.factories import (
    AccessibilityFactory,
    AddressFactory,
    CostOptionFactory,
    LanguageFactory,
    LocationFactory,
    PhoneFactory,
    RequiredDocumentFactory,
    ScheduleFactory,
    ServiceAreaFactory,
    ServiceAtLocationFactory,
    ServiceFactory,
)
from organisations.models import Organisation
from organisations.tests.factories import OrganisationFactory
from programmes.models import Area, Programme
from programmes.tests.factories import AreaFactory

# What a confidential shelter and a private line must never show to the public.
SHELTER_ADDRESS = "7 Hidden Lane"
SHELTER_LATITUDE = "18.123457"
SHELTER_LONGITUDE = "-76.543211"
SHELTER_NAME = "Mango House"
SHELTER_PHONE = "876-555-0777"
STAFF_LINE = "876-555-0199"
SECRETS = (
    SHELTER_ADDRESS,
    SHELTER_LATITUDE,
    SHELTER_LONGITUDE,
    SHELTER_NAME,
    SHELTER_PHONE,
    STAFF_LINE,
)


@dataclass
class Directory:
    programme: Programme
    organisation: Organisation
    area: Area
    counselling: d.Service  # public, at a public office, with a private staff line
    shelter: d.Service  # public, at a confidential location
    members_only: d.Service  # visible to the programme's members only
    closed: d.Service  # public but inactive
    office: d.Location
    house: d.Location  # confidential
    office_sal: d.ServiceAtLocation
    house_sal: d.ServiceAtLocation
    public_phone: d.Phone
    staff_line: d.Phone  # private
    house_phone: d.Phone  # of the confidential location, not marked private

    @property
    def secrets(self) -> tuple[str, ...]:
        return (*SECRETS, str(self.house.id), str(self.house_sal.id), str(self.staff_line.id))


def build_directory(programme: Programme) -> Directory:
    organisation = OrganisationFactory(
        name_en="Women's Centre", name_es="Centro de Mujeres", acronym="WC", programmes=[programme]
    )
    area = AreaFactory(programme=programme, name_en="Kingston", name_es="Kingston", code="KGN")
    counselling = ServiceFactory(
        programme=programme,
        organisation=organisation,
        name_en="Crisis counselling",
        name_es="Consejería en crisis",
        description_en="Free counselling after violence.",
        description_es="Consejería gratuita después de la violencia.",
        terms=["social.crisis-counselling"],
    )
    shelter = ServiceFactory(
        programme=programme,
        organisation=organisation,
        name_en="Safe shelter",
        name_es="",  # no Spanish: a Spanish reader gets the English name
        description_en="Emergency accommodation.",
        description_es="Alojamiento de emergencia.",
        terms=["social.shelter"],
    )
    members_only = ServiceFactory(
        programme=programme,
        organisation=organisation,
        name_en="Case conference",
        name_es="Conferencia de casos",
        visibility=Visibility.PROGRAMME,
        terms=["coordination.referral"],
    )
    closed = ServiceFactory(
        programme=programme,
        organisation=organisation,
        name_en="Old helpline",
        name_es="Antigua línea",
        status=d.Service.Status.INACTIVE,
    )
    office = LocationFactory(
        programme=programme,
        organisation=organisation,
        area=area,
        name_en="Kingston office",
        name_es="Oficina de Kingston",
        latitude=Decimal("18.010000"),
        longitude=Decimal("-76.790000"),
    )
    AddressFactory(location=office, address_1="12 Hope Road", postal_code="")
    AccessibilityFactory(location=office)
    house = LocationFactory(
        programme=programme,
        organisation=organisation,
        area=area,
        name_en=SHELTER_NAME,
        name_es=SHELTER_NAME,
        confidential=True,
        latitude=Decimal(SHELTER_LATITUDE),
        longitude=Decimal(SHELTER_LONGITUDE),
        description_en="Behind the blue gate.",
    )
    AddressFactory(location=house, address_1=SHELTER_ADDRESS)
    office_sal = ServiceAtLocationFactory(service=counselling, location=office)
    house_sal = ServiceAtLocationFactory(service=shelter, location=house)
    ServiceAtLocationFactory(service=members_only, location=office)
    public_phone = PhoneFactory(service=counselling, number="876-555-0100")
    staff_line = PhoneFactory(service=counselling, number=STAFF_LINE, private=True)
    house_phone = PhoneFactory(location=house, number=SHELTER_PHONE)
    PhoneFactory(service=shelter, number="876-555-0111", description_en="24-hour line")
    ScheduleFactory(
        service=shelter, byday="MO,TU,WE,TH,FR,SA,SU", opens_at=time(0), closes_at=time(23, 59)
    )
    ScheduleFactory(service=counselling)
    ScheduleFactory(location=house, byday="SA", opens_at=time(9), closes_at=time(12))
    LanguageFactory(service=counselling, name="Spanish", code="es")
    LanguageFactory(location=house, name="Patois", code="jam")
    ServiceAreaFactory(service=counselling, area=area)
    CostOptionFactory(service=counselling)
    RequiredDocumentFactory(service=shelter)
    services_refresh([counselling.id, shelter.id, members_only.id, closed.id])
    return Directory(
        programme=programme,
        organisation=organisation,
        area=area,
        counselling=counselling,
        shelter=shelter,
        members_only=members_only,
        closed=closed,
        office=office,
        house=house,
        office_sal=office_sal,
        house_sal=house_sal,
        public_phone=public_phone,
        staff_line=staff_line,
        house_phone=house_phone,
    )


def leaks(text: str, directory: Directory) -> list[str]:
    """The secrets of the directory that appear in ``text``."""
    return [secret for secret in directory.secrets if secret in text]
