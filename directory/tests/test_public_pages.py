"""Public pages: no cookie, quick exit and hotlines everywhere, confidential details nowhere."""

import re
import time
from decimal import Decimal

import pytest
from django.test import Client

from directory import public
from directory.models import Hotline, Suggestion
from directory.tests.builders import make_service
from directory.tests.factories import CostOptionFactory

pytestmark = pytest.mark.django_db

SHELTER_ADDRESS = "7 Secret Hope Lane"
PRIVATE_LINE = "876-555-0999"


@pytest.fixture
def shelter(programme):  # type: ignore[no-untyped-def]
    Hotline.objects.create(programme=programme, name_en="Police", name_es="Policía", number="119")
    return make_service(
        programme,
        "Safe House",
        "Casa Segura",
        terms=("social.shelter",),
        confidential=True,
        address=SHELTER_ADDRESS,
        private_phone=PRIVATE_LINE,
        public_phone="876-555-0101",
        latitude="18.123456",
        longitude="-76.654321",
    )


def public_urls(service) -> list[str]:  # type: ignore[no-untyped-def]
    urls = []
    for language in ("en", "es"):
        base = f"/{language}/directory/JM/"
        urls += [
            base,
            f"{base}?q=safe+house",
            f"{base}?q=hope+lane",
            f"{base}?lat=18.12&lon=-76.65",
            f"{base}services/{service.pk}/",
            f"{base}services/{service.pk}/suggest/",
            f"{base}safety/",
            f"{base}offline/",
            f"{base}offline/pages.json",
            f"/{language}/directory/",
        ]
    return urls


def test_public_pages_set_no_cookie_and_send_no_referrer(shelter) -> None:
    for url in public_urls(shelter):
        response = Client().get(url)
        assert response.status_code == 200, url
        assert response.cookies == {}, url
        assert response["Referrer-Policy"] == "no-referrer", url


def test_confidential_address_coordinates_and_private_phone_never_reach_the_public(shelter) -> None:
    for url in public_urls(shelter):
        html = Client().get(url).content.decode()
        assert SHELTER_ADDRESS not in html, url
        assert "Hope Lane" not in html, url
        assert PRIVATE_LINE not in html and "8765550999" not in html, url
        assert "18.123456" not in html and "-76.654321" not in html, url
        assert "18.12345" not in html, url


def test_search_by_a_confidential_street_finds_nothing(shelter, programme) -> None:
    html = Client().get("/en/directory/JM/?q=hope+lane").content.decode()
    assert "0 services found" in html


def test_the_shelter_itself_is_listed_with_its_public_line(shelter) -> None:
    html = Client().get("/en/directory/JM/?q=shelter").content.decode()
    assert "Safe House" in html
    assert 'href="tel:8765550101"' in html


def test_every_public_page_has_quick_exit_first_then_the_hotlines(shelter) -> None:
    for url in public_urls(shelter):
        if url.endswith(".json"):
            continue
        html = Client().get(url).content.decode()
        body = html[html.index("<body") :]
        first_link = re.search(r"<a\b[^>]*>", body).group(0)
        assert 'id="quick-exit"' in first_link, url
        assert 'href="tel:119"' in html, url
        assert "quick-exit.js" in html, url


def test_the_service_page_says_the_address_is_given_by_phone(shelter) -> None:
    html = Client().get(f"/en/directory/JM/services/{shelter.pk}/").content.decode()
    assert "Confidential location" in html


def test_a_member_whose_role_allows_it_sees_the_private_line_and_an_observer_does_not(
    shelter, client_for
) -> None:
    url = f"/en/directory/JM/services/{shelter.pk}/"
    assert PRIVATE_LINE in client_for("coordinator").get(url).content.decode()
    assert PRIVATE_LINE in client_for("partner").get(url).content.decode()
    assert PRIVATE_LINE not in client_for("observer").get(url).content.decode()
    assert PRIVATE_LINE not in client_for("outsider").get(url).content.decode()


def test_an_unknown_programme_or_service_is_not_found(shelter) -> None:
    assert Client().get("/en/directory/ZZ/").status_code == 404
    assert Client().get(f"/en/directory/HN/services/{shelter.pk}/").status_code == 404


def test_a_members_only_service_is_not_public(programme) -> None:
    service = make_service(programme, "Internal referral desk", visibility="programme")
    assert Client().get(f"/en/directory/JM/services/{service.pk}/").status_code == 404
    assert "Internal referral desk" not in Client().get("/en/directory/JM/").content.decode()


def _token_from(html: str) -> str:
    return re.search(r'name="token" value="([^"]+)"', html).group(1)


def test_a_suggestion_reaches_the_moderation_queue_without_a_cookie(shelter, monkeypatch) -> None:
    client = Client(enforce_csrf_checks=True)
    url = f"/en/directory/JM/services/{shelter.pk}/suggest/"
    form = client.get(url)
    monkeypatch.setattr(public, "TOKEN_MIN_AGE", 0)
    response = client.post(
        url,
        {
            "message": "The intake line changed to 555-0200.",
            "token": _token_from(form.content.decode()),
        },
    )
    assert response.status_code == 200
    assert response.cookies == {}
    assert Suggestion.objects.get().message == "The intake line changed to 555-0200."


