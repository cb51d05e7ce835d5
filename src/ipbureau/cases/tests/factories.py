"""Cases for tests of reading: written straight to the database with the dates given.
Tests of writing go through the services."""

from datetime import date

import factory

from ipbureau.cases.models import Case, CaseKind, CaseSource, CaseState


class CaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Case

    number = factory.Sequence(lambda n: f"T-{n:05d}")
    kind = CaseKind.INFRINGEMENT
    source = CaseSource.REQUEST
    region_id = "620100"
    state = CaseState.RECEIVED
    received_on = date(2024, 3, 1)
