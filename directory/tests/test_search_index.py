"""The search index: read from ``values()`` rows, it holds what the model instances say."""

import pytest
from django.db import connection

from directory import models as d
from directory import search
from directory.search import area_token, index_records, index_services, sal_tokens, type_token
from directory.tests.builders import make_service
from directory.tests.factories import (
    AddressFactory,
    LanguageFactory,
    LocationFactory,
    ServiceAreaFactory,
    ServiceAtLocationFactory,
)
from programmes.models import Area, Programme
from programmes.tests.factories import AreaFactory

pytestmark = pytest.mark.django_db


def varied_service(programme: Programme) -> tuple[d.Service, Area, Area]:
    """A service with something in every field the index reads: two languages, an acronym,
    types of two levels, a community within a region, communities served, an address, and a
    second, confidential location whose address and name the public never finds."""
    region = AreaFactory(programme=programme, name_en="Clarendon", name_es="Clarendón", level=2)
    town = AreaFactory(
        programme=programme, name_en="May Pen", name_es="Mayo Pen", level=4, parent=region
    )
    service = make_service(
        programme,
        "Crisis counselling",
        "Consejería en crisis",
        terms=("social.shelter", "justice.legal-aid", "health"),
        area=town,
        description_en="Support for women and girls affected by violence.",
        description_es="Apoyo para mujeres y niñas afectadas por la violencia.",
        alternate_name_en="Safe Haven",
        alternate_name_es="Refugio Seguro",
        eligibility_description_en="Adults over eighteen",
        eligibility_description_es="Adultas mayores de dieciocho",
        languages=("es", "fr"),
    )
    service.organisation.acronym = "WAV"
    service.organisation.name_es = "Mujeres contra la violencia"
    service.organisation.save()
    ServiceAreaFactory(service=service, area=region, name="Clarendon")
    ServiceAreaFactory(service=service, area=None, name="Somewhere unknown")
    LanguageFactory(service=service, name="Kreyòl", code="ht")
    hidden = LocationFactory(
        programme=programme,
        confidential=True,
        name_en="Hidden house",
        name_es="Casa escondida",
        area=AreaFactory(programme=programme, name_en="Portland", name_es="Portlandia"),
    )
    AddressFactory(location=hidden, address_1="7 Secret Lane", city="Port Antonio")
    sal = ServiceAtLocationFactory(
        service=service,
        location=hidden,
        description_en="Night entrance at the back",
        description_es="Entrada nocturna por detrás",
    )
    index_services([service.pk])
    assert sal.pk
    return service, region, town


def model_tokens(service: d.Service) -> dict[object, set[str]]:
    """The tokens of each service at a location, read from model instances."""
    return {
        sal.pk: sal_tokens(sal)
        for sal in d.ServiceAtLocation.objects.filter(service=service).select_related(
            "service__organisation", "location__area"
        )
    }


def stored_tokens(service: d.Service) -> dict[object, set[str]]:
    found: dict[object, set[str]] = {}
    for sal_id, token in d.SearchToken.objects.filter(
        service_at_location__service=service
    ).values_list("service_at_location_id", "token"):
        found.setdefault(sal_id, set()).add(token)
    return found


def test_tokens_read_from_values_rows_equal_those_of_the_model_instances(
    programme: Programme,
) -> None:
    service, region, town = varied_service(programme)
    expected = model_tokens(service)
    from_values = {sal.pk: sal_tokens(sal) for sal in index_records([service.pk])}
    assert from_values == expected
    assert stored_tokens(service) == expected
    sals = d.ServiceAtLocation.objects.filter(service=service)
    public = expected[sals.get(location__is_confidential=False).pk]
    hidden = expected[sals.get(location__is_confidential=True).pk]
    # Everything the index reads is there: names, organisation, types and their sector,
    # communities and the region they lie in, the address, the languages...
    assert {"wav", "haven", "dieciocho", "refugi", "pen", "kreyol", "main"} <= public
    assert {
        type_token("social.shelter"),
        type_token("social"),
        type_token("health"),
        area_token(town.pk),
        area_token(region.pk),
    } <= public
    # ...and nothing of a confidential location but its community and the service's own texts.
    assert {"secret", "lane", "hidden", "escondid", "antonio"}.isdisjoint(hidden)
    assert {"portland", "nocturn", "wav"} <= hidden


def test_a_large_index_drops_the_lookup_index_and_builds_it_again(
    programme: Programme, monkeypatch: pytest.MonkeyPatch
) -> None:
    service, _region, _town = varied_service(programme)
    others = [make_service(programme, f"Other {n}", f"Otro {n}") for n in range(3)]
    before = {s.pk: stored_tokens(s) for s in [service, *others]}
    d.SearchToken.objects.filter(programme=programme).delete()
    monkeypatch.setattr(search, "LARGE_INDEX", 2)
    written = index_services([s.pk for s in [service, *others]])
    after = {s.pk: stored_tokens(s) for s in [service, *others]}
    assert after == before
    assert written == sum(len(tokens) for s in before.values() for tokens in s.values())
    with connection.cursor() as cursor:
        indexes = connection.introspection.get_constraints(cursor, d.SearchToken._meta.db_table)
    lookup = indexes["search_token_lookup"]
    assert lookup["columns"] == ["programme_id", "token", "service_at_location_id"]
    assert lookup["index"]
