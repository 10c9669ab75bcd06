"""Import limits, read from settings with safe defaults (all overridable per deployment)."""

from django.conf import settings

MB = 1024 * 1024


def max_bytes() -> int:
    """Largest file (or uncompressed ZIP content) an import accepts."""
    return int(getattr(settings, "IMPORT_MAX_BYTES", 50 * MB))


def max_records() -> int:
    return int(getattr(settings, "IMPORT_MAX_RECORDS", 100_000))


def batch_size() -> int:
    """Records written per transaction; progress is saved after each batch."""
    return int(getattr(settings, "IMPORT_BATCH_SIZE", 500))


def zip_max_ratio() -> int:
    """Largest compression ratio of a ZIP member (ZIP bombs compress far better)."""
    return int(getattr(settings, "IMPORT_ZIP_MAX_RATIO", 100))


def fetch_timeout() -> float:
    return float(getattr(settings, "IMPORT_FETCH_TIMEOUT", 30))


def openimmo_xsd_path() -> str:
    """A licensed OpenImmo XSD (it may not be redistributed); empty: structural checks only."""
    return str(getattr(settings, "OPENIMMO_XSD_PATH", "") or "")


def lease_seconds() -> int:
    """How long a run's worker may stay silent (one batch, or the parsing) before the run
    counts as interrupted; renewed with every batch."""
    return int(getattr(settings, "IMPORT_LEASE_SECONDS", 600))


def max_attempts() -> int:
    """How often an interrupted run is resumed before it is closed as failed (a file that
    kills its worker every time must not do so for ever)."""
    return int(getattr(settings, "IMPORT_MAX_ATTEMPTS", 3))


# --- calendars (iCalendar feeds → events) ----------------------------------------------------


def events_horizon_days() -> int:
    """How far ahead recurring events of a calendar are expanded into dates."""
    return int(getattr(settings, "EVENTS_IMPORT_HORIZON_DAYS", 180))


def events_max_dates_per_event() -> int:
    """More dates than this within the horizon: the VEVENT's rule 'explodes' and is set aside."""
    return int(getattr(settings, "EVENTS_IMPORT_MAX_DATES_PER_EVENT", 400))


def events_max_dates_per_file() -> int:
    """Dates of one calendar file in all; VEVENTs beyond it are set aside with a message."""
    return int(getattr(settings, "EVENTS_IMPORT_MAX_DATES_PER_FILE", 5000))


def events_expansion_seconds() -> float:
    """Time one file's recurrence rules may take to expand; the rest is set aside after it.

    A rule that can never match (30 February, every second) keeps python-dateutil busy
    for seconds; this bounds a file full of them.
    """
    return float(getattr(settings, "EVENTS_IMPORT_EXPANSION_SECONDS", 60))
