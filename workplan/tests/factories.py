import datetime

import factory

from organisations.tests.factories import OrganisationFactory
from programmes.models import Pillar
from programmes.tests.factories import ProgrammeFactory
from workplan.models import Activity, Output, OverlapDecision, Participation


def pillar(number: int = 1) -> Pillar:
    """The pillars are seeded by a migration: take one, never make one."""
    return Pillar.objects.get(number=number)


class OutputFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Output

    programme = factory.SubFactory(ProgrammeFactory)
    pillar = factory.LazyFunction(pillar)
    number = factory.Sequence(lambda n: f"1.{n + 1}")
    title_en = factory.Sequence(lambda n: f"Output {n}")
    title_es = factory.Sequence(lambda n: f"Producto {n}")


class ActivityFactory(factory.django.DjangoModelFactory):
    """An activity written straight to the table: for reading tests.

    Tests of writing and of the duplicate check go through ``workplan.services``, which also
    fills the term index.
    """

    class Meta:
        model = Activity
        skip_postgeneration_save = True

    programme = factory.SubFactory(ProgrammeFactory)
    title_en = factory.Sequence(lambda n: f"Activity {n}")
    title_es = factory.Sequence(lambda n: f"Actividad {n}")
    lead_organisation = factory.LazyAttribute(
        lambda o: OrganisationFactory(programmes=[o.programme])
    )
    pillar = factory.LazyFunction(pillar)
    planned_start = datetime.date(2026, 1, 1)
    planned_end = datetime.date(2026, 12, 31)

    @factory.post_generation
    def areas(self, create: bool, extracted: list | None, **kwargs: object) -> None:
        if create and extracted:
            self.areas.set(extracted)

    @factory.post_generation
    def groups(self, create: bool, extracted: list | None, **kwargs: object) -> None:
        if create and extracted:
            self.groups.set(extracted)

    @factory.post_generation
    def priorities(self, create: bool, extracted: list | None, **kwargs: object) -> None:
        if create and extracted:
            self.priorities.set(extracted)


class ParticipationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participation

    activity = factory.SubFactory(ActivityFactory)
    organisation = factory.LazyAttribute(
        lambda o: OrganisationFactory(programmes=[o.activity.programme])
    )
    role = 4


class OverlapDecisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OverlapDecision

    decision = OverlapDecision.Decision.NOT_RELATED
    signature_a = "a"
    signature_b = "b"
