"""Small worlds of offers for bundle tests (factories, placed in one Gera district)."""

import datetime

from tests.factories import FlatFactory, FreePlaceFactory, JobFactory, KitaFactory, SchoolFactory

TODAY = datetime.date(2026, 11, 28)
# Aged 1 and 4 (Kita) and 7 (Grundschule) at the assumed move on 2027-02-01.
TODDLER, PRESCHOOLER, PUPIL = "2025-09-10", "2022-10-02", "2019-05-20"


def make_family_world() -> dict:
    """Three nursing jobs with day shifts, five flats, two Kitas with places, one school."""
    jobs = [
        JobFactory(title=f"Pflegefachkraft (m/w/d) Station {n}", shift_start=datetime.time(7, 30),
                   shift_end=datetime.time(16, 0), salary_min=3300 + 100 * n,
                   salary_max=3600 + 100 * n)
        for n in range(3)
    ]  # fmt: skip
    JobFactory(title="Lagerhelfer (m/w/d)", skills=["Kommissionierung"], description="Lager")
    flats = [
        FlatFactory(title=f"{rooms}-Raum-Wohnung", rooms=rooms, living_space=20 * rooms + 10,
                    cold_rent=120 * rooms + 40 * n)
        for n, rooms in enumerate((2, 3, 3, 4, 4))
    ]  # fmt: skip
    kitas = [KitaFactory(monthly_fee=180), KitaFactory()]
    for kita in kitas:
        FreePlaceFactory(kita=kita, min_age_months=0, max_age_months=36, count=1)
        FreePlaceFactory(kita=kita, min_age_months=36, max_age_months=78, count=2)
    school = SchoolFactory()
    return {"jobs": jobs, "flats": flats, "kitas": kitas, "school": school}
