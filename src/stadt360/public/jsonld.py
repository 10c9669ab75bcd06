"""schema.org JSON-LD for offer detail pages: JobPosting, Offer of an Apartment, ChildCare, School.

Each builder takes the offer and its absolute URL and returns a plain dict; ``to_script``
serialises it so that it is safe inside ``<script type="application/ld+json">``.
Optional facts are left out rather than sent empty: search engines reject empty values.
"""

import datetime
import json
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.utils.html import _json_script_escapes  # type: ignore[attr-defined]
from django.utils.safestring import SafeString, mark_safe

from stadt360.childcare.models import Kita, OpeningHours
from stadt360.core.models import Offer
from stadt360.housing.models import Flat, PetPolicy
from stadt360.jobs.models import EmploymentType, Job
from stadt360.providers.models import Provider
from stadt360.schools.models import School

CONTEXT = "https://schema.org"
COUNTRY = "DE"
# Google's JobPosting vocabulary has no apprenticeship or mini-job; these are the closest.
EMPLOYMENT_TYPES = {
    EmploymentType.FULL_TIME: "FULL_TIME",
    EmploymentType.PART_TIME: "PART_TIME",
    EmploymentType.MINI_JOB: "PART_TIME",
    EmploymentType.APPRENTICESHIP: "OTHER",
}
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

JsonDict = dict[str, Any]


def compact(data: JsonDict) -> JsonDict:
    """Drop keys whose value is missing or empty."""
    return {key: value for key, value in data.items() if value not in (None, "", [], {})}


def number(value: Decimal | int | float) -> int | float:
    """JSON numbers: integers stay integers, decimals become floats (2 places at most)."""
    as_decimal = Decimal(str(value))
    if as_decimal == as_decimal.to_integral_value():
        return int(as_decimal)
    return float(round(as_decimal, 2))


def postal_address(place: Offer | Provider) -> JsonDict:
    return compact(
        {
            "@type": "PostalAddress",
            "streetAddress": place.street,
            "postalCode": place.postcode,
            "addressLocality": place.city,
            "addressCountry": COUNTRY,
        }
    )


def geo(place: Offer) -> JsonDict:
    return {"@type": "GeoCoordinates", "latitude": place.latitude, "longitude": place.longitude}


def organization(provider: Provider) -> JsonDict:
    return compact(
        {
            "@type": "Organization",
            "name": provider.name,
            "url": provider.website,
            "email": provider.email,
            "telephone": provider.phone,
            "address": postal_address(provider),
        }
    )


def end_of_day(day: datetime.date | None) -> str | None:
    return f"{day.isoformat()}T23:59:59" if day else None


def iso(day: datetime.date | None) -> str | None:
    return day.isoformat() if day else None


def job_posting(job: Job, url: str) -> JsonDict:
    return compact(
        {
            "@context": CONTEXT,
            "@type": "JobPosting",
            "title": job.title,
            "description": job.description or job.title,
            "url": url,
            "identifier": {
                "@type": "PropertyValue",
                "name": job.provider.name,
                "value": str(job.pk),
            },
            "datePosted": job.created_at.date().isoformat(),
            "validThrough": end_of_day(job.valid_until),
            "employmentType": EMPLOYMENT_TYPES[EmploymentType(job.employment_type)],
            "hiringOrganization": organization(job.provider),
            "jobLocation": {"@type": "Place", "address": postal_address(job), "geo": geo(job)},
            "baseSalary": salary(job),
            "workHours": f"{number(job.weekly_hours)} hours per week",
            "jobStartDate": iso(job.start_date),
            "occupationalCategory": job.occupation.code if job.occupation else None,
            "skills": ", ".join(job.skills) if job.skills else None,
            "qualifications": job.requirements,
            "jobLocationType": "TELECOMMUTE" if job.remote_share == 100 else None,
        }
    )


