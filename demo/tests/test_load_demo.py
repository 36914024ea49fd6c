import pytest
from django.core.management import CommandError, call_command

from accounts.models import User
from demo.data import PASSWORD
from organisations.models import Organisation
from programmes.models import Area, GovernmentPriority, Membership, Programme


@pytest.mark.django_db
def test_load_demo_refuses_to_run_with_debug_off(settings) -> None:
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG off"):
        call_command("load_demo")
    assert not Programme.objects.exists()


@pytest.mark.django_db
def test_load_demo_creates_the_seed_programmes_and_one_user_per_role(settings, capsys) -> None:
    settings.DEBUG = True
    call_command("load_demo")
    output = capsys.readouterr().out

    assert set(Programme.objects.values_list("code", flat=True)) == {"JM", "HN", "BZ", "TT"}
    assert Organisation.objects.filter(acronym="EU Delegation").exists()
    assert Organisation.objects.filter(type="un_agency").count() >= 7
    roles = set(Membership.objects.filter(programme__code="JM").values_list("role", flat=True))
    assert roles == {"coordinator", "focal_point", "partner", "observer"}
    assert User.objects.get(username="coordinator").check_password(PASSWORD)
    assert Area.objects.filter(programme__code="JM", level=4).exists()
    assert GovernmentPriority.objects.filter(programme__code="HN").exists()
    for username in ["coordinator", "focalpoint", "partner", "observer", "coordinadora", "admin"]:
        assert username in output
    assert PASSWORD in output


@pytest.mark.django_db
def test_load_demo_twice_changes_nothing(settings) -> None:
    settings.DEBUG = True
    call_command("load_demo")
    counts = [
        m.objects.count()
        for m in (Programme, Organisation, Area, GovernmentPriority, User, Membership)
    ]
    call_command("load_demo")
    assert [
        m.objects.count()
        for m in (Programme, Organisation, Area, GovernmentPriority, User, Membership)
    ] == counts
