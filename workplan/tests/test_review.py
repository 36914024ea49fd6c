"""The programme-wide duplicate review: who reads it, highest first, decisions by coordinators
only, a decided pair staying away until one side changes materially, nothing ever merged."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from types import SimpleNamespace

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.tests.helpers import every_role
from workplan import services
from workplan.models import Activity, OverlapDecision
from workplan.tests.conftest import enter
from workplan.tests.test_activity_selectors import POLICE_EN, POLICE_ES

pytestmark = pytest.mark.django_db


@pytest.fixture
def trio(world: SimpleNamespace) -> SimpleNamespace:
    """Two activities worded the same in the same parish, and a Spanish one in a town of it."""
    first = enter(world, **POLICE_EN, areas=[world.st_catherine])
    copy = enter(world, **POLICE_EN, lead_organisation=world.undp, areas=[world.st_catherine])
    spanish = enter(
        world,
        **POLICE_ES,
        title_en="",
        areas=[world.spanish_town],
        planned_start=datetime.date(2026, 8, 1),
        planned_end=datetime.date(2027, 6, 30),
    )
    return SimpleNamespace(first=first, copy=copy, spanish=spanish)


def pairs_on(client: Client, code: str = "JM", **query: str) -> list[tuple[int, int]]:
    response = client.get(reverse("workplan:review", args=[code]), query)
    assert response.status_code == 200
    return [(pair.first.pk, pair.second.pk) for pair, _form in response.context["pairs"]]


def decide(client: Client, a: Activity, b: Activity, **data: str) -> object:
    data.setdefault("note", "")
    return client.post(reverse("workplan:review_pair", args=["JM", a.pk, b.pk]), data)


@pytest.mark.parametrize(
    ("role", "status"),
    every_role(
        coordinator=200,
        focal_point=200,
        partner=200,
        observer=200,
        outsider=403,
        stranger=403,
        anonymous=302,
    ),
)
def test_members_of_the_programme_read_the_review_list(
    role: str, status: int, trio: SimpleNamespace, client_for: Callable[[str], Client]
) -> None:
    response = client_for(role).get(reverse("workplan:review", args=["JM"]))
    assert response.status_code == status
    if status == 302:
        assert reverse("accounts:login") in response.url


def test_review_list_is_highest_score_first_with_reasons_in_words(
    trio: SimpleNamespace, client_for: Callable[[str], Client]
) -> None:
    response = client_for("observer").get(reverse("workplan:review", args=["JM"]))
    pairs = [pair for pair, _form in response.context["pairs"]]
    assert (pairs[0].first, pairs[0].second) == (trio.first, trio.copy)
    scores = [pair.overlap.score for pair in pairs]
    assert len(pairs) == 3 and scores == sorted(scores, reverse=True)
    assert "Both take place in St Catherine." in pairs[0].reasons
    body = response.content.decode()
    assert all(reason in body for reason in pairs[0].reasons)
    assert response.context["pairs"][0][1] is None  # an observer gets no form
    assert 'name="decision"' not in body


@pytest.mark.parametrize(
    ("role", "status"),
    every_role(
        coordinator=302,
        focal_point=403,
        partner=403,
        observer=403,
        outsider=403,
        stranger=403,
        anonymous=302,
    ),
)
def test_only_coordinators_record_decisions(
    role: str, status: int, trio: SimpleNamespace, client_for: Callable[[str], Client]
) -> None:
    response = decide(client_for(role), trio.first, trio.copy, decision="not_related")
    assert response.status_code == status
    assert OverlapDecision.objects.exists() is (role == "coordinator")
    if role == "anonymous":
        assert reverse("accounts:login") in response.url


def test_a_duplicate_decision_requires_a_note_and_nothing_is_merged(
    trio: SimpleNamespace, client_for: Callable[[str], Client]
) -> None:
    client = client_for("coordinator")
    response = decide(client, trio.first, trio.copy, decision="duplicate")
    assert response.status_code == 400
    assert response.context["form"].errors["note"] == ["Say what will be done about the duplicate."]
    assert not OverlapDecision.objects.exists()

    response = decide(
        client, trio.first, trio.copy, decision="duplicate", note="UNDP withdraws its copy."
    )
    assert response.status_code == 302
    decision = OverlapDecision.objects.get()
    assert (decision.decision, decision.note) == ("duplicate", "UNDP withdraws its copy.")
    assert Activity.objects.filter(pk__in=[trio.first.pk, trio.copy.pk]).count() == 2


def test_a_decided_pair_is_not_raised_again_until_one_side_changes_materially(
    world: SimpleNamespace, trio: SimpleNamespace, client_for: Callable[[str], Client]
) -> None:
    client = client_for("coordinator")
    pair = (trio.first.pk, trio.copy.pk)
    assert pair in pairs_on(client)
    decide(client, trio.first, trio.copy, decision="complementary", note="Different stations.")
    assert pair not in pairs_on(client)

    # A typo fixed in the description is not a material change.
    services.activity_update(
        activity=trio.copy,
        user=world.people["coordinator"],
        data={"description_en": POLICE_EN["description_en"] + " "},
    )
    assert pair not in pairs_on(client)

    services.activity_update(
        activity=trio.copy,
        user=world.people["coordinator"],
        data={"areas": [world.st_catherine, world.clarendon]},
    )
    response = client.get(reverse("workplan:review", args=["JM"]))
    back = [p for p, _form in response.context["pairs"] if (p.first.pk, p.second.pk) == pair]
    assert back and back[0].earlier.decision == "complementary"


def test_decided_tab_lists_who_decided_and_when(
    world: SimpleNamespace, trio: SimpleNamespace, client_for: Callable[[str], Client]
) -> None:
    coordinator = world.people["coordinator"]
    coordinator.first_name, coordinator.last_name = "Marcia", "Thompson"
    coordinator.save()
    decide(client_for("coordinator"), trio.first, trio.copy, decision="not_related")
    response = client_for("observer").get(
        reverse("workplan:review", args=["JM"]), {"tab": "decided"}
    )
    body = response.content.decode()
    (decision,) = response.context["page"].object_list
    assert decision.decided_by == coordinator
    assert "Marcia Thompson" in body and "Not related" in body
    assert response.context["standing_ids"] == {decision.pk}


def test_htmx_decision_answers_the_pair_partial(
    trio: SimpleNamespace, client_for: Callable[[str], Client]
) -> None:
    response = client_for("coordinator").post(
        reverse("workplan:review_pair", args=["JM", trio.first.pk, trio.copy.pk]),
        {"decision": "not_related", "note": ""},
        headers={"HX-Request": "true"},
    )
    body = response.content.decode()
    assert response.status_code == 200 and "<html" not in body
    assert 'class="pair decided"' in body


def test_htmx_duplicate_without_note_comes_back_with_the_error(
    trio: SimpleNamespace, client_for: Callable[[str], Client]
) -> None:
    response = client_for("coordinator").post(
        reverse("workplan:review_pair", args=["JM", trio.first.pk, trio.copy.pk]),
        {"decision": "duplicate", "note": " "},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    assert "Say what will be done about the duplicate." in response.content.decode()
    assert not OverlapDecision.objects.exists()


def test_a_pair_outside_the_programme_is_not_found(
    world: SimpleNamespace, trio: SimpleNamespace, client_for: Callable[[str], Client]
) -> None:
    honduran = enter(
        world,
        **POLICE_EN,
        programme=world.other_programme,
        lead_organisation=world.honduran,
        user=world.people["outsider"],
    )
    response = decide(client_for("coordinator"), trio.first, honduran, decision="not_related")
    assert response.status_code == 404
    assert not OverlapDecision.objects.exists()


def _queries(client: Client, path: str) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get(path).status_code == 200
    return len(context.captured_queries)


def test_review_pages_query_counts_do_not_grow_with_pairs(
    world: SimpleNamespace, client_for: Callable[[str], Client]
) -> None:
    client = client_for("coordinator")
    path = reverse("workplan:review", args=["JM"])

    def add(count: int) -> None:
        for _index in range(count):
            enter(world, **POLICE_EN, areas=[world.st_catherine])
            enter(world, **POLICE_ES, title_en="", areas=[world.spanish_town])

    def decide_all() -> None:
        activities = list(Activity.objects.order_by("pk"))
        for a, b in zip(activities[::2], activities[1::2], strict=True):
            services.overlap_decision_record(
                activity=a, other=b, decision="not_related", user=world.people["coordinator"]
            )

    add(2)
    decide_all()
    few = _queries(client, path)
    few_decided = _queries(client, path + "?tab=decided")
    add(3)
    decide_all()
    assert _queries(client, path) == few
    assert _queries(client, path + "?tab=decided") == few_decided


def test_reopening_the_review_list_does_not_scan_again_until_an_activity_changes(
    world: SimpleNamespace,
    trio: SimpleNamespace,
    client_for: Callable[[str], Client],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from workplan import overlaps

    scans = []
    real_scan = overlaps.scan
    monkeypatch.setattr(overlaps, "scan", lambda facts: scans.append(1) or real_scan(facts))
    client = client_for("coordinator")
    first = pairs_on(client)
    assert pairs_on(client) == first
    assert len(scans) == 1

    services.activity_update(
        activity=trio.copy,
        user=world.people["coordinator"],
        data={"description_en": POLICE_EN["description_en"] + " Again."},
    )
    pairs_on(client)
    assert len(scans) == 2
