"""Load the demo directory (demo.directory_data) for the demo programmes. Idempotent."""

import uuid
from datetime import date, time, timedelta
from decimal import Decimal

from demo import directory_data as data
from directory import models as d
from directory.models import DirectorySettings, Hotline
from directory.reference import ESP_CODE
from directory.services import services_refresh
from organisations.models import Organisation
from programmes.models import Area, Programme

NAMESPACE = uuid.UUID("0b6f3e1c-7d5e-4a8e-9f61-3c2d9b1e7a44")

PROVIDERS = {
    # kind -> (name_en, name_es, type)
    "police": ("{country} Police Service", "Policía de {country_es}", "government"),
    "hospital": (
        "{country} Ministry of Health",
        "Ministerio de Salud de {country_es}",
        "government",
    ),
    "legal": (
        "{country} Legal Aid Council",
        "Consejo de Asistencia Legal de {country_es}",
        "civil_society",
    ),
    "counselling": (
        "{country} Women's Counselling Network",
        "Red de Consejería para Mujeres de {country_es}",
        "civil_society",
    ),
    "shelter": (
        "{country} Shelter Alliance",
        "Alianza de Refugios de {country_es}",
        "civil_society",
    ),
    "economic": (
        "{country} Women's Enterprise Fund",
        "Fondo de Emprendimiento de Mujeres de {country_es}",
        "implementing_partner",
    ),
    "referral": (
        "{country} Gender Affairs Referral Service",
        "Servicio de Derivación de Asuntos de Género de {country_es}",
        "government",
    ),
}


def _id(*parts: object) -> uuid.UUID:
    return uuid.uuid5(NAMESPACE, ":".join(str(p) for p in parts))


def _provider(programme: Programme, kind: str) -> Organisation:
    name_en, name_es, kind_type = PROVIDERS[kind]
    names = {
        "country": programme.name_en.replace("Spotlight Initiative ", ""),
        "country_es": programme.name_es.replace("Iniciativa Spotlight ", ""),
    }
    organisation, _created = Organisation.objects.update_or_create(
        hsds_id=_id("org", programme.code, kind),
        defaults={
            "name": name_en.format(**names),
            "name_en": name_en.format(**names),
            "name_es": name_es.format(**names),
            "type": kind_type,
        },
    )
    organisation.programmes.add(programme)
    return organisation


