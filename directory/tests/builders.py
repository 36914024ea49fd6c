"""Small builders for directory records in the public-directory tests."""

from datetime import date, time
from decimal import Decimal

from directory import models as d
from directory.services import services_refresh
from organisations.models import Organisation
from programmes.models import Area, Programme


def term(code: str) -> d.TaxonomyTerm:
    return d.TaxonomyTerm.objects.get(taxonomy__code="esp", code=code)


def make_service(
    programme: Programme,
    name_en: str,
    name_es: str = "",
    *,
    terms: tuple[str, ...] = ("social.psychosocial",),
    area: Area | None = None,
    confidential: bool = False,
    days: str = "MO,TU,WE,TH,FR",
    opens: time | None = time(8, 0),
    closes: time | None = time(16, 0),
    description_en: str = "",
    description_es: str = "",
    latitude: str | None = "18.0000",
    longitude: str | None = "-76.8000",
    public_phone: str = "555-0100",
    private_phone: str = "555-0999",
    address: str = "12 Main Street",
    languages: tuple[str, ...] = (),
    **service_fields: object,
) -> d.Service:
    organisation = Organisation.objects.create(name_en=f"{name_en} provider", type="civil_society")
    organisation.programmes.add(programme)
    service = d.Service.objects.create(
        programme=programme,
        organisation=organisation,
        name_en=name_en,
        name_es=name_es,
        description_en=description_en,
        description_es=description_es,
        assured_date=date(2026, 10, 1),
        **service_fields,
    )
    service.terms.set([term(code) for code in terms])
    location = d.Location.objects.create(
        programme=programme,
        organisation=organisation,
        area=area,
        name_en=f"{name_en} office",
        is_confidential=confidential,
        latitude=Decimal(latitude) if latitude else None,
        longitude=Decimal(longitude) if longitude else None,
    )
    d.Address.objects.create(
        location=location,
        address_1=address,
        city="Kingston",
        state_province="St Andrew",
        country="JM",
    )
    d.ServiceAtLocation.objects.create(service=service, location=location)
    if public_phone:
        d.Phone.objects.create(service=service, number=public_phone)
    if private_phone:
        d.Phone.objects.create(location=location, number=private_phone, is_private=True)
    if opens is not None:
        d.Schedule.objects.create(service=service, byday=days, opens_at=opens, closes_at=closes)
    for code in languages:
        d.Language.objects.create(service=service, code=code, name=code)
    services_refresh([service.pk])
    return service