def salary(job: Job) -> JsonDict | None:
    """Gross monthly salary as a MonetaryAmount; None when the employer gives no figure."""
    if job.salary_min is None and job.salary_max is None:
        return None
    value = compact(
        {
            "@type": "QuantitativeValue",
            "minValue": job.salary_min,
            "maxValue": job.salary_max,
            "unitText": "MONTH",
        }
    )
    if job.salary_min is not None and job.salary_min == job.salary_max:
        value = {"@type": "QuantitativeValue", "value": job.salary_min, "unitText": "MONTH"}
    return {"@type": "MonetaryAmount", "currency": "EUR", "value": value}


def apartment_offer(flat: Flat, url: str) -> JsonDict:
    """A rental Offer whose item is the Apartment; the price is the warm rent per month."""
    warm = number(flat.warm_rent)
    return compact(
        {
            "@context": CONTEXT,
            "@type": "Offer",
            "url": url,
            "name": flat.title,
            "businessFunction": "http://purl.org/goodrelations/v1#LeaseOut",
            "price": warm,
            "priceCurrency": "EUR",
            "priceSpecification": {
                "@type": "UnitPriceSpecification",
                "price": warm,
                "priceCurrency": "EUR",
                "unitText": "MONTH",
                "referenceQuantity": {"@type": "QuantitativeValue", "value": 1, "unitCode": "MON"},
            },
            "availabilityStarts": iso(flat.available_from),
            "validThrough": end_of_day(flat.valid_until),
            "offeredBy": organization(flat.provider),
            "itemOffered": apartment(flat, url),
        }
    )


def apartment(flat: Flat, url: str) -> JsonDict:
    features = [
        ("Balcony", flat.balcony),
        ("Lift", flat.lift),
        ("Step-free access", flat.step_free),
    ]
    return compact(
        {
            "@type": "Apartment",
            "name": flat.title,
            "description": flat.description,
            "url": url,
            "numberOfRooms": number(flat.rooms),
            "floorSize": {
                "@type": "QuantitativeValue",
                "value": number(flat.living_space),
                "unitCode": "MTK",
            },
            "floorLevel": str(flat.floor) if flat.floor is not None else None,
            "petsAllowed": flat.pets != PetPolicy.NOT_ALLOWED,
            "address": postal_address(flat),
            "geo": geo(flat),
            "amenityFeature": [
                {"@type": "LocationFeatureSpecification", "name": name, "value": present}
                for name, present in features
            ],
        }
    )


def opening_hours(hours: Iterable[OpeningHours]) -> list[JsonDict]:
    return [
        {
            "@type": "OpeningHoursSpecification",
            "dayOfWeek": f"https://schema.org/{DAYS[entry.weekday]}",
            "opens": entry.opens.strftime("%H:%M"),
            "closes": entry.closes.strftime("%H:%M"),
        }
        for entry in hours
    ]


def child_care(kita: Kita, url: str) -> JsonDict:
    return compact(
        {
            "@context": CONTEXT,
            "@type": "ChildCare",
            "name": kita.name,
            "description": kita.description,
            "url": url,
            "address": postal_address(kita),
            "geo": geo(kita),
            "telephone": kita.provider.phone,
            "email": kita.provider.email,
            "parentOrganization": organization(kita.provider),
            "openingHoursSpecification": opening_hours(kita.opening_hours.all()),
            "maximumAttendeeCapacity": kita.capacity,
            "knowsLanguage": list(kita.languages),
        }
    )


def school(school: School, url: str) -> JsonDict:
    return compact(
        {
            "@context": CONTEXT,
            "@type": "School",
            "name": school.name,
            "description": school.description,
            "url": url,
            "address": postal_address(school),
            "geo": geo(school),
            "telephone": school.provider.phone,
            "email": school.provider.email,
            "parentOrganization": organization(school.provider),
            "knowsLanguage": list(school.languages),
        }
    )


def to_script(data: JsonDict) -> SafeString:
    """JSON that cannot close the surrounding ``<script>`` element (as ``json_script`` does)."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return mark_safe(text.translate(_json_script_escapes))
