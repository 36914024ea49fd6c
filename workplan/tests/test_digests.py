"""The weekly digest: who gets what, in which language, and the unsubscribe link."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from io import StringIO
from types import SimpleNamespace

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import formats, timezone, translation

from accounts.models import User
from accounts.tests.factories import UserFactory
from workplan import digests, exchange, services
from workplan.digests import digest_for, unsubscribe_token
from workplan.models import ActivityStatus, ActivityUpdate
from workplan.tests.conftest import enter

pytestmark = pytest.mark.django_db


def week_ago() -> datetime.datetime:
    return timezone.now() - datetime.timedelta(days=7)


def send() -> int:
    return digests.digests_send(since=week_ago(), base_url="https://hub.example.org").sent


def mail_to(user: User) -> list[mail.EmailMessage]:
    return [message for message in mail.outbox if message.to == [user.email]]


def old(activity: object) -> None:
    """Make an activity (and its history) look as if entered a month ago."""
    month_ago = timezone.now() - datetime.timedelta(days=30)
    type(activity).objects.filter(pk=activity.pk).update(created_at=month_ago)
    activity.history.update(history_date=month_ago)
    activity.refresh_from_db()


def test_focal_point_hears_of_a_new_activity_in_their_organisations_area(
    world: SimpleNamespace,
) -> None:
    old(enter(world, areas=[world.st_catherine], pillar_number=1))  # UN Women's
    enter(world, title_en="Safe spaces", lead_organisation=world.undp, areas=[world.spanish_town])
    send()
    (message,) = mail_to(world.people["focal_point"])
    assert "Safe spaces" in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html" and "Safe spaces" in html


def test_nothing_outside_their_areas_and_pillars_and_no_mail_when_nothing_changed(
    world: SimpleNamespace,
) -> None:
    old(enter(world, areas=[world.st_catherine], pillar_number=1))  # UN Women's
    enter(world, lead_organisation=world.undp, areas=[world.clarendon], pillar_number=3)
    send()
    assert mail_to(world.people["focal_point"]) == []
    assert len(mail_to(world.people["coordinator"])) == 1  # the whole programme


def test_nothing_sent_to_anyone_when_nothing_changed(world: SimpleNamespace) -> None:
    old(enter(world, areas=[world.st_catherine]))
    assert send() == 0
    assert mail.outbox == []


def test_no_mail_when_the_member_turned_the_digest_off(world: SimpleNamespace) -> None:
    coordinator = world.people["coordinator"]
    coordinator.workplan_digest = False
    coordinator.save()
    enter(world)
    send()
    assert mail_to(coordinator) == []


def test_digest_in_spanish_for_a_member_who_prefers_spanish(world: SimpleNamespace) -> None:
    coordinator = world.people["coordinator"]
    coordinator.preferred_language = "es"
    coordinator.save()
    enter(world, title_en="Police training", title_es="Formación policial")
    since = week_ago()
    digests.digests_send(since=since, base_url="https://hub.example.org")
    (message,) = mail_to(coordinator)
    # The hub's own strings reach Spanish with the catalogue; these do not depend on it.
    with translation.override("es"):
        day = formats.date_format(timezone.localtime(since).date(), "DATE_FORMAT")
    assert " de " in day
    for body in (message.body, message.alternatives[0][0]):
        assert "Formación policial" in body and "Police training" not in body
        assert day in body
        assert "https://hub.example.org/es/workplan/JM/" in body
    assert '<html lang="es">' in message.alternatives[0][0]


def test_updates_and_status_changes_are_listed_once_and_not_ones_own(
    world: SimpleNamespace,
) -> None:
    activity = enter(world, title_en="Shelter refurbishment", areas=[world.clarendon])
    old(activity)
    exchange.activity_update_post(
        activity=activity,
        author=world.people["focal_point"],
        kind=ActivityUpdate.Kind.STATUS,
        new_status=ActivityStatus.IMPLEMENTATION,
        text="Works started",
    )
    edited = enter(world, title_en="Hotline", lead_organisation=world.undp, pillar_number=4)
    old(edited)
    services.activity_update(
        activity=edited,
        user=UserFactory(username="undp", organisation=world.undp),
        data={"status": ActivityStatus.CLOSED},
    )
    digest = digest_for(world.people["coordinator"], since=week_ago(), until=timezone.now())
    (section,) = digest.sections
    assert section.new_activities == []
    assert [u.text for u in section.updates] == ["Works started"]
    assert [(c.activity, c.before, c.after) for c in section.status_changes] == [
        (edited, ActivityStatus.PIPELINE, ActivityStatus.CLOSED)
    ]
    own = digest_for(world.people["focal_point"], since=week_ago(), until=timezone.now())
    assert own.sections == []  # their own update, and UNDP's hotline is not in their pillars/areas
    services.activity_update(
        activity=edited, user=world.people["coordinator"], data={"status": ActivityStatus.SUSPENDED}
    )
    digest = digest_for(world.people["coordinator"], since=week_ago(), until=timezone.now())
    assert digest.sections[0].status_changes == []  # the last change is their own


def test_digest_lists_only_what_the_member_may_read(world: SimpleNamespace) -> None:
    enter(world, title_en="Members only", visibility="programme")
    enter(world, title_en="For the region", visibility="region")
    digest = digest_for(world.people["outsider"], since=week_ago(), until=timezone.now())
    # The outsider coordinates Honduras: nothing of Jamaica's reaches them.
    assert digest.sections == []
    digest = digest_for(world.people["coordinator"], since=week_ago(), until=timezone.now())
    assert {a.title for a in digest.sections[0].new_activities} == {
        "Members only",
        "For the region",
    }


def test_dry_run_prints_who_would_get_what_and_sends_nothing(world: SimpleNamespace) -> None:
    enter(world)
    out = StringIO()
    call_command("send_digests", "--dry-run", stdout=out)
    assert "coordinator@example.org (en): JM: 1 new, 0 updates, 0 status changes" in out.getvalue()
    assert mail.outbox == []


def test_since_option_takes_an_iso_date(world: SimpleNamespace) -> None:
    activity = enter(world)
    old(activity)  # a month ago
    out = StringIO()
    since = (timezone.now() - datetime.timedelta(days=40)).date().isoformat()
    call_command("send_digests", "--since", since, stdout=out)
    assert len(mail_to(world.people["coordinator"])) == 1


def test_unsubscribe_link_in_the_mail_works_without_signing_in(world: SimpleNamespace) -> None:
    coordinator = world.people["coordinator"]
    enter(world)
    send()
    (message,) = mail_to(coordinator)
    path = reverse("workplan:digest_unsubscribe", args=[unsubscribe_token(coordinator)])
    assert f"https://hub.example.org{path}" in message.body
    assert message.extra_headers["List-Unsubscribe"] == f"<https://hub.example.org{path}>"
    client = Client()
    assert client.get(path).status_code == 200
    coordinator.refresh_from_db()
    assert coordinator.workplan_digest  # opening the link (or a mail scanner) changes nothing
    assert client.post(path).status_code == 200
    coordinator.refresh_from_db()
    assert not coordinator.workplan_digest


def test_a_tampered_unsubscribe_token_changes_nothing(world: SimpleNamespace) -> None:
    coordinator = world.people["coordinator"]
    token = unsubscribe_token(coordinator)
    response = Client().post(reverse("workplan:digest_unsubscribe", args=[token[:-2] + "xx"]))
    assert response.status_code == 404
    coordinator.refresh_from_db()
    assert coordinator.workplan_digest


def test_settings_page_turns_the_digest_off_and_on(
    world: SimpleNamespace, client_for: Callable[[str], Client]
) -> None:
    client = client_for("observer")
    path = reverse("accounts:settings")
    assert 'name="workplan_digest"' in client.get(path).content.decode()
    response = client.post(path, {"preferred_language": "es"})
    assert response.status_code == 302
    observer = User.objects.get(pk=world.people["observer"].pk)
    assert (observer.workplan_digest, observer.preferred_language) == (False, "es")
    client.post(path, {"preferred_language": "es", "workplan_digest": "on"})
    observer.refresh_from_db()
    assert observer.workplan_digest


def test_settings_page_asks_anonymous_visitors_to_sign_in(client_for: Callable) -> None:
    response = client_for("anonymous").get(reverse("accounts:settings"))
    assert response.status_code == 302 and reverse("accounts:login") in response.url
