"""Every change to a shared record leaves a historical row: who, when, and both languages."""

import re
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.db import models
from django.test import Client
from django.urls import reverse

from accounts.models import Invitation, User
from accounts.tests.factories import PASSWORD, UserFactory
from organisations.models import Organisation
from organisations.services import organisation_update
from organisations.tests.factories import OrganisationFactory
from programmes.models import Area, Membership, Programme
from programmes.services import area_update, membership_set, programme_update
from programmes.tests.factories import AreaFactory, MembershipFactory

LINK = re.compile(r"https?://\S+/accounts/invitations/[^/\s]+/")


def latest(instance: models.Model) -> Any:
    return instance.history.latest("history_date")


def signed_in(user: User) -> Client:
    """A client signed in through the login view (so that django-axes sees a real request)."""
    client = Client()
    response = client.post(
        reverse("accounts:login"), {"username": user.username, "password": PASSWORD}
    )
    assert response.status_code == 302
    return client


def admin_change_data(client: Client, url: str, **changes: Any) -> dict[str, Any]:
    """The admin change form's current values, with ``changes`` applied, ready to POST."""
    form = client.get(url).context["adminform"].form
    data: dict[str, Any] = {}
    for name in form.fields:
        value = form[name].value()
        if value is None or value is False:
            continue
        data[name] = value
    data.update(changes)
    return data


@pytest.fixture
def superuser(db: None) -> User:
    return UserFactory(username="admin", is_staff=True, is_superuser=True)


@pytest.mark.django_db
def test_organisation_update_records_history_in_both_languages() -> None:
    organisation = OrganisationFactory(
        name_en="Women's Centre", name_es="Centro de Mujeres", acronym="WC"
    )
    assert organisation.history.count() == 1

    organisation_update(
        organisation=organisation, data={"name_es": "Centro de la Mujer", "acronym": "WCJ"}
    )

    assert organisation.history.count() == 2
    row = latest(organisation)
    assert row.history_type == "~"
    assert (row.name_en, row.name_es, row.acronym) == (
        "Women's Centre",
        "Centro de la Mujer",
        "WCJ",
    )
    assert row.history_user is None
    previous = row.prev_record
    assert previous.name_es == "Centro de Mujeres"
    assert set(row.diff_against(previous).changed_fields) == {"name_es", "acronym"}


@pytest.mark.django_db
def test_organisation_update_records_the_programmes_it_works_in(programme: Programme) -> None:
    organisation = OrganisationFactory()

    organisation_update(organisation=organisation, data={"programmes": [programme]})

    row = latest(organisation)
    assert row.history_type == "~"
    assert [link.programme for link in row.programmes.all()] == [programme]
    assert list(row.prev_record.programmes.all()) == []


@pytest.mark.django_db
def test_organisation_update_without_a_change_records_nothing() -> None:
    organisation = OrganisationFactory(name_en="Unchanged")

    organisation_update(organisation=organisation, data={"name_en": "Unchanged"})

    assert organisation.history.count() == 1


@pytest.mark.django_db
def test_area_update_records_history_in_both_languages(programme: Programme) -> None:
    area = AreaFactory(programme=programme, name_en="Saint Andrew", name_es="San Andres")

    area_update(area=area, data={"name_en": "St Andrew", "name_es": "San Andres Parish"})

    assert area.history.count() == 2
    row = latest(area)
    assert row.history_type == "~"
    assert (row.name_en, row.name_es) == ("St Andrew", "San Andres Parish")
    assert row.prev_record.name_en == "Saint Andrew"


@pytest.mark.django_db
def test_programme_update_records_history_in_both_languages(programme: Programme) -> None:
    before = programme.history.count()

    programme_update(
        programme=programme,
        data={"name_es": "Iniciativa Spotlight Jamaica", "default_language": "es"},
    )

    assert programme.history.count() == before + 1
    row = latest(programme)
    assert row.history_type == "~"
    assert row.name_en == "Spotlight Jamaica"
    assert row.name_es == "Iniciativa Spotlight Jamaica"
    assert row.default_language == "es"


