"""The demo workplans: loaded through the services, idempotent, with the overlaps they promise."""

import pytest

from accounts.models import User
from demo.services import demo_load
from demo.workplan import demo_workplan_load
from programmes.models import Programme
from workplan.models import Activity, ActivityTerm, ActivityUpdate, Participation
from workplan.review import review_candidates


def _counts() -> list[int]:
    return [
        Activity.objects.count(),
        Activity.history.count(),
        Participation.objects.count(),
        ActivityTerm.objects.count(),
        ActivityUpdate.objects.count(),
    ]


@pytest.mark.django_db
def test_demo_workplans_load_once_and_a_second_run_changes_nothing() -> None:
    demo_load()
    demo_workplan_load()
    counts = _counts()
    demo_workplan_load()

    assert _counts() == counts
    for programme in Programme.objects.all():
        activities = Activity.objects.filter(programme=programme)
        assert 25 <= activities.count() <= 40, programme.code
        assert set(activities.values_list("pillar__number", flat=True)) == {1, 2, 3, 4, 5, 6}
        assert activities.filter(priorities__isnull=True).exists()  # serving no priority
        assert activities.exclude(currency="USD").exists()
    assert Activity.objects.filter(programme__code="HN", title_en="").count() > 20  # Spanish
    assert ActivityTerm.objects.filter(activity__programme__code="HN").exists()  # indexed


@pytest.mark.django_db
def test_the_review_finds_the_deliberate_duplicates_and_not_the_near_misses() -> None:
    demo_load()
    demo_workplan_load()
    admin = User.objects.get(username="admin")

    found = {}
    for programme in Programme.objects.all():
        for a_id, b_id, _overlap in review_candidates(user=admin, programme=programme):
            a, b = Activity.objects.get(pk=a_id), Activity.objects.get(pk=b_id)
            found.setdefault(programme.code, []).append({a.title, b.title})

    # One pair each, in two languages where promised; the next year's campaign, the same course
    # in another parish and the police desks under another pillar are not raised.
    assert {code: len(pairs) for code, pairs in found.items()} == {
        "JM": 1,
        "HN": 1,
        "BZ": 1,
        "TT": 1,
    }
    (honduras,) = found["HN"]
    assert any(title.startswith("Capacitación de policías") for title in honduras)
    assert any(title.startswith("Domestic violence response course") for title in honduras)
    (jamaica,) = found["JM"]
    assert all("St Catherine" in title for title in jamaica)
