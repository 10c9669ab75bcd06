"""A fixed, realistic German offer corpus with topic labels (seeded; no randomness at run time).

``offers(n, seed)`` yields specs: the model fields of a job, flat, Kita or school plus the
labels the judged queries grade against (``tests/data/search_judgements.json``). The test
fixture saves the specs as offers; ``bench/search.py`` generates 200,000 of them.
"""

import json
import random
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

JUDGEMENTS = Path(__file__).resolve().parents[1] / "data" / "search_judgements.json"
DISTRICTS = [
    ("innenstadt", "Innenstadt"),
    ("gera-ost", "Gera-Ost"),
    ("pforten", "Pforten"),
    ("tinz", "Tinz"),
    ("untermhaus", "Untermhaus"),
    ("debschwitz", "Debschwitz"),
    ("lusan", "Lusan"),
    ("zwoetzen", "Zwötzen"),
    ("leumnitz", "Leumnitz"),
    ("bieblach", "Bieblach"),
    ("langenberg", "Langenberg"),
    ("milbitz", "Milbitz"),
]
# role: (topic, titles, tasks)
ROLES: dict[str, tuple[str, list[str], list[str]]] = {
    "krankenpflege": (
        "pflege",
        [
            "Gesundheits- und Krankenpfleger (m/w/d)",
            "Pflegefachkraft (m/w/d) für die Intensivstation",
            "Krankenschwester / Pflegefachfrau (m/w/d)",
            "Pflegefachmann (m/w/d) Innere Medizin",
        ],
        [
            "Versorgung der Patientinnen und Patienten im Klinikum",
            "Behandlungspflege und Dokumentation",
            "Zusammenarbeit mit dem ärztlichen Dienst",
        ],
    ),
    "altenpflege": (
        "pflege",
        [
            "Altenpfleger/in (m/w/d)",
            "Pflegehelfer (m/w/d) in der Altenpflege",
            "Pflegefachkraft (m/w/d) im Seniorenheim",
            "Pflegekräfte (m/w/d) für die ambulante Pflege",
        ],
        [
            "Grundpflege und Betreuung unserer Bewohnerinnen",
            "Pflegeplanung im Pflegeheim",
            "Tourenpflege im Pflegedienst",
        ],
    ),
    "erzieher": (
        "kinder",
        [
            "Erzieher (m/w/d) für unsere Kita",
            "Erzieherin (m/w/d) im Krippenbereich",
            "Pädagogische Fachkraft (m/w/d) im Kindergarten",
            "Kinderpfleger/in (m/w/d)",
            "Sozialpädagoge (m/w/d) im Schulhort",
        ],
        [
            "Kinderbetreuung in altersgemischten Gruppen",
            "Bildungsdokumentation und Elterngespräche",
            "Begleitung der Eingewöhnung",
        ],
    ),
    "lager": (
        "lager",
        [
            "Fachkraft für Lagerlogistik (m/w/d)",
            "Lagerist (m/w/d)",
            "Kommissionierer (m/w/d) im Versandlager",
            "Staplerfahrer (m/w/d) im Logistikzentrum",
            "Lagermitarbeiter (m/w/d) Wareneingang",
        ],
        [
            "Warenannahme und Einlagerung",
            "Kommissionierung mit dem Handscanner",
            "Verladung mit dem Gabelstapler",
        ],
    ),
    "it": (
        "it",
        [
            "Softwareentwickler (m/w/d) Python",
            "Anwendungsentwickler (m/w/d) Java",
            "Webentwickler (m/w/d) Frontend",
            "Programmierer (m/w/d) für Fachanwendungen",
        ],
        [
            "Entwicklung von Webanwendungen",
            "Softwareentwicklung im agilen Team",
            "Code-Reviews und automatisierte Tests",
        ],
    ),
    "verkauf": (
        "verkauf",
        [
            "Verkäufer (m/w/d) im Lebensmitteleinzelhandel",
            "Kassiererin (m/w/d)",
            "Einzelhandelskaufmann (m/w/d)",
            "Verkäuferin (m/w/d) Bäckerei",
        ],
        ["Beratung der Kundschaft", "Warenpräsentation und Kasse", "Pflege des Sortiments"],
    ),
    "gastro": (
        "gastro",
        [
            "Koch (m/w/d)",
            "Köchin (m/w/d) in der Betriebskantine",
            "Servicekraft (m/w/d) im Restaurant",
            "Küchenhilfe (m/w/d)",
        ],
        [
            "Zubereitung der Speisen",
            "Bedienung unserer Gäste",
            "Einhaltung der Hygienevorschriften",
        ],
    ),
    "verwaltung": (
        "verwaltung",
        [
            "Sachbearbeiter (m/w/d) im Bürgeramt",
            "Kaufmann für Büromanagement (m/w/d)",
            "Verwaltungsfachangestellte (m/w/d)",
            "Sachbearbeiterin (m/w/d) Buchhaltung",
        ],
        ["Bearbeitung von Anträgen", "Korrespondenz und Terminplanung", "Pflege der Stammdaten"],
    ),
    "elektro": (
        "handwerk",
        [
            "Elektroniker (m/w/d) für Energie- und Gebäudetechnik",
            "Elektriker (m/w/d) im Anlagenbau",
            "Elektroinstallateur (m/w/d)",
        ],
        [
            "Installation von Schaltanlagen",
            "Wartung der Gebäudetechnik",
            "Fehlersuche an elektrischen Anlagen",
        ],
    ),
    "kfz": (
        "handwerk",
        ["Kfz-Mechatroniker (m/w/d)", "Mechatroniker (m/w/d) Nutzfahrzeuge"],
        ["Wartung und Reparatur von Fahrzeugen", "Diagnose mit modernen Prüfgeräten"],
    ),
    "fahrer": (
        "fahrer",
        [
            "Berufskraftfahrer (m/w/d) Nahverkehr",
            "Lkw-Fahrer (m/w/d) Klasse CE",
            "Busfahrer (m/w/d) im Linienverkehr",
        ],
        ["Auslieferung an unsere Kunden in Ostthüringen", "Fahrten im Stadtverkehr Gera"],
    ),
    "reinigung": (
        "reinigung",
        ["Reinigungskraft (m/w/d)", "Gebäudereiniger (m/w/d)", "Raumpflegerin (m/w/d) in Teilzeit"],
        ["Unterhaltsreinigung von Büros und Praxen", "Glasreinigung und Sonderreinigung"],
    ),
    "mfa": (
        "medizin",
        [
            "Medizinische Fachangestellte (m/w/d)",
            "Arzthelferin (m/w/d) Hausarztpraxis",
            "Physiotherapeut (m/w/d)",
        ],
        [
            "Empfang und Terminvergabe in der Praxis",
            "Assistenz bei Untersuchungen",
            "Abrechnung mit den Krankenkassen",
        ],
    ),
}
EMPLOYERS = [
    "SRH Wald-Klinikum",
    "Pflegedienst Elstertal",
    "Seniorenresidenz Am Ferberturm",
    "Logistikpark Gera-Leumnitz",
    "Stadtwerke Gera",
    "Softwarehaus Ostthüringen",
    "Bäckerei Sorgenfrei",
    "Autohaus Elsterblick",
    "GVB Verkehrsbetriebe",
    "Gebäudeservice Tinz",
    "Hausarztpraxis am Markt",
    "Kantine Wismut-Park",
    "Elektro Meister Zwötzen",
]
BENEFITS = [
    "Jobticket und betriebliche Altersvorsorge",
    "30 Tage Urlaub und flexible Arbeitszeiten",
    "Fort- und Weiterbildung",
    "ein kollegiales Team und Zuschläge",
    "eine unbefristete Anstellung",
]
EMPLOYMENT = [
    "full_time",
    "full_time",
    "full_time",
    "part_time",
    "part_time",
    "mini_job",
    "apprenticeship",
]
EMPLOYMENT_WORDS = {
    "full_time": "in Vollzeit",
    "part_time": "in Teilzeit",
    "mini_job": "als Minijob",
    "apprenticeship": "als Ausbildung",
}
FLAT_TITLES = [
    "{rooms}-Raum-Wohnung in {district}",
    "Helle {rooms}-Zimmer-Wohnung",
    "Gemütliche Wohnung mit {rooms} Zimmern",
    "Sanierte Altbauwohnung, {rooms} Räume",
    "Familienwohnung im Grünen",
]
FLAT_LANDLORDS = [
    "Wohnungsbaugenossenschaft Aufbau",
    "GWB Elstertal",
    "Hausverwaltung Lusan",
    "Privatvermieter Untermhaus",
]
FLAT_FEATURES = {
    "balcony": ["mit sonnigem Balkon", "Balkon zur Hofseite", "großer Balkon mit Blick ins Grüne"],
    "ebk": ["Einbauküche vorhanden", "moderne Einbauküche inklusive"],
    "lift": ["Aufzug im Haus", "mit Personenaufzug"],
    "step_free": ["barrierefreier Zugang", "stufenlos erreichbar, ebenerdige Dusche"],
    "pets": ["Haustiere sind willkommen", "Haustierhaltung nach Absprache erlaubt"],
}
FLAT_FILLER = [
    "Tageslichtbad mit Wanne",
    "Laminat in allen Räumen",
    "Keller und Fahrradraum",
    "Gute Anbindung an Straßenbahn und Bus",
    "Einkaufsmöglichkeiten in der Nähe",
    "Frisch renoviert",
    "Zentralheizung",
]
KITA_NAMES = [
    "Sonnenschein",
    "Pusteblume",
    "Regenbogen",
    "Zwergenland",
    "Spatzennest",
    "Kunterbunt",
    "Märchenland",
    "Wirbelwind",
    "Löwenzahn",
    "Schatzkiste",
]
KITA_KINDS = ["Kita", "Kindergarten", "Kindertagesstätte", "Kinderhaus"]
CONCEPT_TEXT = {
    "situational": "Wir arbeiten nach dem situationsorientierten Ansatz.",
    "montessori": "Unsere Pädagogik folgt Maria Montessori: Hilf mir, es selbst zu tun.",
    "forest": "Als Waldkindergarten sind wir bei jedem Wetter draußen im Stadtwald.",
    "open": "Wir arbeiten offen mit Funktionsräumen und Lernwerkstätten.",
    "bilingual": "Bei uns wird zweisprachig betreut: Deutsch und Englisch.",
}
SCHOOLS = [
    ("grundschule", "Staatliche Grundschule {district}", 1, 4),
    ("grundschule", "Grundschule am {street}", 1, 4),
    ("regelschule", "Staatliche Regelschule {district}", 5, 10),
    ("gymnasium", "{person}-Gymnasium", 5, 12),
    ("gemeinschaftsschule", "Gemeinschaftsschule {district}", 1, 12),
    ("foerderschule", "Förderzentrum {person}", 1, 10),
]
PERSONS = ["Goethe", "Schiller", "Zabel", "Dix", "Rutheneum", "Liebe"]
STREETS = ["Mühlgraben", "Sorge", "Heinrichsplatz", "Elsterdamm", "Ferberturm"]
VOCATIONAL = [
    (
        "Berufsbildendes Schulzentrum Gesundheit und Soziales",
        "Ausbildung in Pflege, Sozialassistenz und als Erzieher",
        {"topic:pflege", "topic:kinder"},
    ),
    (
        "Berufsbildendes Schulzentrum Technik",
        "Ausbildung in Elektrotechnik, Metall und Lagerlogistik",
        {"topic:lager", "topic:handwerk"},
    ),
]


