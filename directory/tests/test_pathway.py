"""The referral pathway of a community: selector, printable page and PDF.

The PDF's text is read from WeasyPrint's own document model, captured as the view renders it:
the text boxes it lays out are exactly the text drawn into the PDF, and the links and metadata
are exactly the annotations and document information written there. That needs no PDF parser and
no system tool (so the test never skips), and unlike text extracted from a PDF it is not garbled
by font subsetting. Positive checks on the same text (public phone, hours, dates) prove the
extraction sees what is printed, so the absence checks can fail.
"""

from __future__ import annotations

import datetime
import logging
import re
import socket

import pytest
import segno
import weasyprint
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.utils.text import slugify
from weasyprint.formatting_structure.boxes import TextBox

from core.models import Visibility
from directory.models import DirectorySettings, Service
from directory.pathway import build_pathway
from directory.pathway_views import StaticFilesFetcher
from directory.services import services_refresh
from directory.tests.factories import (
    AddressFactory,
    HotlineFactory,
    LocationFactory,
    PhoneFactory,
    ScheduleFactory,
    ServiceAreaFactory,
    ServiceAtLocationFactory,
    ServiceFactory,
)
from organisations.tests.factories import OrganisationFactory
from programmes.models import Area, Programme
from programmes.tests.factories import AreaFactory

# What a confidential shelter must never show publicly, in any form.
SECRETS = [
    "Hidden House",  # the confidential location's name
    "Casa Escondida",
    "12 Secret Lane",  # its address
    "18.012345",  # its coordinates
    "-76.798765",
    "876-555-0303",  # a phone of the confidential location (its direct line)
    "8765550303",
    "876-555-0199",  # a private phone of a public service
    "8765550199",
]


def squeeze(text: str) -> str:
    """Without white space or hyphenation marks, so a value broken over two lines still matches."""
    return re.sub(r"[\s\u00ad\u2010]+", "", text)


@pytest.fixture
def areas(programme: Programme) -> dict[str, Area]:
    country = AreaFactory(
        programme=programme, level=Area.Level.COUNTRY, name_en="Jamaica", name_es="Jamaica"
    )
    parish = AreaFactory(
        programme=programme,
        parent=country,
        level=Area.Level.REGION,
        name_en="Saint Andrew",
        name_es="San Andrés",
    )
    other_parish = AreaFactory(
        programme=programme,
        parent=country,
        level=Area.Level.REGION,
        name_en="Saint Catherine",
        name_es="Santa Catalina",
    )
    return {
        "country": country,
        "parish": parish,
        "august_town": AreaFactory(
            programme=programme,
            parent=parish,
            level=Area.Level.COMMUNITY,
            name_en="August Town",
            name_es="Pueblo Agosto",
        ),
        "papine": AreaFactory(
            programme=programme,
            parent=parish,
            level=Area.Level.COMMUNITY,
            name_en="Papine",
            name_es="Papine",
        ),
        "spanish_town": AreaFactory(
            programme=programme,
            parent=other_parish,
            level=Area.Level.COMMUNITY,
            name_en="Spanish Town",
            name_es="Spanish Town",
        ),
        "members_only": AreaFactory(
            programme=programme,
            parent=parish,
            level=Area.Level.COMMUNITY,
            name_en="Members Only Community",
            name_es="Comunidad solo miembros",
            visibility=Visibility.PROGRAMME,
        ),
    }


def located_service(
    programme: Programme, area: Area, *, address: str = "", **kwargs: object
) -> Service:
    service = ServiceFactory(programme=programme, **kwargs)
    location = LocationFactory(programme=programme, area=area)
    AddressFactory(location=location, **({"address_1": address} if address else {}))
    ServiceAtLocationFactory(service=service, location=location)
    return service


