"""What company profiles hold about a person: a contact who is that person, and the city
staff member who verified the profile. Registered with ``accounts.privacy``."""

from typing import Any

from stadt360.accounts.privacy import Person, PersonalData, by_address, forget, register, rows

from .models import Company


def _companies(person: Person) -> dict[str, Any]:
    return {
        "you_as_contact": rows(
            Company.objects.filter(by_address("contact_email", person)),
            ["provider__name", "contact_name", "contact_email", "contact_phone"],
        ),
        "verified_by_you": rows(
            Company.objects.filter(verified_by=person.user), ["provider__name", "verified_at"]
        ),
    }


def _erase_companies(person: Person) -> None:
    """The profile stays; its contact fields go when they name the person by address."""
    Company.objects.filter(by_address("contact_email", person)).update(
        contact_name="", contact_email="", contact_phone=""
    )
    forget(Company, "verified_by", person)


register(
    PersonalData(
        key="companies", models=("companies.Company",), export=_companies, erase=_erase_companies
    )
)
