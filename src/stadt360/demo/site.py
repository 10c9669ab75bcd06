"""Demo news for the innovation centre (German and English), labelled as demo data.

``setup_demo`` calls :func:`seed_site`: the page tree (``site.seed``), then, when the news
index has no news yet, eight plausible items about Gera's economy and the centre dated over
the last weeks. They are ``is_demo`` pages: every list and page shows "Demodaten".
"""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from wagtail.models import Locale

from stadt360.site.feeds import published_at
from stadt360.site.models import NewsIndexPage, NewsPage, NewsTopic
from stadt360.site.seed import ensure_site_tree, publish, translated

TOPICS = {
    "wirtschaft": ("Wirtschaft", "Economy"),
    "innovationszentrum": ("Innovationszentrum", "Innovation centre"),
    "foerderung": ("Förderung", "Funding"),
    "ki": ("Künstliche Intelligenz", "Artificial intelligence"),
}

# (days ago, slug, topics, German title, German teaser, English title, English teaser)
NEWS = [
    (2, "ki-sprechstunde-startet", ["ki", "innovationszentrum"],
     "KI-Sprechstunde für kleine Firmen startet",
     "Jeden zweiten Dienstag beraten Studierende der DHGE Geraer Betriebe, wo KI im Alltag hilft.",
     "AI consultation hour for small firms starts",
     "Every other Tuesday, DHGE students advise Gera businesses on where AI helps in daily work."),
    (6, "vortragsreihe-ki-im-mittelstand", ["ki", "innovationszentrum"],
     "Vortragsreihe „KI im Mittelstand“ geht in die zweite Runde",
     "Sechs Abende im TGZ: Praxisberichte aus Handwerk, Logistik und Medizintechnik.",
     "Lecture series “AI in small and medium businesses” returns",
     "Six evenings at the TGZ: practical reports from crafts, logistics and medical technology."),
    (11, "gewerbegebiet-auslastung", ["wirtschaft"],
     "Gewerbeflächen in Gera gefragt",
     "Mehrere Unternehmen suchen Flächen für Erweiterungen; die Wirtschaftsförderung vermittelt.",
     "Commercial space in Gera in demand",
     "Several companies are looking for space to expand; the business development office helps."),
    (17, "foerdersprechtag", ["foerderung"],
     "Fördersprechtag: Digitalisierung im Betrieb",
     "Welche Programme von Land und Bund passen? Einzelgespräche nach Anmeldung im TGZ.",
     "Funding consultation day: digitalisation in your business",
     "Which state and federal programmes fit? One-to-one talks at the TGZ after registration."),
    (23, "schulbesuch-hackerspace", ["innovationszentrum"],
     "Schulklassen zu Gast im Hackerspace",
     "Schülerinnen und Schüler bauten Wetterstationen mit Mikrocontrollern und stellten sie vor.",
     "School classes visit the hackerspace",
     "Pupils built weather stations with microcontrollers and presented them."),
    (30, "ausbildungsmesse", ["wirtschaft"],
     "Ausbildungsmesse mit Rekord bei den Ausstellern",
     "Über 80 Betriebe aus Gera und Ostthüringen stellten Ausbildungsberufe und Studiengänge vor.",
     "Apprenticeship fair with a record number of exhibitors",
     "More than 80 firms from Gera and East Thuringia presented apprenticeships and study courses."),
    (38, "gruendungswettbewerb", ["foerderung", "wirtschaft"],
     "Gründungsideen gesucht",
     "Der Ideenwettbewerb der Region nimmt wieder Bewerbungen an; das Zentrum hilft beim Konzept.",
     "Start-up ideas wanted",
     "The region's idea competition is open again; the centre helps with the business plan."),
    (45, "open-space-abende", ["innovationszentrum"],
     "Open-Space-Abende für Studierende und Firmen",
     "Einmal im Monat treffen sich Studierende und Unternehmen zum Austausch über Projekte.",
     "Open-space evenings for students and companies",
     "Once a month, students and companies meet to talk about projects."),
]  # fmt: skip


def topics() -> dict[str, NewsTopic]:
    made = {}
    for slug, (german, english) in TOPICS.items():
        made[slug] = NewsTopic.objects.update_or_create(
            slug=slug, defaults={"name_de": german, "name_en": english, "name": german}
        )[0]
    return made


def body(teaser: str, english: bool) -> str:
    note = (
        "This is a generated example (demo data), not a real news item."
        if english
        else "Dies ist ein erzeugtes Beispiel (Demodaten), keine echte Meldung."
    )
    return f"<p>{teaser}</p><p>{note}</p>"


def add_news(index: NewsIndexPage, english: Locale) -> int:
    by_slug = topics()
    today = timezone.localdate()
    for days, slug, topic_slugs, title, teaser, title_en, teaser_en in NEWS:
        page = NewsPage(
            title=title, slug=slug, date=today - timedelta(days=days), teaser=teaser,
            body=body(teaser, english=False), is_demo=True,
        )  # fmt: skip
        page.topics = [by_slug[s] for s in topic_slugs]
        page.first_published_at = published_at(page)
        german = publish(index.add_child(instance=page))
        fields = {"title": title_en, "teaser": teaser_en, "body": body(teaser_en, english=True)}
        translated(german, english, fields)
    return len(NEWS)


def seed_site() -> int:
    """The page tree, and the demo news when there is none yet; returns how many were added."""
    centre = ensure_site_tree()["de"]
    index = NewsIndexPage.objects.child_of(centre).first()
    if index is None or NewsPage.objects.descendant_of(index).exists():
        return 0
    with transaction.atomic():
        return add_news(index, Locale.objects.get(language_code="en"))
