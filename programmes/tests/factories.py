import factory

from programmes.models import Area, GovernmentPriority, Membership, Programme


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Programme
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"P{n:02d}")
    name_en = factory.LazyAttribute(lambda o: f"Programme {o.code}")
    name_es = factory.LazyAttribute(lambda o: f"Programa {o.code}")
    kind = Programme.Kind.COUNTRY
    country = "JM"
    region = "lac"
    languages = factory.LazyFunction(lambda: ["en", "es"])
    default_language = "en"
    time_zone = "America/Jamaica"


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory("accounts.tests.factories.UserFactory")
    programme = factory.SubFactory(ProgrammeFactory)
    role = Membership.Role.FOCAL_POINT


class AreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Area

    programme = factory.SubFactory(ProgrammeFactory)
    level = Area.Level.REGION
    name_en = factory.Sequence(lambda n: f"Parish {n}")
    name_es = factory.Sequence(lambda n: f"Parroquia {n}")


class GovernmentPriorityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GovernmentPriority

    programme = factory.SubFactory(ProgrammeFactory)
    framework = "National Strategic Action Plan"
    code = factory.Sequence(lambda n: f"{n + 1}")
    title_en = factory.Sequence(lambda n: f"Priority {n}")
    title_es = factory.Sequence(lambda n: f"Prioridad {n}")
