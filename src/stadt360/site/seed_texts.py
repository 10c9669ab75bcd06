"""Starting texts of the centre's pages in German and English (editors change them in /cms/).

Facts we could check stay plain (the TGZ is in the Gewerbepark Keplerstraße in Gera); what
we could not (house number, opening hours, contact, projects) is marked as demo data until
the centre fills it in.
"""

from typing import Any

LEGAL_TITLES = {
    "imprint": {"de": "Impressum", "en": "Legal notice"},
    "privacy": {"de": "Datenschutz", "en": "Privacy"},
    "accessibility": {"de": "Erklärung zur Barrierefreiheit", "en": "Accessibility statement"},
    "easy-language": {"de": "Leichte Sprache", "en": "Easy language"},
}

NEWS_INDEX = {
    "de": {
        "title": "Aktuelles",
        "intro": "Neuigkeiten aus Geras Wirtschaft und dem Innovationszentrum.",
    },
    "en": {"title": "News", "intro": "News from Gera's economy and the innovation centre."},
}


def _project(title: str, text: str) -> tuple[str, dict[str, str]]:
    return ("project", {"title": title, "text": text, "link": "", "link_text": ""})


def _option(title: str, text: str) -> tuple[str, dict[str, str]]:
    return ("option", {"title": title, "text": text, "link": "", "link_text": ""})


CENTRE: dict[str, dict[str, Any]] = {
    "de": {
        "title": "Innovationszentrum Gera",
        "intro": (
            "<p>Das Innovationszentrum im Technologie- und Gründerzentrum (TGZ) Gera bringt "
            "Unternehmen mit neuen Technologien zusammen – zuerst mit Künstlicher Intelligenz. "
            "Es verbindet die Forschung der Dualen Hochschule Gera-Eisenach (DHGE) mit Firmen "
            "aus der Region und ist ein Ort, an dem sich Schülerinnen und Schüler, Studierende "
            "und Unternehmen treffen, Projekte beginnen, Vorträge und Seminare besuchen und "
            "Hilfe bei Förderanträgen bekommen.</p>"
        ),
        "projects": [
            _project(
                "KI-Sprechstunde für den Mittelstand (Demodaten)",
                "Firmen bringen eine Frage aus ihrem Alltag mit, Studierende der DHGE prüfen, "
                "ob und wie KI dabei hilft.",
            ),
            _project(
                "Offene Werkstatt mit dem Hackerspace (Demodaten)",
                "Einmal im Monat: Löten, 3D-Druck und Mikrocontroller für alle, die etwas bauen "
                "wollen.",
            ),
        ],
        "address": "Technologie- und Gründerzentrum Gera (TGZ)\nGewerbepark Keplerstraße\nGera",
        "directions": (
            "<p>Demodaten: Hausnummer, Anfahrt mit Straßenbahn und Bus, Parkplätze und "
            "Öffnungszeiten trägt das Team des Innovationszentrums hier ein.</p>"
        ),
        "contact": (
            "<p>Demodaten: Telefon und E-Mail-Adresse des Innovationszentrums trägt das Team "
            "hier ein.</p>"
        ),
        "involvement": [
            _option(
                "Mitglied im Förderverein werden",
                "Der Förderverein unterstützt Veranstaltungen, Schulprojekte und den "
                "Hackerspace. Jede Mitgliedschaft hilft.",
            ),
            _option(
                "Partner werden",
                "Unternehmen, Hochschulen und Vereine stellen Aufgaben, Räume oder Technik "
                "bereit und sind bei Veranstaltungen dabei.",
            ),
            _option(
                "Mentorin oder Mentor werden",
                "Sie begleiten ein Team aus Schule, Studium oder Gründung ein paar Stunden im "
                "Monat mit Ihrer Erfahrung.",
            ),
        ],
    },
    "en": {
        "title": "Innovation centre Gera",
        "intro": (
            "<p>The innovation centre at Gera's technology and start-up centre (TGZ) brings "
            "companies together with new technologies – artificial intelligence first. It "
            "links research at the Cooperative State University Gera-Eisenach (DHGE) with local "
            "firms and is a place where pupils, students and companies meet, start projects, "
            "attend lectures and seminars and get help with funding applications.</p>"
        ),
        "projects": [
            _project(
                "AI consultation hour for small businesses (demo data)",
                "Companies bring a question from their daily work; DHGE students check whether "
                "and how AI can help.",
            ),
            _project(
                "Open workshop with the hackerspace (demo data)",
                "Once a month: soldering, 3D printing and microcontrollers for everyone who "
                "wants to build something.",
            ),
        ],
        "address": "Technologie- und Gründerzentrum Gera (TGZ)\nGewerbepark Keplerstraße\nGera",
        "directions": (
            "<p>Demo data: the centre's team enters the house number, how to get there by tram "
            "and bus, parking and opening hours here.</p>"
        ),
        "contact": (
            "<p>Demo data: the centre's team enters its phone number and e-mail address here.</p>"
        ),
        "involvement": [
            _option(
                "Join the supporting association",
                "The association supports events, school projects and the hackerspace. Every "
                "membership helps.",
            ),
            _option(
                "Become a partner",
                "Companies, universities and associations provide challenges, rooms or "
                "equipment and take part in events.",
            ),
            _option(
                "Become a mentor",
                "Accompany a team from school, university or a start-up for a few hours a month "
                "with your experience.",
            ),
        ],
    },
}