@pytest.mark.django_db
def test_membership_set_records_the_new_and_the_changed_role(programme: Programme) -> None:
    person = UserFactory()

    membership = membership_set(user=person, programme=programme, role=Membership.Role.OBSERVER)
    membership_set(user=person, programme=programme, role=Membership.Role.PARTNER)

    rows = list(membership.history.order_by("history_date", "history_id"))
    assert [(r.history_type, r.role) for r in rows] == [("+", "observer"), ("~", "partner")]


@pytest.mark.django_db
def test_membership_set_with_the_same_role_records_nothing(programme: Programme) -> None:
    membership = MembershipFactory(programme=programme, role=Membership.Role.PARTNER)

    membership_set(user=membership.user, programme=programme, role=Membership.Role.PARTNER)

    assert membership.history.count() == 1


@pytest.mark.django_db
def test_membership_from_an_accepted_invitation_is_recorded_as_done_by_that_person(
    programme: Programme, people: dict, client_for, django_capture_on_commit_callbacks
) -> None:
    person = UserFactory(username="joiner", email="joiner@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        client_for("coordinator").post(
            reverse("programmes:invite", args=["JM"]),
            {"email": "joiner@example.org", "role": "focal_point"},
        )
    invitation = Invitation.objects.get()
    path = urlsplit(LINK.search(mail.outbox[0].body).group(0)).path

    response = signed_in(person).post(path)

    assert response.status_code == 302
    membership = Membership.objects.get(user=person, programme=programme)
    row = latest(membership)
    assert (row.history_type, row.role) == ("+", "focal_point")
    assert row.history_user == person
    invitation.refresh_from_db()
    assert invitation.accepted_by == person


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("make", "field", "new_value"),
    [
        (lambda p: OrganisationFactory(programmes=[p]), "name_es", "Nombre corregido"),
        (lambda p: AreaFactory(programme=p), "name_es", "Parroquia corregida"),
        (lambda p: p, "name_es", "Spotlight Jamaica corregido"),
    ],
    ids=["organisation", "area", "programme"],
)
def test_change_through_the_admin_records_the_signed_in_user(
    programme: Programme, superuser: User, make, field: str, new_value: str
) -> None:
    instance = make(programme)
    opts = instance._meta
    url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[instance.pk])
    client = signed_in(superuser)

    response = client.post(url, admin_change_data(client, url, **{field: new_value}))

    assert response.status_code == 302, response.context["adminform"].form.errors
    row = latest(instance)
    assert row.history_type == "~"
    assert getattr(row, field) == new_value
    assert row.history_user == superuser


@pytest.mark.django_db
def test_admin_history_page_of_an_organisation_lists_the_change(superuser: User) -> None:
    organisation = OrganisationFactory(name_en="Jamaica Household Workers", name_es="Trabajadoras")
    organisation_update(organisation=organisation, data={"name_es": "Trabajadoras del hogar"})
    client = signed_in(superuser)

    response = client.get(
        reverse("admin:organisations_organisation_history", args=[organisation.pk])
    )

    assert response.status_code == 200
    body = response.content.decode()
    assert "2 entries" in body
    assert re.search(
        r"<strong>Name \[es\]:</strong>\s*Trabajadoras\s*&nbsp;&rarr;&nbsp;&nbsp;Trabajadoras del hogar",
        body,
    )


@pytest.mark.django_db
def test_admin_history_page_is_closed_to_a_coordinator(people: dict) -> None:
    organisation = OrganisationFactory()
    client = signed_in(people["coordinator"])

    response = client.get(
        reverse("admin:organisations_organisation_history", args=[organisation.pk])
    )

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


@pytest.mark.django_db
def test_historical_organisation_has_a_column_per_language() -> None:
    historical = Organisation.history.model
    columns = {field.name for field in historical._meta.get_fields()}

    assert {"name", "name_en", "name_es", "history_user", "history_date"} <= columns
    assert {"name_en", "name_es"} <= {f.name for f in Area.history.model._meta.get_fields()}
    assert {"name_en", "name_es"} <= {f.name for f in Programme.history.model._meta.get_fields()}
