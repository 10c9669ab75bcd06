"""schema.org JSON-LD on the detail pages: parses, carries the required keys and true values."""

import datetime
import json
import re
import types

import pytest
from django.conf.urls.i18n import i18n_patterns
from django.test import Client
from django.urls import LocalePrefixPattern, NoReverseMatch, include, path, reverse

from stadt360.jobs.models import EmploymentType
from stadt360.public.jsonld import to_script
from tests.factories import (
    FlatFactory,
    FreePlaceFactory,
    JobFactory,
    KitaFactory,
    ProviderFactory,
    SchoolFactory,
)

pytestmark = pytest.mark.django_db

JSONLD = re.compile(r'<script type="application/ld\+json" nonce="([^"]+)">(.*?)</script>', re.S)


@pytest.fixture(autouse=True)
def _offer_urls(settings: pytest.FixtureRequest) -> None:
    """Until ``public.urls`` includes ``offer_urls``, mount them the way the lead will."""
    try:
        reverse("public:job-list")
    except NoReverseMatch:
        from stadt360.config import urls as root
        from stadt360.public import offer_urls
        from stadt360.public import urls as public_urls

        module = types.ModuleType("offer_test_urls")
        module.urlpatterns = [  # type: ignore[attr-defined]
            *(
                entry
                for entry in root.urlpatterns
                if not isinstance(entry.pattern, LocalePrefixPattern)
            ),
            *i18n_patterns(
                path("", include((public_urls.urlpatterns + offer_urls.urlpatterns, "public"))),
                prefix_default_language=False,
            ),
        ]
        settings.ROOT_URLCONF = module


def jsonld_of(client: Client, kind: str, pk: int) -> dict:
    response = client.get(reverse(f"public:{kind}-detail", args=[pk]))
    match = JSONLD.search(response.content.decode())
    assert match, "no JSON-LD script with a nonce"
    # The nonce is the one the CSP header allows.
    assert f"'nonce-{match.group(1)}'" in response.headers["Content-Security-Policy"]
    return json.loads(match.group(2))


def test_job_posting(client: Client) -> None:
    employer = ProviderFactory(name="SRH Wald-Klinikum Gera", website="https://www.example.org")
    job = JobFactory(
        provider=employer,
        title="Pflegefachkraft (m/w/d)",
        employment_type=EmploymentType.PART_TIME,
        salary_min=2800,
        salary_max=3400,
        valid_until=datetime.date(2030, 3, 31),
    )

    data = jsonld_of(client, "job", job.pk)

    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "JobPosting"
    assert data["title"] == "Pflegefachkraft (m/w/d)"
    assert data["description"] == job.description
    assert data["datePosted"] == job.created_at.date().isoformat()
    assert data["validThrough"] == "2030-03-31T23:59:59"
    assert data["employmentType"] == "PART_TIME"
    assert data["hiringOrganization"]["@type"] == "Organization"
    assert data["hiringOrganization"]["name"] == "SRH Wald-Klinikum Gera"
    assert data["hiringOrganization"]["url"] == "https://www.example.org"
    location = data["jobLocation"]
    assert location["@type"] == "Place"
    assert location["address"] == {
        "@type": "PostalAddress",
        "streetAddress": job.street,
        "postalCode": job.postcode,
        "addressLocality": "Gera",
        "addressCountry": "DE",
    }
    assert location["geo"] == {
        "@type": "GeoCoordinates",
        "latitude": job.latitude,
        "longitude": job.longitude,
    }
    assert data["baseSalary"] == {
        "@type": "MonetaryAmount",
        "currency": "EUR",
        "value": {
            "@type": "QuantitativeValue",
            "minValue": 2800,
            "maxValue": 3400,
            "unitText": "MONTH",
        },
    }
    assert data["url"].endswith(f"/stellen/{job.pk}/")


def test_job_posting_without_salary_leaves_base_salary_out(client: Client) -> None:
    job = JobFactory(
        salary_min=None, salary_max=None, employment_type=EmploymentType.APPRENTICESHIP
    )

    data = jsonld_of(client, "job", job.pk)

    assert "baseSalary" not in data
    assert data["employmentType"] == "OTHER"


def test_apartment_offer(client: Client) -> None:
    flat = FlatFactory(available_from=datetime.date(2030, 5, 1))

    data = jsonld_of(client, "flat", flat.pk)

    assert data["@type"] == "Offer"
    assert data["price"] == 628
    assert data["priceCurrency"] == "EUR"
    assert data["priceSpecification"]["unitText"] == "MONTH"
    assert data["availabilityStarts"] == "2030-05-01"
    assert data["offeredBy"]["name"] == flat.provider.name
    apartment = data["itemOffered"]
    assert apartment["@type"] == "Apartment"
    assert apartment["numberOfRooms"] == 3
    assert apartment["floorSize"] == {"@type": "QuantitativeValue", "value": 65, "unitCode": "MTK"}
    assert apartment["address"]["postalCode"] == flat.postcode
    assert apartment["geo"]["latitude"] == flat.latitude
    assert {"@type": "LocationFeatureSpecification", "name": "Balcony", "value": True} in apartment[
        "amenityFeature"
    ]


def test_child_care(client: Client) -> None:
    kita = KitaFactory(
        name="Kita Sonnenschein", opening_hours=[(0, datetime.time(6, 30), datetime.time(17))]
    )
    FreePlaceFactory(kita=kita)

    data = jsonld_of(client, "kita", kita.pk)

    assert data["@type"] == "ChildCare"
    assert data["name"] == "Kita Sonnenschein"
    assert data["openingHoursSpecification"] == [
        {
            "@type": "OpeningHoursSpecification",
            "dayOfWeek": "https://schema.org/Monday",
            "opens": "06:30",
            "closes": "17:00",
        }
    ]
    assert data["address"]["@type"] == "PostalAddress"
    assert data["parentOrganization"]["name"] == kita.provider.name
    assert data["maximumAttendeeCapacity"] == 80


def test_school(client: Client) -> None:
    school = SchoolFactory(name="Grundschule Lusan")

    data = jsonld_of(client, "school", school.pk)

    assert data["@type"] == "School"
    assert data["name"] == "Grundschule Lusan"
    assert data["knowsLanguage"] == ["en"]
    assert data["geo"]["longitude"] == school.longitude


def test_script_content_cannot_close_the_script_element() -> None:
    text = to_script({"description": "</script><script>alert(1)</script> & more"})

    assert "</script>" not in text
    assert json.loads(text)["description"] == "</script><script>alert(1)</script> & more"
