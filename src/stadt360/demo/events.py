"""A year of plausible demo events of the innovation centre at the TGZ Gera.

From the first day of the current month on (December 2026 when written): the lecture series
"KI im Mittelstand" (first Thursday of the month, 18:00, from an RFC 5545 rule), seminars on
funding (Thüringen, EU, ZIM, Digitalbonus, founding), open-space evenings for pupils and for
students with companies (monthly rules with a Christmas break as exceptions), hackerspace
evenings every other Tuesday with the "Hackerspace Liebschwitz (Demo)" as organiser (a
verified demo provider), school visits the centre approves, and trainings ("Datenanalyse mit
Python", "KI-Werkstatt"). German and English texts, rooms of the TGZ, capacities 10–60.

Events, series and dates are written through ``events.services`` (``source="demo"``: the
API and pages label them "Demodaten"); the demo registrations are rows built here from the
same seed, without mails: past dates with check-ins, some dates full with a waiting list,
requests waiting for approval. ``ensure_demo_events`` is idempotent: once demo events exist
it changes nothing.
"""

import datetime
import random
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from stadt360.core.models import District
from stadt360.events import recurrence
from stadt360.events.models import (
    Event,
    EventDate,
    EventSeries,
    EventSource,
    Registration,
    RegistrationStatus,
    SeriesKind,
    Topic,
)
from stadt360.events.services import add_date, create_event, create_series, set_recurrence
from stadt360.providers.models import Provider, ProviderKind

from .context import DEMO_SUFFIX

DEMO = EventSource.DEMO
HACKERSPACE_SLUG = "demo-hackerspace-liebschwitz"
CONSENT = (
    "Ich bin einverstanden, dass das Innovationszentrum Gera meinen Namen und meine "
    "E-Mail-Adresse zur Organisation dieser Veranstaltung speichert und mir dazu schreibt."
)
TOPICS = [
    ("ki", "KI", "AI"),
    ("foerderung", "Förderung", "Funding"),
    ("daten", "Daten", "Data"),
    ("gruendung", "Gründung", "Starting a business"),
    ("digitalisierung", "Digitalisierung", "Digitalisation"),
    ("schule-ausbildung", "Schule & Ausbildung", "School & vocational training"),
]
FIRST_NAMES = [
    "Anna", "Lukas", "Marie", "Felix", "Lea", "Jonas", "Sophie", "Paul", "Emma", "Ben",
    "Mia", "Leon", "Hannah", "Finn", "Lena", "Tim", "Julia", "Max", "Laura", "Tom",
]  # fmt: skip

SURNAMES = ["Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker",
            "Hoffmann", "Koch", "Richter", "Klein", "Wolf", "Neumann", "Braun", "Krüger"]  # fmt: skip


@dataclass(frozen=True)
class Texts:
    title: str
    title_en: str
    summary: str
    summary_en: str

    def data(self) -> dict[str, str]:
        return {
            "title": self.title,
            "title_de": self.title,
            "title_en": self.title_en,
            "summary": self.summary,
            "summary_de": self.summary,
            "summary_en": self.summary_en,
            "description_de": f"<p>{self.summary}</p>",
            "description_en": f"<p>{self.summary_en}</p>",
        }


@dataclass(frozen=True)
class Recurring:
    """An event whose dates come from a rule: weekday and week of the month, or a weekly
    interval; ``break_days`` leaves out the dates around Christmas and New Year."""

    rule: str
    first_start: datetime.datetime
    hours: float
    capacity: int
    break_days: bool = True


@dataclass
class Plan:
    texts: Texts
    room: str
    audiences: list[str]
    topics: list[str]
    capacity: int
    series: str | None = None
    starts: list[datetime.datetime] = field(default_factory=list)
    hours: float = 2
    recurring: Recurring | None = None
    organiser: str | None = None  # a provider slug; None: the centre
    popular: bool = False  # its next date is full, with a waiting list
    extra: dict[str, Any] = field(default_factory=dict)


