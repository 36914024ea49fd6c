import factory

from organisations.models import Organisation


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        skip_postgeneration_save = True

    name_en = factory.Sequence(lambda n: f"Organisation {n}")
    name_es = factory.Sequence(lambda n: f"Organización {n}")
    type = Organisation.Type.CIVIL_SOCIETY

    @factory.post_generation
    def programmes(self, create: bool, extracted: list | None, **kwargs: object) -> None:
        if create and extracted:
            self.programmes.add(*extracted)
