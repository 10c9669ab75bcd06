import json
import re

import pytest

from tests.companies.world import CompanyFactory
from tests.factories import JobFactory

pytestmark = pytest.mark.django_db


def jsonld(response) -> dict:
    match = re.search(
        rb'<script type="application/ld\+json"[^>]*>(.*?)</script>', response.content, re.S
    )
    assert match
    return json.loads(match.group(1))


def test_directory_lists_and_filters(client, company_world):
    response = client.get("/unternehmen/", {"industry": "G"})
    assert response.status_code == 200
    assert b"Werkzeughandel Osterland GmbH" in response.content
    assert b"Elster Pr" not in response.content
    assert b'id="offer-map-data"' in response.content


def test_htmx_swaps_only_the_results_with_the_count(client, company_world):
    response = client.get(
        "/unternehmen/",
        {"size": "small"},
        headers={"HX-Request": "true", "HX-Target": "company-results"},
    )
    body = response.content.decode()
    assert body.lstrip().startswith('<section id="company-results"')
    assert 'hx-swap-oob="innerHTML:#offer-status"' in body
    assert "3 " in body


def test_directory_query_count_does_not_grow_with_companies(
    client, company_world, django_assert_num_queries
):
    with django_assert_num_queries(5):  # districts ×2 (filters), count, page, products
        client.get("/unternehmen/")
    for _ in range(3):
        CompanyFactory()
    with django_assert_num_queries(5):
        client.get("/unternehmen/")


def test_detail_page_shows_profile_jobs_posts_and_suggestions(client, company_world):
    company = company_world.companies["precision"]
    JobFactory(provider=company.provider, title="Zerspanungsmechaniker (m/w/d)")
    response = client.get(f"/unternehmen/{company.provider.slug}/")
    body = response.content.decode()
    assert response.status_code == 200
    assert "Frästeile" in body
    assert "Zerspanungsmechaniker (m/w/d)" in body
    assert "Zulieferer für CNC-Zerspanung gesucht" in body
    assert "Ostthüringer Metallbau GmbH" in body  # similar
    assert "Werkzeughandel Osterland GmbH" in body  # could supply


def test_detail_query_count(client, company_world, django_assert_num_queries):
    company = company_world.companies["precision"]
    with django_assert_num_queries(11):
        client.get(f"/unternehmen/{company.provider.slug}/")


def test_json_ld_organization_places_and_products(client, company_world):
    company = company_world.companies["haulier"]
    data = jsonld(client.get(f"/unternehmen/{company.provider.slug}/"))
    organisation, product = data["@graph"]
    assert data["@context"] == "https://schema.org"
    assert organisation["@type"] == "Organization"
    assert {
        "@id",
        "name",
        "url",
        "address",
        "numberOfEmployees",
        "knowsAbout",
        "location",
    } <= organisation.keys()
    assert [place["@type"] for place in organisation["location"]] == [
        "LocalBusiness",
        "LocalBusiness",
    ]
    assert organisation["location"][1]["name"].endswith("Lager Langenberg")
    assert organisation["numberOfEmployees"] == {
        "@type": "QuantitativeValue",
        "minValue": 10,
        "maxValue": 49,
    }
    assert product["@type"] == "Product"
    assert product["manufacturer"] == {"@id": organisation["@id"]}
    assert {"name", "category", "description"} <= product.keys()


def test_demo_company_is_labelled(client, company_world):
    company = company_world.companies["bakery"]
    company.provider.is_demo = True
    company.provider.save()
    body = client.get(f"/unternehmen/{company.provider.slug}/").content.decode()
    assert "kern-badge--warning" in body


def test_rejected_provider_is_not_listed(client, company_world):
    provider = company_world.companies["bakery"].provider
    provider.rejected = True
    provider.save()
    assert client.get(f"/unternehmen/{provider.slug}/").status_code == 404
    assert client.get(f"/unternehmen/nr/{company_world.companies['bakery'].pk}/").status_code == 404


def test_link_by_number_redirects(client, company_world):
    company = company_world.companies["bakery"]
    response = client.get(f"/unternehmen/nr/{company.pk}/")
    assert response.status_code == 301
    assert response["Location"] == f"/unternehmen/{company.provider.slug}/"
