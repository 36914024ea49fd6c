import pytest
from django.urls import reverse

from organisations.tests.factories import OrganisationFactory
from programmes.models import Membership
from programmes.tests.factories import AreaFactory, GovernmentPriorityFactory, MembershipFactory


@pytest.mark.django_db
def test_programme_page_lists_its_organisations_people_areas_pillars_and_priorities(
    programme, people, client_for
) -> None:
    OrganisationFactory(name_en="UN Women", acronym="UNW", programmes=[programme])
    parish = AreaFactory(programme=programme, name_en="Clarendon")
    AreaFactory(programme=programme, parent=parish, level=4, name_en="May Pen")
    GovernmentPriorityFactory(programme=programme, code="2.1", title_en="Access to shelters")

    response = client_for("coordinator").get(reverse("programmes:detail", args=["JM"]))

    assert response.status_code == 200
    body = response.content.decode()
    for expected in [
        "UN Women",
        "Clarendon",
        "May Pen",
        "Laws and policies",
        "Access to shelters",
        people["partner"].get_full_name(),
    ]:
        assert expected in body


@pytest.mark.django_db
def test_programme_page_query_count_does_not_grow_with_its_content(
    programme, people, client_for, django_assert_max_num_queries
) -> None:
    for index in range(15):
        OrganisationFactory(programmes=[programme])
        MembershipFactory(programme=programme, role=Membership.Role.PARTNER)
        AreaFactory(programme=programme)
        GovernmentPriorityFactory(programme=programme, code=f"X{index}")
    client = client_for("coordinator")
    with django_assert_max_num_queries(12):
        response = client.get(reverse("programmes:detail", args=["JM"]))
    assert response.status_code == 200
