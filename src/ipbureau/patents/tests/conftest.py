import pytest
from django.db import transaction

from ipbureau.patents.models import PatentType
from ipbureau.patents.tests.factories import make_patent


@pytest.fixture
def patents(regions):
    return {
        "lanzhou": make_patent(1, "620102", address="甘肃省兰州市城关区天水南路222号"),
        "lanzhou_county": make_patent(
            2,
            "620103",
            patent_type=PatentType.UTILITY,
            year=2015,
            grant_year=2016,
            legal_status="有效",
        ),
        "tianshui": make_patent(
            3,
            "620502",
            applicant="天水星火机床有限责任公司",
            agency="天水专利代理事务所",
            year=2015,
            grant_year=2016,
            patent_type=PatentType.UTILITY,
            legal_status="有效",
        ),
        "unplaced": make_patent(4, None, applicant="某某科技有限公司"),
        "shanghai": make_patent(5, "310105", applicant="上海某公司"),
    }


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