@dataclass(frozen=True)
class OfferSpec:
    key: str
    kind: str
    district: str
    fields: dict
    labels: frozenset[str]


def offers(n: int, seed: int = 360) -> Iterator[OfferSpec]:
    """``n`` offers: 50 % jobs, 38 % flats, 8 % Kitas, 4 % schools (plus vocational schools)."""
    rng = random.Random(seed)
    counts = {"job": n * 50 // 100, "flat": n * 38 // 100, "kita": n * 8 // 100}
    counts["school"] = n - sum(counts.values())
    for kind, count in counts.items():
        make = {"job": _job, "flat": _flat, "kita": _kita, "school": _school}[kind]
        for index in range(count):
            yield make(rng, index)


def _district(rng: random.Random) -> tuple[str, str]:
    return rng.choice(DISTRICTS)


def _job(rng: random.Random, index: int) -> OfferSpec:
    role = list(ROLES)[index % len(ROLES)]
    topic, titles, tasks = ROLES[role]
    slug, district = _district(rng)
    employment = rng.choice(EMPLOYMENT)
    title = rng.choice(titles)
    if employment == "apprenticeship":
        title = f"Ausbildung: {title}"
    labels = {"kind:job", f"topic:{topic}", f"role:{role}", f"emp:{employment}", f"district:{slug}"}
    extras = []
    if role in {"krankenpflege", "altenpflege", "lager", "gastro"} and rng.random() < 0.5:
        extras.append("Die Arbeit ist im Schichtdienst.")
        labels.add("shift")
    if role == "it" and rng.random() < 0.6:
        extras.append("Homeoffice ist an bis zu drei Tagen möglich.")
        labels.add("remote")
    description = (
        f"{rng.choice(EMPLOYERS)} sucht {EMPLOYMENT_WORDS[employment]} in Gera-{district}: {title}. "
        f"Ihre Aufgaben: {', '.join(rng.sample(tasks, min(2, len(tasks))))}. "
        f"Wir bieten {rng.choice(BENEFITS)}. {' '.join(extras)}"
    ).strip()
    fields = {
        "title": title,
        "description": description,
        "employment_type": employment,
        "weekly_hours": Decimal("20" if employment != "full_time" else "40"),
    }
    return OfferSpec(f"job-{index:03d}", "job", slug, fields, frozenset(labels))


def _flat(rng: random.Random, index: int) -> OfferSpec:
    slug, district = _district(rng)
    rooms = rng.choice([1, 2, 2, 3, 3, 3, 4, 5])
    chosen = [
        name
        for name, share in (
            ("balcony", 0.5),
            ("ebk", 0.4),
            ("lift", 0.25),
            ("step_free", 0.15),
            ("pets", 0.2),
        )
        if rng.random() < share
    ]
    attic = rng.random() < 0.12
    title = rng.choice(FLAT_TITLES).format(rooms=rooms, district=district)
    if attic:
        title = f"Dachgeschosswohnung, {rooms} Zimmer"
    text = [rng.choice(FLAT_FEATURES[name]) for name in chosen]
    text += rng.sample(FLAT_FILLER, 2)
    description = f"Schöne Mietwohnung in Gera-{district}. " + ". ".join(text) + "."
    labels = {"kind:flat", f"rooms:{min(rooms, 4)}", f"district:{slug}", *chosen}
    if attic:
        labels.add("attic")
    fields = {
        "title": title,
        "description": description,
        "rooms": Decimal(rooms),
        "living_space": Decimal(25 + rooms * 18),
        "balcony": "balcony" in chosen,
        "lift": "lift" in chosen,
        "step_free": "step_free" in chosen,
        "wbs_required": rng.random() < 0.1,
    }
    if fields["wbs_required"]:
        labels.add("wbs")
    return OfferSpec(f"flat-{index:03d}", "flat", slug, fields, frozenset(labels))


def _kita(rng: random.Random, index: int) -> OfferSpec:
    slug, district = _district(rng)
    concept = rng.choice(list(CONCEPT_TEXT))
    krippe = rng.random() < 0.6
    inclusive = rng.random() < 0.3
    kind_word = "Waldkindergarten" if concept == "forest" else rng.choice(KITA_KINDS)
    name = f"{kind_word} {rng.choice(KITA_NAMES)}"
    parts = [
        CONCEPT_TEXT[concept],
        f"Unsere Einrichtung in Gera-{district} bietet liebevolle Kinderbetreuung.",
    ]
    if krippe:
        parts.append("In der Krippe betreuen wir Kinder ab dem ersten Lebensjahr.")
    if inclusive:
        parts.append("Wir arbeiten integrativ und inklusiv.")
    labels = {"kind:kita", "topic:kinder", f"concept:{concept}", f"district:{slug}"}
    labels |= {"krippe"} if krippe else set()
    labels |= {"inclusive"} if inclusive else set()
    fields = {
        "name": name,
        "description": " ".join(parts),
        "concept": concept,
        "age_from_months": 12 if krippe else 36,
        "inclusive": inclusive,
        "capacity": 60,
    }
    return OfferSpec(f"kita-{index:03d}", "kita", slug, fields, frozenset(labels))


def _school(rng: random.Random, index: int) -> OfferSpec:
    slug, district = _district(rng)
    if index < len(VOCATIONAL):
        name, text, topics = VOCATIONAL[index]
        fields = {
            "name": name,
            "description": f"{text}. Vollzeitschulische Bildungsgänge.",
            "school_type": "berufsbildend",
            "grade_from": 11,
            "grade_to": 13,
            "all_day_care": False,
        }
        return OfferSpec(
            f"school-{index:03d}",
            "school",
            slug,
            fields,
            frozenset({"kind:school", "school:berufsbildend", f"district:{slug}", *topics}),
        )
    school_type, pattern, grade_from, grade_to = SCHOOLS[index % len(SCHOOLS)]
    name = pattern.format(district=district, street=rng.choice(STREETS), person=rng.choice(PERSONS))
    all_day = school_type == "grundschule" or rng.random() < 0.3
    parts = [
        f"Unsere Schule in Gera-{district} unterrichtet die Klassen {grade_from} bis {grade_to}."
    ]
    if all_day:
        parts.append("Mit Hort und Ganztagsangeboten am Nachmittag.")
    if rng.random() < 0.3:
        parts.append("Englisch ab Klasse 1, bilinguale Projekte.")
    labels = {"kind:school", f"school:{school_type}", f"district:{slug}"} | (
        {"ganztag"} if all_day else set()
    )
    fields = {
        "name": name,
        "description": " ".join(parts),
        "school_type": school_type,
        "grade_from": grade_from,
        "grade_to": grade_to,
        "all_day_care": all_day,
    }
    return OfferSpec(f"school-{index:03d}", "school", slug, fields, frozenset(labels))


def grade(labels: frozenset[str], rules: list[dict]) -> int:
    """The highest grade of a rule whose labels the document all carries (0 when none)."""
    return max((rule["grade"] for rule in rules if set(rule["all"]) <= labels), default=0)


def load_judgements() -> list[dict]:
    return json.loads(JUDGEMENTS.read_text(encoding="utf-8"))["queries"]