@pytest.fixture
def directory(
    programme: Programme, other_programme: Programme, areas: dict[str, Area]
) -> dict[str, Service]:
    august_town = areas["august_town"]
    clinic = located_service(
        programme,
        august_town,
        address="76 North Street",
        name_en="Hospital GBV Clinic",
        name_es="Clínica VBG del hospital",
        organisation=OrganisationFactory(
            name_en="Kingston Public Hospital", name_es="Hospital Público de Kingston"
        ),
        terms=["health.urgent-care", "health.first-line"],
    )
    ScheduleFactory(service=clinic)
    PhoneFactory(service=clinic, number="+1 876 555 0101")
    PhoneFactory(service=clinic, number="876-555-0199", is_private=True)

    shelter = ServiceFactory(
        programme=programme,
        name_en="Safe House for Women",
        name_es="Casa segura para mujeres",
        terms=["social.shelter"],
        assured_date=datetime.date(2025, 11, 3),
    )
    hidden = LocationFactory(
        programme=programme,
        area=august_town,
        is_confidential=True,
        name_en="Hidden House",
        name_es="Casa Escondida",
        latitude="18.012345",
        longitude="-76.798765",
    )
    AddressFactory(location=hidden, address_1="12 Secret Lane")
    ServiceAtLocationFactory(service=shelter, location=hidden)
    PhoneFactory(service=shelter, number="+1 876 555 0202")
    PhoneFactory(location=hidden, number="876-555-0303")
    ScheduleFactory(
        service=shelter,
        byday="MO,TU,WE,TH,FR,SA,SU",
        opens_at=datetime.time(0, 0),
        closes_at=datetime.time(23, 59),
    )

    # Two sectors: listed under each.
    centre = located_service(
        programme,
        august_town,
        name_en="Women's Centre",
        name_es="Centro de mujeres",
        terms=["health.mental", "social.psychosocial"],
    )
    # Located in another parish, but serving the parish that holds August Town.
    legal_aid = located_service(
        programme,
        areas["spanish_town"],
        name_en="Legal Aid Clinic",
        name_es="Consultorio jurídico",
        terms=["justice.legal-aid"],
        assured_date=None,
    )
    ServiceAreaFactory(service=legal_aid, area=areas["parish"])
    # In another community of the parish: in the parish's pathway, not in August Town's.
    police = located_service(
        programme,
        areas["papine"],
        name_en="Police Victim Support",
        name_es="Apoyo policial a víctimas",
        terms=["justice.police"],
    )
    # Never in a public pathway.
    hidden_from_public = [
        located_service(
            programme,
            august_town,
            name_en="Members-only service",
            terms=["health.mental"],
            visibility=Visibility.PROGRAMME,
        ),
        located_service(
            programme,
            august_town,
            name_en="Closed-down service",
            terms=["health.mental"],
            status=Service.Status.DEFUNCT,
        ),
        located_service(
            other_programme,
            AreaFactory(programme=other_programme),
            name_en="Honduran service",
            terms=["health.mental"],
        ),
    ]
    ServiceAreaFactory(
        service=hidden_from_public[2], area=august_town
    )  # a wrong link must not leak

    HotlineFactory(
        programme=programme,
        name_en="Police emergency",
        name_es="Emergencia policial",
        number="119",
        order=0,
    )
    HotlineFactory(
        programme=programme,
        name_en="Crisis line",
        name_es="Línea de crisis",
        number="888-429-5463",
        order=1,
    )
    services_refresh(Service.objects.values_list("pk", flat=True))
    return {
        "clinic": clinic,
        "shelter": shelter,
        "centre": centre,
        "legal_aid": legal_aid,
        "police": police,
    }


def names(pathway, sector_code: str) -> list[str]:  # type: ignore[no-untyped-def]
    sector = next(s for s in pathway.sectors if s.code == sector_code)
    return [entry.service.name_en for entry in sector.entries]


def page_url(programme: Programme, area: Area, lang: str = "en", pdf: bool = False) -> str:
    with translation.override(lang):
        return reverse(
            "directory:pathway_pdf" if pdf else "directory:pathway", args=[programme.code, area.pk]
        )


