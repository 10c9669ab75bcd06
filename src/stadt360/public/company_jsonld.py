"""schema.org JSON-LD for a company page: the Organization, its places as LocalBusiness,
and each product (Product) or service (Service), linked by ``@id`` in one ``@graph``.

Builds on the offer pages' helpers (``compact``, ``postal_address``, ``to_script``).
"""

from collections.abc import Iterable
from typing import Any

from stadt360.companies.choices import ProductKind, SizeClass, category_label
from stadt360.companies.models import Company, Product, Site

from .jsonld import CONTEXT, compact, postal_address

JsonDict = dict[str, Any]
EMPLOYEES = {
    SizeClass.MICRO: (1, 9),
    SizeClass.SMALL: (10, 49),
    SizeClass.MEDIUM: (50, 249),
    SizeClass.LARGE: (250, None),
}


def geo(place: Any) -> JsonDict:
    return {"@type": "GeoCoordinates", "latitude": place.latitude, "longitude": place.longitude}


def employees(size_class: str) -> JsonDict:
    low, high = EMPLOYEES[SizeClass(size_class)]
    return compact({"@type": "QuantitativeValue", "minValue": low, "maxValue": high})


def local_business(name: str, place: Any, url: str, organisation_id: str) -> JsonDict:
    return compact(
        {
            "@type": "LocalBusiness",
            "name": name,
            "url": url,
            "address": postal_address(place),
            "geo": geo(place),
            "parentOrganization": {"@id": organisation_id},
        }
    )


def organization(company: Company, url: str, sites: Iterable[Site]) -> JsonDict:
    provider = company.provider
    org_id = f"{url}#organization"
    places = [local_business(provider.name, provider, url, org_id)]
    places += [
        local_business(f"{provider.name} – {site.name}", site, url, org_id) for site in sites
    ]
    return compact(
        {
            "@type": "Organization",
            "@id": org_id,
            "name": provider.name,
            "url": url,
            "sameAs": [provider.website] if provider.website else None,
            "description": company.description,
            "email": company.contact_email or provider.email,
            "telephone": company.contact_phone or provider.phone,
            "address": postal_address(provider),
            "foundingDate": str(company.founded_year) if company.founded_year else None,
            "numberOfEmployees": employees(company.size_class),
            "knowsAbout": company.wz_label,
            "knowsLanguage": list(company.languages),
            "hasCertification": [
                {"@type": "Certification", "name": n} for n in company.certificates
            ],
            "location": places,
        }
    )


def product(item: Product, url: str, organisation_id: str) -> JsonDict:
    is_service = item.kind == ProductKind.SERVICE
    return compact(
        {
            "@type": "Service" if is_service else "Product",
            "@id": f"{url}#product-{item.pk}",
            "name": item.name,
            "description": item.description,
            "category": category_label(item.category),
            "image": [image.file.url for image in item.images.all()],
            ("provider" if is_service else "manufacturer"): {"@id": organisation_id},
        }
    )


def company_graph(company: Company, url: str) -> JsonDict:
    org = organization(company, url, company.sites.all())
    products = [product(item, url, org["@id"]) for item in company.products.all()]
    return {"@context": CONTEXT, "@graph": [org, *products]}