def ensure_demo_events(*, seed: int = 1, today: datetime.date | None = None) -> dict[str, int]:
    """Create the demo year of events unless demo events exist; returns what was created."""
    if demo_events_exist():
        return {}
    return create_demo_events(seed=seed, today=today or timezone.localdate())


def demo_events_exist() -> bool:
    return (
        Event.objects.filter(source=DEMO).exists()
        or EventSeries.objects.filter(source=DEMO).exists()
    )


def delete_demo_events() -> dict[str, int]:
    """Demo events (with their dates and registrations) and demo series."""
    deleted: dict[str, int] = {}
    for model in (Event, EventSeries):
        _total, per_model = model.objects.filter(source=DEMO).delete()
        for label, count in per_model.items():
            deleted[label] = deleted.get(label, 0) + count
    return deleted


def create_demo_events(*, seed: int, today: datetime.date) -> dict[str, int]:
    rng = random.Random(f"stadt360-demo:{seed}:events")
    start = today.replace(day=1)
    with transaction.atomic():
        ensure_topics()
        hackerspace = hackerspace_provider()
        series = {
            key: create_series(
                data=data,
                organiser=hackerspace if key == "hackerspace" else None,
                by=None,
                source=DEMO,
            )
            for key, data in SERIES.items()
        }
        partners = {HACKERSPACE_SLUG: hackerspace}
        events = [(plan, build(plan, series, partners)) for plan in plans(start, rng)]
        registrations = build_registrations(events, rng, now=timezone.now())
        Registration.objects.bulk_create(registrations, batch_size=500)
    return {
        "event_series": len(series),
        "events": len(events),
        "event_dates": EventDate.objects.filter(event__source=DEMO).count(),
        "event_registrations": len(registrations),
    }


def ensure_topics() -> None:
    for slug, german, english in TOPICS:
        Topic.objects.get_or_create(
            slug=slug, defaults={"name": german, "name_de": german, "name_en": english}
        )


def hackerspace_provider() -> Provider:
    """The hackerspace evenings' partner: a verified demo organisation in Liebschwitz."""
    district = District.objects.filter(slug="liebschwitz").first()
    provider, _created = Provider.objects.get_or_create(
        slug=HACKERSPACE_SLUG,
        defaults={
            "name": "Hackerspace Liebschwitz" + DEMO_SUFFIX,
            "kind": ProviderKind.OTHER,
            "email": f"kontakt@{HACKERSPACE_SLUG}.example",
            "website": f"https://{HACKERSPACE_SLUG}.example/",
            "street": "Liebschwitzer Straße 12",
            "postcode": "07557",
            "city": "Gera",
            "district": district,
            # The district's position once Gera is loaded, else Liebschwitz's centre.
            "latitude": district.latitude if district else 50.8452,
            "longitude": district.longitude if district else 12.1101,
            "verified": True,
            "is_demo": True,
        },
    )
    return provider


def series_data(kind: str, texts: Texts) -> dict[str, Any]:
    return {**texts.data(), "kind": kind, "status": "published"}