def test_a_suggestion_sent_too_fast_or_with_the_trap_filled_is_refused(shelter) -> None:
    client = Client()
    url = f"/en/directory/JM/services/{shelter.pk}/suggest/"
    token = _token_from(client.get(url).content.decode())
    too_fast = client.post(url, {"message": "spam", "token": token})
    assert too_fast.status_code == 400
    assert "too quickly" in too_fast.content.decode()
    forged = client.post(url, {"message": "spam", "token": "forged"})
    assert forged.status_code == 400
    assert not Suggestion.objects.exists()


def test_a_suggestion_token_is_bound_to_its_service(shelter, programme, monkeypatch) -> None:
    other = make_service(programme, "Another service")
    monkeypatch.setattr(public, "TOKEN_MIN_AGE", 0)
    token = public.form_token(f"suggest:{other.pk}")
    response = Client().post(
        f"/en/directory/JM/services/{shelter.pk}/suggest/", {"message": "x", "token": token}
    )
    assert response.status_code == 400
    assert not Suggestion.objects.exists()


def test_suggestions_are_rate_limited_per_connection(shelter, monkeypatch) -> None:
    monkeypatch.setattr(public, "TOKEN_MIN_AGE", 0)
    url = f"/en/directory/JM/services/{shelter.pk}/suggest/"
    statuses = []
    for index in range(7):
        token = public.form_token(f"suggest:{shelter.pk}")
        statuses.append(
            Client().post(url, {"message": f"note {index}", "token": token}).status_code
        )
    assert statuses == [200] * 5 + [400, 400]
    assert Suggestion.objects.count() == 5


def test_an_empty_suggestion_says_what_to_write(shelter, monkeypatch) -> None:
    monkeypatch.setattr(public, "TOKEN_MIN_AGE", 0)
    token = public.form_token(f"suggest:{shelter.pk}")
    response = Client().post(
        f"/en/directory/JM/services/{shelter.pk}/suggest/", {"message": "", "token": token}
    )
    assert response.status_code == 400
    assert "This field is required" in response.content.decode()


def test_form_tokens_expire(monkeypatch) -> None:
    token = public.form_token("suggest:x")
    monkeypatch.setattr(public, "TOKEN_MIN_AGE", 0)
    assert public.form_token_valid(token, "suggest:x")
    real_time = time.time
    monkeypatch.setattr(time, "time", lambda: real_time() + public.TOKEN_MAX_AGE + 10)
    assert not public.form_token_valid(token, "suggest:x")


def test_the_offline_copy_lists_only_public_pages(shelter, programme) -> None:
    hidden = make_service(programme, "Members only", visibility="programme")
    pages = Client().get("/en/directory/JM/offline/pages.json").json()["pages"]
    assert f"/en/directory/JM/services/{shelter.pk}/" in pages
    assert f"/en/directory/JM/services/{hidden.pk}/" not in pages


def test_the_service_worker_is_only_offered_never_registered_by_a_page(shelter) -> None:
    for url in public_urls(shelter):
        html = Client().get(url).content.decode()
        if "offline" in url:
            continue
        assert "offline.js" not in html, url


def test_manifest_makes_the_directory_installable(programme) -> None:
    data = Client().get("/en/directory/JM/manifest.webmanifest").json()
    assert data["start_url"] == "/en/directory/JM/"
    assert {icon["sizes"] for icon in data["icons"]} == {"192x192", "512x512"}


def test_a_public_looking_phone_of_a_confidential_location_stays_hidden(shelter) -> None:
    from directory.models import Phone

    location = shelter.service_at_locations.get().location
    Phone.objects.create(location=location, number="876-555-0777", description_en="Front desk")
    html = Client().get(f"/en/directory/JM/services/{shelter.pk}/").content.decode()
    assert "876-555-0777" not in html
    assert "876-555-0101" in html  # the service's own public line


def test_rate_limits_read_the_address_behind_the_configured_proxies(settings) -> None:
    from django.test import RequestFactory

    settings.PROXY_COUNT = 1
    request = RequestFactory().get(
        "/", HTTP_X_FORWARDED_FOR="203.0.113.9, 198.51.100.7", REMOTE_ADDR="10.0.0.2"
    )
    assert public.client_address(request) == "198.51.100.7"
    settings.PROXY_COUNT = 0
    assert public.client_address(request) == "10.0.0.2"


def test_the_service_page_shows_its_cost_options(programme) -> None:
    service = make_service(programme, "Legal clinic", fees_description_en="Free for survivors")
    CostOptionFactory(
        service=service, option="Court filing", currency="JMD", amount=Decimal("1500.00")
    )
    html = Client().get(f"/en/directory/JM/services/{service.pk}/").content.decode()
    assert "Free for survivors" in html
    assert "Court filing: JMD 1,500" in html