@pytest.fixture
def rendered(monkeypatch: pytest.MonkeyPatch) -> list[weasyprint.Document]:
    """The WeasyPrint documents the views lay out, as they write them to PDF."""
    documents: list[weasyprint.Document] = []
    original = weasyprint.HTML.render

    def spy(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        document = original(self, *args, **kwargs)
        documents.append(document)
        return document

    monkeypatch.setattr(weasyprint.HTML, "render", spy)
    return documents


def document_text(document: weasyprint.Document) -> str:
    """Everything the PDF holds as text: laid-out text, link targets, metadata."""
    parts: list[str] = []
    for page in document.pages:
        parts += [box.text for box in page._page_box.descendants() if isinstance(box, TextBox)]
        parts += [str(target) for _type, target, _rect, _box in page.links]
    metadata = document.metadata
    parts += [
        metadata.title or "",
        metadata.description or "",
        *metadata.authors,
        *metadata.keywords,
    ]
    return " ".join(parts)


# --- The selector ---------------------------------------------------------------------------


def test_services_are_grouped_by_essential_services_sector_in_package_order(
    programme: Programme, areas: dict[str, Area], directory: dict[str, Service]
) -> None:
    pathway = build_pathway(programme, areas["august_town"])

    assert [sector.code for sector in pathway.sectors] == ["health", "justice", "social"]
    assert names(pathway, "health") == ["Hospital GBV Clinic", "Women's Centre"]
    assert names(pathway, "justice") == ["Legal Aid Clinic"]
    assert names(pathway, "social") == ["Safe House for Women", "Women's Centre"]
    assert [hotline.number for hotline in pathway.hotlines] == ["119", "888-429-5463"]


def test_area_includes_services_within_it_and_services_serving_it(
    programme: Programme, areas: dict[str, Area], directory: dict[str, Service]
) -> None:
    parish = build_pathway(programme, areas["parish"])
    papine = build_pathway(programme, areas["papine"])
    spanish_town = build_pathway(programme, areas["spanish_town"])

    assert names(parish, "justice") == ["Legal Aid Clinic", "Police Victim Support"]
    assert names(parish, "health") == ["Hospital GBV Clinic", "Women's Centre"]
    # A community sees the parish-wide legal aid, but not the clinic of the next community.
    assert names(papine, "justice") == ["Legal Aid Clinic", "Police Victim Support"]
    assert [sector.code for sector in papine.sectors] == ["justice"]
    assert [sector.code for sector in spanish_town.sectors] == ["justice"]


def test_services_not_public_are_left_out(
    programme: Programme, areas: dict[str, Area], directory: dict[str, Service]
) -> None:
    pathway = build_pathway(programme, areas["august_town"])
    listed = {entry.service.name_en for sector in pathway.sectors for entry in sector.entries}

    assert listed == {
        "Hospital GBV Clinic",
        "Women's Centre",
        "Legal Aid Clinic",
        "Safe House for Women",
    }


def test_service_without_sector_is_listed_under_other_services(
    programme: Programme, areas: dict[str, Area], directory: dict[str, Service]
) -> None:
    located_service(programme, areas["august_town"], name_en="Untyped service")

    pathway = build_pathway(programme, areas["august_town"])

    assert pathway.sectors[-1].code == "other"
    assert names(pathway, "other") == ["Untyped service"]


def test_confidential_location_gives_community_but_no_address_or_phone(
    programme: Programme, areas: dict[str, Area], directory: dict[str, Service]
) -> None:
    pathway = build_pathway(programme, areas["august_town"])
    shelter = next(
        e for s in pathway.sectors for e in s.entries if e.service == directory["shelter"]
    )

    assert [phone.number for phone in shelter.phones] == ["+1 876 555 0202"]
    [place] = shelter.places
    assert place.confidential
    assert (place.name, place.address_lines, place.community) == ("", [], "August Town")
    assert shelter.hours == ["Open 24 hours, every day"]


def test_place_leaves_out_what_the_row_already_says(
    programme: Programme, areas: dict[str, Area]
) -> None:
    service = ServiceFactory(
        programme=programme, name_en="Papine Women's Centre", terms=["health.mental"]
    )
    location = LocationFactory(
        programme=programme, area=areas["papine"], name_en="Papine Women's Centre"
    )
    AddressFactory(
        location=location, address_1="3 Old Hope Road", city="Papine", state_province="Papine"
    )
    ServiceAtLocationFactory(service=service, location=location)

    [place] = build_pathway(programme, areas["papine"]).sectors[0].entries[0].places

    assert (place.name, place.address_lines, place.community) == (
        "",
        ["3 Old Hope Road", "Papine"],
        "",
    )


# --- The page -------------------------------------------------------------------------------


def test_page_shows_hours_phones_hotlines_and_date_last_verified(
    programme: Programme, areas: dict[str, Area], directory: dict[str, Service]
) -> None:
    response = Client().get(page_url(programme, areas["august_town"]))

    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Referral pathway: August Town</h1>" in html
    assert "Mon–Fri 08:00–16:00" in html
    assert "Open 24 hours, every day" in html
    assert 'href="tel:+18765550101"' in html
    assert "Jan. 15, 2026" in html  # the clinic's assured_date
    assert "Nov. 3, 2025" in html  # the shelter's
    assert "Not yet verified" in html  # legal aid has no assured_date
    assert "Kingston Public Hospital" in html
    assert "76 North Street" in html
    assert "Confidential address: given by phone." in html
    assert 'href="tel:119"' in html and "Crisis line" in html
    assert '<th scope="col" class="col-hours">Hours</th>' in html


def test_page_in_spanish_shows_spanish_content_and_dates(
    programme: Programme, areas: dict[str, Area], directory: dict[str, Service]
) -> None:
    response = Client().get(page_url(programme, areas["august_town"], "es"))

    html = response.content.decode()
    assert '<html lang="es">' in html
    assert "Pueblo Agosto" in html
    assert "Salud" in html and "Justicia y policía" in html and "Servicios sociales" in html
    assert "Clínica VBG del hospital" in html
    assert "15 de enero de 2026" in html
    assert "/es/directory/JM/?area=" in html


@pytest.mark.parametrize("role", ["anonymous", "coordinator"])
@pytest.mark.parametrize("lang", ["en", "es"])
def test_confidential_address_coordinates_and_private_phones_absent_from_page(
    programme: Programme,
    areas: dict[str, Area],
    directory: dict[str, Service],
    client_for,
    role: str,
    lang: str,
) -> None:
    """Even a coordinator, who sees confidential records elsewhere, gets the public pathway."""
    for area in ("august_town", "parish", "country"):
        html = client_for(role).get(page_url(programme, areas[area], lang)).content.decode()

        assert "+1 876 555 0202" in html  # the shelter's public phone: the page shows phones
        for secret in SECRETS:
            assert secret not in html, (area, secret)


def test_page_has_no_inline_style_or_script_and_sets_no_cookie(
    programme: Programme, areas: dict[str, Area], directory: dict[str, Service]
) -> None:
    DirectorySettings.objects.create(
        programme=programme, quick_exit_url="https://example.org/weather"
    )
    for url in (
        reverse("directory:pathway_list", args=["JM"]),
        page_url(programme, areas["august_town"]),
    ):
        response = Client().get(url)

        html = response.content.decode()
        assert response.status_code == 200
        assert not response.cookies
        assert response["Referrer-Policy"] == "no-referrer"
        assert "<style" not in html and " style=" not in html
        assert re.search(r"<script(?![^>]*\bsrc=)", html) is None
        assert 'href="https://example.org/weather"' in html  # the base page's quick exit


def test_qr_code_points_to_the_online_directory_for_the_area(
    programme: Programme, areas: dict[str, Area], directory: dict[str, Service]
) -> None:
    area = areas["august_town"]
    search_url = f"http://testserver/en/directory/JM/?area={area.pk}"
    expected = segno.make(search_url, error="m").svg_inline(
        border=2, omitsize=True, svgclass="qr", lineclass=None, light="#fff"
    )

    html = Client().get(page_url(programme, area)).content.decode()

    assert expected in html
    assert f'href="{search_url}"' in html
    assert Client().get(search_url).status_code == 200


def test_area_that_is_not_public_or_of_another_programme_is_not_found(
    programme: Programme,
    other_programme: Programme,
    areas: dict[str, Area],
    directory: dict[str, Service],
) -> None:
    foreign = AreaFactory(programme=other_programme)
    client = Client()

    assert client.get(page_url(programme, areas["members_only"])).status_code == 404
    assert client.get(page_url(programme, foreign)).status_code == 404
    assert client.get(page_url(programme, areas["members_only"], pdf=True)).status_code == 404
    programme.is_active = False
    programme.save()
    assert client.get(page_url(programme, areas["august_town"])).status_code == 404
    assert client.get(reverse("directory:pathway_list", args=["JM"])).status_code == 404


def test_list_offers_every_public_area_with_page_and_pdf(
    programme: Programme, areas: dict[str, Area]
) -> None:
    html = Client().get(reverse("directory:pathway_list", args=["JM"])).content.decode()

    for key in ("country", "parish", "august_town", "papine", "spanish_town"):
        assert reverse("directory:pathway", args=["JM", areas[key].pk]) in html
        assert reverse("directory:pathway_pdf", args=["JM", areas[key].pk]) in html
    assert "Members Only Community" not in html
    # Tree order: the parish, then its communities, indented.
    assert (
        html.index("Saint Andrew")
        < html.index("August Town")
        < html.index("Papine")
        < html.index("Saint Catherine")
    )
    assert (
        'class="depth-2"><a href="' + reverse("directory:pathway", args=["JM", areas["papine"].pk])
        in html
    )


def test_queries_do_not_grow_with_the_number_of_services(
    programme: Programme, areas: dict[str, Area], directory: dict[str, Service]
) -> None:
    url = page_url(programme, areas["parish"])

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert Client().get(url).status_code == 200
        return len(queries)

    before = count()
    for n in range(5):
        service = located_service(
            programme, areas["papine"], name_en=f"More {n}", terms=["social.helpline"]
        )
        ScheduleFactory(service=service)
        PhoneFactory(service=service)
    after = count()

    assert before == after
    assert after <= 20


# --- The PDF --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "filename", "heading", "date", "sector", "hours"),
    [
        (
            "en",
            "JM-august-town-en.pdf",
            "Referral pathway: August Town",
            "Jan. 15, 2026",
            "Justice and policing",
            "Mon–Fri 08:00–16:00",
        ),
        (
            "es",
            "JM-pueblo-agosto-es.pdf",
            "Pueblo Agosto",
            "15 de enero de 2026",
            "Justicia y policía",
            "lun–vie 08:00–16:00",
        ),
    ],
)
def test_pdf_is_a_pdf_in_the_language_of_the_address(
    programme: Programme,
    areas: dict[str, Area],
    directory: dict[str, Service],
    rendered: list[weasyprint.Document],
    lang: str,
    filename: str,
    heading: str,
    date: str,
    sector: str,
    hours: str,
) -> None:
    response = Client().get(page_url(programme, areas["august_town"], lang, pdf=True))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    with translation.override(lang):  # "referral-pathway", "ruta-de-derivacion"
        filename = f"{slugify(translation.gettext('referral pathway'))}-{filename}"
    assert response["Content-Disposition"] == f'inline; filename="{filename}"'
    assert response["Cache-Control"] == "no-store"
    assert not response.cookies
    [document] = rendered
    text = squeeze(document_text(document))
    assert document.pages[0].width == pytest.approx(210 / 25.4 * 96, abs=1)  # A4: our stylesheet
    for expected in (heading, date, sector, hours, "+1 876 555 0202", "76 North Street", "119"):
        assert squeeze(expected) in text, expected
    assert f"http://testserver/{lang}/directory/JM/?area={areas['august_town'].pk}" in text