SERIES = {
    "ki": series_data(
        SeriesKind.LECTURE_SERIES,
        Texts(
            "KI im Mittelstand",
            "AI in small and medium-sized businesses",
            "Monatliche Vortragsreihe: Wie Betriebe aus Ostthüringen künstliche Intelligenz "
            "einsetzen – mit Forschenden der DHGE und Unternehmen aus der Region.",
            "Monthly lectures: how firms in East Thuringia put artificial intelligence to "
            "work – with researchers of the DHGE and companies from the region.",
        ),
    ),
    "foerderung": series_data(
        SeriesKind.SEMINAR_SERIES,
        Texts(
            "Förderwissen kompakt",
            "Funding in brief",
            "Seminare zu Förderprogrammen für Innovation, Digitalisierung und Gründung.",
            "Seminars on funding programmes for innovation, digitalisation and start-ups.",
        ),
    ),
    "openspace": series_data(
        SeriesKind.OPEN_SPACE,
        Texts(
            "Open Space im TGZ",
            "Open Space at the TGZ",
            "Offene Abende zum Ausprobieren, Kennenlernen und Projekte-Starten.",
            "Open evenings to try things out, meet people and start projects.",
        ),
    ),
    "hackerspace": series_data(
        SeriesKind.HACKERSPACE,
        Texts(
            "Hackerspace-Abend",
            "Hackerspace evening",
            "Löten, programmieren, reparieren: gemeinsam mit dem Hackerspace Liebschwitz.",
            "Soldering, coding, repairing: together with the Hackerspace Liebschwitz.",
        ),
    ),
    "schule": series_data(
        SeriesKind.SCHOOL_VISIT,
        Texts(
            "Schulbesuche im Innovationszentrum",
            "School visits to the innovation centre",
            "Klassen erleben Technik zum Anfassen – angemeldet durch die Lehrkraft.",
            "Classes get hands-on with technology – registered by their teacher.",
        ),
    ),
    "training": series_data(
        SeriesKind.TRAINING,
        Texts(
            "Weiterbildung im TGZ",
            "Training at the TGZ",
            "Praxisnahe Kurse in kleinen Gruppen für Beschäftigte und Gründende.",
            "Practical courses in small groups for employees and founders.",
        ),
    ),
}


