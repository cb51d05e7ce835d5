import factory

from ipbureau.accounts.models import Role, User

PASSWORD = "correct-horse-battery-9"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    role = Role.LOCAL
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):  # noqa: N805
        if create:
            obj.save()


def local_user(region_code: str, **kwargs) -> User:
    return UserFactory(role=Role.LOCAL, region_id=region_code, **kwargs)
