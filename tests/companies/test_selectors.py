import pytest
from django.utils import translation

from stadt360.companies.filters import CompanyFilterSet
from stadt360.companies.selectors import company_directory, possible_suppliers, similar_companies
from tests.factories import JobFactory

pytestmark = pytest.mark.django_db


def names(queryset):
    return sorted(company.provider.name for company in queryset)


def search(**params):
    filterset = CompanyFilterSet(params, queryset=company_directory())
    assert filterset.is_valid(), filterset.errors
    return names(filterset.qs)


def test_text_search_finds_products_and_descriptions(company_world):
    assert search(q="Spannmittel") == ["Werkzeughandel Osterland GmbH"]
    assert search(q="zerspanung") == ["Elster Präzision GmbH", "Ostthüringer Metallbau GmbH"]


def test_facets(company_world):
    assert search(industry="G") == ["Werkzeughandel Osterland GmbH"]
    assert search(size="micro") == ["Bäckerei Krause"]
    assert search(category="food") == ["Bäckerei Krause"]
    assert search(apprenticeships="true") == ["Elster Präzision GmbH"]


def test_open_jobs_are_live_from_published_jobs(company_world):
    assert search(open_jobs="true") == []
    JobFactory(provider=company_world.companies["haulier"].provider)
    assert search(open_jobs="true") == ["Spedition Wolf"]


def test_radius_counts_the_sites_too(company_world):
    precision = company_world.companies["precision"].provider
    found = search(lat=precision.latitude, lon=precision.longitude, radius_km=2)
    # The haulier's main address is 5 km away, but its warehouse lies about 1 km away;
    # the wholesaler (3 km) stays outside.
    assert "Spedition Wolf" in found
    assert "Ostthüringer Metallbau GmbH" in found
    assert "Werkzeughandel Osterland GmbH" not in found


def test_district_filter(company_world):
    district = company_world.companies["precision"].provider.district
    assert len(search(district=district.slug)) == 5


def test_similar_companies_same_industry_and_words_first(company_world):
    with translation.override("en"):
        suggestions = similar_companies(company_world.companies["precision"])
    assert suggestions[0].company == company_world.companies["metalwork"]
    texts = [reason.text for reason in suggestions[0].reasons]
    assert texts[0] == "same industry: Metal products"
    assert "text matches: CNC, Zerspanung" in texts
    # A bakery is manufacturing too (WZ section C): related, but ranked after.
    assert [s.company.provider.name for s in suggestions] == [
        "Ostthüringer Metallbau GmbH",
        "Bäckerei Krause",
    ]
    assert suggestions[1].reasons[0].text == "related industry: Manufacturing"


def test_possible_suppliers_follow_the_supply_matrix(company_world):
    with translation.override("en"):
        suppliers = possible_suppliers(company_world.companies["precision"])
    assert [s.company.provider.name for s in suppliers] == [
        "Spedition Wolf",
        "Werkzeughandel Osterland GmbH",
    ]
    reasons = [r.text for r in suppliers[1].reasons]
    assert reasons[0] == "complementary industry: Wholesale supplies Metal products"
    assert reasons[1] == "3.0 km away"