def local(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return datetime.datetime.combine(
        day, datetime.time(hour, minute), tzinfo=ZoneInfo(settings.TIME_ZONE)
    )


def weekday_on_or_after(day: datetime.date, weekday: int) -> datetime.date:
    return day + datetime.timedelta(days=(weekday - day.weekday()) % 7)


def spread(
    start: datetime.date, rng: random.Random, count: int, hour: int, *, within: int = 330
) -> list[datetime.datetime]:
    """``count`` working days spread over ``within`` days from ``start``, one per slice."""
    slice_days = within // count
    days = []
    for index in range(count):
        day = start + datetime.timedelta(days=index * slice_days + rng.randint(7, slice_days - 3))
        days.append(local(weekday_on_or_after(day, rng.choice([1, 2, 3])), hour))
    return days


def plans(start: datetime.date, rng: random.Random) -> list[Plan]:
    return [
        *lecture_plans(start),
        *seminar_plans(start, rng),
        *open_space_plans(start),
        hackerspace_plan(start),
        *school_plans(start, rng),
        *training_plans(start, rng),
    ]


def lecture_plans(start: datetime.date) -> list[Plan]:
    first = local(weekday_on_or_after(start, 3), 18)  # the first Thursday of the month
    return [
        Plan(
            Texts(
                "KI im Mittelstand: Vortragsabend",
                "AI in small and medium-sized businesses: lecture evening",
                "Ein Praxisbeispiel aus der Region, ein Blick in die Forschung, danach "
                "Fragen und Gespräche bei Getränken.",
                "A case from the region, a look at research, then questions and talks over drinks.",
            ),
            room="Seminarraum 1",
            audiences=["companies", "students"],
            topics=["ki", "digitalisierung"],
            capacity=60,
            series="ki",
            recurring=Recurring(
                "FREQ=MONTHLY;BYDAY=1TH;COUNT=12", first, 1.5, 60, break_days=False
            ),
            popular=True,
            extra={"languages": ["de"]},
        )
    ]


SEMINARS = [
    (
        "Förderprogramme Thüringen im Überblick",
        "Funding programmes in Thuringia at a glance",
        "Von Thüringen-Invest bis Digitalbonus: welches Programm passt zu welchem Vorhaben?",
        "From Thüringen-Invest to Digitalbonus: which programme fits which project?",
        ["foerderung"],
    ),
    (
        "EU-Förderung für kleine und mittlere Unternehmen",
        "EU funding for small and medium-sized enterprises",
        "EFRE, Horizon Europe und der EIC Accelerator: Chancen, Aufwand und Fristen.",
        "ERDF, Horizon Europe and the EIC Accelerator: chances, effort and deadlines.",
        ["foerderung"],
    ),
    (
        "ZIM – Zentrales Innovationsprogramm Mittelstand",
        "ZIM – the federal innovation programme for SMEs",
        "Wie Sie Forschungs- und Entwicklungsprojekte mit Hochschulen fördern lassen.",
        "How to get research and development projects with universities funded.",
        ["foerderung", "digitalisierung"],
    ),
    (
        "Digitalbonus Thüringen: Antrag Schritt für Schritt",
        "Digitalbonus Thuringia: the application step by step",
        "Wir gehen einen Antrag gemeinsam durch – bringen Sie Ihr Vorhaben mit.",
        "We walk through an application together – bring your own project.",
        ["foerderung", "digitalisierung"],
    ),
    (
        "Gründen mit Förderung: EXIST und Thüringer Gründungsprämie",
        "Founding with funding: EXIST and the Thuringian start-up grant",
        "Für Studierende und Gründende: Stipendien, Prämien und Beratung in Gera.",
        "For students and founders: grants, awards and advice in Gera.",
        ["foerderung", "gruendung"],
    ),
]


def seminar_plans(start: datetime.date, rng: random.Random) -> list[Plan]:
    starts = spread(start, rng, len(SEMINARS), 14)
    return [
        Plan(
            Texts(title, title_en, summary, summary_en),
            room="Seminarraum 2",
            audiences=["companies"] + (["students"] if "gruendung" in topics else []),
            topics=topics,
            capacity=rng.randrange(20, 35, 5),
            series="foerderung",
            starts=[begins],
            hours=3,
            extra={"languages": ["de"]},
        )
        for (title, title_en, summary, summary_en, topics), begins in zip(
            SEMINARS, starts, strict=True
        )
    ]


def open_space_plans(start: datetime.date) -> list[Plan]:
    pupils = local(weekday_on_or_after(start + datetime.timedelta(days=14), 2), 16)
    students = local(weekday_on_or_after(start + datetime.timedelta(days=7), 1), 18)
    return [
        Plan(
            Texts(
                "Open Space für Schülerinnen und Schüler",
                "Open Space for pupils",
                "3D-Druck, Roboter und erste KI-Experimente: einfach vorbeikommen und "
                "mitmachen, ab Klasse 7.",
                "3D printing, robots and first AI experiments: just come along and join "
                "in, from year 7.",
            ),
            room="Werkstatt",
            audiences=["pupils"],
            topics=["schule-ausbildung", "ki"],
            capacity=25,
            series="openspace",
            recurring=Recurring("FREQ=MONTHLY;BYDAY=3WE;COUNT=12", pupils, 2, 25),
            popular=True,
        ),
        Plan(
            Texts(
                "Open Space: Studierende treffen Unternehmen",
                "Open Space: students meet companies",
                "Projektideen, Praxisphasen und Abschlussarbeiten: Studierende der DHGE "
                "und Betriebe aus Gera kommen ins Gespräch.",
                "Project ideas, placements and theses: DHGE students and Gera firms get talking.",
            ),
            room="Foyer",
            audiences=["students", "companies"],
            topics=["gruendung", "digitalisierung"],
            capacity=40,
            series="openspace",
            recurring=Recurring("FREQ=MONTHLY;BYDAY=2TU;COUNT=12", students, 2.5, 40),
            extra={"languages": ["de", "en"]},
        ),
    ]


def hackerspace_plan(start: datetime.date) -> Plan:
    first = local(weekday_on_or_after(start, 1), 19)
    return Plan(
        Texts(
            "Hackerspace-Abend in der Werkstatt",
            "Hackerspace evening in the workshop",
            "Offener Abend mit dem Hackerspace Liebschwitz: Elektronik, Reparaturcafé und "
            "Programmieren für alle, die Lust auf Technik haben.",
            "Open evening with the Hackerspace Liebschwitz: electronics, repair café and "
            "coding for everyone who enjoys technology.",
        ),
        room="Werkstatt",
        audiences=["everyone"],
        topics=["digitalisierung", "daten"],
        capacity=20,
        series="hackerspace",
        recurring=Recurring("FREQ=WEEKLY;INTERVAL=2;BYDAY=TU;COUNT=26", first, 3, 20),
        organiser=HACKERSPACE_SLUG,
        extra={"accessibility": "Werkstatt im Erdgeschoss, stufenloser Zugang."},
    )


SCHOOL_QUESTIONS = [
    {"key": "schule", "label": "Schule", "required": True, "choices": []},
    {"key": "klasse", "label": "Klassenstufe", "required": True,
     "choices": ["7", "8", "9", "10", "11", "12"]},
]  # fmt: skip


def school_plans(start: datetime.date, rng: random.Random) -> list[Plan]:
    topics = [
        ("Schulbesuch: KI zum Anfassen", "School visit: hands-on AI"),
        ("Schulbesuch: Vom Sensor zur Datenanalyse", "School visit: from sensor to data"),
        ("Schulbesuch: Berufe der Digitalisierung", "School visit: jobs in digitalisation"),
        ("Schulbesuch: Programmieren mit Robotern", "School visit: coding with robots"),
    ]
    starts = spread(start, rng, len(topics), 9)
    return [
        Plan(
            Texts(
                title,
                title_en,
                "Ein Vormittag für eine Schulklasse im TGZ. Die Lehrkraft meldet die Klasse "
                "an; das Innovationszentrum bestätigt den Termin.",
                "A morning at the TGZ for one class. The teacher registers the class; the "
                "innovation centre confirms the date.",
            ),
            room="Seminarraum 1",
            audiences=["pupils"],
            topics=["schule-ausbildung", "ki" if "KI" in title else "digitalisierung"],
            capacity=30,
            series="schule",
            starts=[begins],
            hours=3.5,
            extra={"moderated": True, "waitlist_enabled": False, "questions": SCHOOL_QUESTIONS},
        )
        for (title, title_en), begins in zip(topics, starts, strict=True)
    ]


def training_plans(start: datetime.date, rng: random.Random) -> list[Plan]:
    python_days = spread(start + datetime.timedelta(days=20), rng, 3, 9, within=300)
    workshop_days = spread(start + datetime.timedelta(days=40), rng, 2, 13, within=280)
    return [
        Plan(
            Texts(
                "Datenanalyse mit Python",
                "Data analysis with Python",
                "Ein Tag Praxis: Daten einlesen, bereinigen und auswerten mit pandas – "
                "für Einsteigende mit ersten Programmierkenntnissen.",
                "A practical day: reading, cleaning and analysing data with pandas – "
                "for beginners with some programming experience.",
            ),
            room="Schulungsraum",
            audiences=["companies", "students"],
            topics=["daten", "digitalisierung"],
            capacity=12,
            series="training",
            starts=python_days,
            hours=7,
            popular=True,
            extra={"is_free": False, "price": "149.00"},
        ),
        Plan(
            Texts(
                "KI-Werkstatt: Sprachmodelle im Arbeitsalltag",
                "AI workshop: language models at work",
                "Ein Nachmittag zum Ausprobieren: Texte, Tabellen und Recherche mit KI – "
                "und wo ihre Grenzen liegen.",
                "An afternoon to try it out: texts, tables and research with AI – and "
                "where its limits are.",
            ),
            room="Schulungsraum",
            audiences=["companies", "everyone"],
            topics=["ki"],
            capacity=16,
            series="training",
            starts=workshop_days,
            hours=4,
        ),
    ]


def build(plan: Plan, series: dict[str, EventSeries], providers: dict[str, Provider]) -> Event:
    """The event through the services, then its dates (from its rule, or one by one)."""
    data = {
        **plan.texts.data(),
        "series": series[plan.series] if plan.series else None,
        "status": "published",
        "room": plan.room,
        "audiences": plan.audiences,
        "topics": plan.topics,
        "consent_text": CONSENT,
        "languages": ["de"],
        **plan.extra,
    }
    organiser = providers[plan.organiser] if plan.organiser else None
    event = create_event(data=data, organiser=organiser, by=None, source=DEMO)
    if plan.recurring:
        add_recurrence(event, plan.recurring)
    for begins in plan.starts:
        ends = begins + datetime.timedelta(hours=plan.hours)
        add_date(event=event, starts_at=begins, ends_at=ends, capacity=plan.capacity, by=None)
    return event


def add_recurrence(event: Event, rule: Recurring) -> None:
    starts = recurrence.expand(rule=rule.rule, first_start=rule.first_start, exceptions=[])
    exceptions = [start.date() for start in starts if rule.break_days and holiday(start)]
    set_recurrence(
        event=event,
        first_start=rule.first_start,
        duration=datetime.timedelta(hours=rule.hours),
        rule=rule.rule,
        exceptions=exceptions,
        capacity=rule.capacity,
        by=None,
    )


def holiday(moment: datetime.datetime) -> bool:
    """Between Christmas and New Year the centre is closed."""
    day = timezone.localtime(moment).date()
    return (day.month == 12 and day.day >= 21) or (day.month == 1 and day.day <= 3)


# --- registrations ----------------------------------------------------------------------------


def build_registrations(
    events: Iterable[tuple[Plan, Event]], rng: random.Random, *, now: datetime.datetime
) -> list[Registration]:
    """Past dates mostly full with check-ins; the next lecture, the Python training and the
    next pupils' open space full with a waiting list; school visits waiting for approval."""
    rows: list[Registration] = []
    for plan, event in events:
        upcoming = [d for d in event.dates.order_by("starts_at") if d.starts_at > now]
        full = {upcoming[0].pk} if upcoming and plan.popular else set()
        for date in event.dates.order_by("starts_at"):
            rows += registrations_for(date, event, rng, now=now, full=date.pk in full)
    return rows


def registrations_for(
    date: EventDate, event: Event, rng: random.Random, *, now: datetime.datetime, full: bool
) -> list[Registration]:
    past = date.starts_at <= now
    statuses = statuses_for(date, event, rng, past=past, full=full)
    anchor = min(now, date.starts_at) - datetime.timedelta(days=1)
    return [
        person(
            date,
            event,
            rng,
            index,
            status,
            queued_at=anchor - datetime.timedelta(minutes=37 * (len(statuses) - index)),
            past=past,
        )
        for index, status in enumerate(statuses)
    ]


def statuses_for(
    date: EventDate, event: Event, rng: random.Random, *, past: bool, full: bool
) -> list[RegistrationStatus]:
    capacity = date.capacity or 0
    if full:
        waiting = [RegistrationStatus.WAITLISTED] * rng.randint(2, 5)
        return [RegistrationStatus.CONFIRMED] * capacity + waiting
    if event.moderated:  # a school visit: approved once it took place, else still waiting
        status = RegistrationStatus.CONFIRMED if past else RegistrationStatus.PENDING
        return [status] * rng.randint(1, 3)
    share = rng.uniform(0.6, 0.95) if past else rng.uniform(0.0, 0.6) * far_factor(date)
    return [RegistrationStatus.CONFIRMED] * int(capacity * share)


def far_factor(date: EventDate) -> float:
    """Dates far ahead have fewer registrations yet."""
    weeks = max((date.starts_at - timezone.now()).days / 7, 0)
    return max(0.1, 1 - weeks / 30)


def person(
    date: EventDate,
    event: Event,
    rng: random.Random,
    index: int,
    status: RegistrationStatus,
    queued_at: datetime.datetime,
    *,
    past: bool,
) -> Registration:
    first, last = rng.choice(FIRST_NAMES), rng.choice(SURNAMES)
    local_part = slugify(f"{first} {last}").replace("-", ".")
    answers = {"schule": "Regelschule Gera-Lusan (Demo)", "klasse": "8"} if event.questions else {}
    checked_in = past and status == RegistrationStatus.CONFIRMED and rng.random() < 0.8
    return Registration(
        date=date,
        name=f"{first} {last}",
        email=f"{local_part}.{index}@demo.example",  # unique per date: the index
        answers=answers,
        consent_text=event.consent_text,
        consented_at=queued_at,
        status=status,
        queued_at=queued_at,
        key=f"{rng.getrandbits(128):032x}",
        checked_in_at=date.starts_at + datetime.timedelta(minutes=rng.randint(-15, 10))
        if checked_in
        else None,
    )
