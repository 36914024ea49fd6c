import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from programmes.models import Pillar, Programme
from programmes.tests.factories import AreaFactory, GovernmentPriorityFactory, ProgrammeFactory


@pytest.mark.django_db
def test_the_six_pillars_exist_in_english_and_spanish() -> None:
    pillars = list(Pillar.objects.order_by("number"))
    assert [p.number for p in pillars] == [1, 2, 3, 4, 5, 6]
    assert pillars[0].name_en == "Laws and policies"
    assert pillars[0].name_es == "Leyes y políticas"
    assert all(p.outcome_en and p.outcome_es for p in pillars)
    with translation.override("es"):
        assert pillars[5].name == "Movimiento de mujeres y sociedad civil"


@pytest.mark.django_db
def test_programme_default_language_must_be_one_of_its_languages() -> None:
    programme = ProgrammeFactory.build(code="ZZ", languages=["en"], default_language="es")
    with pytest.raises(ValidationError) as error:
        programme.full_clean()
    assert "default_language" in error.value.message_dict


@pytest.mark.django_db
def test_programme_rejects_unknown_language_and_time_zone() -> None:
    programme = ProgrammeFactory.build(code="ZZ", languages=["xx"], time_zone="Mars/Olympus")
    with pytest.raises(ValidationError) as error:
        programme.full_clean()
    assert set(error.value.message_dict) >= {"languages", "time_zone"}


@pytest.mark.django_db
def test_country_programme_needs_a_country_but_a_regional_one_does_not() -> None:
    with pytest.raises(ValidationError) as error:
        ProgrammeFactory.build(code="ZZ", country="").full_clean()
    assert "country" in error.value.message_dict
    ProgrammeFactory.build(code="LAC", country="", kind=Programme.Kind.REGIONAL).full_clean()


@pytest.mark.django_db
def test_programme_code_must_be_short_capitals() -> None:
    with pytest.raises(ValidationError) as error:
        ProgrammeFactory.build(code="jm jm").full_clean()
    assert "code" in error.value.message_dict


@pytest.mark.django_db
def test_area_parent_must_be_higher_and_in_the_same_programme(programme, other_programme) -> None:
    parish = AreaFactory(programme=programme, level=2)
    community = AreaFactory(programme=programme, level=4, parent=parish)
    parish.parent = community
    parish.level = 1
    with pytest.raises(ValidationError):
        parish.full_clean()
    foreign = AreaFactory.build(programme=other_programme, level=3, parent=parish)
    with pytest.raises(ValidationError) as error:
        foreign.full_clean()
    assert "parent" in error.value.message_dict


@pytest.mark.django_db
def test_area_needs_both_coordinates_or_none(programme) -> None:
    area = AreaFactory.build(programme=programme, latitude=18.0, longitude=None)
    with pytest.raises(ValidationError):
        area.full_clean()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "boundary",
    [
        {"type": "Point", "coordinates": [0, 0]},
        {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1]]]},
        {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 2]]]},
        {"type": "Polygon", "coordinates": [[[0, 0], [200, 0], [1, 1], [0, 0]]]},
        "not geojson",
    ],
)
def test_area_rejects_malformed_boundaries(programme, boundary) -> None:
    area = AreaFactory.build(programme=programme, boundary=boundary)
    with pytest.raises(ValidationError) as error:
        area.full_clean()
    assert "boundary" in error.value.message_dict


@pytest.mark.django_db
def test_area_accepts_a_polygon_boundary(programme) -> None:
    ring = [[-77.3, 17.9], [-77.1, 17.9], [-77.1, 18.1], [-77.3, 18.1], [-77.3, 17.9]]
    AreaFactory.build(
        programme=programme, boundary={"type": "Polygon", "coordinates": [ring]}
    ).full_clean()


@pytest.mark.django_db
def test_bilingual_name_needs_at_least_one_language(programme) -> None:
    area = AreaFactory.build(programme=programme, name_en="", name_es="")
    with pytest.raises(ValidationError):
        area.full_clean()
    AreaFactory.build(programme=programme, name_en="", name_es="San Pedro Sula").full_clean()


@pytest.mark.django_db
def test_priority_code_is_unique_within_its_framework(programme) -> None:
    GovernmentPriorityFactory(programme=programme, code="1")
    duplicate = GovernmentPriorityFactory.build(programme=programme, code="1")
    with pytest.raises(ValidationError):
        duplicate.full_clean()