@pytest.mark.parametrize("lang", ["en", "es"])
def test_confidential_address_coordinates_and_private_phones_absent_from_pdf(
    programme: Programme,
    areas: dict[str, Area],
    directory: dict[str, Service],
    client_for,
    rendered: list[weasyprint.Document],
    lang: str,
) -> None:
    response = client_for("coordinator").get(
        page_url(programme, areas["august_town"], lang, pdf=True)
    )

    assert response.status_code == 200
    [document] = rendered
    text = squeeze(document_text(document))
    assert squeeze("+1 876 555 0202") in text  # the shelter's public phone is there
    assert (
        squeeze(
            "Confidential address: given by phone." if lang == "en" else "Casa segura para mujeres"
        )
        in text
    )
    for secret in SECRETS:
        assert squeeze(secret) not in text, secret
        assert secret.encode() not in response.content, secret


def test_pdf_loads_nothing_from_another_host(
    programme: Programme,
    areas: dict[str, Area],
    directory: dict[str, Service],
    rendered: list[weasyprint.Document],
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"network connection attempted: {args}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    with caplog.at_level(logging.WARNING, logger="weasyprint"):
        response = Client().get(page_url(programme, areas["august_town"], pdf=True))

    assert response.status_code == 200
    assert not [record for record in caplog.records if record.name.startswith("weasyprint")]
    # The one resource it loads is our stylesheet, which did apply (A4 page).
    assert rendered[0].pages[0].width == pytest.approx(210 / 25.4 * 96, abs=1)


def test_fetcher_reads_our_static_files_and_refuses_everything_else() -> None:
    fetcher = StaticFilesFetcher("http://testserver/")

    css = fetcher.fetch("http://testserver/static/directory/css/pathway-print.css")
    assert b"@page" in css.read()
    for url in (
        "https://cdn.example.org/static/directory/css/pathway-print.css",
        "http://testserver/media/upload.css",
        "http://testserver/static/../config/settings.py",
        "http://testserver/static/%2e%2e/%2e%2e/etc/passwd",
        "file:///etc/passwd",
        "data:text/css,body{}",
        "http://testserver/static/directory/css/missing.css",
    ):
        with pytest.raises(ValueError):
            fetcher.fetch(url)


def test_pdf_of_an_area_with_no_service_still_gives_the_hotlines(
    programme: Programme, areas: dict[str, Area], rendered: list[weasyprint.Document]
) -> None:
    HotlineFactory(programme=programme, name_en="Police emergency", number="119")

    response = Client().get(page_url(programme, areas["august_town"], pdf=True))

    assert response.status_code == 200
    text = squeeze(document_text(rendered[0]))
    assert squeeze("Police emergency 119") in text
    assert squeeze("No public service is listed for this area yet.") in text
