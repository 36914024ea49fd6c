"""The programme page leads to the directory: the public one for every member who reads the
page, the members' pages for those who may manage it or propose services to it."""

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from core.tests.helpers import every_role
from directory.tests.manage_factories import World, url
from programmes.models import Programme

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("role", "expected"),
    every_role(
        coordinator="manage",
        focal_point="propose",
        partner="propose",
        observer="public",
        outsider=None,
        stranger=None,
        anonymous=None,
    ),
)
def test_programme_page_links_to_the_directory_management_for_who_may_manage_or_propose(
    role: str,
    expected: str | None,
    programme: Programme,
    people: dict,
    client_for: Callable[[str], Client],
) -> None:
    World(programme, people)  # the focal point and the partner work for an organisation
    response = client_for(role).get(reverse("programmes:detail", args=["JM"]))
    if expected is None:  # not a member: the page itself is refused
        assert response.status_code in (302, 403)
        return
    assert response.status_code == 200
    body = response.content.decode()
    assert f'href="{reverse("directory:search", args=["JM"])}"' in body
    assert (f'href="{url("manage_dashboard")}"' in body) is (expected != "public")
    assert ("Manage the directory" in body) is (expected == "manage")
    assert ("Propose new services" in body) is (expected == "propose")


def test_a_partner_without_an_organisation_is_only_shown_the_public_directory(
    programme: Programme, client_for: Callable[[str], Client]
) -> None:
    body = client_for("partner").get(reverse("programmes:detail", args=["JM"])).content.decode()
    assert f'href="{reverse("directory:search", args=["JM"])}"' in body
    assert url("manage_dashboard") not in body
