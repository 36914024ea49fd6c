"""The public pages' cache: anonymous pages are shared, nothing personal is kept."""

from collections.abc import Iterator
from unittest import mock

import pytest
from django.core.cache import caches
from django.test import Client
from django.urls import reverse
from django.utils import translation

from directory import page_cache
from directory.models import Service
from directory.services import services_refresh
from directory.tests.builders import make_service

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _page_cache_on(settings) -> Iterator[None]:  # type: ignore[no-untyped-def]
    settings.DIRECTORY_PAGE_CACHE_SECONDS = 60
    with translation.override("en"):  # the addresses below are the English pages
        yield


def kept_pages() -> int:
    return len(caches[page_cache.CACHE_ALIAS]._cache)  # type: ignore[attr-defined]


def search_url(programme, **params: str) -> str:  # type: ignore[no-untyped-def]
    url = reverse("directory:search", args=[programme.code])
    if params:
        url += "?" + "&".join(f"{key}={value}" for key, value in params.items())
    return url


def test_an_anonymous_search_is_answered_from_the_cache_until_the_directory_changes(
    programme, django_capture_on_commit_callbacks
) -> None:
    service = make_service(programme, "Harbour House counselling", "Consejería Harbour House")
    url = search_url(programme, q="harbour")
    assert ">Harbour House counselling</a>" in Client().get(url).content.decode()
    assert kept_pages() == 1

    # A change that does not go through the directory's services is not seen from the cache…
    Service.objects.filter(pk=service.pk).update(name_en="Bayside counselling")
    assert ">Harbour House counselling</a>" in Client().get(url).content.decode()

    # …and every change that does (services_refresh ends each of them) is seen at once.
    with django_capture_on_commit_callbacks(execute=True):
        services_refresh([service.pk])
    page = Client().get(url).content.decode()
    assert "Bayside counselling" in page
    assert '<a href="/en/directory/JM/services/' in page
    assert ">Harbour House counselling</a>" not in page


def test_pages_for_a_signed_in_member_are_never_kept(programme, people) -> None:
    service = make_service(programme, "Safe house", confidential=True, private_phone="555-0999")
    client = Client()
    client.force_login(people["coordinator"])
    url = reverse("directory:service", args=[programme.code, service.pk])

    assert "555-0999" in client.get(url).content.decode()
    assert client.get(search_url(programme)).status_code == 200
    assert kept_pages() == 0
    # An anonymous visitor after the member gets the public page, not the member's.
    assert "555-0999" not in Client().get(url).content.decode()


def test_a_search_with_a_shared_location_is_never_kept(programme) -> None:
    make_service(programme, "Crisis counselling")
    response = Client().get(search_url(programme, lat="18.01", lon="-76.79"))
    assert response.status_code == 200
    assert kept_pages() == 0


def test_open_now_pages_are_kept_only_within_the_minute(programme) -> None:
    make_service(programme, "Crisis counselling")
    client = Client()
    url = search_url(programme, open_now="on")
    with mock.patch("directory.page_cache.time.time", return_value=1_800_000_000.0):
        client.get(url)
        client.get(url)
    assert kept_pages() == 1
    with mock.patch("directory.page_cache.time.time", return_value=1_800_000_060.0):
        client.get(url)
    assert kept_pages() == 2


def test_each_language_and_each_query_has_its_own_page(programme) -> None:
    make_service(programme, "Crisis counselling", "Consejería en crisis")
    client = Client()
    english = client.get(search_url(programme, q="crisis")).content.decode()
    with_more = client.get(search_url(programme, q="crisis", type="social")).content.decode()
    spanish = client.get(
        reverse("directory:search", args=[programme.code]).replace("/en/", "/es/", 1) + "?q=crisis"
    ).content.decode()
    assert kept_pages() == 3
    assert 'lang="en"' in english
    assert 'lang="es"' in spanish
    assert english != with_more


def test_the_same_parameters_in_another_order_share_one_page(programme) -> None:
    make_service(programme, "Crisis counselling")
    client = Client()
    client.get(search_url(programme, q="crisis", type="social"))
    client.get(reverse("directory:search", args=[programme.code]) + "?type=social&q=crisis")
    assert kept_pages() == 1


def test_an_unknown_service_is_not_kept(programme) -> None:
    url = reverse(
        "directory:service", args=[programme.code, "00000000-0000-0000-0000-000000000000"]
    )
    assert Client().get(url).status_code == 404
    assert kept_pages() == 0


def test_no_page_is_kept_when_the_setting_is_zero(programme, settings) -> None:
    settings.DIRECTORY_PAGE_CACHE_SECONDS = 0
    make_service(programme, "Crisis counselling")
    Client().get(search_url(programme))
    assert kept_pages() == 0


def test_a_cached_page_sets_no_cookie_and_keeps_the_safety_headers(programme) -> None:
    make_service(programme, "Crisis counselling")
    client = Client()
    client.get(search_url(programme))
    response = client.get(search_url(programme))
    assert not response.cookies
    assert response["Referrer-Policy"] == "no-referrer"
