"""The moderation queue of corrections suggested by the public."""

from collections.abc import Callable

import pytest
from django.test import Client

from directory.models import Suggestion
from directory.tests.manage_factories import SuggestionFactory, VerifiedServiceFactory, World, url
from programmes.models import Programme

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(programme: Programme, people: dict) -> World:
    return World(programme, people)


def test_the_queue_lists_open_suggestions_of_the_programme_only(
    world: World, other_programme: Programme, client_for: Callable[[str], Client]
) -> None:
    SuggestionFactory(service=world.service, message="Open one <script>")
    SuggestionFactory(service=world.service, message="Done one", status=Suggestion.Status.APPLIED)
    SuggestionFactory(
        service=VerifiedServiceFactory(programme=other_programme), message="Honduran one"
    )

    body = client_for("coordinator").get(url("manage_suggestions")).content.decode()

    assert "Open one &lt;script&gt;" in body
    assert "Done one" not in body and "Honduran one" not in body
    assert url("manage_service", world.service.pk) in body


@pytest.mark.parametrize("status", ["applied", "dismissed"])
def test_coordinator_marks_a_suggestion_applied_or_dismissed(
    status: str, world: World, client_for: Callable[[str], Client]
) -> None:
    suggestion = SuggestionFactory(service=world.service)

    response = client_for("coordinator").post(
        url("manage_suggestion_decide", suggestion.pk), {"status": status}
    )

    assert response.status_code == 302
    assert response.url == url("manage_suggestions")
    suggestion.refresh_from_db()
    assert (suggestion.status, suggestion.decided_by) == (status, world.people["coordinator"])
    assert suggestion.decided_at is not None


def test_a_closed_suggestion_stays_as_it_was_decided(
    world: World, client_for: Callable[[str], Client]
) -> None:
    suggestion = SuggestionFactory(service=world.service, status=Suggestion.Status.DISMISSED)
    client = client_for("coordinator")
    response = client.post(
        url("manage_suggestion_decide", suggestion.pk), {"status": "applied"}, follow=True
    )
    assert "already been dealt with" in response.content.decode()
    suggestion.refresh_from_db()
    assert suggestion.status == Suggestion.Status.DISMISSED


def test_an_unknown_decision_changes_nothing(
    world: World, client_for: Callable[[str], Client]
) -> None:
    suggestion = SuggestionFactory(service=world.service)
    response = client_for("coordinator").post(
        url("manage_suggestion_decide", suggestion.pk), {"status": "open"}, follow=True
    )
    assert "Choose whether" in response.content.decode()
    suggestion.refresh_from_db()
    assert suggestion.status == Suggestion.Status.OPEN


def test_the_dashboard_counts_waiting_suggestions_and_proposals(
    world: World, client_for: Callable[[str], Client]
) -> None:
    SuggestionFactory.create_batch(2, service=world.service)
    counts = client_for("coordinator").get(url("manage_dashboard")).context["counts"]
    assert (counts.open_suggestions, counts.pending_changes) == (2, 0)
