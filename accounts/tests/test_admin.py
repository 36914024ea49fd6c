"""Every model registered in the admin opens for a superuser; the admin is closed to everyone else."""

import pytest
from django.contrib import admin
from django.db import models
from django.test import Client, RequestFactory
from django.urls import reverse

from accounts.models import ApiToken, Invitation, User
from accounts.services import api_token_create, invitation_create
from accounts.tests.factories import PASSWORD, UserFactory
from organisations.tests.factories import OrganisationFactory
from programmes.models import Programme
from programmes.tests.factories import AreaFactory, GovernmentPriorityFactory

REGISTERED = sorted(admin.site._registry, key=lambda model: model._meta.label)


def admin_url(model: type[models.Model], view: str) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}")


@pytest.fixture
def superuser(db: None) -> User:
    return UserFactory(username="admin", is_staff=True, is_superuser=True)


@pytest.fixture
def content(programme: Programme, people: dict, superuser: User) -> None:
    """A row or two in most tables, so that the changelists render real records."""
    parish = AreaFactory(programme=programme, name_en="Clarendon")
    AreaFactory(programme=programme, parent=parish, level=4, name_en="May Pen")
    GovernmentPriorityFactory(programme=programme, code="2.1")
    OrganisationFactory(name_en="UN Women", acronym="UNW", programmes=[programme])
    api_token_create(user=people["coordinator"], name="IATI publishing script")
    invitation_create(
        programme=programme,
        email="invitee@example.org",
        role="partner",
        invited_by=people["coordinator"],
        base_url="http://testserver/",
    )
    # A failed and a successful sign-in fill django-axes' tables.
    login = reverse("accounts:login")
    Client().post(login, {"username": "partner", "password": PASSWORD})
    Client().post(login, {"username": "partner", "password": "wrong"})


def test_the_hubs_own_models_are_registered() -> None:
    labels = {model._meta.label for model in REGISTERED}

    assert {
        "accounts.User",
        "accounts.Invitation",
        "accounts.ApiToken",
        "programmes.Programme",
        "programmes.Membership",
        "programmes.Area",
        "programmes.Pillar",
        "programmes.GovernmentPriority",
        "organisations.Organisation",
    } <= labels


@pytest.mark.django_db
@pytest.mark.parametrize("model", REGISTERED, ids=lambda model: model._meta.label)
def test_superuser_opens_the_changelist_and_add_page(
    model: type[models.Model], content: None, superuser: User
) -> None:
    client = Client()
    client.force_login(superuser)

    changelist = client.get(admin_url(model, "changelist"))

    assert changelist.status_code == 200
    request = RequestFactory().get("/")
    request.user = superuser
    add = client.get(admin_url(model, "add"))
    if admin.site._registry[model].has_add_permission(request):
        assert add.status_code == 200
    else:
        assert add.status_code == 403


@pytest.mark.django_db
@pytest.mark.parametrize(
    "model",
    [m for m in REGISTERED if admin.site._registry[m].search_fields],
    ids=lambda m: m._meta.label,
)
def test_superuser_searches_every_searchable_changelist(
    model: type[models.Model], content: None, superuser: User
) -> None:
    client = Client()
    client.force_login(superuser)

    response = client.get(admin_url(model, "changelist"), {"q": "partner"})

    assert response.status_code == 200


@pytest.mark.django_db
def test_invitations_and_tokens_cannot_be_added_in_the_admin(superuser: User) -> None:
    client = Client()
    client.force_login(superuser)

    for model in (Invitation, ApiToken):
        assert client.get(admin_url(model, "add")).status_code == 403


@pytest.mark.django_db
def test_superuser_opens_a_change_page_of_each_hub_record(content: None, superuser: User) -> None:
    client = Client()
    client.force_login(superuser)
    opened = 0

    for model in REGISTERED:
        instance = model._default_manager.first()
        if instance is None:
            continue
        url = reverse(
            f"admin:{model._meta.app_label}_{model._meta.model_name}_change", args=[instance.pk]
        )
        response = client.get(url)
        assert response.status_code == 200, url
        opened += 1

    assert opened >= 9


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["coordinator", "focal_point", "partner", "outsider"])
def test_admin_is_closed_to_members_who_are_not_staff(role: str, people: dict, client_for) -> None:
    client = client_for(role)

    for url in (
        reverse("admin:index"),
        admin_url(Programme, "changelist"),
        admin_url(User, "changelist"),
    ):
        response = client.get(url)

        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("admin:login"))


@pytest.mark.django_db
def test_admin_sends_anonymous_visitors_to_its_login(people: dict, client_for) -> None:
    response = client_for("anonymous").get(reverse("admin:index"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


@pytest.mark.django_db
def test_staff_without_permissions_sees_no_model() -> None:
    clerk = UserFactory(username="clerk", is_staff=True)
    client = Client()
    client.force_login(clerk)

    assert client.get(reverse("admin:index")).status_code == 200
    assert client.get(admin_url(Programme, "changelist")).status_code == 403