def demo_directory_load(programme: Programme) -> int:
    """Create or refresh the programme's demo directory. Returns the number of services."""
    code = programme.code
    DirectorySettings.objects.get_or_create(programme=programme)
    for order, (name_en, name_es, number, note_en, note_es) in enumerate(data.HOTLINES[code]):
        Hotline.objects.update_or_create(
            programme=programme,
            number=number,
            defaults={
                "name": name_en,
                "name_en": name_en,
                "name_es": name_es,
                "note": note_en,
                "note_en": note_en,
                "note_es": note_es,
                "order": order,
            },
        )
    terms = {t.code: t for t in d.TaxonomyTerm.objects.filter(taxonomy__code=ESP_CODE)}
    kinds = {kind[0]: kind for kind in data.KINDS}
    communities = list(
        Area.objects.filter(programme=programme, level=Area.Level.REGION).order_by("pk")
    )
    today = date.today()
    service_ids = []
    for rank, area in enumerate(communities):
        for index, kind_key in enumerate(
            data.KINDS_BY_RANK[min(rank, len(data.KINDS_BY_RANK) - 1)]
        ):
            (
                key,
                term_codes,
                name_en,
                name_es,
                description_en,
                description_es,
                schedule,
                confidential,
                fees_en,
                fees_es,
            ) = kinds[kind_key]
            place_en, place_es = area.name_en, area.name_es or area.name_en
            stale = (rank + index) % 3 == 2  # about a third need verifying again
            service, _created = d.Service.objects.update_or_create(
                id=_id("service", code, area.pk, key),
                defaults={
                    "programme": programme,
                    "organisation": _provider(programme, key),
                    "name": name_en.format(place=place_en),
                    "name_en": name_en.format(place=place_en),
                    "name_es": name_es.format(place=place_es),
                    "description_en": description_en,
                    "description_es": description_es,
                    "fees_description_en": fees_en,
                    "fees_description_es": fees_es,
                    "eligibility_description_en": "Women and girls who have experienced violence, and the people supporting them.",
                    "eligibility_description_es": "Mujeres y niñas que han sufrido violencia, y las personas que las apoyan.",
                    "assured_date": today - timedelta(days=250 if stale else 20 + rank * 7 + index),
                    "assurer_email": "coordinator@demo.spotlight.invalid",
                    "status": d.Service.Status.ACTIVE,
                },
            )
            service.terms.set([terms[c] for c in term_codes])
            location, _created = d.Location.objects.update_or_create(
                id=_id("location", code, area.pk, key),
                defaults={
                    "programme": programme,
                    "organisation": service.organisation,
                    "area": area,
                    "name": name_en.format(place=place_en),
                    "name_en": name_en.format(place=place_en),
                    "name_es": name_es.format(place=place_es),
                    "is_confidential": confidential,
                    "latitude": area.latitude + Decimal(index - 3) * Decimal("0.004")
                    if area.latitude is not None
                    else None,
                    "longitude": area.longitude + Decimal(rank - 2) * Decimal("0.004")
                    if area.longitude is not None
                    else None,
                },
            )
            d.Address.objects.update_or_create(
                id=_id("address", code, area.pk, key),
                defaults={
                    "location": location,
                    "address_1": f"{12 + index * 7} {'Hope Lane' if confidential else 'Main Street'}",
                    "city": place_en,
                    "state_province": place_en,
                    "country": programme.country.code,
                },
            )
            d.ServiceAtLocation.objects.update_or_create(
                id=_id("sal", code, area.pk, key),
                defaults={"service": service, "location": location},
            )
            d.Phone.objects.update_or_create(
                id=_id("phone", code, area.pk, key),
                defaults={
                    "service": service,
                    "number": f"555-01{rank}{index}",
                    "description_en": "Intake line" if confidential else "Main line",
                    "description_es": "Línea de admisión" if confidential else "Línea principal",
                },
            )
            d.Phone.objects.update_or_create(
                id=_id("private-phone", code, area.pk, key),
                defaults={
                    "location": location,
                    "number": f"555-09{rank}{index}",
                    "is_private": True,
                    "description_en": "Staff direct line",
                    "description_es": "Línea directa del personal",
                },
            )
            days, opens, closes = schedule or (data.ALL_DAYS, time(0, 0), time(23, 59))
            d.Schedule.objects.update_or_create(
                id=_id("schedule", code, area.pk, key),
                defaults={
                    "service": service,
                    "byday": days,
                    "opens_at": opens,
                    "closes_at": closes,
                },
            )
            for position, (language_code, language_name) in enumerate(
                data.LANGUAGES[code][: 1 + (index % 2)]
            ):
                d.Language.objects.update_or_create(
                    id=_id("language", code, area.pk, key, position),
                    defaults={"service": service, "code": language_code, "name": language_name},
                )
            if not confidential and index % 2 == 0:
                d.Accessibility.objects.update_or_create(
                    id=_id("accessibility", code, area.pk, key),
                    defaults={
                        "location": location,
                        "description_en": "Step-free entrance; sign language interpretation on request",
                        "description_es": "Entrada sin escalones; interpretación en lengua de señas a pedido",
                    },
                )
            d.ServiceArea.objects.update_or_create(
                id=_id("service-area", code, area.pk, key),
                defaults={"service": service, "area": area, "name": place_en},
            )
            service_ids.append(service.pk)
    services_refresh(service_ids)
    return len(service_ids)
