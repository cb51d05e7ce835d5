import pytest
from django.db import transaction


@pytest.fixture(scope="module")
def module_data(django_db_setup, django_db_blocker):
    """Records shared by the tests of one module, built once: thousands of patents take a
    second to write, the figures read from them milliseconds. Everything the module's
    fixtures write happens inside this transaction and is rolled back after the module;
    each test runs in a savepoint within it, as usual."""
    with django_db_blocker.unblock():
        with transaction.atomic():
            yield
            transaction.set_rollback(True)
