import datetime


def age_in_months(birth_date: datetime.date, on: datetime.date) -> int:
    """Completed months of life on a day (0 for a child not yet born)."""
    months = (on.year - birth_date.year) * 12 + on.month - birth_date.month
    return max(0, months - (1 if on.day < birth_date.day else 0))
