from decimal import Decimal

import factory

from ipbureau.targets.models import Metric, Population, Target


class TargetFactory(factory.django.DjangoModelFactory):
    """Rows written directly, for tests of reading; writes by people go through services."""

    class Meta:
        model = Target

    year = 2024
    region_id = "620100"
    metric = Metric.APPLICATIONS
    value = Decimal("1100")


class PopulationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Population

    year = 2024
    region_id = "620100"
    population = 4_384_300
