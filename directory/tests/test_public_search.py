"""Public search: either language, accents and word forms, filters, distance."""

from datetime import datetime, time
from zoneinfo import ZoneInfo

import pytest
from django.test import Client

from directory.models import ServiceAtLocation
from directory.selectors import SearchParams, _open_now_condition, search
from directory.tests.builders import make_service
from programmes.tests.factories import AreaFactory

pytestmark = pytest.mark.django_db


def names(programme, **params) -> set[str]:  # type: ignore[no-untyped-def]
    return {
        sal.service.name_en
        for sal in search(programme, SearchParams(**params)).select_related("service")
    }


def test_spanish_word_forms_match(programme) -> None:
    make_service(
        programme, "Legal clinic", "Clínica con abogada para mujeres", terms=("justice.legal-aid",)
    )
    make_service(programme, "Police unit", "Unidad policial", terms=("justice.police",))
    assert names(programme, query="abogado") == {"Legal clinic"}
    assert names(programme, query="ABOGADAS") == {"Legal clinic"}


def test_english_word_forms_match(programme) -> None:
    make_service(programme, "Crisis counselling", "Consejería en crisis")
    make_service(programme, "Police unit", "Unidad policial", terms=("justice.police",))
    assert names(programme, query="counsellor") == {"Crisis counselling"}


def test_accents_do_not_matter(programme) -> None:
    make_service(programme, "Health centre", "Atención psicológica", terms=("health.mental",))
    assert names(programme, query="atencion psicologica") == {"Health centre"}
    assert names(programme, query="Psicológico") == {"Health centre"}


def test_a_search_in_either_language_finds_a_service_written_in_the_other(programme) -> None:
    make_service(programme, "Shelter", "", terms=("social.shelter",))
    # The taxonomy term is bilingual, so the Spanish word for its type finds it.
    assert names(programme, query="refugio") == {"Shelter"}


def test_every_word_must_match(programme) -> None:
    make_service(programme, "Legal clinic Kingston", "Clínica legal", terms=("justice.legal-aid",))
    make_service(programme, "Legal clinic Clarendon", "Clínica legal", terms=("justice.legal-aid",))
    assert names(programme, query="legal clarendon") == {"Legal clinic Clarendon"}


def test_filter_by_type_includes_its_subtypes(programme) -> None:
    make_service(programme, "Shelter", terms=("social.shelter",))
    make_service(programme, "Clinic", terms=("health.urgent-care",))
    assert names(programme, term="social") == {"Shelter"}
    assert names(programme, term="health.urgent-care") == {"Clinic"}


def test_filter_by_community_includes_what_lies_within(programme) -> None:
    parish = AreaFactory(programme=programme, name_en="Clarendon", level=2)
    town = AreaFactory(programme=programme, name_en="May Pen", level=4, parent=parish)
    make_service(programme, "In the town", area=town)
    make_service(
        programme, "Elsewhere", area=AreaFactory(programme=programme, name_en="Westmoreland")
    )
    assert names(programme, area_id=parish.pk) == {"In the town"}


def test_filter_by_language_spoken(programme) -> None:
    make_service(programme, "Spanish spoken", languages=("es",))
    make_service(programme, "English only", languages=("en",))
    assert names(programme, language="es") == {"Spanish spoken"}


def test_open_24_7_filter(programme) -> None:
    make_service(
        programme, "Always open", days="MO,TU,WE,TH,FR,SA,SU", opens=time(0, 0), closes=time(23, 59)
    )
    make_service(programme, "Office hours")
    assert names(programme, open_24_7=True) == {"Always open"}


@pytest.mark.parametrize(
    ("local", "expected"),
    [
        (
            datetime(2026, 11, 25, 9, 0),
            {"Office hours", "Night line", "Always open"},
        ),  # Wednesday 09:00
        (datetime(2026, 11, 25, 20, 0), {"Night line", "Always open"}),  # Wednesday 20:00
        (datetime(2026, 11, 26, 3, 0), {"Night line", "Always open"}),  # past midnight, Thursday
        (datetime(2026, 11, 28, 9, 0), {"Always open", "Night line"}),  # Saturday
    ],
)
def test_open_now_in_the_programme_time_zone(programme, local, expected) -> None:
    make_service(programme, "Office hours")
    make_service(
        programme, "Night line", days="MO,TU,WE,TH,FR,SA,SU", opens=time(18, 0), closes=time(10, 0)
    )
    make_service(
        programme, "Always open", days="MO,TU,WE,TH,FR,SA,SU", opens=time(0, 0), closes=time(23, 59)
    )
    moment = local.replace(tzinfo=ZoneInfo(programme.time_zone))
    found = ServiceAtLocation.objects.filter(_open_now_condition(programme, moment)).select_related(
        "service"
    )
    assert {sal.service.name_en for sal in found} == expected


