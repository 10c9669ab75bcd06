import datetime

import pytest

from stadt360.companies.models import Company, Product
from stadt360.cooperation.models import Post
from stadt360.demo.companies import build_companies, build_posts, build_products
from stadt360.demo.context import DemoContext, load_profile
from stadt360.providers.models import ProviderKind
from tests.factories import DistrictFactory, ProviderFactory

pytestmark = pytest.mark.django_db


def test_demo_companies_products_and_posts_for_demo_employers():
    district = DistrictFactory()
    employers = {
        "manufacturing": [
            ProviderFactory(
                name="Elstertal Präzisionstechnik GmbH (Demo)", is_demo=True, district=district
            )
        ],
        "retail": [ProviderFactory(name="Bäckerei Krause (Demo)", is_demo=True, district=district)],
        "public": [
            ProviderFactory(
                name="Stadtwerke Osterland (Demo)", is_demo=True, kind=ProviderKind.EMPLOYER
            )
        ],
    }
    ctx = DemoContext(
        region=district.region,
        profile=load_profile("gera"),
        seed=1,
        scale=1.0,
        today=datetime.date(2026, 3, 1),
    )
    companies = Company.objects.bulk_create(build_companies(ctx, employers=employers))
    assert sorted(c.wz_code for c in companies) == [
        "10.71",
        "25.62",
    ]  # public administration is no company
    Product.objects.bulk_create(build_products(ctx, companies=companies, employers=employers))
    Post.objects.bulk_create(build_posts(ctx, companies=companies, employers=employers))
    assert (
        Product.objects.filter(company__wz_code="10.71")
        .exclude(category__in=["food", "retail"])
        .count()
        == 0
    )
    assert (
        Post.objects.filter(title="Zulieferer für CNC-Zerspanung gesucht").get().company.wz_code
        == "25.62"
    )
    again = build_companies(ctx, employers=employers)
    assert [c.size_class for c in again] == [c.size_class for c in companies]  # seeded