def test_distance_sorts_nearest_first_and_never_ranks_a_confidential_location(programme) -> None:
    make_service(programme, "Far", latitude="18.4000", longitude="-77.9000")
    make_service(programme, "Near", latitude="18.0100", longitude="-76.8000")
    make_service(
        programme, "Hidden shelter", confidential=True, latitude="18.0001", longitude="-76.8001"
    )
    results = list(
        search(programme, SearchParams(latitude=18.0, longitude=-76.8)).select_related("service")
    )
    assert [sal.service.name_en for sal in results] == ["Near", "Far", "Hidden shelter"]
    assert results[-1].distance_sq is None


def test_search_page_lists_results_with_tap_to_call(programme) -> None:
    make_service(programme, "Crisis counselling", "Consejería", public_phone="876-555-0101")
    html = Client().get("/en/directory/JM/?q=counselling").content.decode()
    assert "Crisis counselling" in html
    assert 'href="tel:8765550101"' in html
    assert "1 service found" in html


def test_search_page_shows_spanish_content_on_the_spanish_page(programme) -> None:
    make_service(programme, "Crisis counselling", "Consejería en crisis")
    html = Client().get("/es/directory/JM/?q=consejeria").content.decode()
    assert "Consejería en crisis" in html


def test_search_page_query_count_does_not_grow_with_results(
    programme, django_assert_max_num_queries
) -> None:
    for index in range(12):
        make_service(programme, f"Service {index}")
    with django_assert_max_num_queries(14):
        response = Client().get("/en/directory/JM/?q=service")
    assert response.status_code == 200


def test_bad_filter_values_say_what_to_fix_and_still_list_services(programme) -> None:
    make_service(programme, "Clinic")
    response = Client().get("/en/directory/JM/?area=abc&type=nonsense")
    html = response.content.decode()
    assert response.status_code == 200
    assert 'role="alert"' in html
    assert "Select a valid choice" in html
    assert "Clinic" in html


@pytest.mark.parametrize("lead_limit", [0, 5000])
def test_search_page_says_more_than_when_matches_pass_the_count_limit(
    programme, monkeypatch, lead_limit
) -> None:
    monkeypatch.setattr("directory.selectors.LEAD_LIMIT", lead_limit)
    monkeypatch.setattr("directory.selectors.SEARCH_COUNT_LIMIT", 2)
    for index in range(3):
        make_service(programme, f"Counselling {index}")
    html = Client().get("/en/directory/JM/?q=counselling").content.decode()
    assert "More than 2 services found" in html
    assert "services found" not in html.replace("More than 2 services found", "")
    html = Client().get("/es/directory/JM/?q=counselling").content.decode()
    assert "más de 2 servicios" in html


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"query": "counselling"},
        {"query": "counselling kingston"},
        {"term": "social"},
        {"query": "clinic", "term": "health.urgent-care"},
        {"area_id": "parish"},
        {"query": "clinic", "area_id": "parish", "language": "es"},
        {"query": "clinic", "latitude": 18.0, "longitude": -76.8},
    ],
)
def test_search_finds_the_same_in_the_same_order_whichever_filter_leads(
    programme, monkeypatch, params
) -> None:
    parish = AreaFactory(programme=programme, name_en="Clarendon", level=2)
    town = AreaFactory(programme=programme, name_en="May Pen", level=4, parent=parish)
    make_service(programme, "Clinic B", terms=("health.urgent-care",), area=town, languages=("es",))
    make_service(programme, "Clinic A", terms=("health.urgent-care",), latitude="18.3")
    make_service(programme, "Counselling Kingston", terms=("social.psychosocial",), area=parish)
    make_service(programme, "Counselling", terms=("social.psychosocial",))
    make_service(programme, "Shelter", terms=("social.shelter",), confidential=True)
    if params.get("area_id"):
        params = {**params, "area_id": parish.pk}

    def found() -> list[str]:
        return [
            sal.service.name_en
            for sal in search(programme, SearchParams(**params)).select_related("service")
        ]

    monkeypatch.setattr("directory.selectors.LEAD_LIMIT", 0)  # every filter too big to lead
    walked = found()
    monkeypatch.setattr("directory.selectors.LEAD_LIMIT", 10**9)  # the smallest filter leads
    led = found()
    assert walked == led
    assert walked  # each case finds something, or it would prove nothing


def test_a_word_most_services_contain_is_walked_in_name_order_and_rare_filters_lead(
    programme, monkeypatch
) -> None:
    from directory import selectors

    monkeypatch.setattr(selectors, "_public_count", lambda programme: 100_000)
    # One word in four of five services: the first 201 matches come after about 250 rows.
    assert selectors._walk_is_cheaper(programme, [80_000])
    # Three filters of some 9,000 each: few services have all three, so a walk would read
    # tens of thousands of rows before finding a page; the shortest list leads.
    assert not selectors._walk_is_cheaper(programme, [9_000, 9_000, 7_000])
    # A rare word leads on its own.
    assert not selectors._walk_is_cheaper(programme, [300])
